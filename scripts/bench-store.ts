// The two stores side by side (not a test: numbers vary by machine): time to
// seed a bundle, and the latency of the store-side aggregation the gap finder
// waits for — analysisInput of the largest cluster (per-segment counts, local
// counts, city counts, pair counts) — plus targetCandidates, findFirms and
// search. Median and p90 of N runs after warm-up.
//
//   npx tsx scripts/bench-store.ts                  # graph-seeds/
//   npx tsx scripts/bench-store.ts --firms 100k     # synthetic firms (scripts/synth) on the graph-seeds structure
//   npx tsx scripts/bench-store.ts --runs 50
//
// Neo4j: without NEO4J_URI a throw-away Neo4j 5.26 test server is started
// (scripts/neo4j; NEO4J_HEAP / NEO4J_PAGECACHE size it). With NEO4J_URI the
// database is WIPED first, so `--wipe` must be given to confirm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import neo4j from 'neo4j-driver';
import { loadSeedDir } from '../server/domain/seeds.js';
import type { GraphStore, SeedBundle } from '../server/store/GraphStore.js';
import { createEmbeddedStore } from '../server/store/embedded/index.js';
import { createNeo4jStore } from '../server/store/neo4j/index.js';
import { startNeo4jTestServer, type RunningNeo4j } from './neo4j/launch.js';
import { generateSynthetic, parseSize, toSeedBundle } from './synth/generate.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(option('runs') ?? 20);
const FIRMS = option('firms');
const HOME = option('home') ?? 'cn-js-wx-xinwu';

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p90: at(0.9) };
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const result = await fn();
  return [result, performance.now() - t];
}

async function latency(fn: () => Promise<unknown>): Promise<{ median: number; p90: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up: query plans, JIT, caches
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push((await time(fn))[1]);
  return stats(samples);
}

function largestCluster(bundle: SeedBundle): { id: string; pairs: number } {
  const clusterOf = new Map(bundle.segments.map((s) => [s.id, s.clusterId]));
  const pairs = new Map<string, number>();
  for (const f of bundle.firms) for (const s of f.segments) {
    const c = clusterOf.get(s.segmentId)!;
    pairs.set(c, (pairs.get(c) ?? 0) + 1);
  }
  const [id, n] = [...pairs].sort((a, b) => b[1] - a[1])[0]!;
  return { id, pairs: n };
}

interface Row {
  label: string;
  embedded: string;
  neo4j: string;
}
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const lat = (x: { median: number; p90: number }) => `${ms(x.median)} (p90 ${ms(x.p90)})`;

async function measure(store: GraphStore, bundle: SeedBundle, clusterId: string) {
  const [, seed] = await time(() => store.seed(bundle));
  const [, reseed] = await time(() => store.seed(bundle));
  const input = (await store.analysisInput(clusterId, HOME))!;
  const topSegment = [...input.segmentCounts].sort((a, b) => b.total - a.total)[0]!.segmentId;
  return {
    seed,
    reseed,
    input,
    analysisInput: await latency(() => store.analysisInput(clusterId, HOME)),
    targetCandidates: await latency(() => store.targetCandidates(topSegment, HOME, 25)),
    findFirms: await latency(() => store.findFirms({ clusterId, homeRegionId: HOME, local: false }, 50)),
    search: await latency(() => store.search('科技', 20)),
    topSegment,
  };
}

async function main(): Promise<void> {
  let bundle: SeedBundle;
  let dataset: string;
  if (FIRMS) {
    const n = parseSize(FIRMS);
    const [ds, ms_] = await time(async () => generateSynthetic({ firms: n }));
    bundle = toSeedBundle(ds);
    dataset = `synthetic ${n.toLocaleString('en')} firms on the graph-seeds structure (generated in ${ms(ms_)})`;
  } else {
    bundle = loadSeedDir(join(import.meta.dirname, '../graph-seeds'));
    dataset = 'graph-seeds/';
  }
  const records = Object.values(bundle).reduce((n, l: unknown[]) => n + l.length, 0);
  const largest = largestCluster(bundle);
  console.log(`dataset: ${dataset}: ${bundle.firms.length} firms, ${bundle.supplies.length} ties, ${records} records in all`);
  console.log(`largest cluster: ${largest.id} (${largest.pairs} firm–segment pairs); home ${HOME}; ${RUNS} runs after 3 warm-up`);

  // ---- embedded
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  const embedded = createEmbeddedStore({ dataDir: dir });
  await embedded.init();
  const e = await measure(embedded, bundle, largest.id);
  await embedded.close();
  rmSync(dir, { recursive: true, force: true });

  // ---- neo4j
  let server: RunningNeo4j | null = null;
  let uri = process.env.NEO4J_URI;
  if (uri && !args.includes('--wipe')) {
    console.error(`NEO4J_URI is set: the bench wipes that database first. Add --wipe to confirm, or unset NEO4J_URI to use a throw-away server.`);
    process.exit(2);
  }
  if (!uri) {
    const [s, startMs] = await time(() => startNeo4jTestServer());
    server = s;
    uri = s.uri;
    console.log(`Neo4j test server started in ${ms(startMs)} at ${uri}`);
  }
  try {
    const admin = neo4j.driver(uri, process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD) : undefined);
    // Batched wipe (auto-commit CALL … IN TRANSACTIONS) so a big database does not need one huge transaction.
    const session = admin.session();
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    await session.close();
    await admin.close();
    const store = createNeo4jStore({
      uri,
      ...(process.env.NEO4J_PASSWORD && { user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD }),
    });
    const [, initMs] = await time(() => store.init());
    const n = await measure(store, bundle, largest.id);
    await store.close();

    const same = isDeepStrictEqual(JSON.parse(JSON.stringify(e.input)), JSON.parse(JSON.stringify(n.input)));
    const rows: Row[] = [
      { label: 'seed (whole bundle)', embedded: ms(e.seed), neo4j: `${ms(n.seed)} (+ schema ${ms(initMs)})` },
      { label: 'seed again (no-op)', embedded: ms(e.reseed), neo4j: ms(n.reseed) },
      { label: `analysisInput(${largest.id})`, embedded: lat(e.analysisInput), neo4j: lat(n.analysisInput) },
      { label: `targetCandidates(${e.topSegment}, 25)`, embedded: lat(e.targetCandidates), neo4j: lat(n.targetCandidates) },
      { label: 'findFirms(cluster, outside, 50)', embedded: lat(e.findFirms), neo4j: lat(n.findFirms) },
      { label: "search('科技', 20)", embedded: lat(e.search), neo4j: lat(n.search) },
    ];
    const w = Math.max(...rows.map((r) => r.label.length)) + 2;
    const w2 = Math.max(...rows.map((r) => r.embedded.length)) + 2;
    console.log(`\n${''.padEnd(w)}${'embedded'.padEnd(w2)}neo4j`);
    for (const r of rows) console.log(`${r.label.padEnd(w)}${r.embedded.padEnd(w2)}${r.neo4j}`);
    console.log(`\nanalysisInput identical on both stores: ${same ? 'yes' : 'NO'}`);
    if (!same) process.exitCode = 1;
  } finally {
    await server?.stop();
  }
}

await main();
