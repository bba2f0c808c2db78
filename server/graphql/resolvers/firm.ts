// Type Firm (企业), FirmSegment and SupplyTie. Region lookups go through the
// per-request memo (one region list); everything else through loaders.
import type { Cluster, Firm, Project, Segment, SupplyTie } from '../../domain/model.js';
import { toGraphQLEnum } from '../enums.js';
import type { Resolvers } from '../generated.js';
import type { Loaders } from '../loaderTypes.js';
import type { GraphStore } from '../../store/GraphStore.js';
import { sourceOf } from './source.js';

async function firmsById(store: GraphStore, ids: Iterable<string>): Promise<Map<string, Firm>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  return new Map((await store.getFirms(list)).filter((f): f is Firm => !!f).map((f) => [f.id, f]));
}

export const resolvers: Resolvers = {
  Firm: {
    ownership: (f) => toGraphQLEnum(f.ownership),
    region: async (f, _args, { memo }) => (await memo.regionsById()).get(f.regionId)!,
    origin: async (f, _args, { memo }) => (await memo.regionsById()).get(f.originId)!,
    local: async (f, _args, { memo }) => (await memo.localRegionIds()).has(f.regionId),
    source: (f, _args, ctx) => sourceOf(f.sourceId, ctx),
  },
  SupplyTie: {
    source: (t, _args, ctx) => sourceOf(t.sourceId, ctx),
  },
};

export const loaders: Loaders = {
  Firm: {
    anchorOf: async (queries, { store }) => {
      const [anchors, clusters] = await Promise.all([store.listAnchors(), store.listClusters()]);
      const byId = new Map(clusters.map((c) => [c.id, c]));
      return queries.map(({ obj }) =>
        anchors
          .filter((a) => a.firmId === obj.id)
          .map((a) => byId.get(a.clusterId))
          .filter((c): c is Cluster => !!c),
      );
    },
    // One firm: its own ties; several: all ties once, grouped.
    supplyTies: async (queries, { store }) => {
      const ties: SupplyTie[] = queries.length === 1 ? await store.listSupplies(queries[0]!.obj.id) : await store.listSupplies();
      return queries.map(({ obj }) => ties.filter((t) => t.from === obj.id || t.to === obj.id));
    },
    projects: async (queries, { store }) => {
      const projects: Project[] = queries.length === 1 ? await store.listProjects({ firmId: queries[0]!.obj.id }) : await store.listProjects();
      return queries.map(({ obj }) => projects.filter((p) => p.firmId === obj.id));
    },
  },
  FirmSegment: {
    segment: async (queries, { store }) => {
      const ids = [...new Set(queries.map((q) => q.obj.segmentId))];
      const byId = new Map((await store.getSegments(ids)).filter((s): s is Segment => !!s).map((s) => [s.id, s]));
      return queries.map((q) => byId.get(q.obj.segmentId)!);
    },
  },
  SupplyTie: {
    from: async (queries, { store }) => {
      const byId = await firmsById(store, queries.map((q) => q.obj.from));
      return queries.map(({ obj }) => byId.get(obj.from)!);
    },
    to: async (queries, { store }) => {
      const byId = await firmsById(store, queries.map((q) => q.obj.to));
      return queries.map(({ obj }) => byId.get(obj.to)!);
    },
    segment: async (queries, { store }) => {
      const ids = [...new Set(queries.map((q) => q.obj.segmentId).filter((s): s is string => !!s))];
      const byId = new Map(ids.length ? (await store.getSegments(ids)).filter((s): s is Segment => !!s).map((s) => [s.id, s]) : []);
      return queries.map(({ obj }) => (obj.segmentId ? (byId.get(obj.segmentId) ?? null) : null));
    },
  },
};
