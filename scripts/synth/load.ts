// Loads a synthetic dataset straight into a GraphStore (no CSV): the
// structure with `store.seed`, then firms, supply ties and anchors through
// `store.importBatch` in batches (each one transaction; Neo4j needs batches
// to keep transactions within its heap, the embedded store is fine either way).
import type { GraphStore } from '../../server/store/GraphStore.js';
import type { SyntheticDataset } from './generate.js';

export interface LoadPhase {
  rows: number;
  ms: number;
  rowsPerSec: number;
}

export interface LoadResult {
  structure: LoadPhase;
  firms: LoadPhase;
  supplies: LoadPhase;
  anchors: LoadPhase;
  /** Firms + ties + anchors. */
  total: LoadPhase;
  batchSize: number;
}

export interface LoadOptions {
  batchSize?: number;
  onProgress?: (phase: 'firms' | 'supplies' | 'anchors', done: number, total: number) => void;
}

const phase = (rows: number, ms: number): LoadPhase => ({ rows, ms: Math.round(ms), rowsPerSec: ms > 0 ? Math.round(rows / (ms / 1000)) : 0 });

/** Seeds the clusters, segments, FEEDS, regions and sources (the synthetic one included). */
export async function loadStructure(store: GraphStore, ds: SyntheticDataset): Promise<LoadPhase> {
  const t = performance.now();
  await store.seed(ds.base);
  const b = ds.base;
  return phase(b.sources.length + b.regions.length + b.clusters.length + b.segments.length + b.feeds.length, performance.now() - t);
}

export async function loadDataset(store: GraphStore, ds: SyntheticDataset, options: LoadOptions = {}): Promise<LoadResult> {
  const batchSize = options.batchSize ?? 50_000;
  const structure = await loadStructure(store, ds);
  const run = async <T>(name: 'firms' | 'supplies' | 'anchors', rows: T[]): Promise<LoadPhase> => {
    const t = performance.now();
    for (let i = 0; i < rows.length; i += batchSize) {
      await store.importBatch({ [name]: rows.slice(i, i + batchSize) });
      options.onProgress?.(name, Math.min(rows.length, i + batchSize), rows.length);
    }
    return phase(rows.length, performance.now() - t);
  };
  const firms = await run('firms', ds.firms);
  const supplies = await run('supplies', ds.supplies);
  const anchors = await run('anchors', ds.anchors);
  return {
    structure,
    firms,
    supplies,
    anchors,
    total: phase(firms.rows + supplies.rows + anchors.rows, firms.ms + supplies.ms + anchors.ms),
    batchSize,
  };
}
