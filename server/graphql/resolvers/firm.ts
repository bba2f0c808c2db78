// Type Firm (企业) and FirmSegment.
import type { IResolvers, MercuriusLoaders } from 'mercurius';
import type { Firm, FirmSegment, Segment } from '../../domain/model.js';
import { toGraphQLEnum } from '../enums.js';
import { sourceOf } from './source.js';

export const resolvers: IResolvers = {
  Firm: {
    ownership: (f: Firm) => toGraphQLEnum(f.ownership),
    region: async (f: Firm, _args, { memo }) => (await memo.regionsById()).get(f.regionId),
    origin: async (f: Firm, _args, { memo }) => (await memo.regionsById()).get(f.originId),
    local: async (f: Firm, _args, { memo }) => (await memo.localRegionIds()).has(f.regionId),
    source: (f: Firm, _args, ctx) => sourceOf(f.sourceId, ctx),
  },
};

export const loaders: MercuriusLoaders = {
  Firm: {
    anchorOf: async (queries: { obj: Firm }[], { store }) => {
      const [anchors, clusters] = await Promise.all([store.listAnchors(), store.listClusters()]);
      const byId = new Map(clusters.map((c) => [c.id, c]));
      return queries.map(({ obj }) => anchors.filter((a) => a.firmId === obj.id).map((a) => byId.get(a.clusterId)).filter(Boolean));
    },
  },
  FirmSegment: {
    segment: async (queries: { obj: FirmSegment }[], { store }) => {
      const ids = [...new Set(queries.map((q) => q.obj.segmentId))];
      const byId = new Map((await store.getSegments(ids)).filter((s): s is Segment => !!s).map((s) => [s.id, s]));
      return queries.map((q) => byId.get(q.obj.segmentId));
    },
  },
};
