// Type Segment (产业链环节) and its FEEDS flows. Loaders batch every segment of
// a request into one store call per field (matters for the Neo4j store).
import type { Cluster, Feed, Segment } from '../../domain/model.js';
import type { GraphStore } from '../../store/GraphStore.js';
import { toGraphQLEnum } from '../enums.js';
import type { Resolvers } from '../generated.js';
import type { Loaders } from '../loaderTypes.js';
import { sourceOf } from './source.js';

async function segmentsById(store: GraphStore, ids: Iterable<string>): Promise<Map<string, Segment>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const found = await store.getSegments(list);
  return new Map(found.filter((s): s is Segment => !!s).map((s) => [s.id, s]));
}

/** Feeds of each asked segment in one direction, from one listFeeds call. */
async function feedsOf(store: GraphStore, ids: string[], direction: 'out' | 'in'): Promise<Feed[][]> {
  const feeds = await store.listFeeds(ids);
  return ids.map((id) => feeds.filter((f) => (direction === 'out' ? f.from : f.to) === id));
}

const present = <T>(x: T | undefined): x is T => x !== undefined;

export const resolvers: Resolvers = {
  Segment: {
    stage: (s) => toGraphQLEnum(s.stage),
    source: (s, _args, ctx) => sourceOf(s.sourceId, ctx),
  },
};

export const loaders: Loaders = {
  Segment: {
    cluster: async (queries, { store }) => {
      const ids = [...new Set(queries.map((q) => q.obj.clusterId))];
      const byId = new Map<string, Cluster>();
      if (ids.length === 1) {
        const c = await store.getCluster(ids[0]!);
        if (c) byId.set(c.id, c);
      } else for (const c of await store.listClusters()) byId.set(c.id, c);
      return queries.map(({ obj }) => byId.get(obj.clusterId)!);
    },
    parent: async (queries, { store }) => {
      const byId = await segmentsById(store, queries.map((q) => q.obj.parentId).filter(present));
      return queries.map(({ obj }) => (obj.parentId ? (byId.get(obj.parentId) ?? null) : null));
    },
    firms: async (queries, { store, config }) => {
      // Group by the `local` argument: one store call per distinct value.
      const results: Awaited<ReturnType<GraphStore['firmsBySegments']>> = new Array(queries.length);
      for (const local of [undefined, true, false]) {
        const idx = queries.map((q, i) => ((q.params.local ?? undefined) === local ? i : -1)).filter((i) => i >= 0);
        if (!idx.length) continue;
        const lists = await store.firmsBySegments(
          idx.map((i) => queries[i]!.obj.id),
          local === undefined ? undefined : { homeRegionId: config.homeRegionId, local },
        );
        idx.forEach((i, k) => (results[i] = lists[k]!));
      }
      return results;
    },
    feeds: async (queries, { store }) => {
      const lists = await feedsOf(store, queries.map((q) => q.obj.id), 'out');
      const byId = await segmentsById(store, lists.flat().map((f) => f.to));
      return lists.map((feeds) => feeds.map((f) => byId.get(f.to)).filter(present));
    },
    fedBy: async (queries, { store }) => {
      const lists = await feedsOf(store, queries.map((q) => q.obj.id), 'in');
      const byId = await segmentsById(store, lists.flat().map((f) => f.from));
      return lists.map((feeds) => feeds.map((f) => byId.get(f.from)).filter(present));
    },
    flowsOut: async (queries, { store }) => feedsOf(store, queries.map((q) => q.obj.id), 'out'),
    flowsIn: async (queries, { store }) => feedsOf(store, queries.map((q) => q.obj.id), 'in'),
  },
  Flow: {
    from: async (queries, { store }) => {
      const byId = await segmentsById(store, queries.map((q) => q.obj.from));
      return queries.map(({ obj }) => byId.get(obj.from)!);
    },
    to: async (queries, { store }) => {
      const byId = await segmentsById(store, queries.map((q) => q.obj.to));
      return queries.map(({ obj }) => byId.get(obj.to)!);
    },
  },
};
