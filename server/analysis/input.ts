// What the gap finder needs from a store for one cluster and one home region.
// Stores build it (the embedded store from memory, Neo4j with aggregating
// Cypher); the analysis in this folder is a pure function of it, so every store
// and every interface gives the same answer.
import type { Anchor, Band, Cluster, Feed, Firm, FirmSegment, Region, Segment, SupplyTie } from '../domain/model.js';

/** Firm counts for one segment. A firm counts once per segment it operates in. */
export interface SegmentCounts {
  segmentId: string;
  /** Firms anywhere in the store operating in the segment. */
  total: number;
  /** Of those, firms located in the home region or below it. */
  local: number;
}

/** Firm count of one segment in one city-level region (for co-location proximity φ). */
export interface SegmentRegionCount {
  segmentId: string;
  /** City-level region id (a firm in a district counts for its city; a foreign firm for its country). */
  regionId: string;
  count: number;
}

/** Number of firms operating in both segments (a ≤ b lexicographically). */
export interface SegmentPairCount {
  a: string;
  b: string;
  count: number;
}

/**
 * What the gap finder reads of a local firm: its id, region, segments, size
 * bands and designations, and its names only when it must name it. A full
 * Firm is one too (what-if lands whole records). The names are given at least
 * for a firm that is the only local firm of a segment in scope (the gap
 * finder's SINGLE_FIRM reason names it); stores give exactly those
 * (buildInput.soleLocalFirmIds), so both stores' inputs compare equal. Views
 * that show local firms load the records by id (at 1M firms a cluster has
 * ~12k local firms: their other fields dominated what Neo4j sent).
 */
export interface LocalFirm {
  id: string;
  regionId: string;
  readonly segments: readonly FirmSegment[];
  listed: boolean;
  highTech: boolean;
  specialized: boolean;
  revenueBand?: Band | undefined;
  employeesBand?: Band | undefined;
  nameZh?: string | undefined;
  nameEn?: string | undefined;
}

/**
 * A firm as the gap finder's input gives it (LocalFirm), with its names when
 * `named`. Every LocalFirm has the same keys in the same order (absent ones
 * undefined): one object shape for the gap finder's hot loop.
 */
export function localFirmOf(f: LocalFirm, named: boolean): LocalFirm {
  return {
    id: f.id,
    regionId: f.regionId,
    segments: f.segments,
    listed: f.listed,
    highTech: f.highTech,
    specialized: f.specialized,
    revenueBand: f.revenueBand,
    employeesBand: f.employeesBand,
    nameZh: named ? f.nameZh : undefined,
    nameEn: named ? f.nameEn : undefined,
  };
}

/** A SUPPLIES tie whose buyer is a local firm in one of the cluster's segments. */
export interface LocalSupplyTie extends SupplyTie {
  /** Region of the supplier (`from`). */
  supplierRegionId: string;
  /** Segments the supplier operates in. */
  readonly supplierSegmentIds: readonly string[];
}

export interface ClusterAnalysisInput {
  cluster: Cluster;
  /** The cluster's own segments. */
  segments: Segment[];
  /** Segments of other clusters joined to the cluster's segments by a FEEDS edge (延链 candidates, cross-cluster flows). */
  neighborSegments: Segment[];
  /** Every FEEDS edge with at least one end in `segments`. */
  feeds: Feed[];
  /** The whole region tree (small: hundreds of rows), to resolve "local" and city level (the embedded store shares one frozen list between inputs: read only). */
  regions: readonly Region[];
  homeRegionId: string;
  /** Firms in the home region (or below) operating in any of `segments` ∪ `neighborSegments`, with all their segments, sorted by id (the embedded store shares them with its cache: read only). */
  localFirms: LocalFirm[];
  /** Anchors (链主) of this cluster, local or not. */
  anchors: Anchor[];
  /** Anchor firms that are not local (so the analysis can name them); may be empty. */
  outsideAnchorFirms: Firm[];
  /** SUPPLIES ties bought by local firms of `segments` (the embedded store shares them with its cache: read only). */
  localSupplies: readonly Readonly<LocalSupplyTie>[];
  /** Counts for every segment in `segments` ∪ `neighborSegments`. */
  segmentCounts: SegmentCounts[];
  /** Firm–segment pairs over the whole store, and those located locally (RCA denominators). */
  totals: { allPairs: number; localPairs: number };
  /** Per city-level region counts for every segment in `segments` ∪ `neighborSegments` (the embedded store shares them with its cache: read only). */
  regionCounts: readonly Readonly<SegmentRegionCount>[];
  /** Firms active in both of two segments, for pairs within `segments` ∪ `neighborSegments`, count > 0 only (the embedded store shares them with its cache: read only). */
  pairCounts: readonly Readonly<SegmentPairCount>[];
}

/** An outside firm that operates in a segment, for target recommendation. */
export interface TargetCandidate {
  firm: Firm;
  /** SUPPLIES ties between the candidate and local firms (以商引商). */
  tiesToLocal: { localFirmId: string; direction: 'supplies-local' | 'buys-from-local' }[];
  /** Local firm counts of every segment the candidate operates in (multi-cluster gain). */
  segmentLocalCounts: { segmentId: string; clusterId: string; local: number }[];
}
