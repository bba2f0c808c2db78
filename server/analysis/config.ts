// Every tunable number of the gap finder, with its default and why. The
// formulas that use them are in docs/gap-finder.md; change a default there too.
import { z } from 'zod';

const weight = z.number().nonnegative();
const share = z.number().min(0).max(1);

/** Score of a size band (营收规模 / 员工规模), 0–1. */
const BandScores = z
  .object({ XS: share.default(0), S: share.default(0.25), M: share.default(0.5), L: share.default(0.75), XL: share.default(1) })
  .prefault({});

/** A group of capital origins the district courts as a brand (plan 二(三)11: 日资高地, 韩资板块, 欧美组团). */
const OriginGroup = z.object({
  /** Stable code, e.g. `jp`, `kr`, `euam`. */
  code: z.string().min(1),
  labelZh: z.string().min(1),
  labelEn: z.string().min(1),
  /** Region ids of countries of origin (`Firm.originId`). */
  origins: z.array(z.string().min(1)).min(1),
  score: share,
});

export const GapFinderConfig = z
  .object({
    /**
     * Strength of a segment in the home region:
     *   strength = count·n + size·Σ bandScore + highTech·#高新 + specialized·#专精特新 + listed·#上市 + anchor·#链主
     * over the local firms operating in it. bandScore = the higher of the
     * firm's revenue and employee band scores (0 when neither is known).
     */
    strength: z
      .object({
        count: weight.default(1),
        size: weight.default(1),
        highTech: weight.default(0.5),
        specialized: weight.default(0.5),
        listed: weight.default(1),
        anchor: weight.default(2),
        bandScores: BandScores,
      })
      .prefault({}),

    /**
     * Status thresholds on strength: STRONG 优势 ≥ strongMin, POTENTIAL 潜力 ≥
     * potentialMin, else WEAK 薄弱; MISSING 空白 when no local firm. One local
     * firm is at most WEAK (single point of failure) whatever its strength.
     * Defaults: two mid-sized high-tech firms (2 + 1 + 1 = 4) are POTENTIAL;
     * STRONG needs a listed or anchor firm plus company, or a handful of firms.
     */
    status: z
      .object({
        strongMin: weight.default(6),
        potentialMin: weight.default(3),
      })
      .refine((s) => s.strongMin >= s.potentialMin, { message: 'status.strongMin must be ≥ status.potentialMin' })
      .prefault({}),

    /**
     * Relatedness between segments s ≠ t (0–1), a weighted mean of
     *   feeds: FEEDS adjacency (max edge weight in either direction),
     *   colocation: proximity φ = #cities where both present / max(ubiquity),
     *   sharedFirms: firms active in both / min(total_s, total_t).
     * Weights are normalised to sum 1.
     */
    relatedness: z
      .object({
        feeds: weight.default(0.4),
        colocation: weight.default(0.3),
        sharedFirms: weight.default(0.3),
        /** A segment is present in a city for φ when the city has at least this many firms in it. */
        colocationMinFirms: z.number().int().positive().default(1),
      })
      .prefault({}),

    /**
     * How much a related segment counts as "present locally" in relatedness
     * density, by its local status. WEAK counts half: the capability exists but is thin.
     */
    presence: z
      .object({ STRONG: share.default(1), POTENTIAL: share.default(1), WEAK: share.default(0.5), MISSING: share.default(0) })
      .prefault({}),

    /** Quadrant cut-offs: RCA ≥ rcaCut is "specialised"; density ≥ densityHigh is "well supported". */
    quadrant: z
      .object({
        rcaCut: z.number().positive().default(1),
        densityHigh: share.default(0.5),
      })
      .prefault({}),

    /** RCA reported when the benchmark share is 0 but the home region has firms (national count 0). */
    rcaCap: z.number().positive().default(100),

    /**
     * criticality (0–1) = weighted mean of
     *   reach: Σ downstream W(s,t) / the cluster's largest such sum,
     *   localDemand: Σ downstream W(s,t)·presence(t) / the cluster's largest such sum,
     *   anchors: local 链主 of the cluster downstream, Σ max W / #local 链主,
     *   bottleneck: mean share of its direct downstream's FEEDS inputs that come from s.
     * W(s,t) = max over FEEDS paths s→…→t of Π edge weight × hopDecay^(hops−1).
     */
    criticality: z
      .object({
        reach: weight.default(0.4),
        localDemand: weight.default(0.2),
        anchors: weight.default(0.2),
        bottleneck: weight.default(0.2),
        hopDecay: z.number().gt(0).max(1).default(0.5),
      })
      .prefault({}),

    /**
     * feasibility (0–1) = weighted mean of relatedness density and availability
     * = min(1, outside firms in the segment / availabilitySaturation).
     */
    feasibility: z
      .object({
        density: weight.default(0.6),
        availability: weight.default(0.4),
        availabilitySaturation: z.number().positive().default(10),
      })
      .prefault({}),

    /**
     * priority (0–100) = 100 × weighted mean of criticality and feasibility, per
     * action kind. 延链 EXTEND leans on feasibility (mostly relatedness density):
     * an adjacent segment is worth entering when the district already has what it
     * is related to.
     */
    priority: z
      .object({
        FILL: z.object({ criticality: weight.default(0.6), feasibility: weight.default(0.4) }).prefault({}),
        STRENGTHEN: z.object({ criticality: weight.default(0.6), feasibility: weight.default(0.4) }).prefault({}),
        EXTEND: z.object({ criticality: weight.default(0.3), feasibility: weight.default(0.7) }).prefault({}),
        CREATE: z.object({ criticality: weight.default(0.6), feasibility: weight.default(0.4) }).prefault({}),
      })
      .prefault({}),

    /**
     * Target score (0–100) = 100 × Σ normalised weight × factor value (0–1):
     * scale, technology, ties (以商引商), region (长三角 first), origin, multiCluster.
     */
    targets: z
      .object({
        weights: z
          .object({
            scale: weight.default(0.2),
            technology: weight.default(0.2),
            ties: weight.default(0.2),
            region: weight.default(0.15),
            origin: weight.default(0.1),
            multiCluster: weight.default(0.15),
          })
          .prefault({}),
        /** technology = Σ of these for the flags the firm has (they sum to 1 by default). */
        technology: z
          .object({ highTech: share.default(0.4), specialized: share.default(0.4), listed: share.default(0.2) })
          .prefault({}),
        /** ties = min(1, Σ tie credit / tiesSaturation); a tie to a local 链主 earns anchorTieCredit, others 1. */
        tiesSaturation: z.number().positive().default(3),
        anchorTieCredit: z.number().nonnegative().default(2),
        /** Region preference by where the firm is: 长三角 (YRD) > rest of the home country > abroad. */
        region: z
          .object({ yrd: share.default(1), domestic: share.default(0.5), abroad: share.default(0.3) })
          .prefault({}),
        /** origin = the best of the matching origin-group score and the ownership score. */
        originGroups: z
          .array(OriginGroup)
          .default([
            { code: 'jp', labelZh: '日资高地', labelEn: 'Japanese capital hub', origins: ['jp'], score: 1 },
            { code: 'kr', labelZh: '韩资板块', labelEn: 'Korean capital block', origins: ['kr'], score: 1 },
            {
              code: 'euam',
              labelZh: '欧美组团',
              labelEn: 'European & American group',
              origins: ['us', 'ca', 'de', 'fr', 'gb', 'it', 'nl', 'be', 'ch', 'at', 'se', 'fi', 'dk', 'no', 'ie', 'es', 'lu'],
              score: 1,
            },
          ]),
        /** Plan 一(二)3 "突出民营经济": private capital scores above state capital by default. */
        ownership: z
          .object({ foreign: share.default(0.5), private: share.default(0.6), state: share.default(0.4), mixed: share.default(0.5) })
          .prefault({}),
        /**
         * multiCluster = min(1, gap credit / multiClusterSaturation) over the firm's
         * OTHER segments: 1 per segment with no local firm (MISSING), weakGapCredit
         * per segment whose local firm count n makes it WEAK by count alone
         * (n = 1, or count·n < potentialMin).
         */
        weakGapCredit: share.default(0.5),
        multiClusterSaturation: z.number().positive().default(3),
      })
      .prefault({}),
  })
  .prefault({});

export type GapFinderConfig = z.infer<typeof GapFinderConfig>;
export type GapFinderConfigInput = z.input<typeof GapFinderConfig>;

/** The defaults, parsed once. */
export const defaultGapFinderConfig: GapFinderConfig = GapFinderConfig.parse({});

/** Fills defaults into a partial config (validated). */
export function gapFinderConfig(partial?: GapFinderConfigInput): GapFinderConfig {
  return partial === undefined ? defaultGapFinderConfig : GapFinderConfig.parse(partial);
}
