// Output of the gap finder (DESIGN.md "Gap finder"). Every number comes with
// the words that explain it (Chinese and English).

/** 优势 / 潜力 / 薄弱 / 空白 */
export type SegmentStatus = 'STRONG' | 'POTENTIAL' | 'WEAK' | 'MISSING';

/** Metroverse-style position by relative presence (RCA) × relatedness density. */
export type Quadrant = 'STRENGTH' | 'OPPORTUNITY' | 'WEAKNESS' | 'THREAT' | 'POSSIBLE_ENTRANT';

/** 补链 fill a missing segment · 强链 strengthen a weak one · 延链 extend to an adjacent one · 造链 build a chain with no local base. */
export type ActionKind = 'FILL' | 'STRENGTHEN' | 'EXTEND' | 'CREATE';

export interface Explanation {
  /** Stable machine code, e.g. `SINGLE_FIRM`, `FEEDS_STRONG_DOWNSTREAM`. */
  code: string;
  zh: string;
  en: string;
}

export interface Contribution {
  factor: string;
  /** Raw input value of the factor (count, band score, ratio …). */
  value: number;
  weight: number;
  /** weight × normalised value: what it adds to the total. */
  contribution: number;
  explanation: Explanation;
}

export interface SegmentAssessment {
  segmentId: string;
  clusterId: string;
  localFirmIds: string[];
  /** Documented strength score (docs/gap-finder.md) and its parts. */
  strength: number;
  strengthParts: Contribution[];
  status: SegmentStatus;
  /** Exactly one local firm: losing it empties the segment. */
  singlePointOfFailure: boolean;
  /** Revealed comparative advantage of the home region in the segment. */
  rca: number;
  /** Share of related segments (weighted) present locally, 0–1. */
  relatednessDensity: number;
  quadrant: Quadrant;
  criticality: number;
  criticalityParts: Contribution[];
  reasons: Explanation[];
}

export interface WeakLink {
  from: string;
  to: string;
  fromStatus: SegmentStatus;
  toStatus: SegmentStatus;
  weight: number;
  /** 本地配套率: share of local `to` firms' known SUPPLIES ties in `from` that come from local firms; null without tie data. */
  localSourcingRatio: number | null;
  tiesTotal: number;
  tiesLocal: number;
  /** Where the local buyers source `from` today (outside regions by tie count). */
  outsideSupplierRegions: { regionId: string; ties: number }[];
  reasons: Explanation[];
}

export interface ChainAction {
  kind: ActionKind;
  segmentId: string;
  /** 0–100: combines criticality and feasibility (docs/gap-finder.md). */
  priority: number;
  criticality: number;
  feasibility: number;
  reasons: Explanation[];
}

export interface ClusterAssessment {
  clusterId: string;
  homeRegionId: string;
  segments: SegmentAssessment[];
  /** Assessments of other clusters' adjacent segments (延链 candidates). */
  neighborSegments: SegmentAssessment[];
  weakLinks: WeakLink[];
  actions: ChainAction[];
  counts: Record<SegmentStatus, number>;
  /** No local firm in any segment: the cluster needs 造链. */
  noLocalBase: boolean;
}

export interface TargetRecommendation {
  firmId: string;
  score: number;
  factors: Contribution[];
  reasons: Explanation[];
}

export interface WhatIfResult {
  before: ClusterAssessment;
  after: ClusterAssessment;
  statusChanges: { segmentId: string; from: SegmentStatus; to: SegmentStatus }[];
  weakLinksClosed: { from: string; to: string }[];
  sourcingRatioChanges: { from: string; to: string; before: number | null; after: number | null }[];
}
