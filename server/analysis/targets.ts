// Target recommendation (招引对象推荐) for one segment: outside firms that
// operate in it, ranked by a transparent score whose every factor is returned
// (docs/gap-finder.md "Target score").
import type { Region } from '../domain/model.js';
import type { SegmentRegionCount, TargetCandidate } from './input.js';
import type { Contribution, Explanation, StrongRegion, TargetRecommendation } from './types.js';
import { defaultGapFinderConfig, type GapFinderConfig } from './config.js';
import { firmSizeScore } from './assess.js';
import { regionTree } from './regionTree.js';
import { explain, num } from './words.js';

export interface TargetContext {
  /** The region tree. */
  regions: readonly Region[];
  homeRegionId: string;
  config?: GapFinderConfig;
  /** Local 链主 (anchor firms, any cluster): a tie to one earns `targets.anchorTieCredit` (以商引商). */
  localAnchorFirmIds?: readonly string[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Gap credit of a segment from its local firm count alone (the candidate's
 * other segments come as counts, not firms): MISSING (0 firms) → 1; WEAK by
 * count (1 firm, or count weight × n below the POTENTIAL line) → weakGapCredit;
 * otherwise 0.
 */
export function gapCreditByCount(local: number, config: GapFinderConfig): { credit: number; kind: 'MISSING' | 'WEAK' | null } {
  if (local <= 0) return { credit: 1, kind: 'MISSING' };
  if (local === 1 || config.strength.count * local < config.status.potentialMin) return { credit: config.targets.weakGapCredit, kind: 'WEAK' };
  return { credit: 0, kind: null };
}

export function recommendTargets(
  segmentId: string,
  candidates: readonly TargetCandidate[],
  ctx: TargetContext,
  limit = 20,
): TargetRecommendation[] {
  const config = ctx.config ?? defaultGapFinderConfig;
  const t = config.targets;
  const tree = regionTree(ctx.regions);
  const homeCountry = tree.countryOf(ctx.homeRegionId);
  const anchors = new Set(ctx.localAnchorFirmIds ?? []);
  const w = t.weights;
  const sumW = w.scale + w.technology + w.ties + w.region + w.origin + w.multiCluster;
  const norm = (x: number) => (sumW > 0 ? x / sumW : 0);

  const seen = new Set<string>();
  const eligible = [...candidates]
    .sort((a, b) => cmp(a.firm.id, b.firm.id))
    .filter((c) => {
      if (seen.has(c.firm.id)) return false;
      seen.add(c.firm.id);
      return c.firm.segments.some((s) => s.segmentId === segmentId) && !tree.isWithin(c.firm.regionId, ctx.homeRegionId);
    });

  const ranked = eligible.map((c): TargetRecommendation => {
    const f = c.firm;
    const factor = (name: string, value: number, weight: number, x: number, code: string, zh: string, en: string): Contribution => ({
      factor: name,
      value,
      weight: norm(weight),
      contribution: 100 * norm(weight) * Math.min(1, Math.max(0, x)),
      explanation: explain(code, zh, en),
    });

    // scale: band score of revenue / employees.
    const scale = firmSizeScore(f, config);
    const bands = [f.revenueBand && `营收${f.revenueBand}档`, f.employeesBand && `人员${f.employeesBand}档`].filter(Boolean).join('、');
    const bandsEn = [f.revenueBand && `revenue band ${f.revenueBand}`, f.employeesBand && `employee band ${f.employeesBand}`].filter(Boolean).join(', ');

    // technology: 高新 / 专精特新 / 上市 flags.
    const tech = (f.highTech ? t.technology.highTech : 0) + (f.specialized ? t.technology.specialized : 0) + (f.listed ? t.technology.listed : 0);
    const flagsZh = [f.highTech && '高新技术企业', f.specialized && '专精特新', f.listed && '上市公司'].filter(Boolean).join('、');
    const flagsEn = [f.highTech && 'high-tech', f.specialized && '专精特新 (specialised & innovative)', f.listed && 'listed'].filter(Boolean).join(', ');

    // ties to local firms (以商引商): distinct local partners, 链主 count double by default.
    const partners = [...new Set(c.tiesToLocal.map((x) => x.localFirmId))].sort(cmp);
    const anchorPartners = partners.filter((id) => anchors.has(id));
    const tieCredit = partners.length - anchorPartners.length + anchorPartners.length * t.anchorTieCredit;

    // region preference: 长三角 > rest of the home country > abroad.
    const yrd = tree.isYrd(f.regionId);
    const domestic = tree.countryOf(f.regionId) === homeCountry;
    const regionScore = yrd ? t.region.yrd : domestic ? t.region.domestic : t.region.abroad;
    const city = tree.cityOf(f.regionId);

    // origin / ownership mix: the plan's brands (日资高地 / 韩资板块 / 欧美组团) and 民营.
    const group = t.originGroups.find((g) => g.origins.includes(f.originId));
    const ownershipScore = t.ownership[f.ownership];
    const originScore = Math.max(group?.score ?? 0, ownershipScore);
    const ownershipZh = { foreign: '外资', private: '民营', state: '国有', mixed: '混合所有制' }[f.ownership];

    // multi-cluster gain: the firm's OTHER segments that are gaps locally.
    const others = new Map<string, { clusterId: string; local: number }>();
    for (const s of [...c.segmentLocalCounts].sort((a, b) => cmp(a.segmentId, b.segmentId)))
      if (s.segmentId !== segmentId && !others.has(s.segmentId)) others.set(s.segmentId, { clusterId: s.clusterId, local: s.local });
    let gapCredit = 0;
    let missing = 0;
    let weak = 0;
    const gapClusters = new Set<string>();
    for (const s of others.values()) {
      const g = gapCreditByCount(s.local, config);
      gapCredit += g.credit;
      if (g.kind === 'MISSING') missing++;
      if (g.kind === 'WEAK') weak++;
      if (g.kind) gapClusters.add(s.clusterId);
    }

    const factors = [
      factor('scale', scale, w.scale, scale, 'TARGET_SCALE',
        bands ? `规模:${bands}(规模分${num(scale)})` : '规模未知', bands ? `scale: ${bandsEn} (score ${num(scale)})` : 'scale unknown'),
      factor('technology', tech, w.technology, tech, 'TARGET_TECHNOLOGY',
        flagsZh ? `技术:${flagsZh}` : '无高新/专精特新/上市标识', flagsEn ? `technology: ${flagsEn}` : 'no high-tech / 专精特新 / listed flag'),
      factor('ties', partners.length, w.ties, tieCredit / t.tiesSaturation, 'TARGET_TIES',
        partners.length > 0
          ? `以商引商:已与本地${partners.length}家企业有供货关系${anchorPartners.length > 0 ? `(含链主${anchorPartners.length}家)` : ''}`
          : '与本地企业暂无已知供货关系',
        partners.length > 0
          ? `以商引商: supply ties with ${partners.length} local firm(s)${anchorPartners.length > 0 ? ` (${anchorPartners.length} anchor firm(s))` : ''}`
          : 'no known supply tie with local firms'),
      factor('region', regionScore, w.region, regionScore, 'TARGET_REGION',
        `${yrd ? '位于长三角' : domestic ? '位于国内长三角以外' : '位于境外'}(${tree.nameZh(city)})`,
        `${yrd ? 'in the Yangtze River Delta (长三角)' : domestic ? 'in China outside the Yangtze River Delta' : 'abroad'} (${tree.nameEn(city)})`),
      factor('origin', originScore, w.origin, originScore, 'TARGET_ORIGIN',
        group ? `资本来源:${tree.nameZh(f.originId)}(${group.labelZh})` : `所有制:${ownershipZh}`,
        group ? `capital origin: ${tree.nameEn(f.originId)} (${group.labelEn})` : `ownership: ${f.ownership}`),
      factor('multiCluster', gapCredit, w.multiCluster, gapCredit / t.multiClusterSaturation, 'TARGET_MULTI_CLUSTER',
        missing + weak > 0 ? `还可填补其他${missing}个空白、${weak}个薄弱环节(涉及${gapClusters.size}个产业集群)` : '不填补其他环节缺口',
        missing + weak > 0
          ? `also fills ${missing} other missing and ${weak} weak segment(s) across ${gapClusters.size} cluster(s)`
          : 'fills no other gap'),
    ];
    let score = 0;
    for (const x of factors) score += x.contribution;
    const reasons: Explanation[] = factors
      .filter((x) => x.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution || cmp(a.factor, b.factor))
      .map((x) => x.explanation);
    return { firmId: f.id, score, factors, reasons };
  });

  ranked.sort((a, b) => b.score - a.score || cmp(a.firmId, b.firmId));
  return ranked.slice(0, Math.max(0, limit));
}

/**
 * Regions (city level) with firms in a segment, outside the home region: where
 * to look for targets, and who competes for the same firms. Regions that
 * contain the home region (its city, province) or lie inside it are left out,
 * because their counts include the home region's own firms.
 */
export function strongRegionsForSegment(
  regionCounts: readonly SegmentRegionCount[],
  regions: readonly Region[],
  homeRegionId: string,
  options: { segmentId?: string; limit?: number } = {},
): StrongRegion[] {
  const tree = regionTree(regions);
  const counts = new Map<string, number>();
  for (const rc of regionCounts) {
    if (options.segmentId !== undefined && rc.segmentId !== options.segmentId) continue;
    if (rc.count <= 0) continue;
    if (tree.isWithin(homeRegionId, rc.regionId) || tree.isWithin(rc.regionId, homeRegionId)) continue;
    counts.set(rc.regionId, (counts.get(rc.regionId) ?? 0) + rc.count);
  }
  let total = 0;
  for (const c of counts.values()) total += c;
  return [...counts.entries()]
    .map(([regionId, count]) => ({ regionId, count, share: total > 0 ? count / total : 0, yrd: tree.isYrd(regionId) }))
    .sort((a, b) => b.count - a.count || cmp(a.regionId, b.regionId))
    .slice(0, options.limit ?? 10);
}
