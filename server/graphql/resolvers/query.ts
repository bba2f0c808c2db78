// Query entry points of the core schema (schema.graphql).
import type { IResolvers } from 'mercurius';
import type { Tier } from '../../domain/model.js';
import { AppError } from '../../domain/errors.js';
import { fromGraphQLEnum } from '../enums.js';

/** Ids longer than any stored id are refused early rather than looked up. */
function checkId(id: string): string {
  if (id.length > 200) throw new AppError('BAD_INPUT', '编号过长(最多 200 个字符)', 'id too long (at most 200 characters)');
  return id;
}

export const resolvers: IResolvers = {
  Query: {
    clusters: async (_root, args: { tier?: string | null }, { store }) => {
      const all = await store.listClusters();
      if (!args.tier) return all;
      const tier = fromGraphQLEnum<Tier>(args.tier);
      return all.filter((c) => c.tier === tier);
    },
    cluster: async (_root, { id }: { id: string }, { store }) => store.getCluster(checkId(id)),
    segment: async (_root, { id }: { id: string }, { store }) => (await store.getSegments([checkId(id)]))[0] ?? null,
    firm: async (_root, { id }: { id: string }, { store }) => (await store.getFirms([checkId(id)]))[0] ?? null,
    regions: async (_root, _args, { store }) => store.listRegions(),
    region: async (_root, { id }: { id: string }, { memo }) => (await memo.regionsById()).get(checkId(id)) ?? null,
    homeRegion: async (_root, _args, { memo, config }) => (await memo.regionsById()).get(config.homeRegionId)!,
  },
};
