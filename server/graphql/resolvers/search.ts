// search(text) across firms, segments and clusters (search.graphql), backed by
// the store's name index; each hit can be expanded into its record.
import type { IResolvers } from 'mercurius';
import type { SearchHit } from '../../store/GraphStore.js';
import { AppError } from '../../domain/errors.js';

const MAX_HITS = 50;

export const resolvers: IResolvers = {
  Query: {
    search: async (_root, args: { text: string; limit?: number | null }, { store }) => {
      const limit = args.limit ?? 20;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HITS)
        throw new AppError('BAD_INPUT', `limit 须在 1 到 ${MAX_HITS} 之间`, `limit must be between 1 and ${MAX_HITS}`);
      if (args.text.length > 100) throw new AppError('BAD_INPUT', '搜索词过长(最多 100 个字符)', 'search text too long (at most 100 characters)');
      return store.search(args.text, limit);
    },
  },
  SearchHit: {
    kind: (h: SearchHit) => h.kind.toUpperCase(),
    clusterId: (h: SearchHit) => h.clusterId ?? (h.kind === 'cluster' ? h.id : null),
    firm: async (h: SearchHit, _args, { store }) => (h.kind === 'firm' ? ((await store.getFirms([h.id]))[0] ?? null) : null),
    segment: async (h: SearchHit, _args, { store }) => (h.kind === 'segment' ? ((await store.getSegments([h.id]))[0] ?? null) : null),
    cluster: async (h: SearchHit, _args, { store }) => (h.kind === 'cluster' ? store.getCluster(h.id) : null),
  },
};
