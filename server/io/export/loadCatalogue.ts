// Reads what a cluster's catalogue needs from the store, runs the gap finder
// and the target ranking, and builds the catalogue (catalogue.ts).
import { assessCluster } from '../../analysis/assess.js';
import { defaultGapFinderConfig, type GapFinderConfig } from '../../analysis/config.js';
import { regionTree } from '../../analysis/regionTree.js';
import { recommendTargets } from '../../analysis/targets.js';
import type { TargetRecommendation } from '../../analysis/types.js';
import { notFound } from '../../domain/errors.js';
import type { Firm } from '../../domain/model.js';
import type { GraphStore } from '../../store/GraphStore.js';
import { buildCatalogue, type Catalogue } from './catalogue.js';

export interface CatalogueOptions {
  homeRegionId: string;
  config?: GapFinderConfig;
  /** Targets listed per segment (default 3). */
  topTargets?: number;
  /** Outside firms ranked per segment (default 500, as the GraphQL recommendTargets). */
  candidateLimit?: number;
  /** Date printed on the map (default today). */
  now?: Date;
}

export async function loadCatalogue(store: GraphStore, clusterId: string, opts: CatalogueOptions): Promise<Catalogue> {
  const config = opts.config ?? defaultGapFinderConfig;
  const input = await store.analysisInput(clusterId, opts.homeRegionId);
  if (!input) throw notFound('产业集群', clusterId);
  const assessment = assessCluster(input, config);
  const tree = regionTree(input.regions);

  // Local 链主 of any cluster earn target credit for their ties (以商引商).
  const anchors = await store.listAnchors();
  const anchorFirms = (await store.getFirms([...new Set(anchors.map((a) => a.firmId))])).filter((f): f is Firm => f !== null);
  const localAnchorFirmIds = anchorFirms.filter((f) => tree.isWithin(f.regionId, opts.homeRegionId)).map((f) => f.id);

  // The input carries what the gap finder reads of local firms (LocalFirm): the catalogue names them from their records.
  const firms = new Map<string, Firm>();
  for (const f of await store.getFirms(input.localFirms.map((x) => x.id))) if (f) firms.set(f.id, f);
  for (const f of input.outsideAnchorFirms) firms.set(f.id, f);
  const recommendations: Record<string, TargetRecommendation[]> = {};
  for (const action of assessment.actions) {
    const candidates = await store.targetCandidates(action.segmentId, opts.homeRegionId, opts.candidateLimit ?? 500);
    for (const c of candidates) firms.set(c.firm.id, c.firm);
    recommendations[action.segmentId] = recommendTargets(
      action.segmentId,
      candidates,
      { regions: input.regions, homeRegionId: opts.homeRegionId, config, localAnchorFirmIds },
      opts.topTargets ?? 3,
    );
  }
  return buildCatalogue({
    cluster: input.cluster,
    assessment,
    segments: [...input.segments, ...input.neighborSegments],
    firms: [...firms.values()],
    regions: input.regions,
    recommendations,
    generatedOn: (opts.now ?? new Date()).toISOString().slice(0, 10),
    ...(opts.topTargets !== undefined ? { topTargets: opts.topTargets } : {}),
  });
}

/** Catalogues of the given clusters, or of all clusters in the store's order for 'all'. */
export async function loadCatalogues(store: GraphStore, cluster: string, opts: CatalogueOptions): Promise<Catalogue[]> {
  const ids = cluster === 'all' ? (await store.listClusters()).map((c) => c.id) : [cluster];
  const out: Catalogue[] = [];
  for (const id of ids) out.push(await loadCatalogue(store, id, opts));
  return out;
}
