// Target recommendation for segment M (materials) of the toy IC chain, by hand.
import { describe, expect, it } from 'vitest';
import { gapFinderConfig } from '../../server/analysis/config.js';
import { gapCreditByCount, recommendTargets, strongRegionsForSegment } from '../../server/analysis/targets.js';
import { HOME, M, W, firm, materialsCandidates, regions, toyIcInput } from './fixtures.js';

const ctx = { regions, homeRegionId: HOME, localAnchorFirmIds: ['f1'] };

describe('recommendTargets', () => {
  // weights 0.2 scale, 0.2 technology, 0.2 ties, 0.15 region, 0.1 origin, 0.15 multi-cluster (sum 1)
  // contribution = 100 × weight × factor (0–1)
  //
  // o1 (苏州, private, revenue L, 高新, 专精特新; supplies 链主 f1; no other segment)
  //   scale 0.75 → 15; technology 0.4 + 0.4 = 0.8 → 16; ties 2 (链主 counts 2) / 3 → 13.3333;
  //   region 长三角 1 → 15; origin private 0.6 → 6; multi 0 → 0;          score 65.3333
  // o2 (Japan, 日资, revenue XL, listed, 高新; two ties with f1 = one partner, a 链主; also in E (0 local) and nm.silicon (1 local))
  //   scale 1 → 20; technology 0.4 + 0.2 = 0.6 → 12; ties 2/3 → 13.3333; region abroad 0.3 → 4.5;
  //   origin 日资高地 1 → 10; multi (1 + 0.5)/3 = 0.5 → 7.5;              score 67.3333
  // o3 (Japan, 日资, employees M; supplies f2; also in E)
  //   scale 0.5 → 10; technology 0; ties 1/3 → 6.6667; region 4.5; origin 10; multi 1/3 → 5;   score 36.1667
  // o6 (深圳, state, revenue S) scale 0.25 → 5; region domestic 0.5 → 7.5; origin state 0.4 → 4;  score 16.5
  // local-m (local) and other-seg (not in M) are not targets.
  const ranked = recommendTargets(M, materialsCandidates(), ctx, 10);

  it('ranks by the transparent score', () => {
    expect(ranked.map((r) => r.firmId)).toEqual(['o2', 'o1', 'o3', 'o6']);
    const score = Object.fromEntries(ranked.map((r) => [r.firmId, r.score]));
    expect(score.o2).toBeCloseTo(67.3333, 3);
    expect(score.o1).toBeCloseTo(65.3333, 3);
    expect(score.o3).toBeCloseTo(36.1667, 3);
    expect(score.o6).toBeCloseTo(16.5, 10);
  });

  it('returns each factor with its contribution', () => {
    const o2 = ranked[0]!;
    expect(o2.factors.map((f) => [f.factor, f.weight])).toEqual([
      ['scale', 0.2], ['technology', 0.2], ['ties', 0.2], ['region', 0.15], ['origin', 0.1], ['multiCluster', 0.15],
    ]);
    const c = Object.fromEntries(o2.factors.map((f) => [f.factor, f.contribution]));
    expect(c.scale).toBeCloseTo(20, 10);
    expect(c.technology).toBeCloseTo(12, 10);
    expect(c.ties).toBeCloseTo(40 / 3, 10);
    expect(c.region).toBeCloseTo(4.5, 10);
    expect(c.origin).toBeCloseTo(10, 10);
    expect(c.multiCluster).toBeCloseTo(7.5, 10);
    expect(o2.factors.find((f) => f.factor === 'ties')!.value).toBe(1); // one distinct local partner
    expect(o2.factors.find((f) => f.factor === 'multiCluster')!.value).toBeCloseTo(1.5, 10);
    expect(o2.factors.find((f) => f.factor === 'origin')!.explanation.zh).toContain('日资高地');
    expect(o2.factors.find((f) => f.factor === 'multiCluster')!.explanation.zh).toBe('还可填补其他1个空白、1个薄弱环节(涉及2个产业集群)');
    // reasons: the contributing factors, largest first
    expect(o2.reasons.map((r) => r.code)).toEqual([
      'TARGET_SCALE', 'TARGET_TIES', 'TARGET_TECHNOLOGY', 'TARGET_ORIGIN', 'TARGET_MULTI_CLUSTER', 'TARGET_REGION',
    ]);
    const o1 = ranked[1]!;
    expect(o1.factors.find((f) => f.factor === 'region')!.explanation.zh).toBe('位于长三角(苏州市)');
    expect(o1.factors.find((f) => f.factor === 'ties')!.explanation.zh).toContain('含链主1家');
  });

  it('weights are configuration: more weight on 长三角 puts o1 first', () => {
    const config = gapFinderConfig({ targets: { weights: { region: 0.5 } } });
    // Σ weights = 0.2+0.2+0.2+0.5+0.1+0.15 = 1.35. o1: (0.15 + 0.16 + 0.13333 + 0.5 + 0.06)/1.35 = 74.321
    // o2: (0.2 + 0.12 + 0.13333 + 0.15 + 0.1 + 0.075)/1.35 = 57.654
    const r = recommendTargets(M, materialsCandidates(), { ...ctx, config }, 2);
    expect(r.map((x) => x.firmId)).toEqual(['o1', 'o2']);
    expect(r[0]!.score).toBeCloseTo((100 * (0.15 + 0.16 + 0.4 / 3 + 0.5 + 0.06)) / 1.35, 8);
    expect(r[1]!.score).toBeCloseTo((100 * (0.2 + 0.12 + 0.4 / 3 + 0.15 + 0.1 + 0.075)) / 1.35, 8);
  });

  it('ties break by firm id, and the limit applies', () => {
    const twin = (id: string) => ({ firm: firm({ id, regionId: 'cn-js-sz', segments: [{ segmentId: M, primary: true }] }), tiesToLocal: [], segmentLocalCounts: [] });
    expect(recommendTargets(M, [twin('b'), twin('a'), twin('c')], ctx, 2).map((r) => r.firmId)).toEqual(['a', 'b']);
    expect(recommendTargets(M, [twin('b')], ctx, 0)).toEqual([]);
  });

  it('is independent of candidate order', () => {
    expect(recommendTargets(M, materialsCandidates().reverse(), ctx, 10)).toEqual(ranked);
  });

  it('gap credit by local count uses the status thresholds', () => {
    const c = gapFinderConfig();
    expect(gapCreditByCount(0, c)).toEqual({ credit: 1, kind: 'MISSING' });
    expect(gapCreditByCount(1, c)).toEqual({ credit: 0.5, kind: 'WEAK' });
    expect(gapCreditByCount(2, c)).toEqual({ credit: 0.5, kind: 'WEAK' }); // 1·2 < 3
    expect(gapCreditByCount(3, c)).toEqual({ credit: 0, kind: null });
  });
});

describe('strongRegionsForSegment', () => {
  it('lists outside regions by firm count, leaving out the home city', () => {
    const rc = toyIcInput().regionCounts;
    // M: 苏州 3, 日本 5 → 日本 5/8, 苏州 3/8
    expect(strongRegionsForSegment(rc, regions, HOME, { segmentId: M })).toEqual([
      { regionId: 'jp', count: 5, share: 0.625, yrd: false },
      { regionId: 'cn-js-sz', count: 3, share: 0.375, yrd: true },
    ]);
    // W: 无锡 2 (contains the home district: left out), 苏州 2
    expect(strongRegionsForSegment(rc, regions, HOME, { segmentId: W })).toEqual([{ regionId: 'cn-js-sz', count: 2, share: 1, yrd: true }]);
    expect(strongRegionsForSegment(rc, regions, HOME, { segmentId: M, limit: 1 })).toHaveLength(1);
  });
});
