// Type Cluster (产业集群).
import type { IResolvers, MercuriusLoaders } from 'mercurius';
import type { Cluster, Firm } from '../../domain/model.js';
import { toGraphQLEnum } from '../enums.js';
import { sourceOf } from './source.js';

export const resolvers: IResolvers = {
  Cluster: {
    tier: (c: Cluster) => toGraphQLEnum(c.tier),
    segments: (c: Cluster, _args, { store }) => store.listSegments(c.id),
    source: (c: Cluster, _args, ctx) => sourceOf(c.sourceId, ctx),
  },
};

export const loaders: MercuriusLoaders = {
  Cluster: {
    // One anchor list and one firm batch for all clusters of a request.
    anchors: async (queries: { obj: Cluster }[], { store }) => {
      const anchors = await store.listAnchors();
      const firmIds = [...new Set(anchors.map((a) => a.firmId))];
      const firms = new Map((await store.getFirms(firmIds)).filter((f): f is Firm => !!f).map((f) => [f.id, f]));
      return queries.map(({ obj }) =>
        anchors
          .filter((a) => a.clusterId === obj.id)
          .map((a) => firms.get(a.firmId))
          .filter((f): f is Firm => !!f)
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      );
    },
  },
};
