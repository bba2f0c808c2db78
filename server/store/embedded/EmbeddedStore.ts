// The default store: records durable in SQLite (recordDb.ts), the graph held
// in memory (GraphIndex) for reads and analysis, rebuilt from SQLite at start.
// Every write validates, commits one SQLite transaction, and only then updates
// memory, so memory never shows a write that is not on disk.
import type { Anchor, Cluster, Feed, Firm, Project, Region, Segment, Source, SupplyTie } from '../../domain/model.js';
import { Anchor as AnchorSchema, Firm as FirmSchema, Project as ProjectSchema, SupplyTie as SupplyTieSchema } from '../../domain/model.js';
import { AppError } from '../../domain/errors.js';
import type {
  AuditEntry,
  FirmFilter,
  GraphStore,
  ImportBatch,
  Page,
  SearchHit,
  SeedBundle,
} from '../GraphStore.js';
import type { ClusterAnalysisInput, SegmentRegionCount, TargetCandidate } from '../../analysis/input.js';
import { GraphIndex, RECORD_SEPARATOR, anchorKey, compareIds, feedKey, supplyKey } from '../../analysis/graphIndex.js';
import { buildAnalysisInput, buildSegmentRegionCounts, buildTargetCandidates, compareFeeds } from '../../analysis/buildInput.js';
import {
  anchorProblems,
  badInput,
  firmProblems,
  parseRecord,
  projectProblems,
  supplyProblems,
  validateImportBatch,
  type GraphLookup,
} from '../integrity.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { NameIndex, pinyinKeys, type PinyinKeys } from '../nameSearch.js';
import { RecordDb, type RecordKind, type RecordTx } from './recordDb.js';

export interface EmbeddedStoreOptions {
  /** Directory holding chain-atlas.sqlite (created if missing). */
  dataDir: string;
  /**
   * Build the firm name index in the background once startBackgroundWork() was called
   * (the server does when it is ready) and after imports (default true), so the first
   * search does not pay for it; see scheduleWarmNames().
   */
  warmNames?: boolean;
  /** Delay before that build starts, ms (default WARM_DELAY_MS). */
  warmDelayMs?: number;
  /** Firms read at start-up per string of stored text (default FIRM_TEXT_ROWS; tests use small values). */
  firmTextRows?: number;
}

/** A background slice of the name-index build runs at most this long before letting requests through. */
const WARM_SLICE_MS = 8;
/** The build starts this long after start-up or an import (the first requests go first). */
const WARM_DELAY_MS = 1000;

/** Firms read at start-up per string of stored text (~7 MB of UTF-8 at the synthetic data's 370 bytes a firm). */
const FIRM_TEXT_ROWS = 20_000;

const MAX_PAGE = 1000;
const MAX_SEARCH = 200;

export class EmbeddedStore implements GraphStore {
  readonly kind = 'embedded' as const;
  private db: RecordDb | null = null;
  private g = new GraphIndex();
  private names = new NameIndex();

  constructor(private readonly options: EmbeddedStoreOptions) {}

  // ======================================================== lifecycle

  async init(): Promise<void> {
    if (this.db) return;
    const db = RecordDb.open(this.options.dataDir);
    try {
      this.rebuild(db);
    } catch (e) {
      db.close();
      throw e;
    }
    this.db = db;
  }

  /** Whether background work may run (after startBackgroundWork; never in scripts that only import). */
  private backgroundAllowed = false;

  startBackgroundWork(): void {
    this.backgroundAllowed = true;
    this.scheduleWarmNames();
  }

  /**
   * Rebuilds the in-memory graph from SQLite. The records were validated when
   * written and SQLite guarantees they are whole, so they are not parsed by
   * their schemas again; a body that is not JSON stops the start.
   */
  private rebuild(db: RecordDb): void {
    const g = new GraphIndex();
    const names = new NameIndex();
    const each = <T>(kind: RecordKind, apply: (x: T) => void) => {
      db.forEachBody(kind, (body) => apply(JSON.parse(body) as T));
    };
    const named = <T>(kind: RecordKind, apply: (x: T, search: string | null) => void) => {
      for (const [body, search] of db.bodiesAndSearch(kind)) apply(JSON.parse(body) as T, search);
    };
    const keysOf = (search: string | null, nameZh: string) => (search ? (JSON.parse(search) as PinyinKeys) : pinyinKeys(nameZh));
    each<Source>('sources', (x) => g.putSource(x));
    each<Region>('regions', (x) => g.putRegion(x));
    named<Cluster>('clusters', (x, search) => {
      g.putCluster(x);
      names.put({ kind: 'cluster', id: x.id, nameZh: x.nameZh, nameEn: x.nameEn, keys: keysOf(search, x.nameZh) });
    });
    named<Segment>('segments', (x, search) => {
      g.putSegment(x);
      names.put({ kind: 'segment', id: x.id, nameZh: x.nameZh, nameEn: x.nameEn, clusterId: x.clusterId, keys: keysOf(search, x.nameZh) });
    });
    each<Feed>('feeds', (x) => g.putFeed(x));
    // Firms stay JSON until first read (GraphIndex.putStoredFirms); the background
    // work that builds the name index (loadFirmNames) reads, and so parses, them all.
    db.forEachBodyText('firms', this.options.firmTextRows ?? FIRM_TEXT_ROWS, RECORD_SEPARATOR, (text) => g.putStoredFirms(text));
    each<SupplyTie>('supplies', (x) => g.putSupply(x));
    each<Anchor>('anchors', (x) => g.putAnchor(x));
    each<Project>('projects', (x) => g.putProject(x));
    this.g = g;
    this.names = names;
    this.firmNamesLoaded = false;
  }

  /**
   * Whether firms are in the name index. At 100k firms their entries cost a
   * tenth of the start-up, and most sessions never search: the first search
   * puts them in (loadFirmNames), and writes keep them in step from then on.
   */
  private firmNamesLoaded = false;

  /** While firms are being put into the name index (background slices): where, and their stored keys. */
  private firmNamesLoading: { firms: Iterator<Firm>; stored: Map<string, string> } | null = null;

  /** Puts firms into the name index until `deadline` (ms, performance.now()); true once all are in. */
  private loadFirmNames(deadline = Infinity): boolean {
    if (this.firmNamesLoaded) return true;
    this.firmNamesLoading ??= { firms: this.g.firms.values(), stored: this.records.searchKeys('firms') };
    const { firms, stored } = this.firmNamesLoading;
    // Map iterators see firms written meanwhile (and skip deleted ones); those writes also
    // put their own entries (putFirmName) and drop their stored keys, which may be stale.
    for (let n = 1; ; n++) {
      const next = firms.next();
      if (next.done) break;
      const f = next.value;
      this.names.put(this.firmEntry(f, stored.get(f.id) ?? null));
      if (n % 256 === 0 && performance.now() > deadline) return false;
    }
    this.firmNamesLoading = null;
    this.firmNamesLoaded = true;
    return true;
  }

  /** Puts a written firm's entry into the name index once that holds (or is taking in) firms. */
  private putFirmName(f: Firm, keys: PinyinKeys | null): void {
    this.firmNamesLoading?.stored.delete(f.id);
    if (this.firmNamesLoaded || this.firmNamesLoading) this.names.put(this.firmEntry(f, keys));
  }

  private warmTimer: NodeJS.Timeout | null = null;

  backgroundWork(): string[] {
    return this.warmTimer ? ['search-index'] : [];
  }

  /**
   * Builds the firm name index in the background: firms in, then every entry prepared
   * (pinyin keys read, or computed and saved), in slices of WARM_SLICE_MS with requests
   * served between them. At 100k firms that is 1–5 s of CPU (5 s right after a bulk import,
   * when no keys are stored yet) that the first search would otherwise wait for; a search
   * that comes first finishes the job itself.
   */
  private scheduleWarmNames(delayMs = this.options.warmDelayMs ?? WARM_DELAY_MS): void {
    if (this.options.warmNames === false || !this.backgroundAllowed || this.warmTimer || !this.db) return;
    this.warmTimer = setTimeout(() => this.warmSlice(), delayMs);
    this.warmTimer.unref();
  }

  private warmSlice(): void {
    this.warmTimer = null;
    if (!this.db) return;
    const deadline = performance.now() + WARM_SLICE_MS;
    let done = false;
    try {
      this.g.prepareTieIndex(); // ~0.05 s at 100k ties, left out of the start (GraphIndex.tieIndex)
      done = this.loadFirmNames(deadline) && this.names.prepareSome(deadline);
    } catch {
      // Derived data only: on a failure the next search builds what is missing itself.
      return;
    } finally {
      this.saveComputedKeys();
    }
    if (!done) {
      this.warmTimer = setTimeout(() => this.warmSlice(), 0);
      this.warmTimer.unref();
    }
  }

  /**
   * A firm's name-search entry. Its pinyin keys come from `stored` (JSON) when
   * given; otherwise they are computed when a search first needs them (~25 µs a
   * name: too slow for the commit path of a 100k-row import) and saved by
   * search() right after, so a restart reads them instead.
   */
  private firmEntry(f: Firm, stored: string | PinyinKeys | null) {
    let keys: PinyinKeys | (() => PinyinKeys);
    if (stored === null) {
      keys = () => {
        const k = pinyinKeys(f.nameZh);
        this.unsavedKeys.push([f.id, JSON.stringify(k)]);
        return k;
      };
    } else if (typeof stored === 'string') keys = () => JSON.parse(stored) as PinyinKeys;
    else keys = stored;
    return { kind: 'firm' as const, id: f.id, nameZh: f.nameZh, nameEn: f.nameEn, keys };
  }

  /** Firm search keys computed by the current search, saved when it returns. */
  private unsavedKeys: [string, string][] = [];

  private saveComputedKeys(): void {
    if (this.unsavedKeys.length === 0) return;
    const keys = this.unsavedKeys;
    this.unsavedKeys = [];
    try {
      this.records.saveSearchKeys('firms', keys);
    } catch {
      // Derived data only: a search must not fail for it; the keys are computed again after a restart.
    }
  }

  async close(): Promise<void> {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = null;
    this.db?.close();
    this.db = null;
  }

  private get records(): RecordDb {
    if (!this.db) {
      throw new AppError('STORE_UNAVAILABLE', '存储未打开(init 未调用或已关闭)', 'the store is not open (init not called, or closed)');
    }
    return this.db;
  }

  private get lookup(): GraphLookup {
    const g = this.g;
    return {
      hasSource: (id) => g.sources.has(id),
      hasRegion: (id) => g.regions.has(id),
      hasCluster: (id) => g.clusters.has(id),
      hasSegment: (id) => g.segments.has(id),
      hasFirm: (id) => g.firms.has(id),
      firmIdByUscc: (uscc) => g.firmIdByUscc(uscc),
    };
  }

  async isEmpty(): Promise<boolean> {
    void this.records; // throws when not open
    return this.g.clusters.size === 0;
  }

  /**
   * Inserts every record the store does not hold yet, in one transaction.
   * Records already present (perhaps edited by users since) are left alone,
   * so seeding again is a no-op and never undoes a user's write.
   */
  async seed(bundle: SeedBundle): Promise<void> {
    const applied: (() => void)[] = [];
    const g = this.g;
    this.records.transaction((tx) => {
      const add = <T>(kind: RecordKind, id: string, x: T, apply: () => void, search?: PinyinKeys) => {
        if (tx.insertIfAbsent(kind, id, x, search)) applied.push(apply);
      };
      for (const x of bundle.sources) add('sources', x.id, x, () => g.putSource(x));
      for (const x of bundle.regions) add('regions', x.id, x, () => g.putRegion(x));
      for (const x of bundle.clusters) {
        const keys = pinyinKeys(x.nameZh);
        add('clusters', x.id, x, () => {
          g.putCluster(x);
          this.names.put({ kind: 'cluster', id: x.id, nameZh: x.nameZh, nameEn: x.nameEn, keys });
        }, keys);
      }
      for (const x of bundle.segments) {
        const keys = pinyinKeys(x.nameZh);
        add('segments', x.id, x, () => {
          g.putSegment(x);
          this.names.put({ kind: 'segment', id: x.id, nameZh: x.nameZh, nameEn: x.nameEn, clusterId: x.clusterId, keys });
        }, keys);
      }
      for (const x of bundle.feeds) add('feeds', feedKey(x.from, x.to), x, () => g.putFeed(x));
      for (const x of bundle.firms) {
        const keys = pinyinKeys(x.nameZh);
        add('firms', x.id, x, () => {
          g.putFirm(x);
          this.putFirmName(x, keys);
        }, keys);
      }
      for (const x of bundle.supplies) add('supplies', supplyKey(x.from, x.to), x, () => g.putSupply(x));
      for (const x of bundle.anchors) add('anchors', anchorKey(x.firmId, x.clusterId), x, () => g.putAnchor(x));
      for (const x of bundle.projects) add('projects', x.id, x, () => g.putProject(x));
    });
    for (const apply of applied) apply();
  }

  async dataVersion(): Promise<number> {
    return this.records.dataVersion();
  }

  // ======================================================== reads

  async listClusters(): Promise<Cluster[]> {
    return [...this.g.clusters.values()];
  }

  async getCluster(id: string): Promise<Cluster | null> {
    return this.g.clusters.get(id) ?? null;
  }

  async listSegments(clusterId?: string): Promise<Segment[]> {
    if (clusterId === undefined) return [...this.g.segments.values()];
    return this.g.segmentIdsOfCluster(clusterId).map((id) => this.g.segments.get(id)!);
  }

  async getSegments(ids: readonly string[]): Promise<(Segment | null)[]> {
    return ids.map((id) => this.g.segments.get(id) ?? null);
  }

  async listFeeds(segmentIds?: readonly string[]): Promise<Feed[]> {
    if (segmentIds === undefined) return [...this.g.feeds.values()];
    const keys = new Set<string>();
    for (const s of segmentIds) for (const k of this.g.feedKeysTouching(s)) keys.add(k);
    return [...keys].map((k) => this.g.feeds.get(k)!).sort(compareFeeds);
  }

  async listRegions(): Promise<Region[]> {
    return [...this.g.regions.values()];
  }

  async listSources(): Promise<Source[]> {
    return [...this.g.sources.values()];
  }

  async getFirms(ids: readonly string[]): Promise<(Firm | null)[]> {
    return ids.map((id) => this.g.firms.get(id) ?? null);
  }

  async firmsBySegments(segmentIds: readonly string[], filter?: Pick<FirmFilter, 'homeRegionId' | 'local'>): Promise<Firm[][]> {
    const home = filter?.homeRegionId !== undefined && filter.local !== undefined ? this.homeSubtree(filter.homeRegionId) : null;
    return segmentIds.map((s) => {
      const out: Firm[] = [];
      for (const [regionId, firmIds] of this.g.firmsOfSegmentByRegion(s)) {
        if (home && home.has(regionId) !== filter!.local) continue;
        for (const id of firmIds) out.push(this.g.firms.get(id)!);
      }
      return out.sort((a, b) => compareIds(a.id, b.id));
    });
  }

  private homeSubtree(regionId: string): ReadonlySet<string> {
    const subtree = this.g.regionSubtree(regionId);
    if (subtree.size === 0) throw new AppError('BAD_INPUT', `未知的区域:${regionId}`, `unknown region: ${regionId}`);
    return subtree;
  }

  /**
   * Firms matching every given filter field, sorted by id. Starts from the
   * narrowest index (segment, cluster or region) instead of scanning all firms.
   */
  async findFirms(filter: FirmFilter, first: number, after?: string | null): Promise<Page<Firm>> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
      throw new AppError('BAD_INPUT', `first 须为 0 到 ${MAX_PAGE} 之间的整数`, `first must be an integer from 0 to ${MAX_PAGE}`);
    }
    const afterId = after ? decodeCursor(after) : null;
    const g = this.g;

    // Narrowest index first: a segment, a cluster's segments, or a region subtree.
    const indexed: Set<string>[] = [];
    if (filter.segmentId !== undefined) indexed.push(this.firmIdsInSegments([filter.segmentId]));
    if (filter.clusterId !== undefined) indexed.push(this.firmIdsInSegments(g.segmentIdsOfCluster(filter.clusterId)));
    const firmIdsIn = (regions: ReadonlySet<string>) => {
      const ids = new Set<string>();
      for (const r of regions) for (const id of g.firmIdsInRegion(r)) ids.add(id);
      return ids;
    };
    const region = filter.regionId !== undefined ? g.regionSubtree(filter.regionId) : null;
    if (region) indexed.push(firmIdsIn(region));
    const home =
      filter.homeRegionId !== undefined && filter.local !== undefined ? this.homeSubtree(filter.homeRegionId) : null;
    // Local firms only: the home subtree is a few districts, usually the smallest start.
    if (home && filter.local === true) indexed.push(firmIdsIn(home));
    const narrowest = indexed.reduce<Set<string> | null>((best, ids) => (!best || ids.size < best.size ? ids : best), null);
    const clusterSegments = filter.clusterId !== undefined ? new Set(g.segmentIdsOfCluster(filter.clusterId)) : null;
    const text = filter.text?.trim().toLowerCase() || null;

    const matches = (f: Firm): boolean =>
      (filter.segmentId === undefined || f.segments.some((s) => s.segmentId === filter.segmentId)) &&
      (!clusterSegments || f.segments.some((s) => clusterSegments.has(s.segmentId))) &&
      (!region || region.has(f.regionId)) &&
      (!home || home.has(f.regionId) === filter.local) &&
      (filter.ownership === undefined || f.ownership === filter.ownership) &&
      (filter.originId === undefined || f.originId === filter.originId) &&
      (filter.tag === undefined || f.tags.includes(filter.tag)) &&
      (!text ||
        f.nameZh.toLowerCase().includes(text) ||
        (f.nameEn?.toLowerCase().includes(text) ?? false) ||
        f.id.toLowerCase().includes(text));

    const ids: readonly string[] = narrowest ? [...narrowest].sort(compareIds) : g.sortedFirmIds();
    const all: Firm[] = [];
    for (const id of ids) {
      const f = g.firms.get(id)!;
      if (matches(f)) all.push(f);
    }
    const start = afterId === null ? 0 : upperBound(all, afterId);
    const items = all.slice(start, start + first);
    const last = items[items.length - 1];
    return {
      items,
      endCursor: last ? encodeCursor(last.id) : null,
      hasNextPage: start + items.length < all.length,
      totalCount: all.length,
    };
  }

  private firmIdsInSegments(segmentIds: readonly string[]): Set<string> {
    const ids = new Set<string>();
    for (const s of segmentIds) for (const set of this.g.firmsOfSegmentByRegion(s).values()) for (const id of set) ids.add(id);
    return ids;
  }

  async search(text: string, limit: number): Promise<SearchHit[]> {
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_SEARCH) {
      throw new AppError('BAD_INPUT', `limit 须为 0 到 ${MAX_SEARCH} 之间的整数`, `limit must be an integer from 0 to ${MAX_SEARCH}`);
    }
    try {
      this.loadFirmNames();
      return this.names.search(text, limit);
    } finally {
      // Keys computed by this search (firms written since their keys were last stored) are saved in the same tick.
      this.saveComputedKeys();
    }
  }

  async listSupplies(firmId?: string): Promise<SupplyTie[]> {
    if (firmId === undefined) return [...this.g.supplies.values()];
    const { sells, buys } = this.g.suppliesOf(firmId);
    return [...sells, ...buys];
  }

  async listAnchors(clusterId?: string): Promise<Anchor[]> {
    if (clusterId === undefined) return [...this.g.anchors.values()];
    return this.g.anchorsOfCluster(clusterId);
  }

  async listProjects(filter: { clusterId?: string; segmentId?: string; status?: Project['status']; firmId?: string } = {}): Promise<Project[]> {
    const g = this.g;
    const source = filter.firmId !== undefined ? g.projectIdsOfFirm(filter.firmId).map((id) => g.projects.get(id)!) : [...g.projects.values()];
    return source
      .filter(
        (p) =>
          (filter.status === undefined || p.status === filter.status) &&
          (filter.segmentId === undefined || p.segmentIds.includes(filter.segmentId)) &&
          (filter.clusterId === undefined || p.segmentIds.some((s) => g.segments.get(s)?.clusterId === filter.clusterId)),
      )
      .sort((a, b) => compareIds(a.id, b.id));
  }

  async getProject(id: string): Promise<Project | null> {
    return this.g.projects.get(id) ?? null;
  }

  // ======================================================== analysis inputs

  async analysisInput(clusterId: string, homeRegionId: string): Promise<ClusterAnalysisInput | null> {
    return buildAnalysisInput(this.g, clusterId, homeRegionId);
  }

  async targetCandidates(segmentId: string, homeRegionId: string, limit: number): Promise<TargetCandidate[]> {
    return buildTargetCandidates(this.g, segmentId, homeRegionId, limit);
  }

  async segmentRegionCounts(segmentId: string): Promise<SegmentRegionCount[]> {
    return buildSegmentRegionCounts(this.g, segmentId);
  }

  // ======================================================== writes

  async upsertFirm(input: Firm): Promise<void> {
    const firm = parseRecord(FirmSchema, input, 'firm', '企业');
    const problems = firmProblems(firm, this.lookup);
    if (problems.length) throw badInput('firm', '企业', problems);
    const keys = pinyinKeys(firm.nameZh);
    this.records.transaction((tx) => tx.put('firms', firm.id, firm, keys));
    this.g.putFirm(firm);
    this.putFirmName(firm, keys);
  }

  async deleteFirm(id: string): Promise<boolean> {
    const g = this.g;
    if (!g.firms.has(id)) return false;
    const projects = g.projectIdsOfFirm(id);
    if (projects.length) {
      throw new AppError(
        'CONFLICT',
        `企业 ${id} 仍有招引项目(${projects.join('、')}),请先删除或改派项目`,
        `firm ${id} still has attraction projects (${projects.join(', ')}); delete or reassign them first`,
      );
    }
    const { sells, buys } = g.suppliesOf(id);
    const ties = [...sells, ...buys];
    const anchors = g.anchorsOfFirm(id);
    this.records.transaction((tx) => {
      for (const t of ties) tx.delete('supplies', supplyKey(t.from, t.to));
      for (const a of anchors) tx.delete('anchors', anchorKey(a.firmId, a.clusterId));
      tx.delete('firms', id);
    });
    for (const t of ties) g.removeSupply(t.from, t.to);
    for (const a of anchors) g.removeAnchor(a.firmId, a.clusterId);
    g.removeFirm(id);
    this.names.remove('firm', id);
    return true;
  }

  async addSupplyTie(input: SupplyTie): Promise<void> {
    const tie = parseRecord(SupplyTieSchema, input, 'supply tie', '供应关系');
    const problems = supplyProblems(tie, this.lookup);
    if (problems.length) throw badInput('supply tie', '供应关系', problems);
    this.records.transaction((tx) => tx.put('supplies', supplyKey(tie.from, tie.to), tie));
    this.g.putSupply(tie);
  }

  async removeSupplyTie(from: string, to: string): Promise<boolean> {
    if (!this.g.supplies.has(supplyKey(from, to))) return false;
    this.records.transaction((tx) => tx.delete('supplies', supplyKey(from, to)));
    return this.g.removeSupply(from, to);
  }

  async setAnchor(input: Anchor, anchored: boolean): Promise<void> {
    const anchor = parseRecord(AnchorSchema, input, 'anchor', '链主');
    const key = anchorKey(anchor.firmId, anchor.clusterId);
    if (!anchored) {
      if (!this.g.anchors.has(key)) return;
      this.records.transaction((tx) => tx.delete('anchors', key));
      this.g.removeAnchor(anchor.firmId, anchor.clusterId);
      return;
    }
    const problems = anchorProblems(anchor, this.lookup);
    if (problems.length) throw badInput('anchor', '链主', problems);
    this.records.transaction((tx) => tx.put('anchors', key, anchor));
    this.g.putAnchor(anchor);
  }

  async upsertProject(input: Project): Promise<void> {
    const project = parseRecord(ProjectSchema, input, 'project', '招引项目');
    const problems = projectProblems(project, this.lookup);
    if (problems.length) throw badInput('project', '招引项目', problems);
    this.records.transaction((tx) => tx.put('projects', project.id, project));
    this.g.putProject(project);
  }

  async deleteProject(id: string): Promise<boolean> {
    if (!this.g.projects.has(id)) return false;
    this.records.transaction((tx) => tx.delete('projects', id));
    return this.g.removeProject(id);
  }

  /**
   * All rows or none, in one transaction. Rows are parsed by their schemas
   * unless the caller already did (lists marked by markParsed, e.g. the CSV
   * importer's), and their references are always checked against the graph.
   * Firms' pinyin search keys are left to the first search (firmEntry).
   */
  async importBatch(batch: ImportBatch): Promise<void> {
    const parsed = validateImportBatch(batch, this.lookup);
    this.records.transaction((tx: RecordTx) => {
      for (const s of parsed.sources) tx.put('sources', s.id, s);
      for (const f of parsed.firms) tx.put('firms', f.id, f);
      for (const t of parsed.supplies) tx.put('supplies', supplyKey(t.from, t.to), t);
      for (const a of parsed.anchors) tx.put('anchors', anchorKey(a.firmId, a.clusterId), a);
      for (const p of parsed.projects) tx.put('projects', p.id, p);
    });
    const g = this.g;
    for (const s of parsed.sources) g.putSource(s);
    for (const f of parsed.firms) {
      g.putFirm(f);
      this.putFirmName(f, null);
    }
    for (const t of parsed.supplies) g.putSupply(t);
    for (const a of parsed.anchors) g.putAnchor(a);
    for (const p of parsed.projects) g.putProject(p);
    if (parsed.firms.length > 0) this.scheduleWarmNames();
  }

  // ======================================================== audit log

  /** The audit log is a record of writes, not graph data: it does not change dataVersion. */
  async appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    const problems = (['at', 'actor', 'action', 'target'] as const)
      .filter((k) => typeof entry[k] !== 'string' || entry[k].length === 0)
      .map((k) => ({ path: k, messageZh: '不能为空', messageEn: 'must be a non-empty string' }));
    if (problems.length) throw badInput('audit entry', '审计记录', problems);
    this.records.appendAudit(entry);
  }

  async listAudit(first: number, before?: number): Promise<AuditEntry[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
      throw new AppError('BAD_INPUT', `first 须为 0 到 ${MAX_PAGE} 之间的整数`, `first must be an integer from 0 to ${MAX_PAGE}`);
    }
    return this.records.listAudit(first, before);
  }
}

/** Index of the first firm whose id sorts after `id` (firms sorted by id). */
function upperBound(firms: Firm[], id: string): number {
  let lo = 0;
  let hi = firms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareIds(firms[mid]!.id, id) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
