// `gaps` right after a write: the case the analysis cache cannot help with.
// Every write moves the data version, so the next `gaps` of every cluster is
// computed again; a write to a firm in the home region also drops that
// region's entries in the store's read caches (for the embedded store: the
// region's sorted firm list and the ties its firms buy, which are rebuilt, and
// copied, on the next read). The steady-state numbers of the analysis part do
// not show that cost; this does.
//
// Two kinds of write to one home-region firm, alternating:
//   - edit: a field the indexes do not key on (`listed`), the common edit;
//   - re-segment: the firm gains, then loses, a segment of the first cluster
//     (its region's caches are dropped and every aggregate moves).
// After each write, every cluster is assessed once (store.analysisInput +
// assessCluster, the uncached path of the `gaps` query). The first call after
// the write pays for rebuilding the caches it needs.
import { assessCluster } from '../../server/analysis/assess.js';
import type { Firm } from '../../server/domain/model.js';
import type { GraphStore } from '../../server/store/GraphStore.js';
import { latency, type Latency } from './stats.js';

export interface AfterWriteResult {
  writes: number;
  /** The first `gaps` call after each write. */
  firstCall: Latency;
  /** Every call of the rounds after the writes (all clusters, each once per write). */
  allCalls: Latency;
  /** One round: every cluster once, right after a write (ms). */
  round: Latency;
}

export async function measureGapsAfterWrite(
  store: GraphStore,
  clusterIds: readonly string[],
  homeRegionId: string,
  writes = 12,
): Promise<AfterWriteResult | null> {
  const first = (await store.analysisInput(clusterIds[0]!, homeRegionId))!;
  // A firm located in the home region itself whose segments are all in the first cluster's input.
  const local = first.localFirms.find((f) => f.regionId === homeRegionId);
  const firm = local && (await store.getFirms([local.id]))[0]; // its record (the input carries what the gap finder reads)
  const extra = first.segments.find((s) => firm && !firm.segments.some((x) => x.segmentId === s.id));
  if (!firm || !extra) return null;
  const original: Firm = structuredClone(firm);
  const firstCall: number[] = [];
  const all: number[] = [];
  const rounds: number[] = [];
  try {
    for (let w = 0; w < writes; w++) {
      const kind = w % 2 === 0 ? 'edit' : 're-segment';
      const next: Firm =
        kind === 'edit'
          ? { ...original, listed: w % 4 === 0 ? !original.listed : original.listed }
          : { ...original, segments: w % 4 === 1 ? [...original.segments, { segmentId: extra.id, primary: false }] : original.segments };
      await store.upsertFirm(next);
      const t0 = performance.now();
      for (const [k, id] of clusterIds.entries()) {
        const t = performance.now();
        assessCluster((await store.analysisInput(id, homeRegionId))!);
        const ms = performance.now() - t;
        all.push(ms);
        if (k === 0) firstCall.push(ms);
      }
      rounds.push(performance.now() - t0);
    }
  } finally {
    await store.upsertFirm(original);
  }
  return { writes, firstCall: latency(firstCall), allCalls: latency(all), round: latency(rounds) };
}
