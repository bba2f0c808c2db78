// The fixed-rate client (load.ts pacedLoadTest) in a child process of its own:
// its latencies count from when each request was due, so a pause of the client
// counts as server latency.
// - Not in the benchmark's process: its main thread holds the data set and the
//   stores it measured (hundreds of MB at 100k firms); one of its mark-compact
//   pauses stopped the client for ~200 ms and made a p99 of 205 ms out of a
//   server answering in 1–2 ms.
// - Not in a worker thread of it either (as before): a worker has its own heap,
//   but shares the process's GC helper threads and platform task queue with a
//   main thread whose heap is ~0.5 GB; a small process of its own shares nothing.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuMsOf } from '../lib/cpuTime.js';
import { pacedLoadTest, type LoadOptions, type LoadResult } from './load.js';
import type { GraphQLBody } from './queries.js';

interface Job {
  url: string;
  label: string;
  body: GraphQLBody;
  rate: number;
  options: LoadOptions;
}

type Reply = { ok: true; result: LoadResult } | { ok: false; message: string };

/**
 * With `serverPid`, the result also says how much CPU the server used per request
 * (its CPU time over the warm-up and the timed phase, over the requests of both):
 * unlike the latencies, that hardly depends on what else the host is running.
 */
export async function pacedLoadTestInChild(url: string, label: string, body: GraphQLBody, rate: number, options: LoadOptions, serverPid?: number): Promise<LoadResult> {
  const cpu0 = cpuMsOf(serverPid);
  const result = await runChild({ url, label, body, rate, options });
  const cpu1 = cpuMsOf(serverPid);
  const sent = Math.round(rate * options.warmupS) + Math.round(rate * options.durationS);
  return cpu0 !== null && cpu1 !== null ? { ...result, serverCpuMsPerRequest: Math.round(((cpu1 - cpu0) / sent) * 1000) / 1000 } : result;
}

function runChild(job: Job): Promise<LoadResult> {
  const self = fileURLToPath(import.meta.url);
  // From source (the benchmark runs under tsx) the child registers tsx too.
  const child = fork(self, ['--paced-client'], { execArgv: self.endsWith('.ts') ? ['--import', 'tsx'] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send(job);
  return new Promise((resolve, reject) => {
    let answered = false;
    child.once('message', (r: Reply) => {
      answered = true;
      if (r.ok) resolve(r.result);
      else reject(new Error(r.message));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`paced load client exited with code ${code} without an answer`));
    });
  });
}

if (process.argv.includes('--paced-client') && process.send) {
  process.once('message', (job: Job) => {
    const answer = (r: Reply) => process.send!(r, undefined, {}, () => process.disconnect!());
    pacedLoadTest(job.url, job.label, job.body, job.rate, job.options).then(
      (result) => answer({ ok: true, result }),
      (e: unknown) => answer({ ok: false, message: (e as Error).stack ?? String(e) }),
    );
  });
}
