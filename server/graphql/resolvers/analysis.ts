// The gap finder over GraphQL (analysis.graphql): gaps, recommendTargets,
// whatIf, chainMap. The analysis itself is server/analysis (pure); this module
// fetches its input from the store, caches results per (query, data version)
// and attaches the records (segments, firms, regions) the schema exposes.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import type { ActionKind as GqlActionKind, Quadrant as GqlQuadrant, Resolvers, SegmentStatus as GqlSegmentStatus, Stage as GqlStage } from '../generated.js';
import type { Firm, Region, Segment } from '../../domain/model.js';
import { AppError } from '../../domain/errors.js';
import type { ClusterAnalysisInput } from '../../analysis/input.js';
import type { ClusterAssessment, SegmentAssessment, WhatIfResult } from '../../analysis/types.js';
import { assessCluster } from '../../analysis/assess.js';
import { defaultGapFinderConfig } from '../../analysis/config.js';
import { regionTree } from '../../analysis/regionTree.js';
import { recommendTargets, strongRegionsForSegment } from '../../analysis/targets.js';
import { whatIf } from '../../analysis/whatIf.js';
import { analysisCacheFor } from '../analysisCache.js';
import { toGraphQLEnum } from '../enums.js';

/** Outside firms ranked per recommendTargets call: the store's best-known first, then our score. */
const CANDIDATE_POOL = 500;
const MAX_TARGETS = 100;
const MAX_LANDED_FIRMS = 50;
const config = defaultGapFinderConfig;

function checkId(id: string, what: string): string {
  if (id.length > 200) throw new AppError('BAD_INPUT', `${what}编号过长(最多 200 个字符)`, `${what} id too long (at most 200 characters)`);
  return id;
}

async function homeRegion(ctx: MercuriusContext, region: string | null | undefined): Promise<Region> {
  const id = checkId(region ?? ctx.config.homeRegionId, 'region');
  const found = (await ctx.memo.regionsById()).get(id);
  if (!found) throw new AppError('NOT_FOUND', `未找到区域:${id}`, `region not found: ${id}`);
  return found;
}

interface Analysed {
  input: ClusterAnalysisInput;
  assessment: ClusterAssessment;
  /** The view without local firm records (SegmentAssessment.localFirms empty: for queries that do not select it). */
  view: AssessmentView;
  /** The local firms' records, loaded on first need (see localFirmRecords). */
  firms: Promise<ReadonlyMap<string, Firm>> | null;
  /** The view with the local firms' records, built on first need. */
  viewWithFirms: Promise<AssessmentView> | null;
  /** Chain maps (with / without firms), built on first request; they live as long as the entry. */
  chainMaps: Map<boolean, Promise<ChainMapView>>;
}

/** The cluster's input and assessment for a home region, cached per data version. */
async function analyse(ctx: MercuriusContext, clusterId: string, region: Region): Promise<Analysed> {
  checkId(clusterId, 'cluster');
  const version = await ctx.store.dataVersion();
  return analysisCacheFor(ctx.store).get(`gaps\u0000${clusterId}\u0000${region.id}`, version, async () => {
    const input = await ctx.store.analysisInput(clusterId, region.id);
    if (!input) throw new AppError('NOT_FOUND', `未找到产业集群:${clusterId}`, `cluster not found: ${clusterId}`);
    const assessment = assessCluster(input, config);
    return { input, assessment, view: assessmentView(input, assessment, new Map()), firms: null, viewWithFirms: null, chainMaps: new Map() };
  });
}

/**
 * The records of the entry's local firms (the analysis input carries only what
 * the gap finder reads: analysis/input.LocalFirm), loaded once per entry. They
 * are read after the input, so a write in between may show a firm as it is
 * now (a deleted one is left out), as a second request would.
 */
function localFirmRecords(ctx: MercuriusContext, a: Analysed): Promise<ReadonlyMap<string, Firm>> {
  a.firms ??= forget(
    ctx.store.getFirms(a.input.localFirms.map((f) => f.id)).then((found) => {
      const out = new Map<string, Firm>();
      for (const f of found) if (f) out.set(f.id, f);
      return out;
    }),
    () => (a.firms = null),
  );
  return a.firms;
}

/** The entry's view, with local firm records when the request selects them. */
function viewFor(ctx: MercuriusContext, a: Analysed, withFirms: boolean): Promise<AssessmentView> | AssessmentView {
  if (!withFirms) return a.view;
  a.viewWithFirms ??= forget(
    localFirmRecords(ctx, a).then((firms) => assessmentView(a.input, a.assessment, firms)),
    () => (a.viewWithFirms = null),
  );
  return a.viewWithFirms;
}

/** `p`, calling `drop` when it fails: a memo of a failed load is not kept (the next request tries again). */
function forget<T>(p: Promise<T>, drop: () => void): Promise<T> {
  p.catch(drop);
  return p;
}

/** Whether the field's selection (fragments included) asks for `name` at any depth. */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === name || walk(sel.selectionSet)) return true;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (walk(sel.selectionSet)) return true;
      } else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        if (walk(info.fragments[sel.name.value]?.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((n) => walk(n.selectionSet));
}

// ---------------------------------------------------------------- views (records attached for the schema)

type AssessmentView = ReturnType<typeof assessmentView>;

/** `firms`: the records of the local firms shown (empty when the request does not select them). */
function assessmentView(input: ClusterAnalysisInput, a: ClusterAssessment, firms: ReadonlyMap<string, Firm>) {
  const segments = new Map<string, Segment>([...input.segments, ...input.neighborSegments].map((s) => [s.id, s]));
  const regions = new Map(input.regions.map((r) => [r.id, r]));
  const segmentView = (s: SegmentAssessment) => ({
    ...s,
    segment: segments.get(s.segmentId)!,
    localFirms: firms.size === 0 ? [] : s.localFirmIds.map((id) => firms.get(id)).filter((f): f is Firm => !!f),
    related: s.related.map((r) => ({ ...r, segment: segments.get(r.segmentId)! })),
  });
  return {
    ...a,
    cluster: input.cluster,
    homeRegion: regions.get(a.homeRegionId)!,
    segments: a.segments.map(segmentView),
    neighborSegments: a.neighborSegments.map(segmentView),
    weakLinks: a.weakLinks.map((w) => ({
      ...w,
      outsideSupplierRegions: w.outsideSupplierRegions.map((r) => ({ ...r, region: regions.get(r.regionId) ?? null })),
    })),
    actions: a.actions.map((x) => ({ ...x, segment: segments.get(x.segmentId)! })),
    counts: { strong: a.counts.STRONG, potential: a.counts.POTENTIAL, weak: a.counts.WEAK, missing: a.counts.MISSING },
  };
}

/** Cytoscape node data (analysis.graphql ChainMapNodeData). */
interface ChainMapNodeData {
  id: string;
  kind: 'SEGMENT' | 'NEIGHBOR' | 'FIRM';
  labelZh: string;
  labelEn: string;
  clusterId: string | null;
  stage: GqlStage | null;
  order: number | null;
  status: GqlSegmentStatus | null;
  criticality: number | null;
  strength: number | null;
  localFirmCount: number | null;
  anchor: boolean;
  singlePointOfFailure: boolean | null;
  quadrant: GqlQuadrant | null;
  action: GqlActionKind | null;
  priority: number | null;
  firmId: string | null;
}

interface ChainMapEdgeData {
  id: string;
  source: string;
  target: string;
  kind: 'FEEDS' | 'OPERATES_IN';
  weight: number | null;
  weakLink: boolean;
  localSourcingRatio: number | null;
}

type ChainMapView = ReturnType<typeof chainMapView>;

/** Nodes and edges for Cytoscape (`{ data: {...} }`); own segments in the cluster's chain-map order; firm nodes when `firms` (their records) are given. */
function chainMapView(input: ClusterAnalysisInput, a: ClusterAssessment, firms: ReadonlyMap<string, Firm> | null) {
  const byId = new Map([...a.segments, ...a.neighborSegments].map((s) => [s.segmentId, s]));
  const topAction = new Map<string, ClusterAssessment['actions'][number]>();
  for (const x of a.actions) if (!topAction.has(x.segmentId)) topAction.set(x.segmentId, x);
  const anchorIds = new Set(input.anchors.filter((x) => x.clusterId === input.cluster.id).map((x) => x.firmId));

  const segmentNode = (s: Segment, kind: 'SEGMENT' | 'NEIGHBOR', order: number): { data: ChainMapNodeData } => {
    const sa = byId.get(s.id);
    const action = topAction.get(s.id);
    return {
      data: {
        id: s.id,
        kind,
        labelZh: s.nameZh,
        labelEn: s.nameEn,
        clusterId: s.clusterId,
        stage: toGraphQLEnum(s.stage),
        order,
        status: sa?.status ?? null,
        criticality: sa?.criticality ?? null,
        strength: sa?.strength ?? null,
        localFirmCount: sa?.localFirmIds.length ?? 0,
        anchor: (sa?.localAnchorFirmIds.length ?? 0) > 0,
        singlePointOfFailure: sa?.singlePointOfFailure ?? false,
        quadrant: sa?.quadrant ?? null,
        action: action?.kind ?? null,
        priority: action?.priority ?? null,
        firmId: null,
      },
    };
  };
  const nodes = [
    ...input.segments.map((s, i) => segmentNode(s, 'SEGMENT', i)),
    ...input.neighborSegments.map((s, i) => segmentNode(s, 'NEIGHBOR', input.segments.length + i)),
  ];
  const edges: { data: ChainMapEdgeData }[] = a.links.map((l) => ({
    data: {
      id: `feeds:${l.from}>${l.to}`,
      source: l.from,
      target: l.to,
      kind: 'FEEDS',
      weight: l.weight,
      weakLink: l.weakLink,
      localSourcingRatio: l.localSourcingRatio,
    },
  }));
  if (firms) {
    const own = new Set(input.segments.map((s) => s.id));
    for (const f of [...input.localFirms].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
      const segs = [...new Set(f.segments.map((s) => s.segmentId))].filter((id) => own.has(id));
      const record = firms.get(f.id);
      if (segs.length === 0 || !record) continue;
      nodes.push({
        data: {
          id: `firm:${f.id}`, kind: 'FIRM', labelZh: record.nameZh, labelEn: record.nameEn ?? record.nameZh, clusterId: null, stage: null, order: null,
          status: null, criticality: null, strength: null, localFirmCount: null, anchor: anchorIds.has(f.id), singlePointOfFailure: null,
          quadrant: null, action: null, priority: null, firmId: f.id,
        },
      });
      for (const s of segs)
        edges.push({ data: { id: `operates:${f.id}>${s}`, source: `firm:${f.id}`, target: s, kind: 'OPERATES_IN', weight: null, weakLink: false, localSourcingRatio: null } });
    }
  }
  return {
    clusterId: a.clusterId,
    homeRegionId: a.homeRegionId,
    nodes,
    edges,
    counts: { strong: a.counts.STRONG, potential: a.counts.POTENTIAL, weak: a.counts.WEAK, missing: a.counts.MISSING },
    noLocalBase: a.noLocalBase,
  };
}

// ---------------------------------------------------------------- resolvers

export const resolvers: Resolvers = {
  Query: {
    gaps: async (_root, args: { clusterId: string; region?: string | null }, ctx, info) => {
      const region = await homeRegion(ctx, args.region);
      return viewFor(ctx, await analyse(ctx, args.clusterId, region), selects(info, 'localFirms'));
    },

    recommendTargets: async (_root, args: { segmentId: string; region?: string | null; limit?: number | null }, ctx) => {
      const limit = args.limit ?? 20;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TARGETS)
        throw new AppError('BAD_INPUT', `limit 须在 1 到 ${MAX_TARGETS} 之间`, `limit must be between 1 and ${MAX_TARGETS}`);
      const region = await homeRegion(ctx, args.region);
      const segmentId = checkId(args.segmentId, 'segment');
      const segment = (await ctx.store.getSegments([segmentId]))[0];
      if (!segment) throw new AppError('NOT_FOUND', `未找到产业链环节:${segmentId}`, `segment not found: ${segmentId}`);
      const version = await ctx.store.dataVersion();
      return analysisCacheFor(ctx.store).get(`targets\u0000${segmentId}\u0000${region.id}\u0000${limit}`, version, async () => {
        const [candidates, regionCounts, anchors, regionsById] = await Promise.all([
          ctx.store.targetCandidates(segmentId, region.id, CANDIDATE_POOL),
          ctx.store.segmentRegionCounts(segmentId),
          ctx.store.listAnchors(),
          ctx.memo.regionsById(),
        ]);
        const regions = [...regionsById.values()];
        const tree = regionTree(regions);
        const anchorFirms = await ctx.store.getFirms([...new Set(anchors.map((a) => a.firmId))]);
        const localAnchorFirmIds = anchorFirms.filter((f): f is Firm => !!f && tree.isWithin(f.regionId, region.id)).map((f) => f.id);
        const firms = new Map(candidates.map((c) => [c.firm.id, c.firm]));
        const ranked = recommendTargets(segmentId, candidates, { regions, homeRegionId: region.id, config, localAnchorFirmIds }, limit);
        return {
          segmentId,
          segment,
          homeRegionId: region.id,
          targets: ranked.map((r) => ({ ...r, firm: firms.get(r.firmId)! })),
          strongRegions: strongRegionsForSegment(regionCounts, regions, region.id, { limit: 10 }).map((s) => ({
            ...s,
            region: regionsById.get(s.regionId) ?? null,
          })),
        };
      });
    },

    whatIf: async (_root, args: { clusterId: string; landFirmIds: string[]; region?: string | null }, ctx, info) => {
      if (args.landFirmIds.length > MAX_LANDED_FIRMS)
        throw new AppError('BAD_INPUT', `一次最多模拟 ${MAX_LANDED_FIRMS} 家企业落地`, `at most ${MAX_LANDED_FIRMS} firms can be landed at once`);
      const ids = [...new Set(args.landFirmIds.map((id) => checkId(id, 'firm')))];
      const region = await homeRegion(ctx, args.region);
      const analysed = await analyse(ctx, args.clusterId, region);
      const found = await ctx.store.getFirms(ids);
      const missing = ids.filter((_, i) => !found[i]);
      if (missing.length > 0)
        throw new AppError('NOT_FOUND', `未找到企业:${missing.join('、')}`, `firm(s) not found: ${missing.join(', ')}`);
      const land = found.filter((f): f is Firm => !!f);
      const result: WhatIfResult = whatIf(analysed.input, land, config);
      const withFirms = selects(info, 'localFirms');
      const before = await viewFor(ctx, analysed, withFirms);
      if (result.landedFirmIds.length === 0) return { ...result, before, after: before };
      // Show landed firms as they are (not as moved copies) in the "after" view.
      const shown = new Map(withFirms ? await localFirmRecords(ctx, analysed) : []);
      if (withFirms) for (const f of land) if (result.landedFirmIds.includes(f.id)) shown.set(f.id, f);
      return { ...result, before, after: assessmentView(analysed.input, result.after, shown) };
    },

    chainMap: async (_root, args: { clusterId: string; region?: string | null; withFirms?: boolean | null }, ctx) => {
      const region = await homeRegion(ctx, args.region);
      const withFirms = args.withFirms ?? false;
      const analysed = await analyse(ctx, args.clusterId, region);
      let map = analysed.chainMaps.get(withFirms);
      if (!map) {
        map = withFirms
          ? forget(
              localFirmRecords(ctx, analysed).then((firms) => chainMapView(analysed.input, analysed.assessment, firms)),
              () => analysed.chainMaps.delete(withFirms),
            )
          : Promise.resolve(chainMapView(analysed.input, analysed.assessment, null));
        analysed.chainMaps.set(withFirms, map);
      }
      return map;
    },
  },
};
