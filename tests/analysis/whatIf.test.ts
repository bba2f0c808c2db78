// What-if on the toy IC chain, by hand.
import { describe, expect, it } from 'vitest';
import { landFirmsInInput, whatIf } from '../../server/analysis/whatIf.js';
import { E, HOME, M, P, W, localFirms, o1, o2, toyIcInput } from './fixtures.js';

describe('whatIf', () => {
  it('landing one materials firm flips M from MISSING to WEAK (single firm), weak links stay', () => {
    // o1 (L 0.75, 高新, 专精特新) alone in M: strength 1 + 0.75 + 0.5 + 0.5 = 2.75, one firm → WEAK
    const r = whatIf(toyIcInput(), [o1]);
    expect(r.landedFirmIds).toEqual(['o1']);
    expect(r.statusChanges).toEqual([{ segmentId: M, from: 'MISSING', to: 'WEAK' }]);
    const m = r.after.segments.find((s) => s.segmentId === M)!;
    expect(m.strength).toBeCloseTo(2.75, 10);
    expect(m.singlePointOfFailure).toBe(true);
    expect(r.weakLinksClosed).toEqual([]);
    expect(r.weakLinksOpened).toEqual([]);
    // M→W: t1 (o1, now local), t2, t3 → 1/3; before 0/3
    expect(r.sourcingRatioChanges).toHaveLength(1);
    expect(r.sourcingRatioChanges[0]).toMatchObject({ from: M, to: W, before: 0 });
    expect(r.sourcingRatioChanges[0]!.after).toBeCloseTo(1 / 3, 10);
    // the 补链 action on M becomes a 强链 action
    expect(r.after.actions.find((a) => a.segmentId === M)!.kind).toBe('STRENGTHEN');
    // RCA of M: (1/11) / (8/100) = 1.136364 (localPairs 10 + 1 segment of o1)
    expect(m.rca).toBeCloseTo(1 / 11 / 0.08, 10);
  });

  it('landing two materials firms closes the weak links out of M and flips E to WEAK', () => {
    // M: o1 + o2: 2 + (0.75 + 1) + 0.5·2 + 0.5·1 + 1·1 = 6.25 ≥ 6 → STRONG
    // E: o2 alone (XL 1, listed, 高新): 1 + 1 + 0.5 + 1 = 3.5, one firm → WEAK
    const r = whatIf(toyIcInput(), [o2, o1, o1]);
    expect(r.landedFirmIds).toEqual(['o1', 'o2']);
    expect(r.statusChanges).toEqual([
      { segmentId: E, from: 'MISSING', to: 'WEAK' },
      { segmentId: M, from: 'MISSING', to: 'STRONG' },
    ]);
    expect(r.after.segments.find((s) => s.segmentId === M)!.strength).toBeCloseTo(6.25, 10);
    // M→W and M→P close; E→W stays weak (E only WEAK); D→W stays
    expect(r.weakLinksClosed).toEqual([{ from: M, to: W }, { from: M, to: P }]);
    expect(r.after.weakLinks.map((l) => `${l.from}>${l.to}`)).toEqual(['ic.design>ic.wafer', 'ic.equipment>ic.wafer']);
    // M→W: t1, t2 now local, t3 (o3, Japan) not → 2/3
    expect(r.sourcingRatioChanges.map((c) => [c.from, c.to, c.before])).toEqual([[M, W, 0]]);
    expect(r.sourcingRatioChanges[0]!.after).toBeCloseTo(2 / 3, 10);
    expect(r.after.counts).toEqual({ STRONG: 2, POTENTIAL: 1, WEAK: 2, MISSING: 0 });
  });

  it('adjusts counts, totals, city counts and supplier regions of the input', () => {
    const { input, landed } = landFirmsInInput(toyIcInput(), [o2]);
    expect(landed.map((f) => f.id)).toEqual(['o2']);
    expect(input.localFirms.find((f) => f.id === 'o2')!.regionId).toBe(HOME);
    expect(input.segmentCounts.find((c) => c.segmentId === M)).toEqual({ segmentId: M, total: 8, local: 1 });
    expect(input.segmentCounts.find((c) => c.segmentId === E)).toEqual({ segmentId: E, total: 5, local: 1 });
    expect(input.totals).toEqual({ allPairs: 100, localPairs: 12 }); // o2 has 2 segments
    // M: 日本 5 → 4, 无锡 +1; E: 日本 5 → 4, 无锡 1
    const rc = (s: string, r: string) => input.regionCounts.find((x) => x.segmentId === s && x.regionId === r)?.count;
    expect([rc(M, 'jp'), rc(M, 'cn-js-wx'), rc(E, 'jp'), rc(E, 'cn-js-wx')]).toEqual([4, 1, 4, 1]);
    expect(input.localSupplies.filter((t) => t.from === 'o2').map((t) => t.supplierRegionId)).toEqual([HOME]);
    // the original input is untouched
    expect(toyIcInput().regionCounts.find((x) => x.segmentId === M && x.regionId === 'jp')!.count).toBe(5);
  });

  it('a firm that is already local changes nothing', () => {
    const r = whatIf(toyIcInput(), [localFirms[0]!]);
    expect(r.landedFirmIds).toEqual([]);
    expect(r.alreadyLocalFirmIds).toEqual(['f1']);
    expect(r.after).toEqual(r.before);
    expect(r.statusChanges).toEqual([]);
  });
});
