// The Neo4j store: the GraphStore interface on a Neo4j 5 database (Community
// or Enterprise, self-hosted or Aura). Graph model as in DESIGN.md:
//
//   (Cluster)-[:HAS_SEGMENT]->(Segment)-[:FEEDS {weight}]->(Segment)
//   (Segment)-[:PART_OF]->(Segment)            (Region)-[:IN]->(Region)
//   (Firm)-[:OPERATES_IN {primary, ord}]->(Segment)   (Firm)-[:LOCATED_IN]->(Region)
//   (Firm)-[:SUPPLIES]->(Firm)   (Firm)-[:ANCHORS]->(Cluster)
//   (Project)-[:FOR_FIRM]->(Firm)   (Project)-[:FILLS {ord}]->(Segment)
//   provenance as `sourceId` / `confidence` properties; (:Audit) log nodes;
//   one (:ChainAtlasMeta) node: dataVersion, insertion-order counter;
//   firm counters kept on write (counters.ts):
//   (Segment)-[:FIRMS_IN {n}]->(Region)   (Segment)-[:CO_OCCURS {n}]->(Segment)
//
// Foreign keys are also kept as properties (Segment.clusterId, Firm.regionId,
// Project.firmId …) so records round-trip exactly and filters hit indexes.
// Every analysis number is aggregated in Cypher (cypher.ts), the per-region
// and per-pair firm counts from counters kept on write (counters.ts); Node
// only sorts the small results into the documented order (analysis/buildInput.ts).
import type { ManagedTransaction } from 'neo4j-driver';
import type { Anchor, Cluster, Feed, Firm, Project, Region, Segment, Source, SupplyTie } from '../../domain/model.js';
import { Anchor as AnchorSchema, Firm as FirmSchema, Project as ProjectSchema, SupplyTie as SupplyTieSchema } from '../../domain/model.js';
import { AppError } from '../../domain/errors.js';
import type { AuditEntry, FirmFilter, GraphStore, ImportBatch, Page, SearchHit, SeedBundle } from '../GraphStore.js';
import type {
  ClusterAnalysisInput,
  LocalSupplyTie,
  SegmentCounts,
  SegmentPairCount,
  SegmentRegionCount,
  TargetCandidate,
} from '../../analysis/input.js';
import { GraphIndex, compareIds } from '../../analysis/graphIndex.js';
import { compareFeeds, namedLocalFirmIds } from '../../analysis/buildInput.js';
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
import { Q, analysisAggregatesQuery, analysisHomeFirmsQuery, analysisScopeQuery, analysisScopedHomeFirmsQuery, findFirmsQuery, searchQuery, type FirmQueryFilter } from './cypher.js';
import { firmSegmentRows, firmValues, fromProps, toProps } from './records.js';
import { META_ID, Neo4jSession, toInt, type Neo4jConnectionConfig, type WriteContext } from './session.js';
import { SCHEMA } from './schema.js';
import { HomeFirmsCache, LOCAL_FIRM_BATCH, decodeHomeFirms, homeFirmParams, localFirmsInScope, type HomeFirms } from './localFirms.js';
import { COUNTERS_VERSION, CounterDeltas, firmShapes, rebuildCounters, type FirmShape } from './counters.js';

const MAX_PAGE = 1000;
/** How long a dataVersion read from Neo4j is trusted (writes through this store invalidate it at once). */
const VERSION_TTL_MS = 500;
/** Home regions whose firms analysisInput keeps (one is the usual case: a deployment serves one 招商 team's area). */
const HOME_FIRMS_CACHED = 4;
const MAX_SEARCH = 200;
/** Rows per UNWIND statement. */
const BATCH = 2000;
/** Firm rows per UNWIND statement of an import (statements are pipelined: Node prepares one while Neo4j writes the last). */
const FIRM_BATCH = 5000;
/** Bundles up to this many records seed in one transaction (all or nothing); larger ones in steps of BATCH rows. */
const SEED_SINGLE_TRANSACTION_ROWS = 20_000;

type SeedStep = (tx: ManagedTransaction, ctx: WriteContext) => Promise<void>;

type Props = Record<string, unknown>;
type RefKind = 'source' | 'region' | 'cluster' | 'segment' | 'firm';

const byId = <T extends { id: string }>(a: T, b: T) => compareIds(a.id, b.id);

function chunks<T>(rows: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** First occurrence of each key (a bundle with a repeated id seeds the first, like insert-if-absent). */
function uniqueBy<T>(rows: T[], key: (r: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(key(r)) ? false : (seen.add(key(r)), true)));
}

function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw new AppError('BAD_INPUT', `first 须为 0 到 ${MAX_PAGE} 之间的整数`, `first must be an integer from 0 to ${MAX_PAGE}`);
  }
  return first;
}

const unknownHome = (id: string) =>
  new AppError('BAD_INPUT', `未知的本地区域(home region):${id}`, `unknown home region: ${id}`);
const conflict = () =>
  new AppError(
    'CONFLICT',
    '写入时引用的数据已被并发修改,未做任何更改,请重试',
    'data referenced by this write changed concurrently; nothing was changed, please retry',
  );
/** What the counters depend on (counters.ts). */
const shapeOf = (f: Firm): FirmShape => ({ regionId: f.regionId, segmentIds: f.segments.map((s) => s.segmentId) });
const notFoundSegment = (id: string) => new AppError('NOT_FOUND', `未找到产业链环节:${id}`, `segment not found: ${id}`);

/** Ids a validation may ask about, gathered from (possibly unparsed) records. */
class Refs {
  readonly ids: Record<RefKind, Set<string>> = {
    source: new Set(), region: new Set(), cluster: new Set(), segment: new Set(), firm: new Set(),
  };
  readonly usccs = new Set<string>();

  add(kind: RefKind, value: unknown): this {
    if (typeof value === 'string') this.ids[kind].add(value);
    return this;
  }

  addAll(kind: RefKind, values: unknown, key?: string): this {
    if (Array.isArray(values)) {
      for (const v of values) this.add(kind, key && v && typeof v === 'object' ? (v as Props)[key] : v);
    }
    return this;
  }

  /** Every reference a record of the import batch (or a single write) can hold. */
  addRecord(row: unknown): this {
    if (!row || typeof row !== 'object') return this;
    const r = row as Props;
    this.add('source', r.sourceId).add('region', r.regionId).add('region', r.originId).add('segment', r.segmentId);
    this.add('firm', r.from).add('firm', r.to).add('firm', r.firmId).add('cluster', r.clusterId);
    this.addAll('segment', r.segments, 'segmentId').addAll('segment', r.segmentIds);
    if (typeof r.uscc === 'string') this.usccs.add(r.uscc);
    return this;
  }
}

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private readonly s: Neo4jSession;
  /**
   * dataVersion as last read, and when. Every GraphQL analysis request asks for
   * it (the analysis cache keys on it): one Neo4j round trip per request capped
   * cached chain maps at a few hundred per second. Writes through this store
   * drop it at once; a write by another process sharing the database is seen
   * within VERSION_TTL_MS.
   */
  private version: { value: number; at: number } | null = null;
  private versionRead: Promise<number> | null = null;
  /** Bumped on every write through this store: a read that overlapped a write is not cached. */
  private writeGeneration = 0;
  /** The region tree changes only by seeding (which bumps dataVersion): kept per data version. */
  private regionsCache: { version: number; regions: Promise<Region[]> } | null = null;
  /**
   * The home subtree's firms and the ties they buy, per home region and data
   * version (what analysisInput reads that does not depend on the cluster): the
   * 12 clusters' calls between writes share one load, as the embedded store's
   * per-region caches do. analysisInput reads the data version in its own
   * transaction, so another process's write is seen by the next call.
   */
  private readonly homeFirms = new HomeFirmsCache(HOME_FIRMS_CACHED);

  constructor(config: Neo4jConnectionConfig) {
    this.s = new Neo4jSession(config);
    this.s.onWrite = () => {
      this.writeGeneration++;
      this.version = null;
      this.versionRead = null;
      this.regionsCache = null;
      this.homeFirms.clear();
    };
  }

  // ======================================================== lifecycle

  async init(): Promise<void> {
    await this.s.open();
    for (const statement of SCHEMA) await this.s.writeRaw((tx) => tx.run(statement));
    await this.s.writeRaw((tx) =>
      tx.run(
        `MERGE (m:ChainAtlasMeta {id: $id}) ON CREATE SET m.dataVersion = 0, m.seq = 0, m.auditSeq = 0`,
        { id: META_ID },
      ),
    );
    // New indexes populate in the background; wait so the first queries use them.
    await this.s.writeRaw((tx) => tx.run('CALL db.awaitIndexes(300)'));
    await this.ensureCounters();
  }

  /**
   * A database written before the counters existed (or under another counter
   * version) gets them recounted once, under the write lock; an empty or
   * up-to-date one only has its version checked.
   */
  private async ensureCounters(): Promise<void> {
    const current = await this.s.read(async (tx) =>
      (await tx.run(`MATCH (m:ChainAtlasMeta {id: $id}) RETURN m.counters AS v`, { id: META_ID })).records[0]?.get('v') as number | null | undefined,
    );
    if (current === COUNTERS_VERSION) return;
    await this.s.write(async (tx) => {
      const stamp = (await tx.run(`MATCH (m:ChainAtlasMeta {id: $id}) RETURN m.counters AS v`, { id: META_ID })).records[0]?.get('v');
      if (stamp === COUNTERS_VERSION) return; // another process got there first
      await rebuildCounters(tx);
      await tx.run(`MATCH (m:ChainAtlasMeta {id: $id}) SET m.counters = $v`, { id: META_ID, v: toInt(COUNTERS_VERSION) });
    });
  }

  async close(): Promise<void> {
    await this.homeFirms.idle();
    await this.s.close();
  }

  async isEmpty(): Promise<boolean> {
    return this.s.read(async (tx) => (await tx.run(Q.isEmpty)).records[0]!.get('empty') as boolean);
  }

  /** Nodes per label and relationships per type (for scripts and operators; not part of GraphStore). */
  async counts(): Promise<Record<string, number>> {
    return this.s.read(async (tx) => {
      const out: Record<string, number> = {};
      for (const [key, query] of Q.counts) out[key] = ((await tx.run(query)).records[0]?.get('n') as number | undefined) ?? 0;
      return out;
    });
  }

  async dataVersion(): Promise<number> {
    if (this.version && Date.now() - this.version.at < VERSION_TTL_MS) return this.version.value;
    if (this.versionRead) return this.versionRead;
    const generation = this.writeGeneration;
    const read = this.s
      .read(async (tx) => {
        const rec = (await tx.run(Q.dataVersion, { id: META_ID })).records[0];
        return (rec?.get('v') as number | undefined) ?? 0;
      })
      .then((value) => {
        if (generation === this.writeGeneration) this.version = { value, at: Date.now() };
        return value;
      })
      .finally(() => {
        if (this.versionRead === read) this.versionRead = null;
      });
    this.versionRead = read;
    return read;
  }

  /**
   * Inserts every record the database does not hold yet, in one transaction;
   * records already present (perhaps edited by users since) are left alone, so
   * seeding twice changes nothing (dataVersion included).
   */
  async seed(bundle: SeedBundle): Promise<void> {
    const steps = this.seedSteps(bundle);
    const rows = Object.values(bundle).reduce((n, list: unknown[]) => n + list.length, 0);
    if (rows <= SEED_SINGLE_TRANSACTION_ROWS) {
      await this.s.write(async (tx, ctx) => {
        for (const step of steps) await step(tx, ctx);
      });
    } else {
      // A large bundle (a registry-sized import) in bounded transactions, so the
      // server's transaction memory stays small; each step is idempotent, so an
      // interrupted seed completes when run again.
      for (const step of steps) await this.s.write(step);
    }
  }

  /** Seeding as a list of steps of at most BATCH rows each, in dependency order. */
  private seedSteps(bundle: SeedBundle): SeedStep[] {
    const steps: SeedStep[] = [];
    /** Creates the records of `rows` that are absent; `created` collects them (for linking parents). */
    const nodes = <T extends { id: string }>(
      kind: RefKind | 'project',
      query: string,
      rows: T[],
      toRow: (x: T, seq: number) => Props,
      created?: T[],
    ) => {
      for (const part of chunks(uniqueBy(rows, (r) => r.id))) {
        steps.push(async (tx, ctx) => {
          const present = new Set((await tx.run(Q.existing[kind], { ids: part.map((r) => r.id) })).records.map((r) => r.get('id') as string));
          const fresh = part.filter((r) => !present.has(r.id));
          if (fresh.length === 0) return;
          const first = ctx.takeSeq(fresh.length);
          await tx.run(query, { rows: fresh.map((x, i) => toRow(x, first + i)) });
          created?.push(...fresh);
          ctx.changed();
        });
      }
    };
    /** MERGE … ON CREATE: a tie is inserted only if absent, never overwritten. */
    const ties = <T>(query: string, rows: T[], key: (x: T) => string, toRow: (x: T) => Props) => {
      for (const part of chunks(uniqueBy(rows, key))) {
        steps.push(async (tx, ctx) => {
          const first = ctx.takeSeq(part.length);
          const res = await tx.run(query, { rows: part.map((x, i) => ({ ...toRow(x), seq: toInt(first + i) })) });
          if (res.summary.counters.updates().relationshipsCreated > 0) ctx.changed();
        });
      }
    };
    const link = (query: string, rows: { id: string; parentId?: string | undefined }[]) =>
      steps.push(async (tx) => {
        const links = rows.filter((r) => r.parentId).map((r) => ({ id: r.id, parentId: r.parentId }));
        for (const part of chunks(links)) await tx.run(query, { rows: part });
      });
    const seq = (props: Props, n: number) => ({ props, seq: toInt(n) });

    nodes('source', Q.createSources, bundle.sources, (x, n) => seq(toProps.source(x), n));
    const regions: Region[] = [];
    nodes('region', Q.createRegions, bundle.regions, (x, n) => seq(toProps.region(x), n), regions);
    link(Q.linkRegions, regions);
    steps.push((tx, ctx) => this.updateRegionCities(tx, ctx));
    nodes('cluster', Q.createClusters, bundle.clusters, (x, n) => seq(toProps.cluster(x), n));
    const segments: Segment[] = [];
    nodes('segment', Q.createSegments, bundle.segments, (x, n) => seq(toProps.segment(x), n), segments);
    link(Q.linkSegmentParents, segments);
    ties(Q.mergeFeeds, bundle.feeds, (f) => `${f.from}>${f.to}`, (x) => ({ from: x.from, to: x.to, props: toProps.feed(x) }));
    for (const part of chunks(uniqueBy(bundle.firms, (r) => r.id))) {
      steps.push(async (tx, ctx) => {
        const present = new Set((await tx.run(Q.existing.firm, { ids: part.map((r) => r.id) })).records.map((r) => r.get('id') as string));
        const fresh = part.filter((r) => !present.has(r.id));
        if (fresh.length === 0) return;
        await this.createFirms(tx, fresh);
        const counters = new CounterDeltas();
        for (const f of fresh) counters.add(shapeOf(f), 1);
        await counters.apply(tx);
        ctx.changed();
      });
    }
    ties(Q.seedSupplies, bundle.supplies, (t) => `${t.from}>${t.to}`, (x) => ({ from: x.from, to: x.to, props: toProps.supply(x) }));
    ties(Q.seedAnchors, bundle.anchors, (a) => `${a.firmId}>${a.clusterId}`, (x) => ({
      firmId: x.firmId, clusterId: x.clusterId, props: toProps.anchor(x),
    }));
    nodes('project', Q.upsertProjects, bundle.projects, (x) => ({ props: toProps.project(x) }));
    return steps;
  }

  /**
   * Region.city: the city-level region a firm located there counts for,
   * computed by the same code as the embedded store (GraphIndex.cityLevelOf)
   * over the whole region tree (hundreds of rows), written where it differs.
   */
  private async updateRegionCities(tx: ManagedTransaction, ctx: WriteContext): Promise<void> {
    const rows = (await tx.run(Q.regionTree)).records.map((r) => r.toObject() as {
      id: string; level: Region['level']; parentId: string | null; city: string | null; seq: number;
    });
    rows.sort((a, b) => a.seq - b.seq);
    const g = new GraphIndex();
    for (const r of rows) {
      g.putRegion({ id: r.id, nameZh: r.id, nameEn: r.id, level: r.level, yrd: false, ...(r.parentId && { parentId: r.parentId }) });
    }
    const changed = rows.map((r) => ({ id: r.id, city: g.cityLevelOf(r.id), old: r.city })).filter((r) => r.city !== r.old);
    if (changed.length === 0) return;
    for (const part of chunks(changed.map(({ id, city }) => ({ id, city })))) await tx.run(Q.setRegionCities, { rows: part });
    ctx.changed();
  }

  // ======================================================== reads

  private async list<T>(query: string, params: Props, map: (p: Props) => T): Promise<T[]> {
    return this.s.read(async (tx) => (await tx.run(query, params)).records.map((r) => map(r.get('p') as Props)));
  }

  async listClusters(): Promise<Cluster[]> {
    return this.list(Q.clusters, {}, fromProps.cluster);
  }

  async getCluster(id: string): Promise<Cluster | null> {
    return (await this.list(Q.cluster, { id }, fromProps.cluster))[0] ?? null;
  }

  async listSegments(clusterId?: string): Promise<Segment[]> {
    return clusterId === undefined
      ? this.list(Q.segmentsAll, {}, fromProps.segment)
      : this.list(Q.segmentsOfCluster, { clusterId }, fromProps.segment);
  }

  async getSegments(ids: readonly string[]): Promise<(Segment | null)[]> {
    const found = new Map((await this.list(Q.segmentsById, { ids: [...ids] }, fromProps.segment)).map((s) => [s.id, s]));
    return ids.map((id) => found.get(id) ?? null);
  }

  async listFeeds(segmentIds?: readonly string[]): Promise<Feed[]> {
    return this.s.read((tx) => this.feeds(tx, segmentIds));
  }

  private async feeds(tx: ManagedTransaction, segmentIds?: readonly string[]): Promise<Feed[]> {
    const res = segmentIds === undefined ? await tx.run(Q.feedsAll) : await tx.run(Q.feedsTouching, { ids: [...segmentIds] });
    const feeds = res.records.map((r) => fromProps.feed({ ...(r.get('p') as Props), from: r.get('from'), to: r.get('to') }));
    return segmentIds === undefined ? feeds : feeds.sort(compareFeeds);
  }

  async listRegions(): Promise<Region[]> {
    const version = await this.dataVersion();
    if (this.regionsCache?.version !== version) {
      const regions = this.list(Q.regions, {}, fromProps.region);
      const entry = { version, regions };
      this.regionsCache = entry;
      regions.catch(() => {
        if (this.regionsCache === entry) this.regionsCache = null;
      });
    }
    return [...(await this.regionsCache.regions)];
  }

  async listSources(): Promise<Source[]> {
    return this.list(Q.sources, {}, fromProps.source);
  }

  async getFirms(ids: readonly string[]): Promise<(Firm | null)[]> {
    const found = new Map((await this.list(Q.firmsById, { ids: [...ids] }, fromProps.firm)).map((f) => [f.id, f]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /** The region and every region below it; BAD_INPUT when the region is unknown. */
  private async homeSubtree(tx: ManagedTransaction, regionId: string, what: 'home' | 'region' = 'region'): Promise<string[]> {
    const ids = await this.subtree(tx, regionId);
    if (ids === null) {
      throw what === 'home' ? unknownHome(regionId) : new AppError('BAD_INPUT', `未知的区域:${regionId}`, `unknown region: ${regionId}`);
    }
    return ids;
  }

  /** null when the region is unknown. */
  private async subtree(tx: ManagedTransaction, regionId: string): Promise<string[] | null> {
    const rec = (await tx.run(Q.homeSubtree, { regionId })).records[0];
    return rec ? (rec.get('ids') as string[]) : null;
  }

  async firmsBySegments(segmentIds: readonly string[], filter?: Pick<FirmFilter, 'homeRegionId' | 'local'>): Promise<Firm[][]> {
    return this.s.read(async (tx) => {
      const home = filter?.homeRegionId !== undefined && filter.local !== undefined ? await this.homeSubtree(tx, filter.homeRegionId) : null;
      const unique = [...new Set(segmentIds)];
      const res = await tx.run(Q.firmsOfSegments, { segmentIds: unique, homeIds: home, local: filter?.local ?? null });
      const bySegment = new Map<string, Firm[]>();
      for (const r of res.records) {
        const sid = r.get('sid') as string;
        let list = bySegment.get(sid);
        if (!list) bySegment.set(sid, (list = []));
        list.push(fromProps.firm(r.get('p') as Props));
      }
      return segmentIds.map((s) => [...(bySegment.get(s) ?? [])].sort(byId));
    });
  }

  async findFirms(filter: FirmFilter, first: number, after?: string | null): Promise<Page<Firm>> {
    pageSize(first);
    const afterId = after ? decodeCursor(after) : null;
    return this.s.read(async (tx) => {
      const f: FirmQueryFilter = {};
      if (filter.segmentId !== undefined) f.segmentId = filter.segmentId;
      if (filter.clusterId !== undefined) f.clusterId = filter.clusterId;
      // An unknown region filters everything out (as in the embedded store); an unknown home region is an error.
      if (filter.regionId !== undefined) f.regionIds = (await this.subtree(tx, filter.regionId)) ?? [];
      if (filter.homeRegionId !== undefined && filter.local !== undefined) {
        f.home = { ids: await this.homeSubtree(tx, filter.homeRegionId), local: filter.local };
      }
      if (filter.ownership !== undefined) f.ownership = filter.ownership;
      if (filter.originId !== undefined) f.originId = filter.originId;
      if (filter.tag !== undefined) f.tag = filter.tag;
      const text = filter.text?.trim().toLowerCase();
      if (text) f.text = text;

      const q = findFirmsQuery(f);
      const total = (await tx.run(q.count, q.params)).records[0]!.get('n') as number;
      // One row more than asked tells whether a next page exists (with first = 0 too).
      const rows = (await tx.run(q.page, { ...q.params, after: afterId ?? '', limit: toInt(first + 1) })).records.map((r) =>
        fromProps.firm(r.get('p') as Props),
      );
      const items = rows.slice(0, first);
      const last = items[items.length - 1];
      const hasNextPage = rows.length > first;
      return { items, endCursor: last ? encodeCursor(last.id) : null, hasNextPage, totalCount: total };
    });
  }

  async search(text: string, limit: number): Promise<SearchHit[]> {
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_SEARCH) {
      throw new AppError('BAD_INPUT', `limit 须为 0 到 ${MAX_SEARCH} 之间的整数`, `limit must be an integer from 0 to ${MAX_SEARCH}`);
    }
    const q = text.trim().toLowerCase();
    if (!q || limit === 0) return [];
    const compact = q.replace(/[\s']/g, '');
    const py = /^[a-z0-9]+$/.test(compact) ? compact : null;
    const kinds = ['cluster', 'segment', 'firm'] as const;
    return this.s.read(async (tx) => {
      const res = await tx.run(searchQuery(py !== null), { q, py, limit: toInt(limit) });
      return res.records.map((r) => {
        const kind = kinds[r.get('kindRank') as number]!;
        const hit: SearchHit = { kind, id: r.get('id') as string, nameZh: r.get('nameZh') as string };
        const nameEn = r.get('nameEn') as string | null;
        if (nameEn !== null) hit.nameEn = nameEn;
        if (kind === 'segment') hit.clusterId = r.get('clusterId') as string;
        return hit;
      });
    });
  }

  async listSupplies(firmId?: string): Promise<SupplyTie[]> {
    const query = firmId === undefined ? Q.suppliesAll : Q.suppliesOfFirm;
    return this.s.read(async (tx) =>
      (await tx.run(query, { firmId: firmId ?? null })).records.map((r) =>
        fromProps.supply({ ...(r.get('p') as Props), from: r.get('from'), to: r.get('to') }),
      ),
    );
  }

  async listAnchors(clusterId?: string): Promise<Anchor[]> {
    const query = clusterId === undefined ? Q.anchorsAll : Q.anchorsOfCluster;
    return this.s.read(async (tx) =>
      (await tx.run(query, { clusterId: clusterId ?? null })).records.map((r) =>
        fromProps.anchor({ ...(r.get('p') as Props), firmId: r.get('firmId'), clusterId: r.get('clusterId') }),
      ),
    );
  }

  async listProjects(filter: { clusterId?: string; segmentId?: string; status?: Project['status']; firmId?: string } = {}): Promise<Project[]> {
    const where: string[] = [];
    if (filter.firmId !== undefined) where.push('p.firmId = $firmId');
    if (filter.status !== undefined) where.push('p.status = $status');
    if (filter.segmentId !== undefined) where.push('$segmentId IN p.segmentIds');
    if (filter.clusterId !== undefined) where.push('EXISTS { (p)-[:FILLS]->(:Segment {clusterId: $clusterId}) }');
    const query = `MATCH (p:Project)${where.length ? ` WHERE ${where.join(' AND ')}` : ''} RETURN properties(p) AS p`;
    const params = {
      firmId: filter.firmId ?? null,
      status: filter.status ?? null,
      segmentId: filter.segmentId ?? null,
      clusterId: filter.clusterId ?? null,
    };
    return (await this.list(query, params, fromProps.project)).sort(byId);
  }

  async getProject(id: string): Promise<Project | null> {
    return (await this.list(Q.project, { id }, fromProps.project))[0] ?? null;
  }

  // ======================================================== analysis inputs

  async analysisInput(clusterId: string, homeRegionId: string): Promise<ClusterAnalysisInput | null> {
    // Taken before the data version is read: a load that overlaps a write through this store is not kept.
    const generation = this.writeGeneration;
    // The home firms to load once this call is answered (so the load does not slow it down).
    let toLoad: { homeIds: string[]; version: number } | null = null;
    const input = await this.s.read(async (tx) => {
      const scopeRec = (await tx.run(analysisScopeQuery, { clusterId, id: clusterId, regionId: homeRegionId, metaId: META_ID })).records[0]!;
      const list = <T = Props>(key: string) => scopeRec.get(key) as T[];
      const clusterProps = list<{ p: Props }>('cluster')[0];
      if (!clusterProps) return null;
      const homeIds = list<{ ids: string[] }>('home')[0]?.ids;
      if (!homeIds) throw unknownHome(homeRegionId);
      const version = list<number | null>('version')[0] ?? 0;

      const segments = list<{ p: Props }>('segments')
        .sort((a, b) => (a.p.seq as number) - (b.p.seq as number))
        .map((r) => fromProps.segment(r.p));
      const feedRows = list<{ from: string; to: string; p: Props; fromOther: Props | null; toOther: Props | null }>('feeds');
      const feeds = feedRows.map((r) => fromProps.feed({ ...r.p, from: r.from, to: r.to })).sort(compareFeeds);
      const neighbors = new Map<string, Segment>();
      for (const r of feedRows) {
        for (const other of [r.fromOther, r.toOther]) if (other) neighbors.set(other.id as string, fromProps.segment(other));
      }
      const neighborSegments = [...neighbors.values()].sort(byId);
      const own = segments.map((s) => s.id);
      const scope = [...own, ...neighborSegments.map((s) => s.id)];
      const regions = list<{ p: Props }>('regions').map((r) => fromProps.region(r.p)).sort(byId);

      // The home firms kept at this data version, or being loaded (waited for);
      // else this cluster's part read here, and the whole loaded in the
      // background (after this call) for the next calls.
      const aggregates = tx.run(analysisAggregatesQuery, { clusterId, homeIds, scope });
      const kept = this.homeFirms.get(homeRegionId, version);
      const pending = kept ? null : this.homeFirms.pending(homeRegionId, version);
      toLoad = kept || pending ? null : { homeIds, version };
      const scoped = () =>
        tx
          .run(analysisScopedHomeFirmsQuery, { homeIds, scope, own, batch: toInt(LOCAL_FIRM_BATCH), ...homeFirmParams(homeIds) })
          .then((res) => decodeHomeFirms(res.records.flatMap((r) => r.get('rows') as unknown[][]), homeIds));
      const [aggResult, home] = await Promise.all([
        aggregates,
        // A running load at this version: wait for it (its own part read only if the load is not kept).
        kept ?? (pending ? pending.then((loaded) => loaded ?? scoped()) : scoped()),
      ]);
      const agg = aggResult.records[0]!;
      const rows = <T>(key: string) => agg.get(key) as T[];

      const { localFirms, localSupplies } = localFirmsInScope(home, scope, own.length);
      const anchorRows = rows<{ firmId: string; p: Props; outside: Props | null }>('anchors');
      const anchors = anchorRows
        .map((r) => fromProps.anchor({ ...r.p, firmId: r.firmId, clusterId }))
        .sort((a, b) => compareIds(a.firmId, b.firmId));
      // The names of the few local firms the gap finder names (copies: the firms are the cache's).
      const named = namedLocalFirmIds(localFirms, scope, anchors.map((a) => a.firmId));
      if (named.size > 0) {
        const index = new Map(localFirms.map((f, i) => [f.id, i]));
        for (const r of (await tx.run(Q.firmNames, { ids: [...named] })).records) {
          const i = index.get(r.get('id') as string)!;
          const en = r.get('nameEn') as string | null;
          localFirms[i] = { ...localFirms[i]!, nameZh: r.get('nameZh') as string, nameEn: en ?? undefined };
        }
      }
      const outsideAnchorFirms = anchorRows
        .map((r) => r.outside)
        .filter((p): p is Props => p !== null)
        .map(fromProps.firm)
        .sort(byId);

      const countsOf = (key: string) => new Map(rows<{ segmentId: string; n: number }>(key).map((r) => [r.segmentId, r.n]));
      const totals = countsOf('totals');
      const locals = countsOf('locals');
      const segmentCounts: SegmentCounts[] = scope.map((segmentId) => ({
        segmentId,
        total: totals.get(segmentId) ?? 0,
        local: locals.get(segmentId) ?? 0,
      }));
      const single = (key: string) => rows<{ n: number | null }>(key)[0]?.n ?? 0;

      const regionCounts = rows<[string, string, number]>('regionCounts')
        .map(([segmentId, regionId, count]): SegmentRegionCount => ({ segmentId, regionId, count }))
        .filter((c) => c.count > 0)
        .sort((a, b) => compareIds(a.segmentId, b.segmentId) || compareIds(a.regionId, b.regionId));
      const pairCounts = rows<[string, string, number]>('pairCounts')
        .map(([a, b, count]): SegmentPairCount => ({ a, b, count }))
        .filter((c) => c.count > 0)
        .sort((x, y) => compareIds(x.a, y.a) || compareIds(x.b, y.b));

      return {
        cluster: fromProps.cluster(clusterProps.p),
        segments,
        neighborSegments,
        feeds,
        regions,
        homeRegionId,
        localFirms,
        anchors,
        outsideAnchorFirms,
        localSupplies,
        segmentCounts,
        totals: { allPairs: single('allPairs'), localPairs: single('localPairs') },
        regionCounts,
        pairCounts,
      };
    });
    const load = toLoad as { homeIds: string[]; version: number } | null;
    if (load && !this.homeFirms.loading(homeRegionId)) this.loadHomeFirms(homeRegionId, load.homeIds, load.version, generation);
    return input;
  }

  /**
   * Loads the home subtree's firms with a segment and the ties they buy
   * (Q.homeFirms) into this.homeFirms, in a read transaction of its own that
   * first checks the data version is still `version` (read before, by the
   * caller: so the data is never older than the version it is kept under).
   */
  private loadHomeFirms(home: string, homeIds: string[], version: number, generation: number): void {
    const load = this.s.read(async (tx): Promise<HomeFirms | null> => {
      const now = ((await tx.run(Q.dataVersion, { id: META_ID })).records[0]?.get('v') as number | undefined) ?? 0;
      if (now !== version) return null;
      const res = await tx.run(analysisHomeFirmsQuery, { homeIds, batch: toInt(LOCAL_FIRM_BATCH), ...homeFirmParams(homeIds) });
      return decodeHomeFirms(res.records.flatMap((r) => r.get('rows') as unknown[][]), homeIds);
    });
    this.homeFirms.load(home, version, load, generation, () => this.writeGeneration);
  }

  /** Resolves once the home firms being loaded in the background are loaded (or not: see HomeFirmsCache); for tests and close. */
  async homeFirmsLoaded(): Promise<void> {
    await this.homeFirms.idle();
  }

  private async regionCounts(tx: ManagedTransaction, scope: string[]): Promise<SegmentRegionCount[]> {
    return (await tx.run(Q.regionCounts, { scope })).records
      .map((r) => ({ segmentId: r.get('segmentId') as string, regionId: r.get('regionId') as string, count: r.get('count') as number }))
      .filter((c) => c.count > 0);
  }

  private async requireSegment(tx: ManagedTransaction, segmentId: string): Promise<void> {
    if ((await tx.run(Q.segmentsById, { ids: [segmentId] })).records.length === 0) throw notFoundSegment(segmentId);
  }

  async targetCandidates(segmentId: string, homeRegionId: string, limit: number): Promise<TargetCandidate[]> {
    // As Array.prototype.slice(0, limit) in the embedded store.
    const n = Number.isNaN(limit) ? 0 : limit === Infinity ? MAX_PAGE * 1000 : Math.max(0, Math.trunc(limit));
    return this.s.read(async (tx) => {
      await this.requireSegment(tx, segmentId);
      const homeIds = await this.homeSubtree(tx, homeRegionId, 'home');
      if (n === 0) return [];
      const rows = (await tx.run(Q.targetCandidates, { segmentId, homeIds, limit: toInt(n) })).records.map((r) => ({
        firm: fromProps.firm(r.get('p') as Props),
        suppliesLocal: r.get('suppliesLocal') as string[],
        buysFromLocal: r.get('buysFromLocal') as string[],
      }));
      const segIds = [...new Set(rows.flatMap((r) => r.firm.segments.map((s) => s.segmentId)))];
      const locals = new Map(
        (await tx.run(Q.segmentLocalCounts, { homeIds, scope: segIds })).records.map((r) => [r.get('segmentId') as string, r.get('n') as number]),
      );
      const clusters = new Map(
        (await tx.run(Q.segmentClusters, { ids: segIds })).records.map((r) => [r.get('id') as string, r.get('clusterId') as string]),
      );
      return rows.map(({ firm, suppliesLocal, buysFromLocal }) => ({
        firm,
        tiesToLocal: [
          ...suppliesLocal.map((id) => ({ localFirmId: id, direction: 'supplies-local' as const })),
          ...buysFromLocal.map((id) => ({ localFirmId: id, direction: 'buys-from-local' as const })),
        ].sort((a, b) => compareIds(a.localFirmId, b.localFirmId) || compareIds(a.direction, b.direction)),
        segmentLocalCounts: firm.segments
          .map((s) => ({ segmentId: s.segmentId, clusterId: clusters.get(s.segmentId) ?? '', local: locals.get(s.segmentId) ?? 0 }))
          .sort((a, b) => compareIds(a.segmentId, b.segmentId)),
      }));
    });
  }

  async segmentRegionCounts(segmentId: string): Promise<SegmentRegionCount[]> {
    return this.s.read(async (tx) => {
      await this.requireSegment(tx, segmentId);
      return (await this.regionCounts(tx, [segmentId])).sort((a, b) => b.count - a.count || compareIds(a.regionId, b.regionId));
    });
  }

  // ======================================================== writes

  /**
   * Looks up, inside the write transaction, every id the validation of these
   * records may ask about. `shapes` (firm ids being written, their stored
   * shapes collected there) are read with their region and segments for the
   * counters, which also tells whether they exist.
   */
  private async lookup(tx: ManagedTransaction, refs: Refs, shapes?: { ids: string[]; out: Map<string, FirmShape> }): Promise<GraphLookup> {
    const found: Record<RefKind, Set<string>> = {
      source: new Set(), region: new Set(), cluster: new Set(), segment: new Set(), firm: new Set(),
    };
    if (shapes) {
      for (const [id, shape] of await firmShapes(tx, shapes.ids)) {
        shapes.out.set(id, shape);
        found.firm.add(id);
      }
    }
    const shaped = new Set(shapes?.ids ?? []);
    for (const kind of Object.keys(found) as RefKind[]) {
      const ids = [...refs.ids[kind]].filter((id) => kind !== 'firm' || !shaped.has(id));
      if (ids.length === 0) continue;
      for (const part of chunks(ids, 10_000)) {
        for (const r of (await tx.run(Q.existing[kind], { ids: part })).records) found[kind].add(r.get('id') as string);
      }
    }
    const holders = new Map<string, string>();
    if (refs.usccs.size) {
      for (const r of (await tx.run(Q.firmsByUscc, { usccs: [...refs.usccs] })).records) {
        holders.set(r.get('uscc') as string, r.get('id') as string);
      }
    }
    const has = (kind: RefKind) => (id: string) => {
      if (!refs.ids[kind].has(id)) throw new Error(`Neo4jStore.lookup: ${kind} ${id} was not prefetched`);
      return found[kind].has(id);
    };
    return {
      hasSource: has('source'),
      hasRegion: has('region'),
      hasCluster: has('cluster'),
      hasSegment: has('segment'),
      hasFirm: has('firm'),
      firmIdByUscc: (uscc) => {
        if (!refs.usccs.has(uscc)) throw new Error(`Neo4jStore.lookup: USCC ${uscc} was not prefetched`);
        return holders.get(uscc);
      },
    };
  }

  /**
   * Runs a write statement over rows, `size` at a time, and checks that every row
   * found its nodes (else the transaction rolls back). Rows become parameters one
   * statement at a time (`toRow`) and each statement is sent without waiting for
   * the previous one (the driver pipelines them in the transaction), so Node
   * prepares the next statement while Neo4j writes the last.
   */
  private async writeRows<T>(
    tx: ManagedTransaction,
    query: string,
    rows: T[],
    toRow: (x: T) => unknown = (x) => x,
    size = BATCH,
  ): Promise<void> {
    const pending: Promise<void>[] = [];
    for (let i = 0; i < rows.length; i += size) {
      const part = rows.slice(i, i + size).map(toRow);
      const done = Promise.resolve(tx.run(query, { rows: part })).then((res) => {
        const written = (res.records[0]?.get('n') as number | undefined) ?? 0;
        if (written !== part.length) throw conflict();
      });
      done.catch(() => {}); // awaited below; a failure must not surface as an unhandled rejection first
      pending.push(done);
    }
    await Promise.all(pending);
  }

  /**
   * Creates firms known to be absent (Q.createFirms), rows as lists, with the
   * element ids of their regions and segments (read once for all statements).
   */
  private async createFirms(tx: ManagedTransaction, firms: Firm[]): Promise<void> {
    if (firms.length === 0) return;
    const regionIds = [...new Set(firms.map((f) => f.regionId))];
    const segmentIds = [...new Set(firms.flatMap((f) => f.segments.map((s) => s.segmentId)))];
    const element = { region: new Map<string, string>(), segment: new Map<string, string>() };
    for (const r of (await tx.run(Q.elementIds, { regionIds, segmentIds })).records) {
      element[r.get('kind') as 'region' | 'segment'].set(r.get('id') as string, r.get('e') as string);
    }
    const rows = firms.map((f) => [
      ...firmValues(f),
      element.region.get(f.regionId) ?? null,
      f.segments.map((s, ord) => [element.segment.get(s.segmentId) ?? null, s.primary, ord]),
    ]);
    await this.writeRows(tx, Q.createFirms, rows, (x) => x, FIRM_BATCH);
  }

  async upsertFirm(input: Firm): Promise<void> {
    const firm = parseRecord(FirmSchema, input, 'firm', '企业');
    await this.s.write(async (tx, ctx) => {
      const old = new Map<string, FirmShape>();
      const problems = firmProblems(firm, await this.lookup(tx, new Refs().addRecord(firm).add('firm', firm.id), { ids: [firm.id], out: old }));
      if (problems.length) throw badInput('firm', '企业', problems);
      if (old.has(firm.id)) await this.writeRows(tx, Q.upsertFirms, [{ props: toProps.firm(firm), segs: firmSegmentRows(firm) }]);
      else await this.createFirms(tx, [firm]);
      await new CounterDeltas().move(old.get(firm.id), shapeOf(firm)).apply(tx);
      ctx.changed();
    });
  }

  async deleteFirm(id: string): Promise<boolean> {
    return this.s.write(async (tx, ctx) => {
      const old = (await firmShapes(tx, [id])).get(id);
      if (!old) return false;
      const projects = (await tx.run(Q.firmProjects, { id })).records.map((r) => r.get('id') as string);
      if (projects.length) {
        throw new AppError(
          'CONFLICT',
          `企业 ${id} 仍有招引项目(${projects.join('、')}),请先删除或改派项目`,
          `firm ${id} still has attraction projects (${projects.join(', ')}); delete or reassign them first`,
        );
      }
      await tx.run(Q.deleteFirm, { id });
      await new CounterDeltas().move(old, undefined).apply(tx);
      ctx.changed();
      return true;
    });
  }

  async addSupplyTie(input: SupplyTie): Promise<void> {
    const tie = parseRecord(SupplyTieSchema, input, 'supply tie', '供应关系');
    await this.s.write(async (tx, ctx) => {
      const problems = supplyProblems(tie, await this.lookup(tx, new Refs().addRecord(tie)));
      if (problems.length) throw badInput('supply tie', '供应关系', problems);
      await this.writeRows(tx, Q.putSupplies, [{ from: tie.from, to: tie.to, props: toProps.supply(tie), seq: toInt(ctx.takeSeq(1)) }]);
      ctx.changed();
    });
  }

  async removeSupplyTie(from: string, to: string): Promise<boolean> {
    return this.s.write(async (tx, ctx) => {
      const n = (await tx.run(Q.removeSupply, { from, to })).records[0]!.get('n') as number;
      if (n > 0) ctx.changed();
      return n > 0;
    });
  }

  async setAnchor(input: Anchor, anchored: boolean): Promise<void> {
    const anchor = parseRecord(AnchorSchema, input, 'anchor', '链主');
    await this.s.write(async (tx, ctx) => {
      if (!anchored) {
        const n = (await tx.run(Q.removeAnchor, { firmId: anchor.firmId, clusterId: anchor.clusterId })).records[0]!.get('n') as number;
        if (n > 0) ctx.changed();
        return;
      }
      const problems = anchorProblems(anchor, await this.lookup(tx, new Refs().addRecord(anchor)));
      if (problems.length) throw badInput('anchor', '链主', problems);
      await this.writeRows(tx, Q.putAnchors, [
        { firmId: anchor.firmId, clusterId: anchor.clusterId, props: toProps.anchor(anchor), seq: toInt(ctx.takeSeq(1)) },
      ]);
      ctx.changed();
    });
  }

  async upsertProject(input: Project): Promise<void> {
    const project = parseRecord(ProjectSchema, input, 'project', '招引项目');
    await this.s.write(async (tx, ctx) => {
      const problems = projectProblems(project, await this.lookup(tx, new Refs().addRecord(project)));
      if (problems.length) throw badInput('project', '招引项目', problems);
      await this.writeRows(tx, Q.upsertProjects, [{ props: toProps.project(project) }]);
      ctx.changed();
    });
  }

  async deleteProject(id: string): Promise<boolean> {
    return this.s.write(async (tx, ctx) => {
      const n = (await tx.run(Q.deleteProject, { id })).records[0]!.get('n') as number;
      if (n > 0) ctx.changed();
      return n > 0;
    });
  }

  /**
   * One write transaction: validation (against the graph as this transaction
   * sees it, writes being serialised) and every row. Any bad row, or any row
   * that fails to write, rolls the whole batch back.
   */
  async importBatch(batch: ImportBatch): Promise<void> {
    await this.s.write(async (tx, ctx) => {
      const refs = new Refs();
      for (const list of [batch.sources, batch.firms, batch.supplies, batch.anchors, batch.projects]) {
        for (const row of (list as unknown[] | undefined) ?? []) refs.addRecord(row);
      }
      // Batch rows may refer to one another: firms of the batch are looked up too (and found absent).
      const firmIds: string[] = [];
      for (const f of (batch.firms as unknown[] | undefined) ?? []) {
        const id = (f as Props | null)?.id;
        if (typeof id === 'string') firmIds.push(id);
        refs.add('firm', id);
      }
      for (const s of (batch.sources as unknown[] | undefined) ?? []) refs.add('source', (s as Props | null)?.id);
      const old = new Map<string, FirmShape>();
      const parsed = validateImportBatch(batch, await this.lookup(tx, refs, { ids: [...new Set(firmIds)], out: old }));

      const seqRows = <T>(rows: T[], toRow: (x: T) => Props) => {
        const first = rows.length ? ctx.takeSeq(rows.length) : 0;
        return rows.map((x, i) => ({ ...toRow(x), seq: toInt(first + i) }));
      };
      await this.writeRows(tx, Q.upsertSources, seqRows(parsed.sources, (x) => ({ props: toProps.source(x) })));
      // Firms the database does not hold are created (the fast path of a first load); the others replaced.
      const firmRow = (x: Firm) => ({ props: toProps.firm(x), segs: firmSegmentRows(x) });
      await this.createFirms(tx, parsed.firms.filter((f) => !old.has(f.id)));
      await this.writeRows(tx, Q.upsertFirms, parsed.firms.filter((f) => old.has(f.id)), firmRow);
      const counters = new CounterDeltas();
      for (const f of parsed.firms) counters.move(old.get(f.id), shapeOf(f));
      await counters.apply(tx);
      await this.writeRows(tx, Q.putSupplies, seqRows(parsed.supplies, (x) => ({ from: x.from, to: x.to, props: toProps.supply(x) })));
      await this.writeRows(
        tx,
        Q.putAnchors,
        seqRows(parsed.anchors, (x) => ({ firmId: x.firmId, clusterId: x.clusterId, props: toProps.anchor(x) })),
      );
      await this.writeRows(tx, Q.upsertProjects, parsed.projects.map((x) => ({ props: toProps.project(x) })));
      const rows = parsed.sources.length + parsed.firms.length + parsed.supplies.length + parsed.anchors.length + parsed.projects.length;
      if (rows > 0) ctx.changed();
    });
  }

  // ======================================================== audit log

  /** The audit log is a record of writes, not graph data: it does not change dataVersion. */
  async appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    const problems = (['at', 'actor', 'action', 'target'] as const)
      .filter((k) => typeof entry[k] !== 'string' || entry[k].length === 0)
      .map((k) => ({ path: k, messageZh: '不能为空', messageEn: 'must be a non-empty string' }));
    if (problems.length) throw badInput('audit entry', '审计记录', problems);
    await this.s.writeRaw((tx) =>
      tx.run(Q.appendAudit, {
        metaId: META_ID,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        detail: entry.detail ?? null,
      }),
    );
  }

  async listAudit(first: number, before?: number): Promise<AuditEntry[]> {
    pageSize(first);
    return this.s.read(async (tx) => {
      const res = await tx.run(Q.listAudit, { first: toInt(first), before: before ?? Number.MAX_SAFE_INTEGER });
      return res.records.map((r) => {
        const { detail, ...rest } = r.toObject() as AuditEntry & { detail: string | null };
        return detail === null ? rest : { ...rest, detail };
      });
    });
  }
}
