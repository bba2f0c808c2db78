// Small hand-made chains for the gap finder tests. Every number the tests
// assert is worked out by hand in the test files' comments (and, for the "toy
// IC chain", step by step in docs/gap-finder.md "Worked example").
import type { Cluster, Feed, Firm, Region, Segment } from '../../server/domain/model.js';
import type { ClusterAnalysisInput, LocalSupplyTie, TargetCandidate } from '../../server/analysis/input.js';

const prov = { sourceId: 'test', confidence: 1 };

export function firm(p: Partial<Firm> & Pick<Firm, 'id' | 'regionId' | 'segments'>): Firm {
  return {
    nameZh: `企业${p.id}`,
    nameEn: `Firm ${p.id}`,
    ownership: 'private',
    originId: 'cn',
    listed: false,
    highTech: false,
    specialized: false,
    tags: [],
    illustrative: true,
    ...prov,
    ...p,
  };
}

export function seg(id: string, clusterId: string, stage: Segment['stage'], extra: Partial<Segment> = {}): Segment {
  return { id, clusterId, nameZh: `环节${id}`, nameEn: `Segment ${id}`, stage, ...prov, ...extra };
}

export const feed = (from: string, to: string, weight: number): Feed => ({ from, to, weight, ...prov });

/** A region with made-up names. */
export const region = (id: string, level: Region['level'], parentId?: string): Region => ({
  id,
  nameZh: `区域${id}`,
  nameEn: `Region ${id}`,
  level,
  ...(parentId ? { parentId } : {}),
  yrd: false,
});

export const regions: Region[] = [
  { id: 'cn', nameZh: '中国', nameEn: 'China', level: 'country', yrd: false },
  { id: 'cn-js', nameZh: '江苏省', nameEn: 'Jiangsu', level: 'province', parentId: 'cn', yrd: true },
  { id: 'cn-js-wx', nameZh: '无锡市', nameEn: 'Wuxi', level: 'city', parentId: 'cn-js', yrd: false },
  { id: 'cn-js-wx-xinwu', nameZh: '新吴区', nameEn: 'Xinwu', level: 'district', parentId: 'cn-js-wx', yrd: false },
  // A region below the home district (e.g. a park): its firms are local.
  { id: 'cn-js-wx-xinwu-park', nameZh: '新吴某园区', nameEn: 'Xinwu park', level: 'district', parentId: 'cn-js-wx-xinwu', yrd: false },
  { id: 'cn-js-wx-liangxi', nameZh: '梁溪区', nameEn: 'Liangxi', level: 'district', parentId: 'cn-js-wx', yrd: false },
  { id: 'cn-js-sz', nameZh: '苏州市', nameEn: 'Suzhou', level: 'city', parentId: 'cn-js', yrd: false },
  { id: 'cn-sh', nameZh: '上海市', nameEn: 'Shanghai', level: 'province', parentId: 'cn', yrd: true },
  { id: 'cn-bj', nameZh: '北京市', nameEn: 'Beijing', level: 'province', parentId: 'cn', yrd: false },
  { id: 'cn-gd', nameZh: '广东省', nameEn: 'Guangdong', level: 'province', parentId: 'cn', yrd: false },
  { id: 'cn-gd-sz', nameZh: '深圳市', nameEn: 'Shenzhen', level: 'city', parentId: 'cn-gd', yrd: false },
  { id: 'jp', nameZh: '日本', nameEn: 'Japan', level: 'country', yrd: false },
];

export const HOME = 'cn-js-wx-xinwu';

export const icCluster: Cluster = { id: 'ic', nameZh: '集成电路', nameEn: 'Integrated circuits', tier: 'international', ...prov };

// The toy IC chain: D design → W wafer → P packaging → N (IoT modules, another
// cluster); E equipment → W; M materials → W and → P.
export const D = 'ic.design';
export const W = 'ic.wafer';
export const P = 'ic.package';
export const E = 'ic.equipment';
export const M = 'ic.materials';
export const N = 'iot.module';

export const localFirms: Firm[] = [
  // f1: wafer, XL, listed, high-tech, 链主 of ic.
  firm({ id: 'f1', regionId: HOME, segments: [{ segmentId: W, primary: true }], revenueBand: 'XL', listed: true, highTech: true, ownership: 'foreign', originId: 'kr' }),
  // f2: wafer + packaging (a firm in several segments), M, high-tech, in a park below the home district.
  firm({ id: 'f2', regionId: 'cn-js-wx-xinwu-park', segments: [{ segmentId: W, primary: true }, { segmentId: P, primary: false }], revenueBand: 'M', highTech: true }),
  // f3: packaging, revenue L / employees M, listed.
  firm({ id: 'f3', regionId: HOME, segments: [{ segmentId: P, primary: true }], revenueBand: 'L', employeesBand: 'M', listed: true }),
  // f4: design, S, high-tech, 专精特新 — the only local design firm.
  firm({ id: 'f4', regionId: HOME, segments: [{ segmentId: D, primary: true }], revenueBand: 'S', highTech: true, specialized: true }),
];

// Outside firms (targets, suppliers).
export const o1 = firm({ id: 'o1', regionId: 'cn-js-sz', segments: [{ segmentId: M, primary: true }], revenueBand: 'L', highTech: true, specialized: true });
export const o2 = firm({
  id: 'o2', regionId: 'jp', ownership: 'foreign', originId: 'jp', revenueBand: 'XL', listed: true, highTech: true,
  segments: [{ segmentId: M, primary: true }, { segmentId: E, primary: false }],
});
export const o3 = firm({ id: 'o3', regionId: 'jp', ownership: 'foreign', originId: 'jp', employeesBand: 'M', segments: [{ segmentId: M, primary: true }, { segmentId: E, primary: false }] });
export const o6 = firm({ id: 'o6', regionId: 'cn-gd-sz', ownership: 'state', revenueBand: 'S', segments: [{ segmentId: M, primary: true }] });

const tie = (from: string, to: string, supplierRegionId: string, supplierSegmentIds: string[], segmentId?: string): LocalSupplyTie => ({
  from, to, supplierRegionId, supplierSegmentIds, ...(segmentId ? { segmentId } : {}), ...prov,
});

export function toyIcInput(): ClusterAnalysisInput {
  return {
    cluster: icCluster,
    segments: [seg(D, 'ic', 'upstream'), seg(W, 'ic', 'midstream'), seg(P, 'ic', 'downstream'), seg(E, 'ic', 'support'), seg(M, 'ic', 'support')],
    neighborSegments: [seg(N, 'iot', 'downstream')],
    feeds: [feed(D, W, 1), feed(E, W, 0.5), feed(M, W, 0.5), feed(W, P, 1), feed(M, P, 0.5), feed(P, N, 0.5)],
    regions,
    homeRegionId: HOME,
    localFirms: localFirms.map((f) => ({ ...f })),
    anchors: [{ firmId: 'f1', clusterId: 'ic', ...prov }, { firmId: 'x-other', clusterId: 'ic', ...prov }],
    outsideAnchorFirms: [],
    localSupplies: [
      tie('o1', 'f1', 'cn-js-sz', [M], M), // t1 M→W, Suzhou
      tie('o2', 'f1', 'jp', [M, E], M), // t2 M→W, Japan
      tie('o3', 'f2', 'jp', [M, E]), // t3 no segment: M→W, E→W, M→P
      tie('f4', 'f1', HOME, [D], D), // t4 D→W, local
      tie('o4', 'f1', 'cn-sh', [D], D), // t5 D→W, Shanghai
      tie('o5', 'f3', 'cn-js-sz', [W], W), // t6 W→P, Suzhou
      tie('o1', 'f1', 'cn-js-sz', [M], M), // t7 = t1 again (counted once)
      tie('o9', 'x-not-local', 'cn-js-sz', [M], M), // buyer not local: ignored
    ],
    segmentCounts: [
      { segmentId: D, total: 8, local: 1 },
      { segmentId: W, total: 4, local: 2 },
      { segmentId: P, total: 6, local: 2 },
      { segmentId: E, total: 5, local: 0 },
      { segmentId: M, total: 8, local: 0 },
      { segmentId: N, total: 20, local: 0 },
    ],
    totals: { allPairs: 100, localPairs: 10 },
    regionCounts: [
      { segmentId: D, regionId: 'cn-js-wx', count: 1 },
      { segmentId: D, regionId: 'cn-bj', count: 7 },
      { segmentId: W, regionId: 'cn-js-wx', count: 2 },
      { segmentId: W, regionId: 'cn-js-sz', count: 2 },
      { segmentId: P, regionId: 'cn-js-wx', count: 2 },
      { segmentId: P, regionId: 'cn-js-sz', count: 3 },
      { segmentId: P, regionId: 'cn-gd-sz', count: 1 },
      { segmentId: E, regionId: 'jp', count: 5 },
      { segmentId: M, regionId: 'cn-js-sz', count: 3 },
      { segmentId: M, regionId: 'jp', count: 5 },
      { segmentId: N, regionId: 'cn-gd-sz', count: 20 },
    ],
    pairCounts: [
      { a: P, b: W, count: 2 },
      { a: M, b: P, count: 1 },
    ],
  };
}

/** Target candidates for segment M (materials) of the toy chain. */
export function materialsCandidates(): TargetCandidate[] {
  return [
    { firm: o1, tiesToLocal: [{ localFirmId: 'f1', direction: 'supplies-local' }], segmentLocalCounts: [{ segmentId: M, clusterId: 'ic', local: 0 }] },
    {
      firm: o2,
      tiesToLocal: [{ localFirmId: 'f1', direction: 'supplies-local' }, { localFirmId: 'f1', direction: 'buys-from-local' }],
      segmentLocalCounts: [
        { segmentId: M, clusterId: 'ic', local: 0 },
        { segmentId: E, clusterId: 'ic', local: 0 },
        { segmentId: 'nm.silicon', clusterId: 'nm', local: 1 },
      ],
    },
    {
      firm: o3,
      tiesToLocal: [{ localFirmId: 'f2', direction: 'supplies-local' }],
      segmentLocalCounts: [{ segmentId: M, clusterId: 'ic', local: 0 }, { segmentId: E, clusterId: 'ic', local: 0 }],
    },
    { firm: o6, tiesToLocal: [], segmentLocalCounts: [{ segmentId: M, clusterId: 'ic', local: 0 }] },
    // A local firm and a firm of another segment are not targets.
    { firm: firm({ id: 'local-m', regionId: HOME, segments: [{ segmentId: M, primary: true }] }), tiesToLocal: [], segmentLocalCounts: [] },
    { firm: firm({ id: 'other-seg', regionId: 'cn-js-sz', segments: [{ segmentId: D, primary: true }] }), tiesToLocal: [], segmentLocalCounts: [] },
  ];
}

/** Deterministic shuffle (reverse + rotate) of every array in the input. */
export function shuffled(input: ClusterAnalysisInput): ClusterAnalysisInput {
  const mix = <T>(xs: readonly T[]): T[] => {
    const r = [...xs].reverse();
    return r.length > 2 ? [...r.slice(2), ...r.slice(0, 2)] : r;
  };
  return {
    ...input,
    segments: mix(input.segments),
    neighborSegments: mix(input.neighborSegments),
    feeds: mix(input.feeds),
    regions: mix(input.regions),
    localFirms: mix(input.localFirms).map((f) => ({ ...f, segments: mix(f.segments) })),
    anchors: mix(input.anchors),
    localSupplies: mix(input.localSupplies),
    segmentCounts: mix(input.segmentCounts),
    regionCounts: mix(input.regionCounts),
    pairCounts: mix(input.pairCounts),
  };
}
