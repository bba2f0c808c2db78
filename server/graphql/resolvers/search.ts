// search(text) across firms, segments and clusters (search.graphql), backed by
// the store's name index (Chinese, English, pinyin 全拼 / 首字母); each hit can
// be expanded into its record, batched by loaders.
import type { Cluster, Firm, Segment } from '../../domain/model.js';
import { AppError } from '../../domain/errors.js';
import type { Resolvers } from '../generated.js';
import type { Loaders } from '../loaderTypes.js';

const MAX_HITS = 50;

export const resolvers: Resolvers = {
  Query: {
    search: async (_root, args, { store }) => {
      const limit = args.limit ?? 20;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HITS)
        throw new AppError('BAD_INPUT', `limit 须在 1 到 ${MAX_HITS} 之间`, `limit must be between 1 and ${MAX_HITS}`, [
          { path: 'limit', messageZh: `须在 1 到 ${MAX_HITS} 之间`, messageEn: `must be between 1 and ${MAX_HITS}` },
        ]);
      if (args.text.length > 100)
        throw new AppError('BAD_INPUT', '搜索词过长(最多 100 个字符)', 'search text too long (at most 100 characters)', [
          { path: 'text', messageZh: '最多 100 个字符', messageEn: 'at most 100 characters' },
        ]);
      return store.search(args.text, limit);
    },
  },
  SearchHit: {
    kind: (h) => (h.kind === 'firm' ? 'FIRM' : h.kind === 'segment' ? 'SEGMENT' : 'CLUSTER'),
    nameEn: (h) => h.nameEn ?? null,
    clusterId: (h) => h.clusterId ?? (h.kind === 'cluster' ? h.id : null),
  },
};

export const loaders: Loaders = {
  SearchHit: {
    firm: async (queries, { store }) => {
      const ids = queries.filter((q) => q.obj.kind === 'firm').map((q) => q.obj.id);
      const byId = new Map(ids.length ? (await store.getFirms(ids)).filter((f): f is Firm => !!f).map((f) => [f.id, f]) : []);
      return queries.map(({ obj }) => (obj.kind === 'firm' ? (byId.get(obj.id) ?? null) : null));
    },
    segment: async (queries, { store }) => {
      const ids = queries.filter((q) => q.obj.kind === 'segment').map((q) => q.obj.id);
      const byId = new Map(ids.length ? (await store.getSegments(ids)).filter((s): s is Segment => !!s).map((s) => [s.id, s]) : []);
      return queries.map(({ obj }) => (obj.kind === 'segment' ? (byId.get(obj.id) ?? null) : null));
    },
    cluster: async (queries, { store }) => {
      const any = queries.some((q) => q.obj.kind === 'cluster');
      const byId = new Map<string, Cluster>(any ? (await store.listClusters()).map((c) => [c.id, c]) : []);
      return queries.map(({ obj }) => (obj.kind === 'cluster' ? (byId.get(obj.id) ?? null) : null));
    },
  },
};
