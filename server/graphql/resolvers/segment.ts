// Type Segment (产业链环节) and its FEEDS flows. Loaders batch every segment of
// a request into one store call per field (matters for the Neo4j store).
import type { IResolvers, MercuriusLoaders } from 'mercurius';
import type { Feed, Segment } from '../../domain/model.js';
import { toGraphQLEnum } from '../enums.js';
import { sourceOf } from './source.js';
import type { GraphStore } from '../../store/GraphStore.js';

interface FlowView {
  from: string;
  to: string;
  weight: number;
}

async function segmentsById(store: GraphStore, ids: Iterable<string>): Promise<Map<string, Segment>> {
  const list = [...new Set(ids)];
  const found = await store.getSegments(list);
  return new Map(found.filter((s): s is Segment => !!s).map((s) => [s.id, s]));
}

/** Feeds of each asked segment in one direction. */
async function feedsOf(store: GraphStore, queries: { obj: Segment }[], direction: 'out' | 'in'): Promise<Feed[][]> {
  const feeds = await store.listFeeds(queries.map((q) => q.obj.id));
  return queries.map(({ obj }) => feeds.filter((f) => (direction === 'out' ? f.from : f.to) === obj.id));
}

export const resolvers: IResolvers = {
  Segment: {
    stage: (s: Segment) => toGraphQLEnum(s.stage),
    cluster: async (s: Segment, _args, { store }) => store.getCluster(s.clusterId),
    parent: async (s: Segment, _args, { store }) => (s.parentId ? ((await store.getSegments([s.parentId]))[0] ?? null) : null),
    flowsOut: async (s: Segment, _args, { store }) => (await store.listFeeds([s.id])).filter((f) => f.from === s.id),
    flowsIn: async (s: Segment, _args, { store }) => (await store.listFeeds([s.id])).filter((f) => f.to === s.id),
    source: (s: Segment, _args, ctx) => sourceOf(s.sourceId, ctx),
  },
  Flow: {
    from: async (f: FlowView, _args, { store }) => (await store.getSegments([f.from]))[0],
    to: async (f: FlowView, _args, { store }) => (await store.getSegments([f.to]))[0],
  },
};

export const loaders: MercuriusLoaders = {
  Segment: {
    firms: async (queries: { obj: Segment; params: { local?: boolean | null } }[], { store, config }) => {
      // Group by the `local` argument: one store call per distinct value.
      const results: unknown[] = new Array(queries.length);
      for (const local of [undefined, true, false]) {
        const idx = queries.map((q, i) => ((q.params.local ?? undefined) === local ? i : -1)).filter((i) => i >= 0);
        if (!idx.length) continue;
        const lists = await store.firmsBySegments(
          idx.map((i) => queries[i]!.obj.id),
          local === undefined ? undefined : { homeRegionId: config.homeRegionId, local },
        );
        idx.forEach((i, k) => (results[i] = lists[k]));
      }
      return results;
    },
    feeds: async (queries: { obj: Segment }[], { store }) => {
      const lists = await feedsOf(store, queries, 'out');
      const byId = await segmentsById(store, lists.flat().map((f) => f.to));
      return lists.map((feeds) => feeds.map((f) => byId.get(f.to)).filter(Boolean));
    },
    fedBy: async (queries: { obj: Segment }[], { store }) => {
      const lists = await feedsOf(store, queries, 'in');
      const byId = await segmentsById(store, lists.flat().map((f) => f.from));
      return lists.map((feeds) => feeds.map((f) => byId.get(f.from)).filter(Boolean));
    },
  },
};
