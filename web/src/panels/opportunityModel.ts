// The opportunity view's model (pure): each segment of the cluster, and the
// 延链 candidates of neighbouring clusters, placed by relative presence (RCA,
// log scale, capped) against relatedness density, with the quadrant cut-offs
// of the gap finder (docs/gap-finder.md: RCA 1, density 0.5).
import type { QuadrantName, SegmentAssessment, Status } from '../api/queries.js';

export const RCA_CUT = 1;
export const DENSITY_CUT = 0.5;
/** RCA shown from 1/8 to 8 on a log₂ axis; RCA 0 (no local firm) gets a strip of its own at the left. */
export const RCA_MIN = 0.125;
export const RCA_MAX = 8;

export interface OpportunityPoint {
  id: string;
  name: { zh: string; en: string };
  clusterName: { zh: string; en: string };
  own: boolean;
  status: Status;
  quadrant: QuadrantName;
  rca: number;
  density: number;
  criticality: number;
  /** 0–1 across the plot: 0 = the RCA-0 strip, then log₂ RCA from RCA_MIN to RCA_MAX. */
  u: number;
  /** 0–1 up the plot: density. */
  v: number;
  /** Plotted at the axis limit (RCA beyond the range). */
  capped: boolean;
}

/** Width share of the RCA = 0 strip. */
export const ENTRANT_STRIP = 0.17;

export function rcaToU(rca: number): { u: number; capped: boolean } {
  if (rca <= 0) return { u: ENTRANT_STRIP / 2, capped: false };
  const clamped = Math.min(RCA_MAX, Math.max(RCA_MIN, rca));
  const t = (Math.log2(clamped) - Math.log2(RCA_MIN)) / (Math.log2(RCA_MAX) - Math.log2(RCA_MIN));
  return { u: ENTRANT_STRIP + t * (1 - ENTRANT_STRIP), capped: clamped !== rca };
}

export function opportunityPoints(own: readonly SegmentAssessment[], neighbours: readonly SegmentAssessment[]): OpportunityPoint[] {
  const point = (s: SegmentAssessment, isOwn: boolean): OpportunityPoint => {
    const { u, capped } = rcaToU(s.rca);
    return {
      id: s.segmentId,
      name: { zh: s.segment.nameZh, en: s.segment.nameEn ?? s.segment.nameZh },
      clusterName: { zh: s.segment.cluster.nameZh, en: s.segment.cluster.nameEn ?? s.segment.cluster.nameZh },
      own: isOwn,
      status: s.status,
      quadrant: s.quadrant,
      rca: s.rca,
      density: s.relatednessDensity,
      criticality: s.criticality,
      u,
      v: Math.min(1, Math.max(0, s.relatednessDensity)),
      capped,
    };
  };
  return [...own.map((s) => point(s, true)), ...neighbours.map((s) => point(s, false))];
}

/** Quadrant areas in plot units (u, v from bottom-left), for shading and labels. */
export function quadrantAreas(): { quadrant: QuadrantName; u0: number; u1: number; v0: number; v1: number }[] {
  const cut = rcaToU(RCA_CUT).u;
  return [
    { quadrant: 'POSSIBLE_ENTRANT', u0: 0, u1: ENTRANT_STRIP, v0: 0, v1: 1 },
    { quadrant: 'OPPORTUNITY', u0: ENTRANT_STRIP, u1: cut, v0: DENSITY_CUT, v1: 1 },
    { quadrant: 'WEAKNESS', u0: ENTRANT_STRIP, u1: cut, v0: 0, v1: DENSITY_CUT },
    { quadrant: 'STRENGTH', u0: cut, u1: 1, v0: DENSITY_CUT, v1: 1 },
    { quadrant: 'THREAT', u0: cut, u1: 1, v0: 0, v1: DENSITY_CUT },
  ];
}
