// All resolvers and loaders, one module per GraphQL type group. A feature adds
// its module to `parts` (and its SDL as another *.graphql file).
import type { IResolvers, MercuriusLoaders } from 'mercurius';
import * as analysis from './analysis.js';
import * as cluster from './cluster.js';
import * as firm from './firm.js';
import * as io from './io.js';
import * as query from './query.js';
import * as projects from './projects.js';
import * as region from './region.js';
import * as search from './search.js';
import * as segment from './segment.js';

interface Part {
  resolvers?: IResolvers;
  loaders?: MercuriusLoaders;
}

const parts: Part[] = [query, cluster, segment, firm, region, analysis, search, projects, io];

/** Merges type maps field by field; two parts defining the same field is a programming error. */
function mergeTypeMaps<T extends Record<string, Record<string, unknown>>>(maps: (T | undefined)[]): T {
  const out: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map ?? {})) {
      const target = (out[type] ??= {});
      for (const [field, fn] of Object.entries(fields)) {
        if (field in target) throw new Error(`GraphQL resolver ${type}.${field} is defined twice`);
        target[field] = fn;
      }
    }
  }
  return out as T;
}

export function buildResolvers(extra: Part[] = []): { resolvers: IResolvers; loaders: MercuriusLoaders } {
  const all = [...parts, ...extra];
  return {
    resolvers: mergeTypeMaps(all.map((p) => p.resolvers as Record<string, Record<string, unknown>> | undefined)) as IResolvers,
    loaders: mergeTypeMaps(all.map((p) => p.loaders as Record<string, Record<string, unknown>> | undefined)) as MercuriusLoaders,
  };
}
