// The whole graph in memory with the adjacency indexes that the analysis and
// the embedded store read from. Pure data structure: no I/O. The embedded
// store keeps one instance in step with SQLite; tests and the Neo4j store's
// cross-checks build one from a SeedBundle with `GraphIndex.fromBundle`.
//
// Why these indexes: at 100k firms, `analysisInput` for a cluster must not scan
// all firms. Every per-segment number it needs (counts, local counts, city
// counts, co-occurrence pairs) is kept up to date on each firm write, so a
// cluster's input costs O(segments × regions + local firms), not O(firms).
import type { Anchor, Cluster, Feed, Firm, Project, Region, Segment, Source, SupplyTie } from '../domain/model.js';
import type { SeedBundle } from '../store/GraphStore.js';
import { localFirmOf, type LocalFirm, type LocalSupplyTie } from './input.js';
import { FirmTable, type FirmShape } from './firmTable.js';
export { RECORD_SEPARATOR } from './firmTable.js';

export const feedKey = (from: string, to: string) => `${from}>${to}`;
export const supplyKey = (from: string, to: string) => `${from}>${to}`;
export const anchorKey = (firmId: string, clusterId: string) => `${firmId}>${clusterId}`;

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * Ids kept under a key: an array while ids are only added (a bulk load pushes
 * instead of growing a hash set: several times cheaper, a fraction of the
 * memory), a Set from the first removal on. Both iterate in insertion order.
 */
type IdList = string[] | Set<string>;

function pushId<K>(map: Map<K, IdList>, key: K, id: string): void {
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else if (Array.isArray(ids)) ids.push(id);
  else ids.add(id);
}

function removeId<K>(map: Map<K, IdList>, key: K, id: string): void {
  let ids = map.get(key);
  if (!ids) return;
  if (Array.isArray(ids)) map.set(key, (ids = new Set(ids)));
  ids.delete(id);
  if (ids.size === 0) map.delete(key);
}

function sizeOf(ids: IdList): number {
  return Array.isArray(ids) ? ids.length : ids.size;
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

export class GraphIndex {
  // ---- records (Map order = insertion order = seed order, which the chain map keeps)
  readonly sources = new Map<string, Source>();
  readonly regions = new Map<string, Region>();
  readonly clusters = new Map<string, Cluster>();
  readonly segments = new Map<string, Segment>();
  readonly feeds = new Map<string, Feed>();
  /** Firm records; those loaded from storage stay JSON until first read (see firmTable.ts). */
  readonly firms = new FirmTable();
  readonly supplies = new Map<string, SupplyTie>();
  readonly anchors = new Map<string, Anchor>();
  readonly projects = new Map<string, Project>();

  // ---- adjacency
  private readonly segmentsByCluster = new Map<string, Set<string>>();
  private readonly feedsOut = new Map<string, Set<string>>();
  private readonly feedsIn = new Map<string, Set<string>>();
  private readonly regionChildren = new Map<string, Set<string>>();
  /** Callers add a firm id only when it is not there (indexFirm pairs every +1 with a -1). */
  private readonly firmsByRegion = new Map<string, IdList>();
  /** segment → region (the firm's own region) → firm ids: local / city / outside views all derive from it. */
  private readonly firmsBySegmentRegion = new Map<string, Map<string, IdList>>();
  private readonly firmCountBySegment = new Map<string, number>();
  /** segment a → segment b → firms operating in both (symmetric). */
  private readonly segmentPairs = new Map<string, Map<string, number>>();
  /** region → firm–segment pairs of firms located there (RCA denominators). */
  private readonly pairsByRegion = new Map<string, number>();
  private allPairsCount = 0;
  private readonly firmByUscc = new Map<string, string>();
  /**
   * Supply keys by seller / buyer, in the order the ties were added. Built from
   * `supplies` when first needed, then kept in step by putSupply / removeSupply:
   * a start-up that loads 50k ties does not build them (the embedded store's
   * background work does, right after, unless a request needs them first).
   */
  private tieIds: { from: Map<string, IdList>; to: Map<string, IdList> } | null = null;

  private get tieIndex(): { from: Map<string, IdList>; to: Map<string, IdList> } {
    if (!this.tieIds) {
      const from = new Map<string, IdList>();
      const to = new Map<string, IdList>();
      // Map order is the order keys were first set: that of the pushes below when kept on every put.
      for (const [key, t] of this.supplies) {
        pushId(from, t.from, key);
        pushId(to, t.to, key);
      }
      this.tieIds = { from, to };
    }
    return this.tieIds;
  }

  /** Builds the seller / buyer index of the ties now, if no read has yet (background work). */
  prepareTieIndex(): void {
    void this.tieIndex;
  }
  private readonly anchorsByCluster = new Map<string, Set<string>>();
  private readonly anchorsByFirm = new Map<string, Set<string>>();
  private readonly projectsByFirm = new Map<string, Set<string>>();

  // ---- caches derived from the region tree (regions change only by seeding)
  private subtreeCache = new Map<string, ReadonlySet<string>>();
  private cityCache = new Map<string, string>();
  private sortedRegionsCache: readonly Region[] | null = null;
  private sortedFirmIdsCache: string[] | null = null;
  // ---- read-side caches, built on first read and dropped by the writes that
  // change them (a firm write drops its own segments' and region's entries
  // only), so bulk loads never pay for them and put* stays O(segments²).
  /** segment → city-level counts sorted by region id; also dropped by putRegion (city level moves). */
  private cityCountsCache = new Map<string, readonly CityCount[]>();
  /** region → its firms sorted by id, and each firm's position in that order. */
  private sortedFirmsByRegionCache = new Map<string, RegionFirms>();
  /**
   * region → ties bought by its firms with their suppliers' region and
   * segments, sorted by (to, from). Also dropped when a tie into the region or
   * a supplier of one of its firms changes.
   */
  private regionBuysCache = new Map<string, RegionBuys>();
  /** buyer id → the ties it buys with supplier region and segments, sorted by `from` (what region lists are rebuilt from). */
  private buyerTiesCache = new Map<string, readonly LocalSupplyTie[]>();

  /** Bumped by every write to the chain structure (regions, clusters, segments, FEEDS). */
  private structureStamp = 0;
  /** cluster id → what its analysis reads that depends on the cluster only (see cachedForCluster). */
  private clusterCache = new Map<string, { stamp: number; segmentIds: readonly string[]; cityRows: (readonly CityCount[])[]; value: unknown }>();

  static fromBundle(bundle: SeedBundle): GraphIndex {
    const g = new GraphIndex();
    bundle.sources.forEach((x) => g.putSource(x));
    bundle.regions.forEach((x) => g.putRegion(x));
    bundle.clusters.forEach((x) => g.putCluster(x));
    bundle.segments.forEach((x) => g.putSegment(x));
    bundle.feeds.forEach((x) => g.putFeed(x));
    bundle.firms.forEach((x) => g.putFirm(x));
    bundle.supplies.forEach((x) => g.putSupply(x));
    bundle.anchors.forEach((x) => g.putAnchor(x));
    bundle.projects.forEach((x) => g.putProject(x));
    return g;
  }

  // ======================================================== writes

  putSource(s: Source): void {
    this.sources.set(s.id, s);
  }

  putRegion(r: Region): void {
    const old = this.regions.get(r.id);
    if (old?.parentId) removeFrom(this.regionChildren, old.parentId, old.id);
    this.regions.set(r.id, r);
    if (r.parentId) addTo(this.regionChildren, r.parentId, r.id);
    this.subtreeCache = new Map();
    this.cityCache = new Map();
    this.sortedRegionsCache = null;
    this.cityCountsCache = new Map();
    this.regionBuysCache = new Map();
    this.buyerTiesCache = new Map();
    this.structureStamp++;
  }

  putCluster(c: Cluster): void {
    this.clusters.set(c.id, c);
    this.structureStamp++;
  }

  putSegment(s: Segment): void {
    const old = this.segments.get(s.id);
    if (old) removeFrom(this.segmentsByCluster, old.clusterId, old.id);
    this.segments.set(s.id, s);
    addTo(this.segmentsByCluster, s.clusterId, s.id);
    this.structureStamp++;
  }

  putFeed(f: Feed): void {
    const key = feedKey(f.from, f.to);
    this.feeds.set(key, f);
    addTo(this.feedsOut, f.from, key);
    addTo(this.feedsIn, f.to, key);
    this.structureStamp++;
  }

  putFirm(f: Firm): void {
    const old = this.firms.get(f.id);
    if (old && old.regionId === f.regionId && sameSegmentIds(old, f)) {
      // Same region and segments (an edit of other fields): every aggregate
      // and every order stays; only the record and the uscc lookup change.
      if (old.uscc && old.uscc !== f.uscc && this.firmByUscc.get(old.uscc) === f.id) this.firmByUscc.delete(old.uscc);
      if (f.uscc) this.firmByUscc.set(f.uscc, f.id);
      this.firms.set(f.id, f);
      const entry = this.sortedFirmsByRegionCache.get(f.regionId);
      if (entry) patchRegionFirm(entry, f, this.internIds);
      return;
    }
    // Same region, other segments: the region's firms and their order stay, so
    // its cached entries are patched (the record, the position lists of the
    // segments it left and joined) instead of rebuilt and copied again.
    const sameRegion = old !== undefined && old.regionId === f.regionId;
    if (old) this.indexFirm(old, -1, sameRegion);
    this.firms.set(f.id, f);
    this.indexFirm(f, +1, sameRegion);
    this.sortedFirmIdsCache = null;
    const entry = sameRegion ? this.sortedFirmsByRegionCache.get(f.regionId) : undefined;
    if (entry) {
      patchRegionFirm(entry, f, this.internIds);
      for (const s of old!.segments) entry.segmentRanks.delete(s.segmentId);
      for (const s of f.segments) entry.segmentRanks.delete(s.segmentId);
    }
  }

  /**
   * Adds firms from their stored JSON text, records joined by RECORD_SEPARATOR
   * (the embedded store's start-up): indexed from their shape, parsed on first
   * read (see firmTable.ts).
   */
  putStoredFirms(text: string): void {
    this.firms.addText(
      text,
      (shape) => this.indexFirm(shape, +1),
      (firm) => this.putFirm(firm),
      (id) => this.ownId(id),
    );
    this.sortedFirmIdsCache = null;
  }

  /** region or segment id → the graph's own string for it (see putStoredFirms). */
  private idStrings = new Map<string, string>();

  /**
   * A cached copy's region and segment ids replaced by the graph's own strings
   * (equal values; compactCopy made new ones): the gap finder compares and
   * looks them up for every local firm, and two equal strings that are one
   * object compare by pointer, not by their characters.
   */
  private readonly internIds = (copy: Firm): void => {
    copy.regionId = this.ownId(copy.regionId) ?? copy.regionId;
    const segs = copy.segments;
    for (let j = 0; j < segs.length; j++) segs[j]!.segmentId = this.ownId(segs[j]!.segmentId) ?? segs[j]!.segmentId;
  };

  /** The same for a cached copy of a tie (its supplier's region and segments, its own segment). */
  private internTieIds(copy: LocalSupplyTie): void {
    copy.supplierRegionId = this.ownId(copy.supplierRegionId) ?? copy.supplierRegionId;
    if (copy.segmentId !== undefined) copy.segmentId = this.ownId(copy.segmentId) ?? copy.segmentId;
    const segs = copy.supplierSegmentIds as string[];
    for (let j = 0; j < segs.length; j++) segs[j] = this.ownId(segs[j]!) ?? segs[j]!;
  }

  private ownId(id: string): string | undefined {
    let own = this.idStrings.get(id);
    if (own === undefined) {
      own = this.regions.get(id)?.id ?? this.segments.get(id)?.id;
      if (own !== undefined) this.idStrings.set(own, own);
    }
    return own;
  }

  /** Removes the firm record only; the caller removes its ties and anchors first. */
  removeFirm(id: string): boolean {
    if (!this.firms.has(id)) return false;
    this.removeFirmIndexes(id);
    this.firms.delete(id);
    this.sortedFirmIdsCache = null;
    return true;
  }

  putSupply(t: SupplyTie): void {
    const key = supplyKey(t.from, t.to);
    this.dropBuysOfBuyer(t.to);
    const isNew = !this.supplies.has(key);
    this.supplies.set(key, t);
    if (isNew && this.tieIds) {
      pushId(this.tieIds.from, t.from, key);
      pushId(this.tieIds.to, t.to, key);
    }
  }

  removeSupply(from: string, to: string): boolean {
    const key = supplyKey(from, to);
    if (!this.supplies.delete(key)) return false;
    this.dropBuysOfBuyer(to);
    if (this.tieIds) {
      removeId(this.tieIds.from, from, key);
      removeId(this.tieIds.to, to, key);
    }
    return true;
  }

  putAnchor(a: Anchor): void {
    const key = anchorKey(a.firmId, a.clusterId);
    this.anchors.set(key, a);
    addTo(this.anchorsByCluster, a.clusterId, key);
    addTo(this.anchorsByFirm, a.firmId, key);
  }

  removeAnchor(firmId: string, clusterId: string): boolean {
    const key = anchorKey(firmId, clusterId);
    if (!this.anchors.delete(key)) return false;
    removeFrom(this.anchorsByCluster, clusterId, key);
    removeFrom(this.anchorsByFirm, firmId, key);
    return true;
  }

  putProject(p: Project): void {
    const old = this.projects.get(p.id);
    if (old) removeFrom(this.projectsByFirm, old.firmId, old.id);
    this.projects.set(p.id, p);
    addTo(this.projectsByFirm, p.firmId, p.id);
  }

  removeProject(id: string): boolean {
    const old = this.projects.get(id);
    if (!old) return false;
    this.projects.delete(id);
    removeFrom(this.projectsByFirm, old.firmId, id);
    return true;
  }

  private removeFirmIndexes(id: string): void {
    const old = this.firms.get(id);
    if (old) this.indexFirm(old, -1);
  }

  /** `keepRegion`: the firm stays in its region (the caller patches that region's cached entries). */
  private indexFirm(f: FirmShape, sign: 1 | -1, keepRegion = false): void {
    const segIds = f.segments.map((s) => s.segmentId);
    // The read caches are empty during a bulk load (start-up, imports before any read): skip the lookups.
    if (this.sortedFirmsByRegionCache.size > 0 && !keepRegion) this.sortedFirmsByRegionCache.delete(f.regionId);
    if (this.regionBuysCache.size > 0 || this.buyerTiesCache.size > 0) {
      // As a buyer (its region's list: the same when it stays there, its ties carry
      // their suppliers' segments, not the buyer's) and as a supplier (its buyers'
      // lists carry its region and segments).
      if (!keepRegion) this.regionBuysCache.delete(f.regionId);
      for (const k of this.tieIndex.from.get(f.id) ?? []) this.dropBuysOfBuyer(this.supplies.get(k)!.to);
    }
    if (sign > 0) {
      pushId(this.firmsByRegion, f.regionId, f.id);
      if (f.uscc) this.firmByUscc.set(f.uscc, f.id);
    } else {
      removeId(this.firmsByRegion, f.regionId, f.id);
      if (f.uscc && this.firmByUscc.get(f.uscc) === f.id) this.firmByUscc.delete(f.uscc);
    }
    for (const s of segIds) {
      let byRegion = this.firmsBySegmentRegion.get(s);
      if (!byRegion) this.firmsBySegmentRegion.set(s, (byRegion = new Map()));
      // A firm lists each segment once (the Firm schema refuses repeats), so a push never duplicates an id.
      if (sign > 0) pushId(byRegion, f.regionId, f.id);
      else {
        removeId(byRegion, f.regionId, f.id);
        if (byRegion.size === 0) this.firmsBySegmentRegion.delete(s);
      }
      bump(this.firmCountBySegment, s, sign);
      if (this.cityCountsCache.size > 0) this.cityCountsCache.delete(s);
    }
    for (let i = 0; i < segIds.length; i++) {
      for (let j = i + 1; j < segIds.length; j++) {
        this.bumpPair(segIds[i]!, segIds[j]!, sign);
        this.bumpPair(segIds[j]!, segIds[i]!, sign);
      }
    }
    bump(this.pairsByRegion, f.regionId, sign * segIds.length);
    this.allPairsCount += sign * segIds.length;
  }

  private bumpPair(a: string, b: string, by: number): void {
    let row = this.segmentPairs.get(a);
    if (!row) this.segmentPairs.set(a, (row = new Map()));
    bump(row, b, by);
    if (row.size === 0) this.segmentPairs.delete(a);
  }

  // ======================================================== region tree

  /** Every region, sorted by id (code-unit order); cached until the next putRegion, frozen (analysis inputs share it: see regionTree). */
  sortedRegions(): readonly Region[] {
    if (!this.sortedRegionsCache) this.sortedRegionsCache = Object.freeze([...this.regions.values()].sort((a, b) => compareIds(a.id, b.id)));
    return this.sortedRegionsCache;
  }

  /** The region and every region below it; empty when the region is unknown. */
  regionSubtree(regionId: string): ReadonlySet<string> {
    const cached = this.subtreeCache.get(regionId);
    if (cached) return cached;
    const result = new Set<string>();
    if (this.regions.has(regionId)) {
      const stack = [regionId];
      while (stack.length) {
        const id = stack.pop()!;
        if (result.has(id)) continue; // a cycle in bad data must not hang the server
        result.add(id);
        for (const child of this.regionChildren.get(id) ?? []) stack.push(child);
      }
    }
    this.subtreeCache.set(regionId, result);
    return result;
  }

  /**
   * The city-level region a firm located in `regionId` counts for: the nearest
   * ancestor-or-self at level `city`; a region with none (a province, a
   * country, an odd district) counts for itself.
   */
  cityLevelOf(regionId: string): string {
    const cached = this.cityCache.get(regionId);
    if (cached) return cached;
    let result = regionId;
    const seen = new Set<string>();
    let r = this.regions.get(regionId);
    while (r && !seen.has(r.id)) {
      seen.add(r.id);
      if (r.level === 'city') {
        result = r.id;
        break;
      }
      if (r.level === 'province' || r.level === 'country') break;
      r = r.parentId ? this.regions.get(r.parentId) : undefined;
    }
    this.cityCache.set(regionId, result);
    return result;
  }

  // ======================================================== reads

  /**
   * A value derived from the chain structure and from firm aggregates of the
   * segments `build` returns (`segmentIds`: their firm counts by city and the
   * co-occurrence counts among them), kept per cluster between writes. Still
   * valid when no structure write happened since and each of those segments'
   * city counts (segmentCityCounts) is the same cached array: every firm
   * write that changes a segment's per-region lists or pair counts drops that
   * segment's entry (indexFirm), and putRegion drops them all. `build` must
   * read nothing else of the firms.
   */
  cachedForCluster<T>(clusterId: string, build: () => { value: T; segmentIds: readonly string[] }): T {
    const entry = this.clusterCache.get(clusterId);
    if (entry && entry.stamp === this.structureStamp) {
      let valid = true;
      for (let k = 0; k < entry.segmentIds.length; k++) {
        if (this.segmentCityCounts(entry.segmentIds[k]!) !== entry.cityRows[k]) {
          valid = false;
          break;
        }
      }
      if (valid) return entry.value as T;
    }
    const stamp = this.structureStamp;
    const { value, segmentIds } = build();
    const cityRows = segmentIds.map((id) => this.segmentCityCounts(id));
    this.clusterCache.set(clusterId, { stamp, segmentIds, cityRows, value });
    return value;
  }

  segmentIdsOfCluster(clusterId: string): string[] {
    return [...(this.segmentsByCluster.get(clusterId) ?? [])];
  }

  feedKeysTouching(segmentId: string): string[] {
    return [...(this.feedsOut.get(segmentId) ?? []), ...(this.feedsIn.get(segmentId) ?? [])];
  }

  feedsFrom(segmentId: string): Feed[] {
    return [...(this.feedsOut.get(segmentId) ?? [])].map((k) => this.feeds.get(k)!);
  }

  feedsInto(segmentId: string): Feed[] {
    return [...(this.feedsIn.get(segmentId) ?? [])].map((k) => this.feeds.get(k)!);
  }

  firmIdByUscc(uscc: string): string | undefined {
    return this.firmByUscc.get(uscc);
  }

  /** Firms located in the region itself (not below it), in insertion order. */
  firmIdsInRegion(regionId: string): Iterable<string> {
    return this.firmsByRegion.get(regionId) ?? [];
  }

  /** region → firm ids operating in the segment (the firm's own region, not its city). */
  firmsOfSegmentByRegion(segmentId: string): ReadonlyMap<string, Iterable<string>> {
    return this.firmsBySegmentRegion.get(segmentId) ?? new Map();
  }

  /**
   * Firm counts of the segment per city-level region (cityLevelOf of each
   * firm's own region), count > 0 only, sorted by region id. Rolled up from the
   * per-region id lists at read time and cached until a firm of the segment or the
   * region tree changes.
   */
  segmentCityCounts(segmentId: string): readonly CityCount[] {
    let rows = this.cityCountsCache.get(segmentId);
    if (!rows) {
      const byCity = new Map<string, number>();
      for (const [regionId, firmIds] of this.firmsBySegmentRegion.get(segmentId) ?? []) {
        const city = this.cityLevelOf(regionId);
        byCity.set(city, (byCity.get(city) ?? 0) + sizeOf(firmIds));
      }
      rows = [...byCity]
        .filter(([, count]) => count > 0)
        .map(([regionId, count]) => ({ regionId, count }))
        .sort((a, b) => compareIds(a.regionId, b.regionId));
      this.cityCountsCache.set(segmentId, rows);
    }
    return rows;
  }

  /** Firms located in the region itself (not below it), sorted by id; cached until a firm there changes. */
  sortedFirmsInRegion(regionId: string): readonly Firm[] {
    return this.regionFirms(regionId).firms;
  }

  private regionFirms(regionId: string): RegionFirms {
    let entry = this.sortedFirmsByRegionCache.get(regionId);
    if (!entry) {
      const ids = this.firmsByRegion.get(regionId);
      const sorted = ids ? [...ids].sort(compareIds) : [];
      const rank = new Map<string, number>();
      sorted.forEach((id, i) => rank.set(id, i));
      const firms = compactCopy(sorted.map((id) => this.firms.get(id)!));
      for (let k = 0; k < firms.length; k++) this.internIds(firms[k]!);
      entry = { firms, local: firms.map((f) => localFirmOf(f, false)), rank, segmentRanks: new Map() };
      this.sortedFirmsByRegionCache.set(regionId, entry);
    }
    return entry;
  }

  /** Positions (in the region's sorted firm list) of the region's firms operating in the segment. */
  private segmentRanks(entry: RegionFirms, regionId: string, segmentId: string): Int32Array {
    let ranks = entry.segmentRanks.get(segmentId);
    if (!ranks) {
      const ids = this.firmsBySegmentRegion.get(segmentId)?.get(regionId);
      ranks = new Int32Array(ids ? sizeOf(ids) : 0);
      let k = 0;
      for (const id of ids ?? []) ranks[k++] = entry.rank.get(id)!;
      entry.segmentRanks.set(segmentId, ranks);
    }
    return ranks;
  }

  /** Marks (bit k = in a segment of group k) over the region's sorted firm list. */
  private markRegion(entry: RegionFirms, regionId: string, segmentGroups: readonly (readonly string[])[]): { mark: Uint8Array; marked: number } {
    const mark = new Uint8Array(entry.firms.length);
    let marked = 0;
    for (let k = 0; k < segmentGroups.length; k++) {
      const bit = 1 << k;
      const group = segmentGroups[k]!;
      for (let g = 0; g < group.length; g++) {
        const ranks = this.segmentRanks(entry, regionId, group[g]!);
        for (let r = 0; r < ranks.length; r++) {
          const i = ranks[r]!;
          if (mark[i] === 0) marked++;
          mark[i]! |= bit;
        }
      }
    }
    return { mark, marked };
  }

  private dropBuysOfBuyer(buyerId: string): void {
    this.buyerTiesCache.delete(buyerId);
    if (this.regionBuysCache.size === 0) return;
    const buyer = this.firms.get(buyerId);
    if (buyer) this.regionBuysCache.delete(buyer.regionId);
  }

  private buyerTies(buyerId: string): readonly LocalSupplyTie[] {
    let ties = this.buyerTiesCache.get(buyerId);
    if (!ties) {
      const bought = this.suppliesBoughtBy(buyerId);
      if (bought.length > 1) bought.sort((a, b) => compareIds(a.from, b.from));
      const out: LocalSupplyTie[] = [];
      for (const tie of bought) {
        const supplier = this.firms.get(tie.from);
        if (!supplier) continue;
        out.push({ ...tie, supplierRegionId: supplier.regionId, supplierSegmentIds: supplier.segments.map((s) => s.segmentId) });
      }
      ties = out;
      this.buyerTiesCache.set(buyerId, ties);
    }
    return ties;
  }

  private regionBuys(regionId: string, entry: RegionFirms): RegionBuys {
    let buys = this.regionBuysCache.get(regionId);
    if (!buys) {
      const ties: LocalSupplyTie[] = [];
      const buyerPos: number[] = [];
      const to = this.tieIndex.to;
      entry.firms.forEach((buyer, pos) => {
        if (!to.has(buyer.id)) return;
        for (const tie of this.buyerTies(buyer.id)) {
          ties.push(tie);
          buyerPos.push(pos);
        }
      });
      const copies = compactCopy(ties);
      for (let k = 0; k < copies.length; k++) this.internTieIds(copies[k]!);
      buys = { ties: copies, buyerPos: Int32Array.from(buyerPos) };
      this.regionBuysCache.set(regionId, buys);
    }
    return buys;
  }

  /**
   * SUPPLIES ties bought by firms located in one of `regionIds` that operate
   * in one of `segmentIds`, each with its supplier's region and segments (ties
   * from an unknown supplier are left out), sorted by (to, from). The tie
   * objects are shared with the index's cache (copying them cost ~8 % of an
   * uncached gap-finder call): callers keep them but must not change them.
   */
  suppliesBoughtWithin(segmentIds: readonly string[], regionIds: ReadonlySet<string>): LocalSupplyTie[] {
    const parts: LocalSupplyTie[][] = [];
    for (const regionId of regionIds) {
      if (!this.firmsByRegion.has(regionId)) continue;
      const entry = this.regionFirms(regionId);
      const { mark, marked } = this.markRegion(entry, regionId, [segmentIds]);
      if (marked === 0) continue;
      const { ties, buyerPos } = this.regionBuys(regionId, entry);
      const part: LocalSupplyTie[] = [];
      for (let k = 0; k < ties.length; k++) {
        if (mark[buyerPos[k]!] === 0) continue;
        part.push(ties[k]!);
      }
      if (part.length > 0) parts.push(part);
    }
    // A buyer has one region: merging by buyer keeps each buyer's ties together and in order.
    while (parts.length > 1) {
      const merged: LocalSupplyTie[][] = [];
      for (let i = 0; i < parts.length; i += 2) merged.push(i + 1 < parts.length ? mergeByBuyer(parts[i]!, parts[i + 1]!) : parts[i]!);
      parts.splice(0, parts.length, ...merged);
    }
    return parts[0] ?? [];
  }

  /**
   * Firms located in one of `regionIds` that operate in a segment of at least
   * one group, sorted by id, with a bit mask per firm: bit k set = the firm
   * operates in a segment of `segmentGroups[k]` (at most 8 groups). Costs
   * O(matching firm–segment pairs + firms in those regions), no sorting: each
   * region's firms are kept sorted between writes.
   */
  firmsOfSegmentsWithin(segmentGroups: readonly (readonly string[])[], regionIds: ReadonlySet<string>): FirmsPart {
    if (segmentGroups.length > 8) throw new RangeError('at most 8 segment groups');
    const parts: FirmsPart[] = [];
    for (const regionId of regionIds) {
      if (!this.firmsByRegion.has(regionId)) continue;
      const entry = this.regionFirms(regionId);
      const { firms, local } = entry;
      const { mark, marked } = this.markRegion(entry, regionId, segmentGroups);
      if (marked === 0) continue;
      const part: FirmsPart = { firms: new Array<Firm>(marked), local: new Array<LocalFirm>(marked), groups: new Uint8Array(marked) };
      for (let i = 0, k = 0; k < marked; i++) {
        if (mark[i] === 0) continue;
        part.firms[k] = firms[i]!;
        part.local[k] = local[i]!;
        part.groups[k++] = mark[i]!;
      }
      parts.push(part);
    }
    // Regions are disjoint (a firm has one region): merge the sorted parts pairwise.
    while (parts.length > 1) {
      const merged: typeof parts = [];
      for (let i = 0; i < parts.length; i += 2) merged.push(i + 1 < parts.length ? mergeById(parts[i]!, parts[i + 1]!) : parts[i]!);
      parts.splice(0, parts.length, ...merged);
    }
    return parts[0] ?? { firms: [], local: [], groups: new Uint8Array(0) };
  }

  firmCountInSegment(segmentId: string): number {
    return this.firmCountBySegment.get(segmentId) ?? 0;
  }

  /** Firms operating in the segment located in one of `regionIds` (a subtree). */
  firmCountInSegmentWithin(segmentId: string, regionIds: ReadonlySet<string>): number {
    const byRegion = this.firmsBySegmentRegion.get(segmentId);
    if (!byRegion) return 0;
    let n = 0;
    // Iterate the smaller side: a subtree is usually a handful of regions.
    if (regionIds.size <= byRegion.size) {
      for (const r of regionIds) {
        const ids = byRegion.get(r);
        if (ids) n += sizeOf(ids);
      }
    } else {
      for (const [r, ids] of byRegion) if (regionIds.has(r)) n += sizeOf(ids);
    }
    return n;
  }

  /** segment b → firms in both `segmentId` and b. */
  segmentPairCounts(segmentId: string): ReadonlyMap<string, number> {
    return this.segmentPairs.get(segmentId) ?? new Map();
  }

  allPairs(): number {
    return this.allPairsCount;
  }

  pairsWithin(regionIds: ReadonlySet<string>): number {
    let n = 0;
    for (const r of regionIds) n += this.pairsByRegion.get(r) ?? 0;
    return n;
  }

  /** Ties the firm buys (it is `to`), in insertion order. */
  suppliesBoughtBy(firmId: string): SupplyTie[] {
    const keys = this.tieIndex.to.get(firmId);
    if (!keys) return [];
    const ties: SupplyTie[] = [];
    for (const k of keys) ties.push(this.supplies.get(k)!);
    return ties;
  }

  suppliesOf(firmId: string): { sells: SupplyTie[]; buys: SupplyTie[] } {
    return {
      sells: [...(this.tieIndex.from.get(firmId) ?? [])].map((k) => this.supplies.get(k)!),
      buys: [...(this.tieIndex.to.get(firmId) ?? [])].map((k) => this.supplies.get(k)!),
    };
  }

  anchorsOfCluster(clusterId: string): Anchor[] {
    return [...(this.anchorsByCluster.get(clusterId) ?? [])].map((k) => this.anchors.get(k)!);
  }

  anchorsOfFirm(firmId: string): Anchor[] {
    return [...(this.anchorsByFirm.get(firmId) ?? [])].map((k) => this.anchors.get(k)!);
  }

  projectIdsOfFirm(firmId: string): string[] {
    return [...(this.projectsByFirm.get(firmId) ?? [])];
  }

  /** All firm ids in code-unit order (the pagination order), cached between writes. */
  sortedFirmIds(): readonly string[] {
    if (!this.sortedFirmIdsCache) this.sortedFirmIdsCache = [...this.firms.keys()].sort(compareIds);
    return this.sortedFirmIdsCache;
  }
}

interface RegionFirms {
  /** Copies of the region's records (compactCopy), patched in place when a firm is re-put with the same region and segments. */
  readonly firms: Firm[];
  /** Their unnamed projections (input.localFirmOf), position for position, patched with them. */
  readonly local: LocalFirm[];
  readonly rank: ReadonlyMap<string, number>;
  /** segment → positions of the region's firms in it (filled on demand; dropped with the entry, or one by one when a firm there changes segments). */
  readonly segmentRanks: Map<string, Int32Array>;
}

interface RegionBuys {
  /** Copies of the ties bought by the region's firms (compactCopy), sorted by (to, from); handed out as they are (callers read them only). */
  readonly ties: readonly LocalSupplyTie[];
  /** Position of each tie's buyer in the region's sorted firm list. */
  readonly buyerPos: Int32Array;
}

/**
 * A deep copy laid out together in memory, for the per-region read caches the
 * gap finder walks. The store's own records are spread over the whole heap (a
 * region's firms were written at different times, each with its strings and
 * segment list somewhere else), and at 100k firms the gap finder spent about
 * 40 % of an uncached call on cache misses reading them: on the same inputs,
 * `assessCluster` took p50 2.7–2.8 ms on the store's records and 1.65–1.75 ms
 * on copies (scripts/gap-finder-check.ts locality, both in one process). A
 * JSON round trip is the cheapest deep copy in V8 and exact here: every record
 * is JSON (it is stored as JSON). A region's entry is copied when it is built,
 * i.e. after a firm is added to, removed from or moved out of the region; an
 * edit of a firm there copies that one record. A cached region holds a second
 * copy of its firms and of the ties they buy.
 */
function compactCopy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function sameSegmentIds(a: Firm, b: Firm): boolean {
  if (a.segments.length !== b.segments.length) return false;
  for (let i = 0; i < a.segments.length; i++) if (a.segments[i]!.segmentId !== b.segments[i]!.segmentId) return false;
  return true;
}

function mergeByBuyer(a: LocalSupplyTie[], b: LocalSupplyTie[]): LocalSupplyTie[] {
  const out: LocalSupplyTie[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.to < b[j]!.to ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** A firm re-put in its region's cached entry (same position): a fresh copy and its projection. */
function patchRegionFirm(entry: RegionFirms, f: Firm, internIds: (copy: Firm) => void): void {
  const k = entry.rank.get(f.id)!;
  const copy = compactCopy(f);
  internIds(copy);
  entry.firms[k] = copy;
  entry.local[k] = localFirmOf(copy, false);
}

type FirmsPart = { firms: Firm[]; local: LocalFirm[]; groups: Uint8Array };

function mergeById(a: FirmsPart, b: FirmsPart): FirmsPart {
  const n = a.firms.length + b.firms.length;
  const firms = new Array<Firm>(n);
  const local = new Array<LocalFirm>(n);
  const groups = new Uint8Array(n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (j >= b.firms.length || (i < a.firms.length && a.firms[i]!.id < b.firms[j]!.id)) {
      firms[k] = a.firms[i]!;
      local[k] = a.local[i]!;
      groups[k] = a.groups[i++]!;
    } else {
      firms[k] = b.firms[j]!;
      local[k] = b.local[j]!;
      groups[k] = b.groups[j++]!;
    }
  }
  return { firms, local, groups };
}

/** One row of GraphIndex.segmentCityCounts (shared between calls: copy, don't mutate). */
export interface CityCount {
  readonly regionId: string;
  readonly count: number;
}

/** Code-unit order, the same in every store and locale (not localeCompare). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
