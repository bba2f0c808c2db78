// The one store interface (DESIGN.md "Stores"). Two implementations: the
// embedded SQLite-backed store (default) and Neo4j. Both run the same
// contract suite in tests/contract/.
import type { Anchor, Cluster, Feed, Firm, PlanTarget, Project, ProjectStatus, Region, Segment, Source, SupplyTie } from '../domain/model.js';
import type { ClusterAnalysisInput, SegmentRegionCount, TargetCandidate } from '../analysis/input.js';

export interface SeedBundle {
  sources: Source[];
  regions: Region[];
  clusters: Cluster[];
  segments: Segment[];
  feeds: Feed[];
  firms: Firm[];
  supplies: SupplyTie[];
  anchors: Anchor[];
  projects: Project[];
  /** Numeric targets of the attraction plan (graph-seeds/plan/); data for the dashboard, not graph records. */
  planTargets?: PlanTarget[];
}

export interface FirmFilter {
  clusterId?: string;
  segmentId?: string;
  /** Firms in this region or any region below it. */
  regionId?: string;
  /** With `local`: true = in the home region subtree, false = outside it. */
  homeRegionId?: string;
  local?: boolean;
  ownership?: Firm['ownership'];
  originId?: string;
  tag?: string;
  /** Case-insensitive substring of nameZh / nameEn / id. */
  text?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor of the last item; pass as `after` for the next page. */
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

export interface ProjectChangeInput {
  projectId: string;
  to: ProjectStatus;
  by: string;
  at: string;
  note?: string;
}

/** Everything written by a bulk import, applied all-or-nothing. */
export interface ImportBatch {
  firms?: Firm[];
  supplies?: SupplyTie[];
  anchors?: Anchor[];
  projects?: Project[];
  sources?: Source[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail?: string;
}

/** A name match for search across firms, segments and clusters. */
export interface SearchHit {
  kind: 'firm' | 'segment' | 'cluster';
  id: string;
  nameZh: string;
  nameEn?: string;
  clusterId?: string;
}

export interface GraphStore {
  readonly kind: 'embedded' | 'neo4j';
  /** Open connections, create schema; must be called once before use. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** True when the store holds no clusters (a fresh deployment to seed). */
  isEmpty(): Promise<boolean>;
  /** Load a validated seed bundle; idempotent (loading twice changes nothing). */
  seed(bundle: SeedBundle): Promise<void>;
  /** Increases on every write; the analysis cache keys on it. */
  dataVersion(): Promise<number>;
  /** What the store is still building in the background (shown by /healthz); absent or [] = nothing. */
  backgroundWork?(): string[];
  /** The server is up: background work may start (called once the app is ready, so it does not delay start-up). */
  startBackgroundWork?(): void;

  // ---- reads
  listClusters(): Promise<Cluster[]>;
  getCluster(id: string): Promise<Cluster | null>;
  listSegments(clusterId?: string): Promise<Segment[]>;
  getSegments(ids: readonly string[]): Promise<(Segment | null)[]>;
  /** FEEDS edges with at least one end among the given segments (all when omitted). */
  listFeeds(segmentIds?: readonly string[]): Promise<Feed[]>;
  listRegions(): Promise<Region[]>;
  listSources(): Promise<Source[]>;
  getFirms(ids: readonly string[]): Promise<(Firm | null)[]>;
  /** Firms per segment, keyed by segment id, in the order asked (a loader batch). */
  firmsBySegments(segmentIds: readonly string[], filter?: Pick<FirmFilter, 'homeRegionId' | 'local'>): Promise<Firm[][]>;
  findFirms(filter: FirmFilter, first: number, after?: string | null): Promise<Page<Firm>>;
  search(text: string, limit: number): Promise<SearchHit[]>;
  listSupplies(firmId?: string): Promise<SupplyTie[]>;
  listAnchors(clusterId?: string): Promise<Anchor[]>;
  listProjects(filter?: { clusterId?: string; segmentId?: string; status?: ProjectStatus; firmId?: string }): Promise<Project[]>;
  getProject(id: string): Promise<Project | null>;

  // ---- analysis inputs (aggregated inside the store)
  analysisInput(clusterId: string, homeRegionId: string): Promise<ClusterAnalysisInput | null>;
  /** Outside firms operating in the segment, best-known first; `limit` caps what a large store returns. */
  targetCandidates(segmentId: string, homeRegionId: string, limit: number): Promise<TargetCandidate[]>;
  /** City-level counts of one segment (where else is it strong). */
  segmentRegionCounts(segmentId: string): Promise<SegmentRegionCount[]>;

  // ---- writes (each durable before it resolves)
  upsertFirm(firm: Firm): Promise<void>;
  /** Removes the firm and its ties, anchors; refuses if projects refer to it. */
  deleteFirm(id: string): Promise<boolean>;
  addSupplyTie(tie: SupplyTie): Promise<void>;
  removeSupplyTie(from: string, to: string): Promise<boolean>;
  setAnchor(anchor: Anchor, anchored: boolean): Promise<void>;
  upsertProject(project: Project): Promise<void>;
  deleteProject(id: string): Promise<boolean>;
  /** Applies a whole batch in one transaction: all rows or none. */
  importBatch(batch: ImportBatch): Promise<void>;

  // ---- audit log
  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  listAudit(first: number, before?: number): Promise<AuditEntry[]>;
}
