// Provenance lookups shared by every type that carries a sourceId.
import type { MercuriusContext } from 'mercurius';
import type { Source } from '../../domain/model.js';

const cache = new WeakMap<MercuriusContext, Promise<Map<string, Source>>>();

export async function sourceOf(sourceId: string, ctx: MercuriusContext): Promise<Source | null> {
  let byId = cache.get(ctx);
  if (!byId) {
    byId = ctx.store.listSources().then((list) => new Map(list.map((s) => [s.id, s])));
    cache.set(ctx, byId);
  }
  return (await byId).get(sourceId) ?? null;
}
