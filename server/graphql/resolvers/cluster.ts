// Type Cluster (产业集群). Loaders: one store call per field for all clusters of a request.
import type { Firm, Segment } from '../../domain/model.js';
import { compareIds } from '../../analysis/graphIndex.js';
import { toGraphQLEnum } from '../enums.js';
import type { Resolvers } from '../generated.js';
import type { Loaders } from '../loaderTypes.js';
import { projectMatches, projectsQuery } from './projects.js';
import { sourceOf } from './source.js';

export const resolvers: Resolvers = {
  Cluster: {
    tier: (c) => toGraphQLEnum(c.tier),
    source: (c, _args, ctx) => sourceOf(c.sourceId, ctx),
  },
};

export const loaders: Loaders = {
  Cluster: {
    // One listSegments (all segments, in chain order) for every cluster asked.
    segments: async (queries, { store }) => {
      if (queries.length === 1) return [await store.listSegments(queries[0]!.obj.id)];
      const byCluster = new Map<string, Segment[]>();
      for (const s of await store.listSegments()) byCluster.set(s.clusterId, [...(byCluster.get(s.clusterId) ?? []), s]);
      return queries.map(({ obj }) => byCluster.get(obj.id) ?? []);
    },
    // One anchor list and one firm batch for all clusters of a request.
    anchors: async (queries, { store }) => {
      const anchors = await store.listAnchors();
      const firmIds = [...new Set(anchors.map((a) => a.firmId))];
      const firms = new Map((await store.getFirms(firmIds)).filter((f): f is Firm => !!f).map((f) => [f.id, f]));
      return queries.map(({ obj }) =>
        anchors
          .filter((a) => a.clusterId === obj.id)
          .map((a) => firms.get(a.firmId))
          .filter((f): f is Firm => !!f)
          .sort((a, b) => compareIds(a.id, b.id)),
      );
    },
    // One project list and one segment list for all clusters: "projects signed this year by cluster".
    projects: async (queries, { store }) => {
      const [projects, segments] = await Promise.all([store.listProjects(), store.listSegments()]);
      const clusterOf = new Map(segments.map((s) => [s.id, s.clusterId]));
      return queries.map(({ obj, params }) => {
        const q = projectsQuery(params);
        return projects.filter((p) => p.segmentIds.some((s) => clusterOf.get(s) === obj.id) && projectMatches(p, q));
      });
    },
  },
};
