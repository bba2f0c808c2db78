// Access control and the audit log for every root field, applied in one place
// (resolvers/index.ts wraps each Query and Mutation resolver): a field not
// listed here needs `viewer` (Query: open when PUBLIC_READ=true) or `editor`
// (Mutation: writes are never open). Every successful mutation is appended to
// the audit log: who (token name), what (field), which record, the arguments.
import type { MercuriusContext } from 'mercurius';
import { requireRole, type Role } from '../auth/roles.js';
import type { MutationResolvers, QueryResolvers } from './generated.js';

type Needs = Role | 'anyone';

export const queryRoles: Partial<Record<keyof QueryResolvers, Needs>> = {
  viewer: 'anyone',
  auditLog: 'admin',
  apiTokens: 'admin',
  serverConfig: 'admin',
};

export const mutationRoles: Partial<Record<keyof MutationResolvers, Role>> = {
  createToken: 'admin',
  revokeToken: 'admin',
  // A dry run needs an editor; the resolver asks IMPORT_ROLE (admin by default) for a real import (io/access.ts).
  importFile: 'editor',
};

/** Mutations that write their own, more detailed audit entry (the import records its counts). */
const auditsItself = new Set<string>(['importFile']);

export const roleFor = (type: 'Query' | 'Mutation', field: string): Needs =>
  type === 'Query' ? (queryRoles[field as keyof QueryResolvers] ?? 'viewer') : (mutationRoles[field as keyof MutationResolvers] ?? 'editor');

export function checkAccess(type: 'Query' | 'Mutation', field: string, ctx: MercuriusContext): void {
  const needs = roleFor(type, field);
  if (needs === 'anyone') return;
  requireRole(ctx.principal, needs, type === 'Query' && ctx.config.access.publicRead);
}

const MAX_DETAIL = 2000;

/** The arguments as JSON, long strings (file contents) cut short. */
function detailOf(args: unknown): string {
  const json = JSON.stringify(args, (_k, v: unknown) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length} chars)` : v));
  return json.length > MAX_DETAIL ? `${json.slice(0, MAX_DETAIL)}…` : json;
}

/** Which record a write touched: the returned record's id, else the arguments' id / firmId / from>to. */
function targetOf(args: Record<string, unknown>, result: unknown): string {
  const r = result as { id?: unknown; apiToken?: { id?: unknown } } | null;
  if (r && typeof r === 'object') {
    if (typeof r.id === 'string') return r.id;
    if (r.apiToken && typeof r.apiToken.id === 'string') return `token:${r.apiToken.id}`;
  }
  const a = args as { id?: unknown; firmId?: unknown; from?: unknown; to?: unknown; input?: { id?: unknown; from?: unknown; to?: unknown } };
  if (typeof a.id === 'string') return a.id;
  if (typeof a.firmId === 'string') return a.firmId;
  if (typeof a.from === 'string' && typeof a.to === 'string') return `${a.from}>${a.to}`;
  if (a.input && typeof a.input.id === 'string') return a.input.id;
  if (a.input && typeof a.input.from === 'string' && typeof a.input.to === 'string') return `${a.input.from}>${a.input.to}`;
  return '-';
}

export async function auditWrite(field: string, args: Record<string, unknown>, result: unknown, ctx: MercuriusContext): Promise<void> {
  if (auditsItself.has(field)) return;
  const target = targetOf(args, result);
  await ctx.store.appendAudit({ at: new Date().toISOString(), actor: ctx.actor, action: field, target, detail: detailOf(args) });
}
