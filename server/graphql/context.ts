// What every resolver receives: the store and configuration (passed in by the
// graphql plugin, not imported as singletons) and a per-request memo.
import type { Principal } from '../auth/roles.js';
import type { TokenStore } from '../auth/tokenStore.js';
import type { AppConfig } from '../config.js';
import type { Region } from '../domain/model.js';
import type { GraphStore } from '../store/GraphStore.js';
import { analysisCacheFor } from './analysisCache.js';

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

/** The region tree in the shapes resolvers look it up by; one per store and data version, read-only. */
interface RegionTables {
  byId: Map<string, Region>;
  children: Map<string, Region[]>;
  /** Region id → it and every region below it, built on first use. */
  subtrees: Map<string, Set<string>>;
}

/**
 * Region tables shared by every request between two writes, in the store's analysis
 * cache (per data version, read before listing the regions, so an entry is never older
 * than its key). Building them per request (a Map of the whole tree) cost a cached chain
 * map a tenth of its time (issue 8).
 */
async function regionTables(store: GraphStore): Promise<RegionTables> {
  return analysisCacheFor(store).get('regions', await store.dataVersion(), () =>
    store.listRegions().then((list) => {
      const byId = new Map(list.map((r) => [r.id, r]));
      const children = new Map<string, Region[]>();
      for (const r of list) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
      return { byId, children, subtrees: new Map<string, Set<string>>() };
    }),
  );
}

/** Per request: the region tables of one data version for the whole request. */
export class RequestMemo {
  private tables: Promise<RegionTables> | null = null;

  constructor(
    private readonly store: GraphStore,
    private readonly homeRegionId: string,
  ) {}

  private regionTables(): Promise<RegionTables> {
    this.tables ??= regionTables(this.store);
    return this.tables;
  }

  async regionsById(): Promise<ReadonlyMap<string, Region>> {
    return (await this.regionTables()).byId;
  }

  /** Regions directly below `id`, in seed order. */
  async childrenOf(id: string): Promise<Region[]> {
    return [...((await this.regionTables()).children.get(id) ?? [])];
  }

  /** The home region and every region below it ("local"). */
  async localRegionIds(): Promise<ReadonlySet<string>> {
    const t = await this.regionTables();
    let out = t.subtrees.get(this.homeRegionId);
    if (!out) {
      out = new Set<string>();
      const stack = [this.homeRegionId];
      while (stack.length) {
        const id = stack.pop()!;
        if (out.has(id)) continue;
        out.add(id);
        for (const c of t.children.get(id) ?? []) stack.push(c.id);
      }
      t.subtrees.set(this.homeRegionId, out);
    }
    return out;
  }
}
