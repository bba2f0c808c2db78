// The fixed-rate client (load.ts pacedLoadTest) in a worker thread: its
// latencies count from when each request was due, so a pause of the client
// counts as server latency. The benchmark's main thread holds the data set and
// the stores it measured (hundreds of MB at 100k firms); one of its
// mark-compact pauses stopped the client for ~200 ms and made a p99 of
// 205 ms out of a server answering in 1–2 ms. A worker has its own small heap.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { tsWorker } from '../lib/tsWorker.js';
import { pacedLoadTest, type LoadOptions, type LoadResult } from './load.js';
import type { GraphQLBody } from './queries.js';

interface Job {
  paced: { url: string; label: string; body: GraphQLBody; rate: number; options: LoadOptions };
}

export function pacedLoadTestInWorker(url: string, label: string, body: GraphQLBody, rate: number, options: LoadOptions): Promise<LoadResult> {
  const job: Job = { paced: { url, label, body, rate, options } };
  const worker = tsWorker(import.meta.url, { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', (r: { ok: true; result: LoadResult } | { ok: false; message: string }) => (r.ok ? resolve(r.result) : reject(new Error(r.message))));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`paced load worker exited with code ${code}`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as Job | null)?.paced) {
  const { url, label, body, rate, options } = (workerData as Job).paced;
  const port = parentPort;
  pacedLoadTest(url, label, body, rate, options).then(
    (result) => port.postMessage({ ok: true, result }),
    (e: unknown) => port.postMessage({ ok: false, message: (e as Error).stack ?? String(e) }),
  );
}
