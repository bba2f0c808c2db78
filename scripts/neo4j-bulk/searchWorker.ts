// The firms' search columns (export.firmSearchTail: lower-cased names and
// pinyin keys, ~27 µs a firm, most of which is pinyin-pro; 30 of the 50 s of
// CSV writing at 1M firms) computed on a second thread while the export
// worker validates the input and writes the other files: the two cores both
// work. The export worker reads the results synchronously (its export is one
// synchronous call) through a MessagePort (receiveMessageOnPort) and an
// Atomics counter it waits on.
//
// Exactness never depends on this thread: a result is used only for the firm
// it was computed for (same position, same id and names after validation),
// and anything missing (the helper failed, stalled, or the firm differs)
// is computed on the export thread as before; the CSV bytes are the same.
import { isMainThread, MessageChannel, receiveMessageOnPort, workerData, type MessagePort, type Worker } from 'node:worker_threads';
import { firmSearchTail } from '../../server/store/neo4j/bulk/columns.js';
import { tsWorker } from '../lib/tsWorker.js';

/** Firms per message. */
const CHUNK = 4096;
/** No message for this long: give up on the helper and compute the rest on the export thread. */
const STALL_MS = 60_000;

type Names = { ids: (string | undefined)[]; zh: (string | undefined)[]; en: (string | undefined)[] };
type Message = { tails: (string | null)[] } | { error: string };

export interface SearchTails {
  /** export.BulkCsvOptions.firmSearchTails: the `n`th input firm's tail if it is this firm's, else undefined. */
  tailFor(n: number, firm: { id: string; nameZh: string; nameEn?: string | undefined }): string | undefined;
  /** How many tails were taken from the helper, and how many asked for were not (computed by the caller). */
  readonly stats: { fromHelper: number; missed: number };
  stop(): Promise<void>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Starts computing the tails of `firms` (the raw input, before validation) on a helper thread; undefined for no firms. */
export function startSearchTails(firms: readonly unknown[] | undefined): SearchTails | undefined {
  if (!firms?.length) return undefined;
  const total = firms.length;
  const names: Names = { ids: new Array(total), zh: new Array(total), en: new Array(total) };
  for (let i = 0; i < total; i++) {
    const f = firms[i];
    if (f && typeof f === 'object') {
      const r = f as Record<string, unknown>;
      names.ids[i] = str(r.id);
      names.zh[i] = str(r.nameZh);
      names.en[i] = str(r.nameEn);
    }
  }
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | null = tsWorker(import.meta.url, {
    workerData: { searchTails: { ...names, port: port2, signal } },
    transferList: [port2],
    resourceLimits: { maxYoungGenerationSizeMb: 128 },
  });
  // A failing helper only means computing on the export thread.
  worker.on('error', () => {});
  const chunks: ((string | null)[] | undefined)[] = [];
  let received = 0;
  let broken = false;
  const stats = { fromHelper: 0, missed: 0 };

  /** Reads messages until firm `n`'s has arrived; false if the helper failed or stalled. */
  const pull = (n: number): boolean => {
    while (received <= n && !broken) {
      const seen = Atomics.load(signal, 0);
      const m = receiveMessageOnPort(port1);
      if (m) {
        const msg = m.message as Message;
        if ('error' in msg) broken = true;
        else {
          chunks.push(msg.tails);
          received += msg.tails.length;
        }
      } else if (Atomics.wait(signal, 0, seen, STALL_MS) === 'timed-out') broken = true;
    }
    return !broken;
  };

  return {
    stats,
    tailFor(n, firm) {
      let tail: string | null | undefined;
      if (n < total && names.ids[n] === firm.id && names.zh[n] === firm.nameZh && names.en[n] === firm.nameEn && (n < received || pull(n))) {
        const k = Math.floor(n / CHUNK);
        tail = chunks[k]?.[n % CHUNK];
        // Firms are written in order: a chunk read to its end is not needed again.
        if (n % CHUNK === CHUNK - 1) chunks[k] = undefined;
      }
      if (typeof tail === 'string') {
        stats.fromHelper++;
        return tail;
      }
      stats.missed++;
      return undefined;
    },
    async stop() {
      port1.close();
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

if (!isMainThread && (workerData as { searchTails?: unknown } | null)?.searchTails) {
  const { ids, zh, en, port, signal } = (workerData as { searchTails: Names & { port: MessagePort; signal: Int32Array } }).searchTails;
  const post = (m: Message) => {
    port.postMessage(m);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  try {
    for (let start = 0; start < ids.length; start += CHUNK) {
      const end = Math.min(ids.length, start + CHUNK);
      const tails: (string | null)[] = new Array(end - start);
      for (let i = start; i < end; i++) {
        const id = ids[i];
        const nameZh = zh[i];
        let tail: string | null = null;
        if (id !== undefined && nameZh !== undefined) {
          try {
            tail = firmSearchTail({ id, nameZh, nameEn: en[i] });
          } catch {
            // a value validation will refuse; the export thread decides
          }
        }
        tails[i - start] = tail;
      }
      post({ tails });
    }
  } catch (e) {
    post({ error: String(e) });
  }
}
