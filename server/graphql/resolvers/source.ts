// Provenance lookups shared by every type that carries a sourceId: one
// listSources call per request, however many records ask.
import type { MercuriusContext } from 'mercurius';
import type { Source } from '../../domain/model.js';

const cache = new WeakMap<MercuriusContext, Promise<Map<string, Source>>>();

export function sourcesById(ctx: MercuriusContext): Promise<Map<string, Source>> {
  let byId = cache.get(ctx);
  if (!byId) {
    byId = ctx.store.listSources().then((list) => new Map(list.map((s) => [s.id, s])));
    cache.set(ctx, byId);
  }
  return byId;
}

export async function sourceOf(sourceId: string, ctx: MercuriusContext): Promise<Source | null> {
  return (await sourcesById(ctx)).get(sourceId) ?? null;
}
