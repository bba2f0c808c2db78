// Reads a bulk input and exports it (validate + CSV) in a worker thread: its
// own heap, without the caller's objects, and a large young generation. The
// export allocates a short-lived string per CSV cell; on the main thread of a
// process already holding a million-firm data set (the benchmark) the garbage
// collector took most of the time. Measured at 1M firms, idle machine, same
// code: 81 s with Node's default young generation, 54 s with a 128 MB one.
// The firms' search columns (pinyin keys, about half of the CSV writing) are
// computed meanwhile on a second thread (searchWorker.ts): the two cores work
// together while this one validates and writes the other files.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { tsWorker } from '../lib/tsWorker.js';
import { AppError, type ErrorCode, type FieldError } from '../../server/domain/errors.js';
import { exportBulkCsv, type BulkExport } from '../../server/store/neo4j/bulk/export.js';
import { readBulkInput, type BulkInput } from './input.js';
import { startSearchTails, type SearchTails } from './searchWorker.js';

type Reply =
  | { ok: true; export: BulkExport; readMs: number; cpuMs: number; firms: number; supplies: number; anchors: number; searchTails?: SearchTails['stats'] }
  | { ok: false; appError?: { code: ErrorCode; messageZh: string; messageEn: string; fields: FieldError[] }; message: string };

export interface WorkerExport {
  export: BulkExport;
  /** Reading (or generating) the input, not part of the load. */
  readMs: number;
  counts: { firms: number; supplies: number; anchors: number };
  /** Process CPU time during validate + CSV (not reading the input; the main thread waits meanwhile). */
  cpuMs: number;
  /** Firms' search columns taken from the helper thread, and computed on the export thread. */
  searchTails?: SearchTails['stats'];
}

/** Runs readBulkInput + exportBulkCsv in a worker; an AppError (IMPORT_REJECTED …) comes back as one. */
export function exportInWorker(input: BulkInput, dir: string): Promise<WorkerExport> {
  const worker = tsWorker(import.meta.url, { workerData: { input, dir }, resourceLimits: { maxYoungGenerationSizeMb: 256 } });
  return new Promise((resolve, reject) => {
    worker.once('message', (r: Reply) => {
      if (r.ok) {
        resolve({ export: r.export, readMs: r.readMs, counts: { firms: r.firms, supplies: r.supplies, anchors: r.anchors }, cpuMs: r.cpuMs, ...(r.searchTails && { searchTails: r.searchTails }) });
      } else if (r.appError) {
        const a = r.appError;
        reject(new AppError(a.code, a.messageZh, a.messageEn, a.fields));
      } else reject(new Error(r.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`bulk export worker exited with code ${code}`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as { dir?: string } | null)?.dir) {
  const { input, dir } = workerData as { input: BulkInput; dir: string };
  let reply: Reply;
  try {
    const t0 = performance.now();
    const bundle = readBulkInput(input);
    const readMs = Math.round(performance.now() - t0);
    // process.cpuUsage is process-wide (a worker has no clock of its own in Node 20): the export's share while the main thread waits.
    // The search columns on a second thread meanwhile (searchWorker.ts);
    // starting it (copying the names over) counts as validation time.
    const c0 = process.cpuUsage();
    const t1 = performance.now();
    const tails = startSearchTails(bundle.firms);
    const startMs = performance.now() - t1;
    let exp: BulkExport;
    try {
      exp = exportBulkCsv(bundle, dir, tails ? { firmSearchTails: tails.tailFor } : {});
    } finally {
      await tails?.stop();
    }
    exp.ms.validate += Math.round(startMs);
    const c = process.cpuUsage(c0);
    reply = { ok: true, export: exp, readMs, cpuMs: Math.round((c.user + c.system) / 1000), firms: bundle.firms?.length ?? 0, supplies: bundle.supplies?.length ?? 0, anchors: bundle.anchors?.length ?? 0, ...(tails && { searchTails: tails.stats }) };
  } catch (e) {
    reply =
      e instanceof AppError
        ? { ok: false, appError: { code: e.code, messageZh: e.messageZh, messageEn: e.messageEn, fields: e.fields }, message: e.message }
        : { ok: false, message: (e as Error).stack ?? String(e) };
  }
  parentPort.postMessage(reply);
}
