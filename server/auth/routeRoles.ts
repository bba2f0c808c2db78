// Roles of the plain HTTP routes (GraphQL fields are guarded in graphql/guard.ts).
// Secure by default: any route that changes something (not GET/HEAD/OPTIONS)
// needs an admin unless listed; data downloads need a viewer (open when
// PUBLIC_READ=true); the web app's static files, GraphiQL and /healthz are open.
import type { Role } from './roles.js';

export type RouteNeeds = Role | 'open' | 'graphql';

/** Routes whose data is a read of the graph: guarded like GraphQL queries. */
const dataReads = new Set(['/export/map', '/plan/progress', '/import/template']);
/**
 * Writes that a role below admin may do. POST /import: an editor at least (a dry
 * run); the route then asks IMPORT_ROLE for a real import (io/access.ts).
 */
const writes: Record<string, Role> = { '/import': 'editor' };

export function routeNeeds(method: string, url: string | undefined): RouteNeeds {
  const path = url ?? '';
  if (path === '/graphql') return 'graphql';
  if (path === '/healthz' || path.startsWith('/graphiql')) return 'open';
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return dataReads.has(path) ? 'viewer' : 'open';
  return writes[path] ?? 'admin';
}
