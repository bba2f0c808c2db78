// Who is asking, API tokens, the audit log and the running configuration
// (admin.graphql). Roles are checked in ../guard.ts.
import { hasRole } from '../../auth/roles.js';
import { notFound } from '../../domain/errors.js';
import { AppError } from '../../domain/errors.js';
import { fromGraphQLEnum, toGraphQLEnum } from '../enums.js';
import type { Resolvers } from '../generated.js';
import { MAX_PAGE_SIZE, pageSize } from './paging.js';

function auditCursor(before: string | null | undefined): number | undefined {
  if (before == null) return undefined;
  if (!/^\d{1,15}$/.test(before)) {
    throw new AppError('BAD_INPUT', `分页游标无效:${before.slice(0, 40)}`, `invalid pagination cursor: ${before.slice(0, 40)}`, [
      { path: 'before', messageZh: '游标无效', messageEn: 'invalid cursor' },
    ]);
  }
  return Number(before);
}

export const resolvers: Resolvers = {
  Query: {
    viewer: (_root, _args, { principal }) => principal,
    auditLog: async (_root, args, { store }) => {
      const first = pageSize(args.first, 'first', 50);
      // One more than asked tells whether older entries exist.
      const rows = await store.listAudit(first + 1, auditCursor(args.before));
      const page = rows.slice(0, first);
      return {
        edges: page.map((node) => ({ cursor: String(node.id), node })),
        pageInfo: { endCursor: page.length ? String(page[page.length - 1]!.id) : null, hasNextPage: rows.length > first },
      };
    },
    apiTokens: (_root, _args, { tokens }) => tokens.list(),
    serverConfig: async (_root, _args, { config, store }) => ({
      store: config.store,
      homeRegionId: config.homeRegionId,
      publicRead: config.access.publicRead,
      corsOrigins: config.corsOrigins,
      bodyLimit: config.limits.bodyLimit,
      rateLimitMax: config.limits.rateLimitMax,
      rateLimitWindowMs: config.limits.rateLimitWindowMs,
      maxQueryDepth: config.limits.maxQueryDepth,
      maxQueryCost: config.limits.maxQueryCost,
      maxPageSize: MAX_PAGE_SIZE,
      dataVersion: await store.dataVersion(),
    }),
  },
  Mutation: {
    createToken: (_root, args, { tokens }) => {
      const { info, token } = tokens.create(args.name, fromGraphQLEnum(args.role));
      return { token, apiToken: info };
    },
    revokeToken: (_root, { id }, { tokens }) => {
      const info = tokens.revoke(id);
      if (!info) throw notFound('API 令牌', id);
      return info;
    },
  },
  Viewer: {
    authenticated: (p) => p.kind === 'token',
    name: (p) => (p.kind === 'token' ? p.name : null),
    role: (p) => (p.kind === 'token' ? toGraphQLEnum(p.role) : null),
    canRead: (p, _args, { config }) => config.access.publicRead || hasRole(p, 'viewer'),
    canWrite: (p) => hasRole(p, 'editor'),
  },
  ApiToken: {
    role: (t) => toGraphQLEnum(t.role),
  },
  AuditEntry: {
    id: (e) => String(e.id),
    detail: (e) => e.detail ?? null,
  },
};
