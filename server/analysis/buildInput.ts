// Builds the gap finder's input (input.ts) from an in-memory GraphIndex. This
// is the reference computation: the embedded store calls it, and the Neo4j
// store's aggregating Cypher must give the same result (its tests compare).
//
// Conventions every store follows, so results compare with deep equality:
// - "local" = located in the home region or any region below it;
// - "city level" = GraphIndex.cityLevelOf (nearest ancestor-or-self at level
//   city; a firm placed directly in a province or country counts for that region);
// - `segments` keep the cluster's own order (seed order, as listSegments);
//   `neighborSegments` and every other list are sorted by id (code-unit order),
//   compound keys field by field as noted below.
import type { Feed, Firm, Segment } from '../domain/model.js';
import { AppError } from '../domain/errors.js';
import type {
  ClusterAnalysisInput,
  LocalFirm,
  LocalSupplyTie,
  SegmentCounts,
  SegmentPairCount,
  SegmentRegionCount,
  TargetCandidate,
} from './input.js';
import { compareIds, type GraphIndex } from './graphIndex.js';
import { localFirmOf } from './input.js';
import { bands } from '../domain/model.js';

function homeSubtree(g: GraphIndex, homeRegionId: string): ReadonlySet<string> {
  const subtree = g.regionSubtree(homeRegionId);
  if (subtree.size === 0) {
    throw new AppError('BAD_INPUT', `未知的本地区域(home region):${homeRegionId}`, `unknown home region: ${homeRegionId}`);
  }
  return subtree;
}

const byId = <T extends { id: string }>(a: T, b: T) => compareIds(a.id, b.id);

/** FEEDS edges sorted by (from, to). */
export const compareFeeds = (a: { from: string; to: string }, b: { from: string; to: string }) =>
  compareIds(a.from, b.from) || compareIds(a.to, b.to);

export function buildAnalysisInput(g: GraphIndex, clusterId: string, homeRegionId: string): ClusterAnalysisInput | null {
  const cluster = g.clusters.get(clusterId);
  if (!cluster) return null;
  const local = homeSubtree(g, homeRegionId);

  const scope = g.cachedForCluster(clusterId, () => {
    const value = clusterScope(g, clusterId);
    return { value, segmentIds: value.all };
  });
  const { ownIds, all } = scope;

  const anchors = g.anchorsOfCluster(clusterId).sort((a, b) => compareIds(a.firmId, b.firmId));

  const segmentCounts: SegmentCounts[] = all.map((segmentId) => ({
    segmentId,
    total: g.firmCountInSegment(segmentId),
    local: g.firmCountInSegmentWithin(segmentId, local),
  }));

  // Local firms, sorted by id, as the gap finder reads them (the index keeps
  // their unnamed projections next to the records). Only a segment with one
  // local firm (the index counts distinct firms) can have a firm to name.
  const { firms, local: localFirms } = g.firmsOfSegmentsWithin([all], local);
  const single = segmentCounts.some((c) => c.local === 1);
  for (const id of namedLocalFirmIds(localFirms, single ? all : [], anchors.map((a) => a.firmId))) {
    const k = indexOfId(localFirms, id);
    localFirms[k] = localFirmOf(firms[k]!, true);
  }
  const outsideAnchorFirms = anchors
    .map((a) => g.firms.get(a.firmId))
    .filter((f): f is Firm => !!f && !local.has(f.regionId))
    .sort(byId);

  // Ties bought by local firms of the cluster's own segments; sorted by (to, from).
  const localSupplies: LocalSupplyTie[] = g.suppliesBoughtWithin(ownIds, local);

  return {
    cluster,
    // Copies of the cached lists (callers may change theirs); the counts are shared, read only.
    segments: [...scope.segments],
    neighborSegments: [...scope.neighborSegments],
    feeds: [...scope.feeds],
    regions: g.sortedRegions(),
    homeRegionId,
    localFirms,
    anchors,
    outsideAnchorFirms,
    localSupplies,
    segmentCounts,
    totals: { allPairs: g.allPairs(), localPairs: g.pairsWithin(local) },
    regionCounts: scope.regionCounts,
    pairCounts: scope.pairCounts,
  };
}

/** What a cluster's analysis input holds that does not depend on the home region (cached per cluster by the index). */
interface ClusterScope {
  /** The cluster's segment ids (index order) and their records. */
  readonly ownIds: readonly string[];
  readonly segments: readonly Segment[];
  /** FEEDS edges with an end in the cluster, sorted by (from, to). */
  readonly feeds: readonly Feed[];
  /** Segments of other clusters at the other end of one of `feeds`, sorted by id. */
  readonly neighborSegments: readonly Segment[];
  /** `ownIds` then the neighbours' ids. */
  readonly all: readonly string[];
  readonly regionCounts: readonly SegmentRegionCount[];
  readonly pairCounts: readonly SegmentPairCount[];
}

function clusterScope(g: GraphIndex, clusterId: string): ClusterScope {
  const ownIds = g.segmentIdsOfCluster(clusterId);
  const own = new Set(ownIds);
  const segments = ownIds.map((id) => g.segments.get(id)!);

  const feedKeys = new Set<string>();
  for (const s of ownIds) for (const k of g.feedKeysTouching(s)) feedKeys.add(k);
  const feeds = [...feedKeys].map((k) => g.feeds.get(k)!).sort(compareFeeds);

  const neighborIds = new Set<string>();
  for (const f of feeds) {
    if (!own.has(f.from)) neighborIds.add(f.from);
    if (!own.has(f.to)) neighborIds.add(f.to);
  }
  const neighborSegments = [...neighborIds].map((id) => g.segments.get(id)!).sort(byId);
  // Distinct: a cluster's segment ids come from a set, neighbours exclude them.
  const all = [...ownIds, ...neighborSegments.map((s) => s.id)];

  // Sorted by (segmentId, regionId); count > 0 only. Each segment's rows come
  // sorted by region from the index, so only the segment ids need sorting.
  const sortedScope = [...all].sort(compareIds);
  const regionCounts: SegmentRegionCount[] = [];
  for (const segmentId of sortedScope) pushSegmentRegionCounts(g, segmentId, regionCounts);

  // Sorted by (a, b) with a < b: the scope is sorted and distinct, so each a
  // looks up the segments after it (O(scope²) lookups, not a walk over every pair of a).
  const pairCounts: SegmentPairCount[] = [];
  for (let i = 0; i < sortedScope.length; i++) {
    const a = sortedScope[i]!;
    const pairs = g.segmentPairCounts(a);
    if (pairs.size === 0) continue;
    for (let j = i + 1; j < sortedScope.length; j++) {
      const b = sortedScope[j]!;
      const count = pairs.get(b);
      if (count !== undefined && count > 0) pairCounts.push({ a, b, count });
    }
  }
  return { ownIds, segments, feeds, neighborSegments, all, regionCounts, pairCounts };
}

/**
 * The local firms the gap finder names (LocalFirm: their names are given): the
 * only local firm of a segment in `scope` (SINGLE_FIRM) and the local anchors
 * of the cluster (criticality reasons). `localFirms`: the local firms, sorted
 * by id (as stores send them). Arrays indexed by scope position, not a map per
 * call: this runs on every analysis of the embedded store too.
 */
export function namedLocalFirmIds(localFirms: readonly LocalFirm[], scope: readonly string[], anchorFirmIds: readonly string[]): Set<string> {
  const index = new Map<string, number>();
  scope.forEach((id, i) => index.set(id, i));
  const count = new Int32Array(scope.length);
  const only: string[] = new Array<string>(scope.length);
  for (let fi = 0; scope.length > 0 && fi < localFirms.length; fi++) {
    const f = localFirms[fi]!;
    for (let si = 0; si < f.segments.length; si++) {
      const i = index.get(f.segments[si]!.segmentId);
      if (i === undefined) continue;
      if (count[i] === 0) {
        count[i] = 1;
        only[i] = f.id;
      } else if (only[i] !== f.id) count[i]!++;
    }
  }
  const named = new Set<string>();
  for (let i = 0; i < scope.length; i++) if (count[i] === 1) named.add(only[i]!);
  for (const id of anchorFirmIds) if (indexOfId(localFirms, id) >= 0) named.add(id);
  return named;
}

/** Binary search in a list sorted by id: the position of `id`, or -1. */
function indexOfId(sorted: readonly { id: string }[], id: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid]!.id;
    if (x === id) return mid;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Appends the segment's city-level counts (sorted by region id) to `out`. */
function pushSegmentRegionCounts(g: GraphIndex, segmentId: string, out: SegmentRegionCount[]): SegmentRegionCount[] {
  for (const { regionId, count } of g.segmentCityCounts(segmentId)) out.push({ segmentId, regionId, count });
  return out;
}

/** City-level counts of one segment, largest first, ties by region id. */
export function buildSegmentRegionCounts(g: GraphIndex, segmentId: string): SegmentRegionCount[] {
  if (!g.segments.has(segmentId)) throw notFoundSegment(segmentId);
  return pushSegmentRegionCounts(g, segmentId, []).sort((a, b) => b.count - a.count || compareIds(a.regionId, b.regionId));
}

const notFoundSegment = (id: string) => new AppError('NOT_FOUND', `未找到产业链环节:${id}`, `segment not found: ${id}`);

/** Band rank: XL = 5 … XS = 1, unknown = 0. */
const bandRank = (b: Firm['revenueBand']) => (b ? bands.indexOf(b) + 1 : 0);

/**
 * "Best-known first" order of target candidates, the same in every store:
 * 1. anchors (链主) of any cluster first; 2. revenue band, larger first (unknown last);
 * 3. listed first; 4. employees band, larger first; 5. confidence, higher first; 6. id.
 */
export function compareProminence(a: Firm, b: Firm, isAnchor: (firmId: string) => boolean): number {
  return (
    Number(isAnchor(b.id)) - Number(isAnchor(a.id)) ||
    bandRank(b.revenueBand) - bandRank(a.revenueBand) ||
    Number(b.listed) - Number(a.listed) ||
    bandRank(b.employeesBand) - bandRank(a.employeesBand) ||
    b.confidence - a.confidence ||
    compareIds(a.id, b.id)
  );
}

export function buildTargetCandidates(g: GraphIndex, segmentId: string, homeRegionId: string, limit: number): TargetCandidate[] {
  if (!g.segments.has(segmentId)) throw notFoundSegment(segmentId);
  const local = homeSubtree(g, homeRegionId);
  const outside: Firm[] = [];
  for (const [regionId, firmIds] of g.firmsOfSegmentByRegion(segmentId)) {
    if (local.has(regionId)) continue;
    for (const id of firmIds) outside.push(g.firms.get(id)!);
  }
  // One set up front: the comparator runs O(n log n) times.
  const anchorFirms = new Set([...g.anchors.values()].map((a) => a.firmId));
  const isAnchor = (id: string) => anchorFirms.has(id);
  outside.sort((a, b) => compareProminence(a, b, isAnchor));

  return outside.slice(0, Math.max(0, limit)).map((firm) => {
    const { sells, buys } = g.suppliesOf(firm.id);
    const isLocal = (id: string) => {
      const f = g.firms.get(id);
      return !!f && local.has(f.regionId);
    };
    const tiesToLocal: TargetCandidate['tiesToLocal'] = [
      ...sells.filter((t) => isLocal(t.to)).map((t) => ({ localFirmId: t.to, direction: 'supplies-local' as const })),
      ...buys.filter((t) => isLocal(t.from)).map((t) => ({ localFirmId: t.from, direction: 'buys-from-local' as const })),
    ].sort((a, b) => compareIds(a.localFirmId, b.localFirmId) || compareIds(a.direction, b.direction));
    const segmentLocalCounts = firm.segments
      .map((s) => ({
        segmentId: s.segmentId,
        clusterId: g.segments.get(s.segmentId)?.clusterId ?? '',
        local: g.firmCountInSegmentWithin(s.segmentId, local),
      }))
      .sort((a, b) => compareIds(a.segmentId, b.segmentId));
    return { firm, tiesToLocal, segmentLocalCounts };
  });
}
