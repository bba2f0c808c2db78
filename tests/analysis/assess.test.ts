// The gap finder on the toy IC chain of fixtures.ts, every number by hand.
// docs/gap-finder.md "Worked example" walks through the same numbers.
import { describe, expect, it } from 'vitest';
import { assessCluster, quadrantOf, segmentStatus } from '../../server/analysis/assess.js';
import { defaultGapFinderConfig, gapFinderConfig } from '../../server/analysis/config.js';
import type { ClusterAssessment, SegmentAssessment } from '../../server/analysis/types.js';
import { D, E, HOME, M, N, P, W, firm, seg, shuffled, toyIcInput } from './fixtures.js';

function bySeg(a: ClusterAssessment): Record<string, SegmentAssessment> {
  return Object.fromEntries([...a.segments, ...a.neighborSegments].map((s) => [s.segmentId, s]));
}
const part = (s: SegmentAssessment, factor: string) => s.criticalityParts.find((p) => p.factor === factor)!;

describe('toy IC chain (home 新吴区)', () => {
  const a = assessCluster(toyIcInput());
  const s = bySeg(a);

  it('orders segments by stage, then id; neighbours apart', () => {
    // upstream D; midstream W; downstream P; support E, M (E < M by id).
    expect(a.segments.map((x) => x.segmentId)).toEqual([D, W, P, E, M]);
    expect(a.neighborSegments.map((x) => x.segmentId)).toEqual([N]);
  });

  it('local firms: a firm in a park below the home district is local, a firm in two segments counts in both', () => {
    expect(s[W]!.localFirmIds).toEqual(['f1', 'f2']);
    expect(s[P]!.localFirmIds).toEqual(['f2', 'f3']);
    expect(s[D]!.localFirmIds).toEqual(['f4']);
    expect(s[E]!.localFirmIds).toEqual([]);
  });

  it('strength and status', () => {
    // strength = 1·n + 1·Σsize + 0.5·#高新 + 0.5·#专精特新 + 1·#上市 + 2·#链主
    // W: f1 (XL=1, listed, high-tech, 链主), f2 (M=0.5, high-tech)
    //    = 2 + 1.5 + 0.5·2 + 0 + 1 + 2 = 7.5 ≥ 6 → STRONG
    expect(s[W]!.strength).toBeCloseTo(7.5, 10);
    expect(s[W]!.status).toBe('STRONG');
    // P: f2 (M=0.5, high-tech), f3 (max(L=0.75, M=0.5)=0.75, listed)
    //    = 2 + 1.25 + 0.5 + 0 + 1 + 0 = 4.75 ∈ [3, 6) → POTENTIAL
    expect(s[P]!.strength).toBeCloseTo(4.75, 10);
    expect(s[P]!.status).toBe('POTENTIAL');
    // D: f4 alone (S=0.25, high-tech, 专精特新) = 1 + 0.25 + 0.5 + 0.5 = 2.25 → WEAK, single point of failure
    expect(s[D]!.strength).toBeCloseTo(2.25, 10);
    expect(s[D]!.status).toBe('WEAK');
    expect(s[D]!.singlePointOfFailure).toBe(true);
    expect(s[D]!.reasons[0]!.code).toBe('SINGLE_FIRM');
    // E, M: no local firm → MISSING; N (iot, neighbour) MISSING too.
    for (const id of [E, M, N]) {
      expect(s[id]!.status).toBe('MISSING');
      expect(s[id]!.strength).toBe(0);
    }
    expect(a.counts).toEqual({ STRONG: 1, POTENTIAL: 1, WEAK: 1, MISSING: 2 });
    expect(a.noLocalBase).toBe(false);
    // strength parts add up to the strength
    const w = s[W]!.strengthParts;
    expect(w.map((p) => [p.factor, p.value, p.contribution])).toEqual([
      ['count', 2, 2], ['size', 1.5, 1.5], ['highTech', 2, 1], ['specialized', 0, 0], ['listed', 1, 1], ['anchor', 1, 2],
    ]);
    expect(s[W]!.localAnchorFirmIds).toEqual(['f1']);
  });

  it('RCA against the store benchmark', () => {
    // RCA = (local_s / localPairs) / (total_s / allPairs), localPairs = 10, allPairs = 100
    // D: (1/10)/(8/100) = 1.25; W: (2/10)/(4/100) = 5; P: (2/10)/(6/100) = 3.3333; E, M, N: 0
    expect(s[D]!.rca).toBeCloseTo(1.25, 10);
    expect(s[W]!.rca).toBeCloseTo(5, 10);
    expect(s[P]!.rca).toBeCloseTo(10 / 3, 10);
    expect(s[E]!.rca).toBe(0);
    expect(s[N]!.rca).toBe(0);
    // outside firms = total − local
    expect([D, W, P, E, M, N].map((id) => s[id]!.outsideFirmCount)).toEqual([7, 2, 4, 5, 8, 20]);
  });

  it('relatedness = 0.4·FEEDS adjacency + 0.3·φ + 0.3·shared-firm share', () => {
    // Cities where present (count ≥ 1): 无锡 {D, W, P}, 北京 {D}, 苏州 {W, P, M}, 深圳 {P, N}, 日本 {E, M}
    // ubiquity: D 2, W 2, P 3, E 1, M 2, N 1
    // φ: D–W 1/2, D–P 1/3, W–P 2/3, W–M 1/2, P–M 1/3, P–N 1/3, E–M 1/2
    // shared: W–P 2/min(4,6) = 0.5; M–P 1/min(8,6) = 1/6
    // adjacency: D–W 1, E–W 0.5, M–W 0.5, W–P 1, M–P 0.5, P–N 0.5
    // r(D,W) = 0.4 + 0.15 = 0.55          r(D,P) = 0.3·1/3 = 0.1
    // r(E,W) = 0.2                        r(M,W) = 0.2 + 0.15 = 0.35
    // r(W,P) = 0.4 + 0.2 + 0.15 = 0.75    r(M,P) = 0.2 + 0.1 + 0.05 = 0.35
    // r(P,N) = 0.2 + 0.1 = 0.3            r(E,M) = 0.15
    const rel = (x: string, y: string) => s[x]!.related.find((r) => r.segmentId === y)?.relatedness ?? 0;
    expect(rel(D, W)).toBeCloseTo(0.55, 10);
    expect(rel(W, D)).toBeCloseTo(0.55, 10);
    expect(rel(D, P)).toBeCloseTo(0.1, 10);
    expect(rel(E, W)).toBeCloseTo(0.2, 10);
    expect(rel(M, W)).toBeCloseTo(0.35, 10);
    expect(rel(W, P)).toBeCloseTo(0.75, 10);
    expect(rel(M, P)).toBeCloseTo(0.35, 10);
    expect(rel(P, N)).toBeCloseTo(0.3, 10);
    expect(rel(E, M)).toBeCloseTo(0.15, 10);
    expect(rel(D, E)).toBe(0);
    expect(rel(W, N)).toBe(0);
    // most related first
    expect(s[W]!.related.map((r) => r.segmentId)).toEqual([P, D, M, E]);
  });

  it('relatedness density and quadrant', () => {
    // presence: STRONG/POTENTIAL 1, WEAK 0.5, MISSING 0 → W 1, P 1, D 0.5, E M N 0
    // D: (0.55·1 + 0.1·1) / 0.65 = 1
    // W: (0.55·0.5 + 0.2·0 + 0.35·0 + 0.75·1) / 1.85 = 1.025 / 1.85 = 0.554054
    // P: (0.1·0.5 + 0.75·1 + 0.35·0 + 0.3·0) / 1.5 = 0.8 / 1.5 = 0.533333
    // E: (0.2·1 + 0.15·0) / 0.35 = 0.571429
    // M: (0.35·1 + 0.35·1 + 0.15·0) / 0.85 = 0.823529
    // N: (0.3·1) / 0.3 = 1
    expect(s[D]!.relatednessDensity).toBeCloseTo(1, 10);
    expect(s[W]!.relatednessDensity).toBeCloseTo(1.025 / 1.85, 10);
    expect(s[P]!.relatednessDensity).toBeCloseTo(0.8 / 1.5, 10);
    expect(s[E]!.relatednessDensity).toBeCloseTo(0.2 / 0.35, 10);
    expect(s[M]!.relatednessDensity).toBeCloseTo(0.7 / 0.85, 10);
    expect(s[N]!.relatednessDensity).toBeCloseTo(1, 10);
    // RCA ≥ 1 and density ≥ 0.5 → STRENGTH (D, W, P); RCA 0 → POSSIBLE_ENTRANT
    expect([D, W, P, E, M, N].map((id) => s[id]!.quadrant)).toEqual([
      'STRENGTH', 'STRENGTH', 'STRENGTH', 'POSSIBLE_ENTRANT', 'POSSIBLE_ENTRANT', 'POSSIBLE_ENTRANT',
    ]);
  });

  it('criticality = 0.4·reach + 0.2·local demand + 0.2·anchors + 0.2·bottleneck', () => {
    // W(s,t) = max path Π weights × 0.5^(hops−1)
    // D: W 1, P 1·0.5·1 = 0.5, N 0.5·0.5·0.5 = 0.125 → reach 1.625 (the maximum)
    // E: W 0.5, P 0.25, N 0.0625 → 0.8125        M: W 0.5, P max(0.5, 0.25) = 0.5, N 0.125 → 1.125
    // W: P 1, N 0.25 → 1.25                      P: N 0.5 → 0.5          N: 0
    expect(part(s[D]!, 'reach').value).toBeCloseTo(1.625, 10);
    expect(part(s[E]!, 'reach').value).toBeCloseTo(0.8125, 10);
    expect(part(s[M]!, 'reach').value).toBeCloseTo(1.125, 10);
    expect(part(s[W]!, 'reach').value).toBeCloseTo(1.25, 10);
    expect(part(s[P]!, 'reach').value).toBeCloseTo(0.5, 10);
    // local demand Σ W·presence: D 1 + 0.5 = 1.5 (max); E 0.75; M 1; W 1; P 0 (N missing)
    expect(part(s[D]!, 'localDemand').value).toBeCloseTo(1.5, 10);
    expect(part(s[E]!, 'localDemand').value).toBeCloseTo(0.75, 10);
    expect(part(s[M]!, 'localDemand').value).toBeCloseTo(1, 10);
    // anchors: the one local 链主 f1 is in W: D 1, E 0.5, M 0.5, W itself 0
    expect(part(s[D]!, 'anchors').value).toBeCloseTo(1, 10);
    expect(part(s[M]!, 'anchors').value).toBeCloseTo(0.5, 10);
    expect(part(s[W]!, 'anchors').value).toBe(0);
    // bottleneck: inputs of W = 1 + 0.5 + 0.5 = 2, of P = 1 + 0.5 = 1.5
    // D→W 1/2 = 0.5; E→W 0.25; M: (0.25 + 0.5/1.5)/2 = 0.291667; W→P 1/1.5 = 0.666667; P→N: N is another cluster's → 0
    expect(part(s[D]!, 'bottleneck').value).toBeCloseTo(0.5, 10);
    expect(part(s[M]!, 'bottleneck').value).toBeCloseTo((0.25 + 1 / 3) / 2, 10);
    expect(part(s[W]!, 'bottleneck').value).toBeCloseTo(2 / 3, 10);
    // D: 0.4·1 + 0.2·1 + 0.2·1 + 0.2·0.5 = 0.9
    // E: 0.4·0.5 + 0.2·0.5 + 0.2·0.5 + 0.2·0.25 = 0.45
    // M: 0.4·(1.125/1.625) + 0.2·(1/1.5) + 0.2·0.5 + 0.2·0.291667 = 0.568590
    // W: 0.4·(1.25/1.625) + 0.2·(1/1.5) + 0 + 0.2·(2/3) = 0.574359
    // P: 0.4·(0.5/1.625) = 0.123077; N: 0
    expect(s[D]!.criticality).toBeCloseTo(0.9, 10);
    expect(s[E]!.criticality).toBeCloseTo(0.45, 10);
    expect(s[M]!.criticality).toBeCloseTo(0.4 * (1.125 / 1.625) + 0.2 * (1 / 1.5) + 0.1 + 0.2 * ((0.25 + 1 / 3) / 2), 10);
    expect(s[M]!.criticality).toBeCloseTo(0.56859, 5);
    expect(s[W]!.criticality).toBeCloseTo(0.574359, 5);
    expect(s[P]!.criticality).toBeCloseTo(0.123077, 5);
    expect(s[N]!.criticality).toBe(0);
    // the parts add up
    for (const x of Object.values(s)) expect(x.criticalityParts.reduce((t, p) => t + p.contribution, 0)).toBeCloseTo(x.criticality, 12);
    expect(part(s[D]!, 'reach').explanation.zh).toContain('下游3个环节依赖该环节');
  });

  it('weak links and 本地配套率', () => {
    // FEEDS s→t with t STRONG/POTENTIAL and s MISSING/WEAK: D→W, E→W, M→W, M→P (W→P: W strong; P→N: N missing)
    expect(a.weakLinks.map((l) => `${l.from}>${l.to}`)).toEqual([`${D}>${W}`, `${E}>${W}`, `${M}>${W}`, `${M}>${P}`]);
    const wl = Object.fromEntries(a.weakLinks.map((l) => [`${l.from}>${l.to}`, l]));
    // D→W: t4 (f4, local) and t5 (Shanghai) → 1/2; Shanghai is a province-level city: stands for itself
    expect(wl[`${D}>${W}`]).toMatchObject({ fromStatus: 'WEAK', toStatus: 'STRONG', tiesTotal: 2, tiesLocal: 1, localSourcingRatio: 0.5 });
    expect(wl[`${D}>${W}`]!.outsideSupplierRegions).toEqual([{ regionId: 'cn-sh', ties: 1 }]);
    // M→W: t1 (Suzhou), t2 (Japan), t3 (Japan, no segment named: any supplier segment), t7 = t1 → 0/3
    expect(wl[`${M}>${W}`]).toMatchObject({ tiesTotal: 3, tiesLocal: 0, localSourcingRatio: 0 });
    expect(wl[`${M}>${W}`]!.outsideSupplierRegions).toEqual([{ regionId: 'jp', ties: 2 }, { regionId: 'cn-js-sz', ties: 1 }]);
    // E→W: t3 → 0/1; M→P: t3 (f2 also buys as a packaging firm) → 0/1
    expect(wl[`${E}>${W}`]).toMatchObject({ tiesTotal: 1, localSourcingRatio: 0 });
    expect(wl[`${M}>${P}`]).toMatchObject({ fromStatus: 'MISSING', toStatus: 'POTENTIAL', tiesTotal: 1, localSourcingRatio: 0 });
    // All links, with the flag: W→P has t6 (Suzhou) → 0/1; P→N no tie data → null
    const link = Object.fromEntries(a.links.map((l) => [`${l.from}>${l.to}`, l]));
    expect(a.links).toHaveLength(6);
    expect(link[`${W}>${P}`]).toMatchObject({ weakLink: false, tiesTotal: 1, localSourcingRatio: 0 });
    expect(link[`${P}>${N}`]).toMatchObject({ weakLink: false, tiesTotal: 0, localSourcingRatio: null });
    expect(wl[`${M}>${W}`]!.reasons.map((r) => r.code)).toEqual(['WEAK_LINK', 'LOCAL_SOURCING_RATIO', 'OUTSIDE_SUPPLIERS']);
  });

  it('weak links: ties sorted by (buyer, supplier) as the stores send them count the same (t1 and t7 adjacent, still once)', () => {
    const input = toyIcInput();
    const sorted = [...input.localSupplies].sort((x, y) => (x.to < y.to ? -1 : x.to > y.to ? 1 : x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
    // f1's ties come first, o1→f1 twice in a row (t1, t7); x-not-local last.
    expect(sorted.map((t) => `${t.from}>${t.to}`).slice(0, 3)).toEqual(['f4>f1', 'o1>f1', 'o1>f1']);
    const b = assessCluster({ ...input, localSupplies: sorted });
    expect(b.weakLinks).toEqual(a.weakLinks);
    expect(b.links).toEqual(a.links);
    const wl = Object.fromEntries(b.weakLinks.map((l) => [`${l.from}>${l.to}`, l]));
    expect(wl[`${M}>${W}`]).toMatchObject({ tiesTotal: 3, tiesLocal: 0 });
    expect(wl[`${D}>${W}`]).toMatchObject({ tiesTotal: 2, tiesLocal: 1 });
  });

  it('actions: 强链 D, 延链 N, 补链 M and E, by priority', () => {
    // feasibility = 0.6·density + 0.4·min(1, outside/10)
    // D: 0.6·1 + 0.4·0.7 = 0.88          E: 0.6·0.571429 + 0.4·0.5 = 0.542857
    // M: 0.6·0.823529 + 0.4·0.8 = 0.814118  N: 0.6·1 + 0.4·1 = 1
    // priority = 100·(0.6·crit + 0.4·feas); EXTEND 100·(0.3·crit + 0.7·feas)
    // D: 100·(0.54 + 0.352) = 89.2       N: 100·(0 + 0.7) = 70
    // M: 100·(0.6·0.568590 + 0.4·0.814118) = 66.6801   E: 100·(0.27 + 0.217143) = 48.7143
    expect(a.actions.map((x) => [x.kind, x.segmentId])).toEqual([
      ['STRENGTHEN', D], ['EXTEND', N], ['FILL', M], ['FILL', E],
    ]);
    const act = Object.fromEntries(a.actions.map((x) => [x.segmentId, x]));
    expect(act[D]!.feasibility).toBeCloseTo(0.88, 10);
    expect(act[D]!.priority).toBeCloseTo(89.2, 10);
    expect(act[N]!.priority).toBeCloseTo(70, 10);
    expect(act[M]!.feasibility).toBeCloseTo(0.6 * (0.7 / 0.85) + 0.32, 10);
    expect(act[M]!.priority).toBeCloseTo(66.6801, 3);
    expect(act[E]!.priority).toBeCloseTo(48.7143, 3);
    // reasons name the numbers, in both languages
    expect(act[M]!.reasons[0]).toMatchObject({ code: 'MISSING_SEGMENT' });
    expect(act[M]!.reasons.map((r) => r.zh).join(' ')).toContain('下游3个环节依赖该环节,其中2个本地已有企业');
    expect(act[M]!.reasons.map((r) => r.en).join(' ')).toContain('8 firm(s) outside the district');
    expect(act[M]!.reasons.filter((r) => r.code === 'WEAK_LINK')).toHaveLength(2);
    expect(act[D]!.reasons[0]).toMatchObject({ code: 'SINGLE_FIRM' });
    expect(act[N]!.reasons[0]!.code).toBe('ADJACENT_TO');
    expect(act[D]!.reasons.at(-1)!.zh).toBe('优先级89.2 = 100×(0.6×关键度0.9 + 0.4×可行度0.88)');
  });

  it('is deterministic and independent of input order', () => {
    expect(assessCluster(toyIcInput())).toEqual(a);
    expect(assessCluster(shuffled(toyIcInput()))).toEqual(a);
  });

  it('duplicates in the input change nothing: a local firm sent twice, a segment listed twice, anchors and ties repeated', () => {
    const input = toyIcInput();
    const [first, second] = input.localFirms;
    const dup = {
      ...input,
      localFirms: [...input.localFirms, { ...first!, segments: [...first!.segments, ...first!.segments] }, second!],
      anchors: [...input.anchors].reverse().concat(input.anchors),
      localSupplies: [...input.localSupplies].reverse().concat(input.localSupplies),
    };
    expect(assessCluster(dup)).toEqual(a);
  });

  it('many local firms (more firm segments than the first scratch space holds): every firm counted once per segment, in id order', () => {
    // 3,000 extra local firms in W and P (6,000 firm segments, plus the toy's), ids after the toy's
    // (f1…f4): each of W and P gains exactly 3,000 firms; the XL revenue band scores 1 each.
    const input = toyIcInput();
    const extra = Array.from({ length: 3000 }, (_, k) =>
      firm({ id: `g${String(k).padStart(5, '0')}`, regionId: HOME, segments: [{ segmentId: W, primary: true }, { segmentId: P, primary: false }], revenueBand: 'XL' }),
    );
    const big = bySeg(assessCluster({ ...input, localFirms: [...input.localFirms, ...extra] }));
    expect(big[W]!.localFirmIds).toEqual(['f1', 'f2', ...extra.map((f) => f.id)]);
    expect(big[P]!.localFirmIds).toEqual(['f2', 'f3', ...extra.map((f) => f.id)]);
    expect(big[D]!.localFirmIds).toEqual(['f4']);
    const size = (x: SegmentAssessment) => x.strengthParts.find((p) => p.factor === 'size')!.value;
    expect(size(big[W]!) - size(s[W]!)).toBe(3000);
    expect(size(big[P]!) - size(s[P]!)).toBe(3000);
  });
});

describe('benchmarks and thresholds', () => {
  it('uses published national counts as the RCA benchmark when present', () => {
    // K = {D (national 300), W (national 100)}: Σ national 400, Σ store total 8 + 4 = 12
    // bench_D = 300/400 · 12/100 = 0.09 → RCA_D = 0.1/0.09 = 1.1111
    // bench_W = 100/400 · 0.12 = 0.03 → RCA_W = 0.2/0.03 = 6.6667; P keeps the store benchmark: 3.3333
    const input = toyIcInput();
    input.segments = input.segments.map((x) => (x.id === D ? { ...x, nationalFirmCount: 300 } : x.id === W ? { ...x, nationalFirmCount: 100 } : x));
    const s = bySeg(assessCluster(input));
    expect(s[D]!.rca).toBeCloseTo(0.1 / 0.09, 10);
    expect(s[W]!.rca).toBeCloseTo(0.2 / 0.03, 10);
    expect(s[P]!.rca).toBeCloseTo(10 / 3, 10);
    expect(s[D]!.reasons.find((r) => r.code === 'RCA')!.zh).toContain('以全国企业数为基准');
  });

  it('a national count of 0 with local firms caps RCA', () => {
    const input = toyIcInput();
    input.segments = input.segments.map((x) => (x.id === D ? { ...x, nationalFirmCount: 0 } : x));
    expect(bySeg(assessCluster(input))[D]!.rca).toBe(defaultGapFinderConfig.rcaCap);
  });

  it('status thresholds are configuration', () => {
    const c = defaultGapFinderConfig;
    expect(segmentStatus(0, 0, c)).toBe('MISSING');
    expect(segmentStatus(50, 1, c)).toBe('WEAK'); // one firm: at most WEAK
    expect(segmentStatus(2.99, 2, c)).toBe('WEAK');
    expect(segmentStatus(3, 2, c)).toBe('POTENTIAL');
    expect(segmentStatus(6, 2, c)).toBe('STRONG');
    const strict = gapFinderConfig({ status: { strongMin: 8 } });
    expect(segmentStatus(7.5, 2, strict)).toBe('POTENTIAL');
    expect(bySeg(assessCluster(toyIcInput(), strict))[W]!.status).toBe('POTENTIAL');
    expect(() => gapFinderConfig({ status: { strongMin: 2, potentialMin: 3 } })).toThrow();
  });

  it('quadrant rules', () => {
    const c = defaultGapFinderConfig;
    expect(quadrantOf(0, 0.9, c)).toBe('POSSIBLE_ENTRANT');
    expect(quadrantOf(1, 0.5, c)).toBe('STRENGTH');
    expect(quadrantOf(2, 0.49, c)).toBe('THREAT');
    expect(quadrantOf(0.5, 0.5, c)).toBe('OPPORTUNITY');
    expect(quadrantOf(0.5, 0.1, c)).toBe('WEAKNESS');
  });
});

describe('edge cases', () => {
  it('empty cluster (no segments)', () => {
    const input = { ...toyIcInput(), segments: [], neighborSegments: [], feeds: [] };
    const a = assessCluster(input);
    expect(a.segments).toEqual([]);
    expect(a.actions).toEqual([]);
    expect(a.weakLinks).toEqual([]);
    expect(a.noLocalBase).toBe(false);
    expect(a.counts).toEqual({ STRONG: 0, POTENTIAL: 0, WEAK: 0, MISSING: 0 });
  });

  it('cycles in FEEDS terminate and are deterministic', () => {
    // A →1 B →0.5 C →1 A, plus a self-loop (ignored) and a duplicate edge (max weight kept)
    // W(A,·): B 1, C 1·0.5·0.5 = 0.25 → 1.25;  W(B,·): C 0.5, A 0.5·0.5·1 = 0.25 → 0.75
    // W(C,·): A 1, B 1·0.5·1 = 0.5 → 1.5 (max)
    const base = toyIcInput();
    const input = {
      ...base,
      segments: [seg('x.a', 'ic', 'upstream'), seg('x.b', 'ic', 'midstream'), seg('x.c', 'ic', 'downstream')],
      neighborSegments: [],
      feeds: [
        { from: 'x.a', to: 'x.b', weight: 1, sourceId: 't', confidence: 1 },
        { from: 'x.b', to: 'x.c', weight: 0.5, sourceId: 't', confidence: 1 },
        { from: 'x.b', to: 'x.c', weight: 0.2, sourceId: 't', confidence: 1 },
        { from: 'x.c', to: 'x.a', weight: 1, sourceId: 't', confidence: 1 },
        { from: 'x.a', to: 'x.a', weight: 1, sourceId: 't', confidence: 1 },
      ],
      localFirms: [],
      localSupplies: [],
      segmentCounts: [],
      regionCounts: [],
      pairCounts: [],
    };
    const a = assessCluster(input);
    const s = bySeg(a);
    expect(part(s['x.a']!, 'reach').value).toBeCloseTo(1.25, 10);
    expect(part(s['x.b']!, 'reach').value).toBeCloseTo(0.75, 10);
    expect(part(s['x.c']!, 'reach').value).toBeCloseTo(1.5, 10);
    // bottleneck: every segment has a single input (the duplicate collapsed) → 1
    expect(part(s['x.b']!, 'bottleneck').value).toBe(1);
    expect(a.links).toHaveLength(3);
    expect(assessCluster(shuffled(input))).toEqual(a);
  });

  it('a home region with no firms: all MISSING, 造链 for every segment', () => {
    // Home = 梁溪区: the 新吴 firms are not local (the analysis ignores them even if a store sent them).
    // No presence → density 0, local demand 0, no local 链主: criticality = 0.4·reach/1.625 + 0.2·bottleneck
    //   D 0.4 + 0.1 = 0.5      E 0.2 + 0.05 = 0.25      M 0.276923 + 0.058333 = 0.335256
    //   W 0.307692 + 0.133333 = 0.441026                P 0.123077
    // feasibility = 0.4·min(1, total/10): D 0.32, E 0.2, M 0.32, W 0.16, P 0.24
    // priority = 100·(0.6·crit + 0.4·feas): D 42.8, M 32.9154, W 32.8615, E 23, P 16.9846
    const input = { ...toyIcInput(), homeRegionId: 'cn-js-wx-liangxi', totals: { allPairs: 100, localPairs: 0 } };
    const a = assessCluster(input);
    expect(a.noLocalBase).toBe(true);
    expect(a.counts.MISSING).toBe(5);
    expect(a.weakLinks).toEqual([]);
    expect(a.actions.map((x) => [x.kind, x.segmentId])).toEqual([
      ['CREATE', D], ['CREATE', M], ['CREATE', W], ['CREATE', E], ['CREATE', P],
    ]);
    const pr = Object.fromEntries(a.actions.map((x) => [x.segmentId, x.priority]));
    expect(pr[D]).toBeCloseTo(42.8, 10);
    expect(pr[M]).toBeCloseTo(32.91538, 4);
    expect(pr[W]).toBeCloseTo(32.86154, 4);
    expect(pr[E]).toBeCloseTo(23, 10);
    expect(pr[P]).toBeCloseTo(16.98462, 4);
    expect(a.actions[0]!.reasons[0]!.code).toBe('NO_LOCAL_BASE');
  });

  it('a home region deep in the tree: a firm in a region below it is local', () => {
    // Home = the park below 新吴: only f2 is local (W and P, one firm each → WEAK, single point of failure).
    const a = assessCluster({ ...toyIcInput(), homeRegionId: 'cn-js-wx-xinwu-park' });
    const s = bySeg(a);
    expect(s[W]!.localFirmIds).toEqual(['f2']);
    expect(s[W]!.singlePointOfFailure).toBe(true);
    expect(s[P]!.status).toBe('WEAK');
    expect(s[D]!.status).toBe('MISSING');
    // No STRONG/POTENTIAL segment → no weak link; f4 (新吴, outside the park) now counts as an outside supplier.
    expect(a.weakLinks).toEqual([]);
    const dw = a.links.find((l) => l.from === D && l.to === W)!;
    expect(dw).toMatchObject({ tiesTotal: 0, localSourcingRatio: null }); // f1 (the buyer) is not local either
    // Home = the whole city: the same firms are local
    expect(bySeg(assessCluster({ ...toyIcInput(), homeRegionId: 'cn-js-wx' }))[W]!.localFirmIds).toEqual(['f1', 'f2']);
    expect(HOME).toBe('cn-js-wx-xinwu');
  });

  it('a segment with only outside firms is MISSING with its outside pool counted', () => {
    const s = bySeg(assessCluster(toyIcInput()));
    expect(s[M]).toMatchObject({ status: 'MISSING', localFirmIds: [], rca: 0, outsideFirmCount: 8, quadrant: 'POSSIBLE_ENTRANT', singlePointOfFailure: false });
  });

  it('a feed to a segment outside the input is ignored', () => {
    const input = toyIcInput();
    input.feeds = [...input.feeds, { from: W, to: 'unknown.seg', weight: 1, sourceId: 't', confidence: 1 }];
    expect(assessCluster(input)).toEqual(assessCluster(toyIcInput()));
  });
});
