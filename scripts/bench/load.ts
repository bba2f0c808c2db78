// GraphQL over loopback: sequential single requests (latency of one user) and
// autocannon under concurrent load (throughput and latency of many).
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
  requestsPerSec: number;
  latencyMs: Latency & { p90: number };
  requests: number;
  errors: number;
  non2xx: number;
  /** Mean response size. */
  bytesPerRequest: number;
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

export { latency };
