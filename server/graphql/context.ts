// What every resolver receives: the store and configuration (passed in by the
// graphql plugin, not imported as singletons) and a per-request memo.
import type { Principal } from '../auth/roles.js';
import type { TokenStore } from '../auth/tokenStore.js';
import type { AppConfig } from '../config.js';
import type { Region } from '../domain/model.js';
import type { GraphStore } from '../store/GraphStore.js';

declare module 'mercurius' {
  interface MercuriusContext {
    store: GraphStore;
    config: AppConfig;
    /** Per-request cache for small whole lists (regions) that many fields look up. */
    memo: RequestMemo;
    /** Who the request acts as (its bearer token, or anonymous); resolvers check roles through guard.ts. */
    principal: Principal;
    /** "Who" for the audit log and project history: the token's name. */
    actor: string;
    tokens: TokenStore;
  }
}

export class RequestMemo {
  private regions: Promise<Map<string, Region>> | null = null;
  private homeSubtree: Promise<Set<string>> | null = null;
  private children: Promise<Map<string, Region[]>> | null = null;

  constructor(
    private readonly store: GraphStore,
    private readonly homeRegionId: string,
  ) {}

  regionsById(): Promise<Map<string, Region>> {
    this.regions ??= this.store.listRegions().then((list) => new Map(list.map((r) => [r.id, r])));
    return this.regions;
  }

  /** Regions directly below `id`, in seed order. */
  async childrenOf(id: string): Promise<Region[]> {
    this.children ??= this.regionsById().then((byId) => {
      const out = new Map<string, Region[]>();
      for (const r of byId.values()) if (r.parentId) out.set(r.parentId, [...(out.get(r.parentId) ?? []), r]);
      return out;
    });
    return (await this.children).get(id) ?? [];
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
