// What every resolver receives: the store and configuration (passed in by the
// graphql plugin, not imported as singletons) and a per-request memo.
import type { AppConfig } from '../config.js';
import type { Region } from '../domain/model.js';
import type { GraphStore } from '../store/GraphStore.js';

declare module 'mercurius' {
  interface MercuriusContext {
    store: GraphStore;
    config: AppConfig;
    /** Per-request cache for small whole lists (regions) that many fields look up. */
    memo: RequestMemo;
  }
}

export class RequestMemo {
  private regions: Promise<Map<string, Region>> | null = null;
  private homeSubtree: Promise<Set<string>> | null = null;

  constructor(
    private readonly store: GraphStore,
    private readonly homeRegionId: string,
  ) {}

  regionsById(): Promise<Map<string, Region>> {
    this.regions ??= this.store.listRegions().then((list) => new Map(list.map((r) => [r.id, r])));
    return this.regions;
  }

  /** The home region and every region below it ("local"). */
  localRegionIds(): Promise<Set<string>> {
    this.homeSubtree ??= this.regionsById().then((byId) => {
      const children = new Map<string, string[]>();
      for (const r of byId.values()) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
      const out = new Set<string>();
      const stack = [this.homeRegionId];
      while (stack.length) {
        const id = stack.pop()!;
        if (out.has(id)) continue;
        out.add(id);
        stack.push(...(children.get(id) ?? []));
      }
      return out;
    });
    return this.homeSubtree;
  }
}
