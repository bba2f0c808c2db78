// Benchmark of the gap finder on a synthetic graph (not a test: numbers vary by
// machine). Builds 100,000 firms over 12 clusters, the region tree of a country
// (31 provinces × 10 cities × 5 districts + 10 foreign countries), supply ties
// and anchors; then times, for the largest cluster and the home district:
//   input  = buildAnalysisInput (the embedded store's aggregation),
//   assess = assessCluster (the pure gap finder),
//   gaps   = both (what the `gaps` query costs without GraphQL),
// plus recommendTargets over 500 candidates and a 3-firm whatIf.
//
//   npx tsx scripts/bench-gap-finder.ts [firms=100000] [runs=200]
import { performance } from 'node:perf_hooks';
import type { Anchor, Cluster, Feed, Firm, Region, Segment, SupplyTie } from '../server/domain/model.js';
import { GraphIndex } from '../server/analysis/graphIndex.js';
import { buildAnalysisInput, buildTargetCandidates } from '../server/analysis/buildInput.js';
import { assessCluster } from '../server/analysis/assess.js';
import { recommendTargets } from '../server/analysis/targets.js';
import { whatIf } from '../server/analysis/whatIf.js';

const FIRMS = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 200);
const prov = { sourceId: 'bench', confidence: 0.5 };

// mulberry32: a small seeded PRNG, so every run measures the same graph.
let seed = 20240601;
function rand(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

// ---- regions
const regions: Region[] = [{ id: 'cn', nameZh: '中国', nameEn: 'China', level: 'country', yrd: false }];
const districts: string[] = [];
const yrdDistricts: string[] = [];
for (let p = 0; p < 31; p++) {
  const pid = `cn-p${p}`;
  regions.push({ id: pid, nameZh: `省${p}`, nameEn: `Province ${p}`, level: 'province', parentId: 'cn', yrd: p < 3 });
  for (let c = 0; c < 10; c++) {
    const cid = `${pid}-c${c}`;
    regions.push({ id: cid, nameZh: `市${p}-${c}`, nameEn: `City ${p}-${c}`, level: 'city', parentId: pid, yrd: false });
    for (let d = 0; d < 5; d++) {
      const did = `${cid}-d${d}`;
      regions.push({ id: did, nameZh: `区${p}-${c}-${d}`, nameEn: `District ${p}-${c}-${d}`, level: 'district', parentId: cid, yrd: false });
      districts.push(did);
      if (p < 3) yrdDistricts.push(did);
    }
  }
}
const countries = ['jp', 'kr', 'us', 'de', 'fr', 'gb', 'nl', 'sg', 'ch', 'se'];
for (const c of countries) regions.push({ id: c, nameZh: c, nameEn: c, level: 'country', yrd: false });
const HOME = 'cn-p0-c0-d0';

// ---- clusters, segments, feeds (the first cluster is the largest: 20 segments)
const clusters: Cluster[] = [];
const segments: Segment[] = [];
const feeds: Feed[] = [];
const segsOf: string[][] = [];
for (let k = 0; k < 12; k++) {
  const id = `k${k}`;
  clusters.push({ id, nameZh: `集群${k}`, nameEn: `Cluster ${k}`, tier: 'national', ...prov });
  const n = k === 0 ? 20 : 8 + (k % 8);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const stage = i < n / 4 ? 'upstream' : i < n / 2 ? 'midstream' : i < (3 * n) / 4 ? 'downstream' : 'support';
    segments.push({ id: `${id}.s${i}`, clusterId: id, nameZh: `环节${k}-${i}`, nameEn: `Segment ${k}-${i}`, stage, ...prov });
    ids.push(`${id}.s${i}`);
  }
  segsOf.push(ids);
  const seen = new Set<string>();
  const add = (from: string, to: string) => {
    if (from === to || seen.has(`${from}>${to}`)) return;
    seen.add(`${from}>${to}`);
    feeds.push({ from, to, weight: Math.round((0.2 + 0.8 * rand()) * 100) / 100, ...prov });
  };
  for (let i = 0; i < n - 1; i++) {
    add(ids[i]!, ids[i + 1]!);
    if (i + 2 < n && rand() < 0.6) add(ids[i]!, ids[i + 2 + Math.floor(rand() * Math.min(3, n - i - 2))]!);
  }
  add(ids[n - 1]!, ids[Math.floor(n / 2)]!); // a cycle
}
for (let k = 0; k < 12; k++) for (let j = 0; j < 3; j++) {
  const other = (k + 1 + j) % 12;
  feeds.push({ from: pick(segsOf[k]!), to: pick(segsOf[other]!), weight: 0.3, ...prov });
}

// ---- firms: 10% in the home district, 25% elsewhere in 长三角, 10% abroad; the largest cluster gets 20%
// (≈ 3,000 local firms in the largest cluster)
const firms: Firm[] = [];
const bandsList = ['XS', 'S', 'M', 'L', 'XL'] as const;
for (let i = 0; i < FIRMS; i++) {
  const r = rand();
  const abroad = r > 0.9;
  const regionId = r < 0.1 ? HOME : r < 0.35 ? pick(yrdDistricts) : abroad ? pick(countries) : pick(districts);
  const k = rand() < 0.2 ? 0 : 1 + Math.floor(rand() * 11);
  const segs = new Set<string>([pick(segsOf[k]!)]);
  if (rand() < 0.35) segs.add(pick(segsOf[k]!));
  if (rand() < 0.1) segs.add(pick(segsOf[Math.floor(rand() * 12)]!));
  firms.push({
    id: `firm-${i}`,
    nameZh: `企业${i}`,
    regionId,
    ownership: abroad ? 'foreign' : pick(['private', 'private', 'state', 'mixed'] as const),
    originId: abroad ? regionId : 'cn',
    listed: rand() < 0.05,
    highTech: rand() < 0.3,
    specialized: rand() < 0.1,
    revenueBand: rand() < 0.8 ? pick(bandsList) : undefined,
    employeesBand: rand() < 0.5 ? pick(bandsList) : undefined,
    segments: [...segs].map((segmentId, j) => ({ segmentId, primary: j === 0 })),
    tags: [],
    illustrative: true,
    ...prov,
  });
}
const supplies: SupplyTie[] = [];
const tieSeen = new Set<string>();
for (let i = 0; i < FIRMS / 2; i++) {
  const from = pick(firms);
  const to = pick(firms);
  if (from.id === to.id || tieSeen.has(`${from.id}>${to.id}`)) continue;
  tieSeen.add(`${from.id}>${to.id}`);
  supplies.push({ from: from.id, to: to.id, segmentId: rand() < 0.7 ? from.segments[0]!.segmentId : undefined, ...prov });
}
const anchors: Anchor[] = [];
for (let k = 0; k < 12; k++) for (let j = 0; j < 3; j++) {
  const f = firms.find((x, idx) => idx % 97 === k * 3 + j && x.segments.some((s) => s.segmentId.startsWith(`k${k}.`)));
  if (f) anchors.push({ firmId: f.id, clusterId: `k${k}`, ...prov });
}

let t = performance.now();
const g = GraphIndex.fromBundle({ sources: [], regions, clusters, segments, feeds, firms, supplies, anchors, projects: [] });
console.log(`graph: ${FIRMS} firms, ${supplies.length} ties, ${segments.length} segments, ${regions.length} regions; index built in ${(performance.now() - t).toFixed(0)} ms`);

function percentiles(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, max ${s[s.length - 1]!.toFixed(2)} ms`;
}

const input = buildAnalysisInput(g, 'k0', HOME)!;
console.log(
  `largest cluster k0: ${input.segments.length} segments, ${input.neighborSegments.length} neighbours, ${input.feeds.length} feeds, ` +
    `${input.localFirms.length} local firms, ${input.localSupplies.length} local ties, ${input.regionCounts.length} region counts, ${input.pairCounts.length} pair counts`,
);
for (let i = 0; i < 20; i++) assessCluster(buildAnalysisInput(g, 'k0', HOME)!); // warm-up
const tInput: number[] = [];
const tAssess: number[] = [];
const tGaps: number[] = [];
// CPU time as well as wall time: on a shared machine wall time includes waiting for a core.
let cpuInput = 0;
let cpuAssess = 0;
for (let i = 0; i < RUNS; i++) {
  const c0 = process.cpuUsage();
  t = performance.now();
  const inp = buildAnalysisInput(g, 'k0', HOME)!;
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  assessCluster(inp);
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  cpuInput += c1.user + c1.system - c0.user - c0.system;
  cpuAssess += c2.user + c2.system - c1.user - c1.system;
  tInput.push(t1 - t);
  tAssess.push(t2 - t1);
  tGaps.push(t2 - t);
}
const cpu = (us: number) => `mean CPU ${(us / 1000 / RUNS).toFixed(2)} ms`;
console.log(`input  (buildAnalysisInput): ${percentiles(tInput)}; ${cpu(cpuInput)}`);
console.log(`assess (assessCluster):      ${percentiles(tAssess)}; ${cpu(cpuAssess)}`);
console.log(`gaps   (both):               ${percentiles(tGaps)}; ${cpu(cpuInput + cpuAssess)}`);

// The pure part alone, on one input (no input garbage to collect in between).
const tAlone: number[] = [];
let cpuAlone = 0;
for (let i = 0; i < RUNS; i++) {
  const c0 = process.cpuUsage();
  t = performance.now();
  assessCluster(input);
  tAlone.push(performance.now() - t);
  const c1 = process.cpuUsage(c0);
  cpuAlone += c1.user + c1.system;
}
console.log(`assess alone (one input):    ${percentiles(tAlone)}; ${cpu(cpuAlone)}`);

const target = assessCluster(input).actions[0]?.segmentId ?? 'k0.s0';
const candidates = buildTargetCandidates(g, target, HOME, 500);
const tTargets: number[] = [];
for (let i = 0; i < RUNS; i++) {
  t = performance.now();
  recommendTargets(target, candidates, { regions, homeRegionId: HOME }, 20);
  tTargets.push(performance.now() - t);
}
console.log(`recommendTargets (${candidates.length} candidates): ${percentiles(tTargets)}`);

const land = candidates.slice(0, 3).map((c) => c.firm);
const tWhatIf: number[] = [];
for (let i = 0; i < Math.min(RUNS, 100); i++) {
  t = performance.now();
  whatIf(input, land);
  tWhatIf.push(performance.now() - t);
}
console.log(`whatIf (3 firms, two assessments): ${percentiles(tWhatIf)}`);
