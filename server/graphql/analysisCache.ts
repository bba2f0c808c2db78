// Cache of gap-finder results, keyed by what they depend on: the query's key
// (cluster, home region, …) and the store's data version. Any write bumps the
// version, so a stale entry is never served; repeated queries between writes
// cost one map lookup. Concurrent identical queries share one computation.
import type { GraphStore } from '../store/GraphStore.js';

interface Entry {
  version: number;
  value: Promise<unknown>;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 128) {}

  get<T>(key: string, version: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.hits++;
      // Map order is the LRU order: move to the end.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    this.misses++;
    const value = compute();
    const entry: Entry = { version, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    // A failed computation is not remembered.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<GraphStore, AnalysisCache>();

/** One cache per store instance (an app has one store; tests build many apps). */
export function analysisCacheFor(store: GraphStore): AnalysisCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new AnalysisCache()));
  return cache;
}
