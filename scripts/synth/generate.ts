// Synthetic firms for scale tests and the benchmark (issue 8): N firms over
// the real 12 clusters, their segments and FEEDS, and the real region tree of
// graph-seeds/, deterministic from a seed. The shape imitates what a district
// sees when it loads a national firm registry:
//   - Zipf-like skew: a few clusters and, within each, a few segments hold most
//     firms; a few hub cities (上海, 深圳, 北京, 苏州 …) hold most firms;
//   - the home region (default 新吴区) gets a modest share (3 %);
//   - ~20 % of firms operate in 2–3 segments, the extra ones mostly a FEEDS
//     neighbour of the primary one (a packaging firm that also tests);
//   - ~12 % foreign-owned (日资 / 韩资 / 欧美), some of them located abroad;
//   - anchors (链主): the largest firms of each cluster, with many supply ties
//     (以商引商), plus ordinary SUPPLIES ties along FEEDS, partly within a city.
// Every firm is `illustrative: true` and cites one synthetic source.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Anchor, Band, Firm, FirmSegment, Ownership, Region, Segment, Source, SupplyTie } from '../../server/domain/model.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { usccCheckCharacter } from '../../server/domain/uscc.js';
import type { SeedBundle } from '../../server/store/GraphStore.js';
import { Prng, WeightedPicker, zipfWeights } from './prng.js';
import { firmName } from './names.js';

export const DEFAULT_SEED = 20240601;
export const DEFAULT_HOME_REGION = 'cn-js-wx-xinwu';
export const SYNTHETIC_SOURCE_ID = 'synthetic';
const SEEDS_DIR = join(import.meta.dirname, '../../graph-seeds');

export interface SynthOptions {
  /** Number of synthetic firms (exact). */
  firms: number;
  seed?: number;
  homeRegionId?: string;
  /** Clusters, segments, FEEDS, regions and sources to build on; default: graph-seeds/ (its firms are not used). */
  structure?: SeedBundle;
  /** Supply ties per firm (default 0.5). */
  tiesPerFirm?: number;
}

export interface SyntheticDataset {
  seed: number;
  homeRegionId: string;
  /** The structure without firms: sources (plus the synthetic one), regions, clusters, segments, feeds. */
  base: SeedBundle;
  source: Source;
  firms: Firm[];
  supplies: SupplyTie[];
  anchors: Anchor[];
}

/** "1k" → 1000, "100k" → 100000, "1m" → 1000000, "2500" → 2500. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`bad size "${text}" (e.g. 1k, 10k, 100k, 1m, 2500)`);
  const n = Number(m[1]) * (m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1);
  if (!Number.isInteger(n) || n < 1) throw new Error(`bad size "${text}"`);
  return n;
}

export function formatSize(n: number): string {
  if (n >= 1e6 && n % 1e6 === 0) return `${n / 1e6}m`;
  if (n >= 1e3 && n % 1e3 === 0) return `${n / 1e3}k`;
  return String(n);
}

/** Hubs first (rough order of where Chinese manufacturing and tech firms are registered); other cities follow in a seeded order. */
const HUB_CITIES = [
  'cn-sh', 'cn-gd-sz', 'cn-bj', 'cn-js-sz', 'cn-zj-hz', 'cn-gd-gz', 'cn-js-nj', 'cn-js-wx', 'cn-gd-dg', 'cn-zj-nb',
  'cn-sc-cd', 'cn-hb-wh', 'cn-js-cz', 'cn-ah-hf', 'cn-tj', 'cn-cq', 'cn-sn-xa', 'cn-fj-xm', 'cn-sd-qd', 'cn-gd-fs',
];
/** Clusters by how many firms a national registry holds for them (largest first). */
const CLUSTER_ORDER = ['software', 'equipment', 'auto-parts', 'components', 'ic', 'materials', 'iot', 'new-energy', 'biomed', 'eco', 'ai', '5g'];
const ORIGIN_WEIGHTS: Record<string, number> = {
  jp: 30, kr: 15, us: 16, de: 12, sg: 5, nl: 3, fr: 3, gb: 3, ch: 3, se: 2, fi: 1, dk: 1, it: 2, at: 1, be: 1, ie: 1, il: 1, ca: 1,
};
const BANDS: readonly Band[] = ['XS', 'S', 'M', 'L', 'XL'];
const REVENUE_WEIGHTS = [38, 34, 18, 7, 3];
const LISTED_BY_BAND = [0.002, 0.01, 0.05, 0.25, 0.6];
const HOME_SHARE = 0.03;
const FOREIGN_SHARE = 0.12;
const FOREIGN_ABROAD_SHARE = 0.4;

const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_SPACE = 31 ** 9;

/** A valid 18-character USCC (GB 32100-2015 check character); distinct for distinct `serial` < 31^9. */
export function syntheticUscc(areaCode: string, serial: number): string {
  let org = '';
  for (let i = 0, x = serial % ORG_SPACE; i < 9; i++, x = Math.floor(x / 31)) org = ORG_CHARS[x % 31] + org;
  const first17 = `91${areaCode}${org}`;
  return first17 + usccCheckCharacter(first17)!;
}

/** A stable 6-digit administrative-division-like code for a region id (not the real code). */
function areaCodeOf(regionId: string): string {
  let h = 2166136261;
  for (let i = 0; i < regionId.length; i++) h = Math.imul(h ^ regionId.charCodeAt(i), 16777619);
  return String(110000 + ((h >>> 0) % 540000)).padStart(6, '0');
}

function structureOnly(s: SeedBundle, source: Source): SeedBundle {
  return {
    sources: [...s.sources.filter((x) => x.id !== source.id), source],
    regions: s.regions,
    clusters: s.clusters,
    segments: s.segments,
    feeds: s.feeds,
    firms: [],
    supplies: [],
    anchors: [],
    projects: [],
  };
}

interface Place {
  regionId: string;
  /** City-level region (for same-city supply ties). */
  cityId: string;
}

export function generateSynthetic(options: SynthOptions): SyntheticDataset {
  const n = options.firms;
  if (!Number.isInteger(n) || n < 1 || n > 5_000_000) throw new Error(`firms must be an integer from 1 to 5,000,000 (got ${n})`);
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const homeRegionId = options.homeRegionId ?? DEFAULT_HOME_REGION;
  const structure = options.structure ?? loadSeedDir(SEEDS_DIR);
  const tiesPerFirm = options.tiesPerFirm ?? 0.5;
  const root = new Prng(seed);

  const source: Source = {
    id: SYNTHETIC_SOURCE_ID,
    kind: 'illustrative',
    titleZh: `合成企业数据(基准测试,随机种子 ${seed})`,
    titleEn: `Synthetic firm data (benchmark, seed ${seed})`,
    date: '2025-01-01',
    note: 'Generated by scripts/synth; not real firms.',
  };

  // ---------------------------------------------------------------- places
  const regions = new Map(structure.regions.map((r) => [r.id, r]));
  if (!regions.has(homeRegionId)) throw new Error(`home region ${homeRegionId} is not in the region tree`);
  const children = new Map<string, Region[]>();
  for (const r of structure.regions) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  // City-level places: cities, and provinces without cities (香港).
  const cityLevel = structure.regions.filter(
    (r) => r.level === 'city' || (r.level === 'province' && !(children.get(r.id) ?? []).some((c) => c.level === 'city')),
  );
  const hubs = HUB_CITIES.filter((id) => regions.has(id));
  const others = root.fork('cities').shuffle(cityLevel.map((r) => r.id).filter((id) => !hubs.includes(id)));
  const cityPicker = new WeightedPicker([...hubs, ...others], zipfWeights(hubs.length + others.length, 1.05));
  const districtPickers = new Map<string, WeightedPicker<string>>();
  for (const c of cityLevel) {
    const ds = (children.get(c.id) ?? []).filter((r) => r.level === 'district');
    if (ds.length) districtPickers.set(c.id, new WeightedPicker(ds.map((d) => d.id), zipfWeights(ds.length, 0.8)));
  }
  const cityOf = (regionId: string): string => {
    let r = regions.get(regionId);
    while (r && r.level === 'district' && r.parentId) r = regions.get(r.parentId);
    return r?.id ?? regionId;
  };
  const chinaPlace = (rng: Prng): Place => {
    if (rng.chance(HOME_SHARE)) return { regionId: homeRegionId, cityId: cityOf(homeRegionId) };
    const cityId = cityPicker.pick(rng);
    const districts = districtPickers.get(cityId);
    return { regionId: districts && rng.chance(0.8) ? districts.pick(rng) : cityId, cityId };
  };
  const countries = Object.keys(ORIGIN_WEIGHTS).filter((id) => regions.has(id));
  const originPicker = new WeightedPicker(countries, countries.map((id) => ORIGIN_WEIGHTS[id]!));

  // ---------------------------------------------------------------- segments
  const segmentsByCluster = new Map<string, Segment[]>();
  for (const s of structure.segments) segmentsByCluster.set(s.clusterId, [...(segmentsByCluster.get(s.clusterId) ?? []), s]);
  const clusterIds = [
    ...CLUSTER_ORDER.filter((id) => segmentsByCluster.has(id)),
    ...structure.clusters.map((c) => c.id).filter((id) => !CLUSTER_ORDER.includes(id) && segmentsByCluster.has(id)),
  ];
  const clusterPicker = new WeightedPicker(clusterIds, zipfWeights(clusterIds.length, 0.9));
  const segRng = root.fork('segment-order');
  const segmentPickers = new Map<string, WeightedPicker<string>>();
  for (const id of clusterIds) {
    const ids = segRng.shuffle(segmentsByCluster.get(id)!.map((s) => s.id));
    segmentPickers.set(id, new WeightedPicker(ids, zipfWeights(ids.length, 1.2)));
  }
  const clusterOfSegment = new Map(structure.segments.map((s) => [s.id, s.clusterId]));
  const feedNeighbours = new Map<string, string[]>();
  const feedsInto = new Map<string, { from: string; weight: number }[]>();
  for (const f of structure.feeds) {
    feedNeighbours.set(f.from, [...(feedNeighbours.get(f.from) ?? []), f.to]);
    feedNeighbours.set(f.to, [...(feedNeighbours.get(f.to) ?? []), f.from]);
    feedsInto.set(f.to, [...(feedsInto.get(f.to) ?? []), { from: f.from, weight: f.weight }]);
  }

  // ---------------------------------------------------------------- firms
  const rng = root.fork('firms');
  const revenuePicker = new WeightedPicker([0, 1, 2, 3, 4], REVENUE_WEIGHTS);
  const serialBase = (seed * 7919) % (ORG_SPACE - 10_000_000);
  const firms: Firm[] = new Array(n);
  const cityIndex = new Array<string>(n);
  const revenueRank = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const foreign = rng.chance(FOREIGN_SHARE);
    const originId = foreign ? originPicker.pick(rng) : 'cn';
    const abroad = foreign && rng.chance(FOREIGN_ABROAD_SHARE);
    const place: Place = abroad ? { regionId: originId, cityId: originId } : chinaPlace(rng);
    const ownership: Ownership = foreign ? 'foreign' : rng.chance(0.78) ? 'private' : rng.chance(0.55) ? 'state' : 'mixed';

    const clusterId = clusterPicker.pick(rng);
    const primary = segmentPickers.get(clusterId)!.pick(rng);
    const segments: FirmSegment[] = [{ segmentId: primary, primary: true }];
    const r = rng.next();
    const extra = r < 0.05 ? 2 : r < 0.2 ? 1 : 0;
    for (let k = 0, tries = 0; k < extra && tries < 8; tries++) {
      const near = feedNeighbours.get(primary);
      const candidate = near && rng.chance(0.6) ? rng.pick(near) : segmentPickers.get(clusterOfSegment.get(primary)!)!.pick(rng);
      if (segments.some((s) => s.segmentId === candidate)) continue;
      segments.push({ segmentId: candidate, primary: false });
      k++;
    }

    const rev = revenuePicker.pick(rng);
    const unknownRevenue = rng.chance(0.1);
    const emp = Math.min(4, Math.max(0, rev + (rng.chance(0.3) ? (rng.chance(0.5) ? 1 : -1) : 0)));
    const listed = !unknownRevenue && rng.chance(LISTED_BY_BAND[rev]!);
    const hasUscc = !abroad && rng.chance(0.92);
    const id = hasUscc ? syntheticUscc(areaCodeOf(place.cityId), serialBase + i) : `syn-${seed.toString(36)}-${i.toString(36).padStart(4, '0')}`;
    const name = firmName(i, seed, {
      city: regions.get(place.cityId)!,
      clusterId,
      abroad,
      listed,
    });
    const firm: Firm = {
      id,
      ...(hasUscc ? { uscc: id } : {}),
      nameZh: name.zh,
      ...(name.en ? { nameEn: name.en } : {}),
      regionId: place.regionId,
      ownership,
      originId,
      listed,
      highTech: rng.chance(0.25 + 0.08 * rev),
      specialized: rng.chance(rev === 1 || rev === 2 ? 0.12 : 0.03),
      ...(unknownRevenue ? {} : { revenueBand: BANDS[rev]! }),
      ...(rng.chance(0.3) ? {} : { employeesBand: BANDS[emp]! }),
      segments,
      tags: [],
      illustrative: true,
      sourceId: source.id,
      confidence: 0.5,
    };
    firms[i] = firm;
    cityIndex[i] = place.cityId;
    revenueRank[i] = unknownRevenue ? -1 : rev;
  }

  // ---------------------------------------------------------------- indexes for ties
  const bySegment = new Map<string, number[]>();
  const bySegmentCity = new Map<string, number[]>();
  const primaryByCluster = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const f = firms[i]!;
    for (const s of f.segments) {
      let list = bySegment.get(s.segmentId);
      if (!list) bySegment.set(s.segmentId, (list = []));
      list.push(i);
      const key = `${s.segmentId}|${cityIndex[i]}`;
      let local = bySegmentCity.get(key);
      if (!local) bySegmentCity.set(key, (local = []));
      local.push(i);
    }
    const c = clusterOfSegment.get(f.segments[0]!.segmentId)!;
    let list = primaryByCluster.get(c);
    if (!list) primaryByCluster.set(c, (list = []));
    list.push(i);
  }

  // ---------------------------------------------------------------- anchors (链主)
  const anchorRng = root.fork('anchors');
  const perCluster = Math.min(12, Math.max(2, Math.round(2 + Math.log2(Math.max(1, n / 1000)))));
  const anchors: Anchor[] = [];
  const anchorIdx: number[] = [];
  const homeSubtree = new Set<string>([homeRegionId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of structure.regions) {
      if (r.parentId && homeSubtree.has(r.parentId) && !homeSubtree.has(r.id)) {
        homeSubtree.add(r.id);
        grew = true;
      }
    }
  }
  for (const clusterId of clusterIds) {
    const members = primaryByCluster.get(clusterId) ?? [];
    if (members.length === 0) continue;
    // Largest first; ties broken by a seeded key so the choice does not favour low indexes.
    const key = new Map(members.map((i) => [i, anchorRng.next()]));
    const ranked = [...members].sort((a, b) => revenueRank[b]! - revenueRank[a]! || key.get(a)! - key.get(b)!);
    const chosen = ranked.slice(0, perCluster);
    // A district usually has a local 链主 in its strong clusters: the largest local firm of size M or more.
    const local = ranked.find((i) => homeSubtree.has(firms[i]!.regionId) && revenueRank[i]! >= 2);
    if (local !== undefined && !chosen.includes(local) && anchorRng.chance(0.5)) chosen[chosen.length - 1] = local;
    for (const i of chosen) {
      anchors.push({ firmId: firms[i]!.id, clusterId, sourceId: source.id, confidence: 0.5 });
      anchorIdx.push(i);
    }
  }

  // ---------------------------------------------------------------- supply ties
  const tieRng = root.fork('ties');
  const target = Math.round(n * tiesPerFirm);
  const seen = new Set<number>();
  const supplies: SupplyTie[] = [];
  const upstreamPickers = new Map<string, WeightedPicker<string> | null>();
  const upstreamOf = (segmentId: string): WeightedPicker<string> | null => {
    let p = upstreamPickers.get(segmentId);
    if (p === undefined) {
      const ins = (feedsInto.get(segmentId) ?? []).filter((x) => bySegment.has(x.from));
      p = ins.length ? new WeightedPicker(ins.map((x) => x.from), ins.map((x) => x.weight)) : null;
      upstreamPickers.set(segmentId, p);
    }
    return p;
  };
  /** Adds supplier → buyer along a FEEDS edge into one of the buyer's segments; false when none fits. */
  const addTie = (buyer: number, sameCityBias: number): boolean => {
    const f = firms[buyer]!;
    const seg = f.segments[tieRng.int(f.segments.length)]!.segmentId;
    const up = upstreamOf(seg);
    if (!up) return false;
    const from = up.pick(tieRng);
    const near = tieRng.chance(sameCityBias) ? bySegmentCity.get(`${from}|${cityIndex[buyer]}`) : undefined;
    const pool = near && near.length ? near : bySegment.get(from)!;
    const supplier = pool[tieRng.int(pool.length)]!;
    if (supplier === buyer) return false;
    const key = supplier * n + buyer;
    if (seen.has(key)) return false;
    seen.add(key);
    supplies.push({ from: firms[supplier]!.id, to: f.id, segmentId: from, sourceId: source.id, confidence: 0.5 });
    return true;
  };
  // A quarter of all ties go to anchors: each 链主 buys from many suppliers (以商引商).
  const anchorTies = anchorIdx.length ? Math.floor(target / 4) : 0;
  for (let t = 0, attempts = 0; t < anchorTies && attempts < anchorTies * 4; attempts++) {
    if (addTie(anchorIdx[attempts % anchorIdx.length]!, 0.4)) t++;
  }
  for (let attempts = 0; supplies.length < target && attempts < target * 4; attempts++) addTie(tieRng.int(n), 0.35);

  return { seed, homeRegionId, base: structureOnly(structure, source), source, firms, supplies, anchors };
}

/** The whole dataset as one seed bundle (structure + firms, ties, anchors). */
export function toSeedBundle(ds: SyntheticDataset): SeedBundle {
  return { ...ds.base, firms: ds.firms, supplies: ds.supplies, anchors: ds.anchors };
}

/** SHA-256 of the generated records (firms, ties, anchors), in order. */
export function datasetHash(ds: SyntheticDataset): string {
  const h = createHash('sha256');
  for (const list of [ds.firms, ds.supplies, ds.anchors] as unknown[][]) {
    for (let i = 0; i < list.length; i += 10_000) h.update(JSON.stringify(list.slice(i, i + 10_000)));
    h.update('\u0000');
  }
  return h.digest('hex');
}

export interface SkewStats {
  firms: number;
  supplies: number;
  anchors: number;
  /** Share of firm–segment links held by the top 10 % of segments. */
  top10pctSegmentsShare: number;
  /** Share of firms located in the top 10 % of city-level regions. */
  top10pctCitiesShare: number;
  homeShare: number;
  multiSegmentShare: number;
  foreignShare: number;
  /** Mean supply ties per anchor vs per firm. */
  tiesPerAnchor: number;
  tiesPerFirm: number;
}

export function skewStats(ds: SyntheticDataset): SkewStats {
  const bySegment = new Map<string, number>();
  const byCity = new Map<string, number>();
  const regions = new Map(ds.base.regions.map((r) => [r.id, r]));
  const cityOf = (id: string) => {
    let r = regions.get(id);
    while (r && r.level === 'district' && r.parentId) r = regions.get(r.parentId);
    return r?.id ?? id;
  };
  let links = 0;
  let home = 0;
  let multi = 0;
  let foreign = 0;
  for (const f of ds.firms) {
    for (const s of f.segments) bySegment.set(s.segmentId, (bySegment.get(s.segmentId) ?? 0) + 1);
    links += f.segments.length;
    const c = cityOf(f.regionId);
    byCity.set(c, (byCity.get(c) ?? 0) + 1);
    if (f.regionId === ds.homeRegionId) home++;
    if (f.segments.length > 1) multi++;
    if (f.ownership === 'foreign') foreign++;
  }
  const topShare = (counts: number[], universe: number, total: number) => {
    const k = Math.max(1, Math.round(universe / 10));
    return counts.sort((a, b) => b - a).slice(0, k).reduce((s, x) => s + x, 0) / total;
  };
  const cityUniverse = ds.base.regions.filter((r) => r.level === 'city').length;
  const degree = new Map<string, number>();
  for (const t of ds.supplies) {
    degree.set(t.from, (degree.get(t.from) ?? 0) + 1);
    degree.set(t.to, (degree.get(t.to) ?? 0) + 1);
  }
  const anchorIds = [...new Set(ds.anchors.map((a) => a.firmId))];
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    firms: ds.firms.length,
    supplies: ds.supplies.length,
    anchors: ds.anchors.length,
    top10pctSegmentsShare: round(topShare([...bySegment.values()], ds.base.segments.length, links)),
    top10pctCitiesShare: round(topShare([...byCity.values()], cityUniverse, ds.firms.length)),
    homeShare: round(home / ds.firms.length),
    multiSegmentShare: round(multi / ds.firms.length),
    foreignShare: round(foreign / ds.firms.length),
    tiesPerAnchor: round(anchorIds.reduce((s, id) => s + (degree.get(id) ?? 0), 0) / Math.max(1, anchorIds.length)),
    tiesPerFirm: round((2 * ds.supplies.length) / ds.firms.length),
  };
}
