// Opportunity view model: RCA on a capped log axis with an RCA = 0 strip,
// density up, quadrant areas matching the gap finder's cut-offs.
import { describe, expect, it } from 'vitest';
import { DENSITY_CUT, ENTRANT_STRIP, RCA_CUT, opportunityPoints, quadrantAreas, rcaToU } from '../../web/src/panels/opportunityModel.js';
import type { SegmentAssessment } from '../../web/src/api/queries.js';

const seg = (id: string, rca: number, density: number, own = 'c'): SegmentAssessment => ({
  segmentId: id,
  clusterId: own,
  segment: { nameZh: id, nameEn: id, stage: 'UPSTREAM', cluster: { id: own, nameZh: own, nameEn: own } },
  status: rca === 0 ? 'MISSING' : 'STRONG',
  strength: 0,
  criticality: 0.5,
  rca,
  relatednessDensity: density,
  quadrant: 'STRENGTH',
  singlePointOfFailure: false,
  localAnchorFirmIds: [],
  outsideFirmCount: 0,
  localFirms: [],
  reasons: [],
});

describe('opportunity model', () => {
  it('puts RCA 0 in its own strip and orders the rest on a log axis, capped', () => {
    expect(rcaToU(0).u).toBeLessThan(ENTRANT_STRIP);
    expect(rcaToU(0.5).u).toBeGreaterThan(ENTRANT_STRIP);
    expect(rcaToU(0.5).u).toBeLessThan(rcaToU(1).u);
    expect(rcaToU(1).u).toBeLessThan(rcaToU(2).u);
    expect(rcaToU(1000)).toEqual({ u: 1, capped: true });
    expect(rcaToU(1e-6).capped).toBe(true);
  });

  it('plots own segments and neighbours with density as height', () => {
    const pts = opportunityPoints([seg('a', 2, 0.7)], [seg('n', 0, 0.3, 'x')]);
    expect(pts.map((p) => [p.id, p.own])).toEqual([['a', true], ['n', false]]);
    expect(pts[0]!.v).toBe(0.7);
    expect(pts[1]!.clusterName.zh).toBe('x');
  });

  it('has quadrant areas split at RCA 1 and density 0.5 that tile the plot', () => {
    const areas = quadrantAreas();
    expect(areas.map((a) => a.quadrant).sort()).toEqual(['OPPORTUNITY', 'POSSIBLE_ENTRANT', 'STRENGTH', 'THREAT', 'WEAKNESS']);
    const strength = areas.find((a) => a.quadrant === 'STRENGTH')!;
    expect(strength.u0).toBeCloseTo(rcaToU(RCA_CUT).u);
    expect(strength.v0).toBe(DENSITY_CUT);
    expect(areas.reduce((s, a) => s + (a.u1 - a.u0) * (a.v1 - a.v0), 0)).toBeCloseTo(1);
  });
});
