// All resolvers and loaders, one module per GraphQL type group. A feature adds
// its module to `parts` (and its SDL as another *.graphql file). Parts are
// typed with the generated `Resolvers` (npm run codegen), so `tsc` fails when
// a resolver no longer fits the schema. Every root field (Query, Mutation) is
// wrapped here with its access check and, for mutations, the audit entry
// (../guard.ts): a new field is guarded without doing anything.
import type { GraphQLResolveInfo } from 'graphql';
import type { IResolvers, MercuriusContext, MercuriusLoaders } from 'mercurius';
import type { Resolvers } from '../generated.js';
import { auditWrite, checkAccess } from '../guard.js';
import type { Loaders } from '../loaderTypes.js';
import * as admin from './admin.js';
import * as analysis from './analysis.js';
import * as cluster from './cluster.js';
import * as firm from './firm.js';
import * as firmWrites from './firmWrites.js';
import * as io from './io.js';
import * as projects from './projects.js';
import * as query from './query.js';
import * as region from './region.js';
import * as search from './search.js';
import * as segment from './segment.js';

export interface Part {
  resolvers?: Resolvers;
  loaders?: Loaders;
}

const parts: Part[] = [query, cluster, segment, firm, region, analysis, search, projects, firmWrites, admin, io];

type AnyResolver = (root: unknown, args: Record<string, unknown>, ctx: MercuriusContext, info: GraphQLResolveInfo) => unknown;

/** Merges type maps field by field; two parts defining the same field is a programming error. */
function mergeTypeMaps(maps: (object | undefined)[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries((map ?? {}) as Record<string, Record<string, unknown>>)) {
      const target = (out[type] ??= {});
      for (const [field, fn] of Object.entries(fields)) {
        if (field in target) throw new Error(`GraphQL resolver ${type}.${field} is defined twice`);
        target[field] = fn;
      }
    }
  }
  return out;
}

function guarded(type: 'Query' | 'Mutation', field: string, resolve: AnyResolver): AnyResolver {
  if (type === 'Query') {
    return (root, args, ctx, info) => {
      checkAccess(type, field, ctx);
      return resolve(root, args, ctx, info);
    };
  }
  return async (root, args, ctx, info) => {
    checkAccess(type, field, ctx);
    const result = await resolve(root, args, ctx, info);
    await auditWrite(field, args, result, ctx);
    return result;
  };
}

export function buildResolvers(extra: Part[] = []): { resolvers: IResolvers; loaders: MercuriusLoaders } {
  const all = [...parts, ...extra];
  const resolvers = mergeTypeMaps(all.map((p) => p.resolvers));
  const loaders = mergeTypeMaps(all.map((p) => p.loaders));
  for (const type of ['Query', 'Mutation'] as const) {
    for (const [field, fn] of Object.entries(resolvers[type] ?? {})) resolvers[type]![field] = guarded(type, field, fn as AnyResolver);
    if (loaders[type]) throw new Error(`root fields (${type}) must be resolvers, not loaders, so that they are guarded`);
  }
  return { resolvers: resolvers as IResolvers, loaders: loaders as MercuriusLoaders };
}
