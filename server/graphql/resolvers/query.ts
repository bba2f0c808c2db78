// Query entry points of the core schema (schema.graphql).
import type { Tier } from '../../domain/model.js';
import { AppError } from '../../domain/errors.js';
import { inPlanOrder } from '../../domain/clusterOrder.js';
import type { FirmFilter } from '../../store/GraphStore.js';
import { encodeCursor } from '../../store/cursor.js';
import { fromGraphQLEnum } from '../enums.js';
import type { FirmFilter as FirmFilterArg, Resolvers } from '../generated.js';
import { pageSize } from './paging.js';
import { sourcesById } from './source.js';

/** Ids longer than any stored id are refused early rather than looked up. */
export function checkId(id: string, what = 'id'): string {
  if (id.length > 200) throw new AppError('BAD_INPUT', what === 'id' ? '编号过长(最多 200 个字符)' : `${what} 过长(最多 200 个字符)`, `${what} too long (at most 200 characters)`, [
    { path: what, messageZh: '最多 200 个字符', messageEn: 'at most 200 characters' },
  ]);
  return id;
}

/** GraphQL filter → store filter (`local` is relative to filter.homeRegion, default HOME_REGION). */
function storeFilter(f: FirmFilterArg | null | undefined, homeRegionId: string): FirmFilter {
  const out: FirmFilter = {};
  if (!f) return out;
  if (f.clusterId != null) out.clusterId = checkId(f.clusterId, 'filter.clusterId');
  if (f.segmentId != null) out.segmentId = checkId(f.segmentId, 'filter.segmentId');
  if (f.regionId != null) out.regionId = checkId(f.regionId, 'filter.regionId');
  if (f.local != null) {
    out.local = f.local;
    out.homeRegionId = checkId(f.homeRegion ?? homeRegionId, 'filter.homeRegion');
  }
  if (f.ownership != null) out.ownership = fromGraphQLEnum(f.ownership);
  if (f.originId != null) out.originId = checkId(f.originId, 'filter.originId');
  if (f.tag != null) out.tag = checkId(f.tag, 'filter.tag');
  if (f.text != null && f.text.trim() !== '') out.text = checkId(f.text, 'filter.text');
  return out;
}

export const resolvers: Resolvers = {
  Query: {
    clusters: async (_root, args, { store }) => {
      const all = inPlanOrder(await store.listClusters());
      if (!args.tier) return all;
      const tier = fromGraphQLEnum<Tier>(args.tier);
      return all.filter((c) => c.tier === tier);
    },
    cluster: async (_root, { id }, { store }) => store.getCluster(checkId(id)),
    segment: async (_root, { id }, { store }) => (await store.getSegments([checkId(id)]))[0] ?? null,
    firm: async (_root, { id }, { store }) => (await store.getFirms([checkId(id)]))[0] ?? null,
    firms: async (_root, args, { store, config }) => {
      const first = pageSize(args.first, 'first');
      return store.findFirms(storeFilter(args.filter, config.homeRegionId), first, args.after ?? null);
    },
    regions: async (_root, _args, { memo }) => [...(await memo.regionsById()).values()],
    region: async (_root, { id }, { memo }) => (await memo.regionsById()).get(checkId(id)) ?? null,
    homeRegion: async (_root, _args, { memo, config }) => (await memo.regionsById()).get(config.homeRegionId)!,
    sources: async (_root, _args, ctx) => [...(await sourcesById(ctx)).values()],
    source: async (_root, { id }, ctx) => (await sourcesById(ctx)).get(checkId(id)) ?? null,
  },
  FirmConnection: {
    edges: (page) => page.items.map((node) => ({ cursor: encodeCursor(node.id), node })),
    pageInfo: (page) => ({ endCursor: page.endCursor, hasNextPage: page.hasNextPage }),
    totalCount: (page) => page.totalCount,
  },
};
