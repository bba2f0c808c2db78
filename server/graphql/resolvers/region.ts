// Type Region (区域).
import type { IResolvers } from 'mercurius';
import type { Region } from '../../domain/model.js';
import { toGraphQLEnum } from '../enums.js';

export const resolvers: IResolvers = {
  Region: {
    level: (r: Region) => toGraphQLEnum(r.level),
    parent: async (r: Region, _args, { memo }) => (r.parentId ? ((await memo.regionsById()).get(r.parentId) ?? null) : null),
  },
};
