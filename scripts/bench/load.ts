// GraphQL over loopback: sequential single requests (latency of one user) and
// autocannon under concurrent load (throughput and latency of many).
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import autocannon from 'autocannon';
import type { GraphQLBody } from './queries.js';
import { latency, type Latency } from './stats.js';

export interface GraphQLAnswer {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function post(url: string, b: GraphQLBody): Promise<GraphQLAnswer> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: b.query, variables: b.variables }),
  });
  const json = (await res.json()) as GraphQLAnswer;
  if (!res.ok && !json.errors) throw new Error(`HTTP ${res.status} for ${b.label}`);
  return json;
}

export async function postOk(url: string, b: GraphQLBody): Promise<Record<string, unknown>> {
  const json = await post(url, b);
  if (json.errors?.length) throw new Error(`${b.label}: ${json.errors.map((e) => e.message).join('; ')}`);
  return json.data!;
}

/** Sequential requests: `runs` times through `bodies`, timed one by one (ms). */
export async function sequential(url: string, bodies: GraphQLBody[], runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const b of bodies) {
      const t = performance.now();
      await postOk(url, b);
      samples.push(performance.now() - t);
    }
  }
  return samples;
}

export interface LoadResult {
  label: string;
  connections: number;
  durationS: number;
  /** The offered rate, when the run was rate-limited. */
  rate?: number;
  requestsPerSec: number;
  latencyMs: Latency & { p90: number };
  requests: number;
  errors: number;
  non2xx: number;
  /** Mean response size. */
  bytesPerRequest: number;
  /**
   * Fixed-rate runs only, where each request's latency (from when it was due) goes:
   * `timerLagMs` from due to when the client's loop woke and took it (the client's own
   * lateness: timer granularity, the client not getting a CPU), `sendLagMs` from due to
   * when it was written (that, plus waiting for a free socket, which is the server's
   * queue), `serviceMs` from the write to the whole answer.
   */
  timerLagMs?: Latency;
  sendLagMs?: Latency;
  serviceMs?: Latency;
  /** Fixed-rate runs only: the server's CPU time per request, ms (pacedWorker.ts, when it knows the server's process). */
  serverCpuMsPerRequest?: number;
  /** Fixed-rate runs only: the client's own CPU time over the timed phase (ms). */
  clientCpuMs?: number;
  /** Fixed-rate runs only: the host over the timed phase (/proc/stat): busy and steal share of all CPUs, load averages at the end. */
  host?: HostLoad;
}

export interface HostLoad {
  /** Share of the host's CPU time not idle (user, system, irq, steal …), %. */
  busyPct: number;
  /** Share stolen by the hypervisor, %. */
  stealPct: number;
  loadAverage: number[];
}

/** The host's CPU time counters (/proc/stat, all CPUs): busy, steal and total jiffies; null off Linux. */
function hostTicks(): { busy: number; steal: number; total: number } | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is counted in user already)
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = cpu[3]! + cpu[4]!;
    return { busy: total - idle, steal: cpu[7]!, total };
  } catch {
    return null;
  }
}

function hostLoadSince(t: { busy: number; steal: number; total: number } | null): HostLoad | undefined {
  const now = hostTicks();
  if (!t || !now || now.total === t.total) return undefined;
  const pct = (x: number) => Math.round((1000 * x) / (now.total - t.total)) / 10;
  const loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  return { busyPct: pct(now.busy - t.busy), stealPct: pct(now.steal - t.steal), loadAverage };
}

export interface LoadOptions {
  connections: number;
  durationS: number;
  warmupS: number;
}

/** autocannon POSTs cycling through `bodies` (each connection walks the list in order). */
export async function loadTest(url: string, label: string, bodies: GraphQLBody[], o: LoadOptions): Promise<LoadResult> {
  const requests = bodies.map((b) => ({
    method: 'POST' as const,
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: b.query, variables: b.variables }),
  }));
  const run = (duration: number) =>
    autocannon({ url, connections: o.connections, duration, pipelining: 1, requests, timeout: 30 });
  // autocannon counts transport errors and non-2xx answers only, and GraphQL errors come with
  // status 200: every distinct body is answered once without errors before the load (postOk throws).
  const distinct = new Map(bodies.map((b) => [JSON.stringify([b.query, b.variables]), b]));
  for (const b of distinct.values()) await postOk(url, b);
  if (o.warmupS > 0) await run(o.warmupS);
  const r = await run(o.durationS);
  const lat = r.latency;
  return {
    label,
    connections: o.connections,
    durationS: o.durationS,
    requestsPerSec: Math.round(r.requests.average),
    latencyMs: { n: r.requests.total, p50: lat.p50, p90: lat.p90, p99: lat.p99, max: lat.max, mean: Math.round(lat.average * 100) / 100 },
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    bytesPerRequest: r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0,
  };
}

/**
 * Open-loop load at a fixed rate: request i is due at t0 + i / rate, sent then on one of
 * `connections` keep-alive sockets, and its latency counts from when it was due, so time
 * spent waiting for a free socket counts too (no coordinated omission). autocannon's
 * `overallRate` is not this: it sends each connection's per-second budget back to back
 * and then idles, so its latencies are those of a saturated server.
 */
export async function pacedLoadTest(url: string, label: string, b: GraphQLBody, rate: number, o: LoadOptions): Promise<LoadResult> {
  const target = new URL('/graphql', url);
  const payload = Buffer.from(JSON.stringify({ query: b.query, variables: b.variables }));
  // One prebuilt request, written as is on keep-alive sockets (as autocannon does): the
  // client must cost far less than the server, both share two cores.
  const requestBytes = Buffer.concat([
    Buffer.from(`POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\nConnection: keep-alive\r\n\r\n`),
    payload,
  ]);
  interface Conn {
    socket: Socket;
    busy: boolean;
    buf: Buffer;
    done: ((status: number, bytes: number, at: number) => void) | null;
  }
  const conns: Conn[] = await Promise.all(
    Array.from({ length: o.connections }, () =>
      new Promise<Conn>((resolve, reject) => {
        const socket = connect({ host: target.hostname, port: Number(target.port) }, () => resolve(conn));
        socket.setNoDelay(true);
        const conn: Conn = { socket, busy: false, buf: Buffer.alloc(0), done: null };
        socket.on('error', reject);
        socket.on('data', (chunk: Buffer) => {
          conn.buf = conn.buf.length ? Buffer.concat([conn.buf, chunk]) : chunk;
          const end = conn.buf.indexOf('\r\n\r\n');
          if (end < 0) return;
          const head = conn.buf.subarray(0, end).toString('latin1');
          const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
          if (Number.isNaN(length)) throw new Error(`paced load: response without content-length: ${head.slice(0, 200)}`);
          if (conn.buf.length < end + 4 + length) return;
          const status = Number(head.slice(9, 12));
          conn.buf = conn.buf.subarray(end + 4 + length);
          const done = conn.done!;
          conn.done = null;
          conn.busy = false;
          done(status, end + 4 + length, performance.now());
        });
      }),
    ),
  );
  const phase = async (seconds: number) => {
    const total = Math.round(rate * seconds);
    const samples: number[] = [];
    const lags: number[] = [];
    const timerLags: number[] = [];
    const services: number[] = [];
    let errors = 0;
    let bytes = 0;
    let sent = 0;
    const waiting: number[] = []; // due times of requests no free socket has taken yet
    let finished!: () => void;
    const allDone = new Promise<void>((r) => (finished = r));
    const pump = () => {
      for (const c of conns) {
        if (waiting.length === 0) return;
        if (c.busy) continue;
        const due = waiting.shift()!;
        c.busy = true;
        const written = performance.now();
        c.done = (status, n, at) => {
          samples.push(at - due);
          lags.push(written - due);
          services.push(at - written);
          if (status !== 200) errors++;
          bytes += n;
          if (samples.length === total) finished();
          else pump();
        };
        c.socket.write(requestBytes);
      }
    };
    const t0 = performance.now();
    while (sent < total) {
      const now = performance.now();
      while (sent < total && t0 + (sent * 1000) / rate <= now) {
        const due = t0 + (sent++ * 1000) / rate;
        waiting.push(due);
        timerLags.push(now - due);
      }
      pump();
      if (sent < total) await new Promise((r) => setTimeout(r, Math.max(0, t0 + (sent * 1000) / rate - performance.now())));
    }
    await allDone;
    return { samples, lags, timerLags, services, errors, bytes, wallS: (performance.now() - t0) / 1000 };
  };
  try {
    if (o.warmupS > 0) await phase(o.warmupS);
    const ticks = hostTicks();
    const cpu0 = process.cpuUsage();
    const r = await phase(o.durationS);
    const cpu = process.cpuUsage(cpu0);
    const host = hostLoadSince(ticks);
    const sorted = [...r.samples].sort((x, y) => x - y);
    return {
      label,
      connections: o.connections,
      durationS: o.durationS,
      rate,
      requestsPerSec: Math.round(r.samples.length / r.wallS),
      latencyMs: { ...latency(r.samples), p90: Math.round(sorted[Math.floor(0.9 * (sorted.length - 1))]! * 100) / 100 },
      requests: r.samples.length,
      errors: 0,
      non2xx: r.errors,
      bytesPerRequest: r.samples.length ? Math.round(r.bytes / r.samples.length) : 0,
      timerLagMs: latency(r.timerLags),
      sendLagMs: latency(r.lags),
      serviceMs: latency(r.services),
      clientCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      ...(host ? { host } : {}),
    };
  } finally {
    for (const c of conns) c.socket.destroy();
  }
}

export { latency };
