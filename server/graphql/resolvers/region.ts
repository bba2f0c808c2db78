// Type Region (区域): a tree, parents and children from one region list per request.
import { toGraphQLEnum } from '../enums.js';
import type { Resolvers } from '../generated.js';

export const resolvers: Resolvers = {
  Region: {
    level: (r) => toGraphQLEnum(r.level),
    parent: async (r, _args, { memo }) => (r.parentId ? ((await memo.regionsById()).get(r.parentId) ?? null) : null),
    children: (r, _args, { memo }) => memo.childrenOf(r.id),
  },
};
