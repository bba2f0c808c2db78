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
  /** Related segments (relatedness > 0), most related first, with how present each is locally (0–1). */
  related: RelatedSegment[];
  /** Local firms that are 链主 (anchors) of the analysed cluster and operate in this segment. */
  localAnchorFirmIds: string[];
  /** Firms operating in the segment outside the home region (store total − local): the pool to attract from. */
  outsideFirmCount: number;
  /** 0–1, weighted mean of criticalityParts (docs/gap-finder.md). */
  criticality: number;
  criticalityParts: Contribution[];
  reasons: Explanation[];
}

export interface RelatedSegment {
  segmentId: string;
  /** 0–1: weighted mean of FEEDS adjacency, co-location φ and shared-firm share. */
  relatedness: number;
  /** 0–1 presence of that segment in the home region (by its status; config.presence). */
  presence: number;
}

/** One FEEDS edge of the chain with its local state (for the chain map and what-if). */
export interface FeedLink {
  from: string;
  to: string;
  weight: number;
  /** The edge is a weak link (断点): see WeakLink. */
  weakLink: boolean;
  /** 本地配套率 over known SUPPLIES ties, null without tie data. */
  localSourcingRatio: number | null;
  tiesTotal: number;
  tiesLocal: number;
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
  /** Every FEEDS edge among the assessed segments, in chain order of `from`, then of `to` (segments are ordered by stage, then id). */
  links: FeedLink[];
  actions: ChainAction[];
  counts: Record<SegmentStatus, number>;
  /** The cluster has segments and no local firm in any of them: the cluster needs 造链. */
  noLocalBase: boolean;
}

export interface TargetRecommendation {
  firmId: string;
  /** 0–100: Σ factors[].contribution. */
  score: number;
  factors: Contribution[];
  reasons: Explanation[];
}

/** A region (city level) that already has firms in a segment: where to look, and who competes for the same firms. */
export interface StrongRegion {
  regionId: string;
  count: number;
  /** count / all firms of the segment outside the home region. */
  share: number;
  /** In the Yangtze River Delta (长三角). */
  yrd: boolean;
}

export interface WhatIfResult {
  before: ClusterAssessment;
  after: ClusterAssessment;
  /** Firms moved into the home region, sorted. */
  landedFirmIds: string[];
  /** Firms asked for that were already local (nothing to move), sorted. */
  alreadyLocalFirmIds: string[];
  /** Cluster and neighbour segments whose status changed. */
  statusChanges: { segmentId: string; from: SegmentStatus; to: SegmentStatus }[];
  weakLinksClosed: { from: string; to: string }[];
  /** Landing downstream firms can expose new weak links upstream. */
  weakLinksOpened: { from: string; to: string }[];
  sourcingRatioChanges: { from: string; to: string; before: number | null; after: number | null }[];
}
