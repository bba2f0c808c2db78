// npm run bench — the embedded store and Neo4j side by side on synthetic data
// (scripts/synth), with the peer baseline (@neo4j/graphql) and the floor (bare
// Fastify + Mercurius JIT), in one run. Writes bench-results/latest.json and
// the tables of BENCHMARKS.md.
//
//   npm run bench                                   # everything (~15–20 min on 2 cores)
//   npm run bench -- --sizes 10k                    # quick
//   npm run bench -- --only gaps --sizes 100k       # one part at one size (merged into latest.json)
//   npm run bench -- --stores embedded --only load
//
// Parts: import, csv, analysis, startup, graphql, load, peer, floor, web, export, neo4j-bulk
// (aliases: gaps = analysis+graphql, chainmap = graphql+load+floor+peer, memory = startup+load,
// bulk = neo4j-bulk).
// neo4j-bulk: the offline bulk path into an EMPTY Neo4j database, end to end
// (scripts/neo4j-bulk: validate + write CSV, neo4j-admin database import full,
// start Neo4j on the imported directory, Neo4jStore.init building the schema
// and waiting for every index), timed per phase; its own throw-away Neo4j, so
// `--only neo4j-bulk` loads nothing transactionally.
// Neo4j: NEO4J_URI when set (the database is WIPED: pass --wipe), else a
// throw-away test server (NEO4J_HEAP / NEO4J_PAGECACHE, default 3g / 2g). A
// Neo4j size whose load would exceed --neo4j-budget minutes (projected from the
// previous size) is skipped with a note; the CSV import runs on Neo4j up to
// --neo4j-csv-max (default 10k), on the embedded store up to --csv-max (100k).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync, spawnSync } from 'node:child_process';
import { assessCluster } from '../../server/analysis/assess.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { importFile } from '../../server/io/import/importFile.js';
import { exportMap } from '../../server/io/export/exportMap.js';
import type { GraphStore } from '../../server/store/GraphStore.js';
import { createEmbeddedStore } from '../../server/store/embedded/index.js';
import { createNeo4jStore } from '../../server/store/neo4j/index.js';
import { firmsCsv, suppliesCsv } from '../synth/csv.js';
import { DEFAULT_SEED, datasetHash, formatSize, generateSynthetic, parseSize, skewStats, type SyntheticDataset } from '../synth/generate.js';
import { bulkImportFrom, serveImported } from '../neo4j-bulk/load.js';
import { loadDataset, loadStructure } from '../synth/load.js';
import { loadTest, postOk, sequential, type LoadOptions, type LoadResult } from './load.js';
import { loadAverage, machineInfo } from './machine.js';
import { openBenchNeo4j, type BenchNeo4j } from './neo4j.js';
import { distIsFresh, freePort, repoRoot, spawnMeasured, startOurServer, type Child } from './processes.js';
import { CHAIN_MAP, GAPS, PEER_CHAIN_MAP, body, queryMix } from './queries.js';
import { writeReport, type BenchResults, type Provenance, type RunResult } from './report.js';
import { measureGapsAfterWrite } from './afterWrite.js';
import { pacedLoadTestInChild } from './pacedWorker.js';
import { latency, latencyOf, round, sample } from './stats.js';

const PARTS = ['import', 'csv', 'analysis', 'startup', 'graphql', 'load', 'peer', 'floor', 'web', 'export', 'neo4j-bulk'] as const;
type Part = (typeof PARTS)[number];
const ALIASES: Record<string, Part[]> = {
  gaps: ['analysis', 'graphql'],
  chainmap: ['graphql', 'load', 'floor', 'peer'],
  memory: ['startup', 'load'],
  bulk: ['neo4j-bulk'],
  all: [...PARTS],
};

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    stores: { type: 'string', default: 'embedded,neo4j' },
    only: { type: 'string', default: 'all' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    home: { type: 'string', default: 'cn-js-wx-xinwu' },
    cluster: { type: 'string', default: 'ic' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'embedded-max': { type: 'string', default: '100k' },
    'csv-max': { type: 'string', default: '100k' },
    'neo4j-csv-max': { type: 'string', default: '10k' },
    'neo4j-budget': { type: 'string', default: '12' },
    'neo4j-batch': { type: 'string', default: '20000' },
    'web-runs': { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench-results/latest.json' },
    md: { type: 'string', default: 'BENCHMARKS.md' },
    fresh: { type: 'boolean', default: false },
    wipe: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(readFileSync(import.meta.filename, 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n') + '\n');
  process.exit(0);
}

const parts = new Set<Part>(
  values.only.split(',').flatMap((p) => {
    const key = p.trim().toLowerCase();
    if (ALIASES[key]) return ALIASES[key]!;
    if ((PARTS as readonly string[]).includes(key)) return [key as Part];
    throw new Error(`unknown part "${p}" (parts: ${PARTS.join(', ')}; aliases: ${Object.keys(ALIASES).join(', ')})`);
  }),
);
const storeKinds = values.stores.split(',').map((s) => s.trim()) as ('embedded' | 'neo4j')[];
const sizes = (values.sizes ?? '10k,100k,1m').split(',').map(parseSize).sort((a, b) => a - b);
const embeddedMax = parseSize(values['embedded-max']);
const csvMax = parseSize(values['csv-max']);
const neo4jCsvMax = parseSize(values['neo4j-csv-max']);
/** Minutes a Neo4j load may take, projected from the rate measured at the previous size; a size over it is skipped. */
const neo4jBudgetMin = Number(values['neo4j-budget']);
let neo4jRowsPerSec: number | null = null;
const seed = Number(values.seed);
const HOME = values.home;
const CLUSTER = values.cluster;
const loadOpts: LoadOptions = { connections: Number(values.connections), durationS: Number(values.duration), warmupS: 2 };
const started = Date.now();
const log = (m: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);

// ------------------------------------------------------------------ results (merged into the previous file)
const outPath = resolve(repoRoot, values.out);
const previous: BenchResults | null = !values.fresh && existsSync(outPath) ? (JSON.parse(readFileSync(outPath, 'utf8')) as BenchResults) : null;
const machine = machineInfo();
const results: BenchResults = {
  schema: 1,
  command: `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`,
  startedAt: new Date(started).toISOString(),
  finishedAt: '',
  durationS: 0,
  machine,
  settings: { seed, homeRegionId: HOME, cluster: CLUSTER, load: loadOpts },
  datasets: previous?.datasets ?? {},
  runs: previous?.runs ?? {},
  floor: previous?.floor,
  web: previous?.web,
  history: [...(previous?.history ?? []), ...(previous ? [{ command: previous.command, startedAt: previous.startedAt, loadAverage: previous.machine.loadAverageStart, commit: previous.machine.gitCommit, dirty: previous.machine.gitDirty }] : [])].slice(-20),
  // Notes describe numbers that earlier runs left in the merged file, so they stay with them.
  notes: [...(previous?.notes ?? [])],
};
// A run without Neo4j keeps naming the Neo4j version the merged Neo4j numbers came from.
if (!machine.neo4j && previous?.machine.neo4j) machine.neo4j = previous.machine.neo4j;
function runFor(store: string, size: number): RunResult {
  const key = formatSize(size);
  results.runs[store] ??= {};
  return (results.runs[store]![key] ??= { store, firms: size });
}
/** Where a number comes from: every part's result carries the commit, time and load it was measured at (results of several runs are merged). */
function stamp(): Provenance {
  return { commit: machine.gitCommit, dirty: machine.gitDirty, at: new Date().toISOString(), load: loadAverage() };
}
function measured(run: RunResult, part: keyof NonNullable<RunResult['measured']>): void {
  (run.measured ??= {})[part] = stamp();
}
/** Adds a note, stamped with the time and commit of this run (notes of merged earlier runs stay with their numbers). */
function note(text: string): void {
  const stamped = `${new Date().toISOString().slice(11, 16)} UTC, ${machine.gitCommit.slice(0, 7)}${machine.gitDirty ? '+' : ''}: ${text}`;
  if (!results.notes.some((n) => n.endsWith(`: ${text}`))) results.notes.push(stamped);
}
function save(): void {
  results.finishedAt = new Date().toISOString();
  results.durationS = Math.round((Date.now() - started) / 1000);
  results.machine.loadAverageEnd = loadAverage();
  mkdirSync(join(outPath, '..'), { recursive: true });
  writeFileSync(outPath, JSON.stringify(results, null, 2) + '\n');
  if (values.md) writeReport(results, resolve(repoRoot, values.md));
}

// ------------------------------------------------------------------ the server build (start-up is measured as npm start runs it)
let serverMode: 'dist' | 'tsx' = 'dist';
function ensureBuild(): void {
  if (distIsFresh()) return;
  log('dist/server is older than server/: building the server (tsc, assets, seed cache) …');
  const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8' });
  // tsc emits JavaScript even when another part of the tree has type errors (work in progress
  // elsewhere); the server is then measured as built, and the note says so.
  const tsc = run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  const assets = run(process.execPath, [join(repoRoot, 'scripts/copy-server-assets.mjs')]);
  const seeds = run(process.execPath, [join(repoRoot, 'scripts/compile-seeds.mjs')]);
  if (tsc.status !== 0 && distIsFresh()) {
    const buildNote = `the server build reported type errors (work in progress elsewhere in server/); tsc emitted JavaScript anyway and that build was measured: ${(tsc.stdout || tsc.stderr).split('\n')[0]!.slice(0, 200)}`;
    note(buildNote);
  }
  if (!distIsFresh() || assets.status !== 0 || seeds.status !== 0) {
    serverMode = 'tsx';
    note('the server build failed: the server ran under tsx; start-up includes TypeScript compilation');
    log(`build failed, running the server under tsx:\n${[tsc, assets, seeds].map((r) => (r.stderr || r.stdout).slice(-600)).join('\n')}`);
  } else serverMode = 'dist';
}

// ------------------------------------------------------------------ datasets
const structure = loadSeedDir(join(repoRoot, 'graph-seeds'));
const datasets = new Map<number, SyntheticDataset>();
function dataset(size: number): SyntheticDataset {
  let ds = datasets.get(size);
  if (!ds) {
    datasets.clear(); // one in memory at a time (a million firms is ~1 GB of objects)
    const t = performance.now();
    ds = generateSynthetic({ firms: size, seed, homeRegionId: HOME, structure });
    const generateMs = Math.round(performance.now() - t);
    results.datasets[formatSize(size)] = {
      firms: size,
      supplies: ds.supplies.length,
      anchors: ds.anchors.length,
      seed,
      hash: datasetHash(ds),
      generateMs,
      skew: skewStats(ds),
    };
    datasets.set(size, ds);
    log(`dataset ${formatSize(size)}: ${ds.firms.length} firms, ${ds.supplies.length} ties, ${ds.anchors.length} anchors in ${generateMs} ms`);
  }
  return ds;
}

const clusterIds = structure.clusters.map((c) => c.id);

// ------------------------------------------------------------------ parts

async function measureAnalysis(store: GraphStore, size: number, run: RunResult): Promise<void> {
  // Uncached by construction: the store's aggregation and the pure gap finder, called directly.
  const budget = size >= 1_000_000 ? { runs: 5, maxMs: 6_000, minRuns: 3, warmup: 1 } : size >= 100_000 ? { runs: 30, maxMs: 4_000, minRuns: 5 } : { runs: 50, maxMs: 2_000, minRuns: 10 };
  const perCluster: NonNullable<RunResult['analysis']>['clusters'] = {};
  const inputs: number[][] = [];
  const gaps: number[][] = [];
  /** CPU time of this process per call (the store's own work for the embedded store; for Neo4j the database's work is not in it). */
  const cpus: number[][] = [];
  // Warm-up over every cluster first (JIT, the store's read caches, the garbage the load left
  // behind): otherwise the first cluster measured pays for all of it.
  for (let round = 0; round < (size >= 1_000_000 ? 1 : 3); round++) for (const id of clusterIds) assessCluster((await store.analysisInput(id, HOME))!);
  // The Neo4j store fills its read cache of the home area's firms in the background after the
  // first call that missed it: the steady state measured here is that cache filled.
  const homeFirmsLoaded = (store as { homeFirmsLoaded?: () => Promise<void> }).homeFirmsLoaded;
  if (homeFirmsLoaded) await homeFirmsLoaded.call(store);
  for (const id of clusterIds) {
    const input = (await store.analysisInput(id, HOME))!;
    const tInput: number[] = [];
    const tGaps: number[] = [];
    const tCpu: number[] = [];
    await sample(async () => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const inp = (await store.analysisInput(id, HOME))!;
      const t1 = performance.now();
      assessCluster(inp);
      const t2 = performance.now();
      const c = process.cpuUsage(c0);
      tInput.push(t1 - t0);
      tGaps.push(t2 - t0);
      tCpu.push((c.user + c.system) / 1000);
    }, budget);
    // sample() ran warm-up calls too: keep the timed ones only.
    const w = budget.warmup ?? 2;
    inputs.push(tInput.slice(w));
    gaps.push(tGaps.slice(w));
    cpus.push(tCpu.slice(w));
    perCluster[id] = { localFirms: input.localFirms.length, segments: input.segments.length, input: latency(tInput.slice(w)), gaps: latency(tGaps.slice(w)), gapsCpu: latency(tCpu.slice(w)) };
  }
  run.analysis = { clusters: perCluster, input: latencyOf(inputs), gaps: latencyOf(gaps), gapsCpu: latencyOf(cpus) };
  measured(run, 'analysis');
  log(`  analysis: analysisInput p50 ${run.analysis.input.p50} ms p99 ${run.analysis.input.p99} ms; gaps (input + assess) p50 ${run.analysis.gaps.p50} p99 ${run.analysis.gaps.p99} ms (CPU p50 ${run.analysis.gapsCpu?.p50} p99 ${run.analysis.gapsCpu?.p99} ms)`);
  // The steady state above runs on warm store caches; the first calls after a write pay for rebuilding them.
  const after = await measureGapsAfterWrite(store, clusterIds, HOME, size >= 1_000_000 ? 4 : 12);
  if (after) {
    run.afterWrite = after;
    measured(run, 'afterWrite');
    log(`  gaps right after a write (${after.writes} writes): first call p50 ${after.firstCall.p50} / max ${after.firstCall.max} ms; all clusters once: p50 ${after.round.p50} / max ${after.round.max} ms`);
  }
}

async function measureCsvImport(makeStore: () => Promise<GraphStore>, ds: SyntheticDataset, run: RunResult): Promise<void> {
  const store = await makeStore();
  try {
    await loadStructure(store, ds);
    const one = async (bytes: Buffer, filename: string) => {
      const t = performance.now();
      const report = await importFile(store, bytes, { filename, maxRows: 2_000_000 });
      const ms = performance.now() - t;
      if (!report.committed) throw new Error(`CSV import of ${filename} failed: ${JSON.stringify(report.fileErrors)} ${JSON.stringify(report.rows.find((r) => r.fate === 'rejected'))}`);
      return { rows: report.totalRows, megabytes: round(bytes.length / 1e6, 1), ms: Math.round(ms), rowsPerSec: Math.round(report.totalRows / (ms / 1000)), phasesMs: report.timingsMs };
    };
    const firms = await one(firmsCsv(ds), 'firms.csv');
    const supplies = await one(suppliesCsv(ds), 'supplies.csv');
    const rows = firms.rows + supplies.rows;
    const ms = firms.ms + supplies.ms;
    run.csvImport = { firms, supplies, total: { rows, ms, rowsPerSec: Math.round(rows / (ms / 1000)) } };
    measured(run, 'csvImport');
    log(`  CSV import: firms ${firms.rowsPerSec} rows/s, supplies ${supplies.rowsPerSec} rows/s (total ${run.csvImport.total.rowsPerSec} rows/s)`);
  } finally {
    await store.close();
  }
}

async function measureServer(server: Child, run: RunResult, size: number): Promise<void> {
  // Start-up is recorded only when it is one of the parts asked for: a run of other parts
  // (graphql, load) starts the server too, and must not replace the start-up numbers quietly.
  const startup: NonNullable<RunResult['startup']> = { ms: server.startupMs, cpuMs: server.startupCpuMs, mode: serverMode, memoryAfterStart: server.memory() };
  if (server.codeCache) startup.codeCache = server.codeCache;
  if (parts.has('startup')) {
    run.startup = startup;
    measured(run, 'startup');
  }
  log(`  server up in ${server.startupMs} ms (${server.startupCpuMs} ms CPU, ${serverMode}${server.codeCache ? `, code cache ${server.codeCache}` : ''}), RSS ${startup.memoryAfterStart?.rssMiB} MiB${parts.has('startup') ? '' : ' (start-up not recorded: not asked for)'}`);
  const url = server.url;
  // The server answers from the start; what it builds in the background (the search index)
  // is awaited before anything is timed, so the numbers below are its steady state.
  const t0 = performance.now();
  for (let building = true; building && performance.now() - t0 < 180_000; ) {
    building = !!((await (await fetch(`${url}/healthz`)).json()) as { building?: string[] }).building?.length;
    if (building) await new Promise((r) => setTimeout(r, 100));
  }
  startup.backgroundReadyMs = Math.round(server.startupMs + performance.now() - t0);
  log(`  background work (search index) done ${startup.backgroundReadyMs} ms after the spawn`);
  const fields = ((await postOk(url, body('{ __schema { queryType { fields { name } } } }', 'introspection'))).__schema as { queryType: { fields: { name: string }[] } }).queryType.fields.map((f) => f.name);
  const has = { firms: fields.includes('firms'), search: fields.includes('search') };

  if (parts.has('graphql')) {
    // The first request per cluster computes the analysis (a cache miss); gaps and chainMap share
    // it (one analysis-cache entry per cluster, region and data version), so the query sent
    // second only builds its view. The order alternates: each query goes first for half the clusters.
    const first = { gaps: [] as number[], chainMap: [] as number[] };
    const second = { gaps: [] as number[], chainMap: [] as number[] };
    const firstOf: Record<string, { gaps?: number; chainMap?: number }> = {};
    for (const [k, id] of clusterIds.entries()) {
      const order = k % 2 === 0 ? ([['chainMap', CHAIN_MAP], ['gaps', GAPS]] as const) : ([['gaps', GAPS], ['chainMap', CHAIN_MAP]] as const);
      firstOf[id] = {};
      for (const [i, [label, q]] of order.entries()) {
        const t = performance.now();
        await postOk(url, body(q, label, { id, firms: false }));
        const ms = performance.now() - t;
        if (i === 0) {
          first[label].push(ms);
          firstOf[id]![label] = round(ms, 2);
        } else second[label].push(ms);
      }
    }
    const runs = size >= 1_000_000 ? 5 : 20;
    const gapsSamples = await sequential(url, clusterIds.map((id) => body(GAPS, 'gaps', { id })), runs);
    const chainSamples = await sequential(url, clusterIds.map((id) => body(CHAIN_MAP, 'chainMap', { id, firms: false })), runs);
    // sequential() walks the clusters in order, `runs` times: sample i belongs to cluster i mod 12.
    const ofCluster = (samples: number[], k: number) => samples.filter((_, i) => i % clusterIds.length === k);
    run.graphql = {
      gaps: { first: latency(first.gaps), afterOther: latency(second.gaps), cached: latency(gapsSamples) },
      chainMap: { first: latency(first.chainMap), afterOther: latency(second.chainMap), cached: latency(chainSamples) },
      clusters: Object.fromEntries(
        clusterIds.map((id, k) => [
          id,
          {
            ...(firstOf[id]!.gaps !== undefined ? { gapsFirstMs: firstOf[id]!.gaps } : {}),
            gapsCached: latency(ofCluster(gapsSamples, k)),
            ...(firstOf[id]!.chainMap !== undefined ? { chainMapFirstMs: firstOf[id]!.chainMap } : {}),
            chainMapCached: latency(ofCluster(chainSamples, k)),
          },
        ]),
      ),
    };
    measured(run, 'graphql');
    log(`  GraphQL gaps: first p50 ${run.graphql.gaps.first.p50} / max ${run.graphql.gaps.first.max} ms, cached p99 ${run.graphql.gaps.cached.p99} ms; chainMap cached p99 ${run.graphql.chainMap.cached.p99} ms`);
  }

  if (parts.has('load')) {
    const chainBody = body(CHAIN_MAP, 'chainMap', { id: CLUSTER, firms: false });
    const chain = await loadTest(url, `chainMap ${CLUSTER}`, [chainBody], loadOpts);
    // The target's operating point: the chain map offered at half the floor's throughput
    // (embedded only: the floor replays this server's answer, so it is measured here, first).
    let chainMapAtHalfFloor: LoadResult | undefined;
    if (run.store === 'embedded' && parts.has('floor')) {
      await capturePayload(url, size);
      await measureFloor(); // again when this size's answer is larger than the one the floor last replayed
      const floorRate = results.floor?.chainMap.requestsPerSec;
      if (floorRate) chainMapAtHalfFloor = await pacedLoadTestInChild(url, `chainMap ${CLUSTER} at half the floor`, chainBody, Math.round(floorRate / 2), loadOpts, server.pid);
    }
    const mix = await loadTest(url, 'mix', queryMix(clusterIds, has), loadOpts);
    run.load = { chainMap: chain, ...(chainMapAtHalfFloor ? { chainMapAtHalfFloor } : {}), mix, mixHas: has, memoryAfterLoad: server.memory() };
    measured(run, 'load');
    if (chainMapAtHalfFloor) log(`  load chainMap offered ${chainMapAtHalfFloor.rate} req/s: ${chainMapAtHalfFloor.requestsPerSec} req/s answered, p99 ${chainMapAtHalfFloor.latencyMs.p99} ms${pacedDetail(chainMapAtHalfFloor)}`);
    log(`  load chainMap: ${chain.requestsPerSec} req/s p99 ${chain.latencyMs.p99} ms; mix: ${mix.requestsPerSec} req/s p99 ${mix.latencyMs.p99} ms; RSS ${run.load.memoryAfterLoad?.rssMiB} (peak ${run.load.memoryAfterLoad?.peakRssMiB}) MiB`);
    if (chain.errors || chain.non2xx || mix.errors || mix.non2xx) note(`${run.store} ${formatSize(size)}: load errors chainMap ${chain.errors}/${chain.non2xx}, mix ${mix.errors}/${mix.non2xx}`);
  }
}

/** Where a fixed-rate run's tail comes from: the client's lateness, the write to the answer, the host, the server's CPU per request. */
function pacedDetail(r: LoadResult): string {
  const parts = [
    r.timerLagMs ? `client late p99 ${r.timerLagMs.p99} ms` : '',
    r.serviceMs ? `write → answer p99 ${r.serviceMs.p99} ms` : '',
    r.serverCpuMsPerRequest !== undefined ? `server CPU ${r.serverCpuMsPerRequest} ms/request` : '',
    r.clientCpuMs !== undefined ? `client CPU ${r.clientCpuMs} ms` : '',
    r.host ? `host ${r.host.busyPct} % busy (steal ${r.host.stealPct} %), load ${r.host.loadAverage.join(' / ')}` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** Our answer for the floor to replay (the same cluster, the largest embedded size measured). */
let floorPayload: { size: number; data: unknown } | null = null;
async function capturePayload(url: string, size: number): Promise<void> {
  if (floorPayload && floorPayload.size > size) return;
  const data = (await postOk(url, body(CHAIN_MAP, 'chainMap', { id: CLUSTER, firms: false }))).chainMap;
  floorPayload = { size, data };
}

/**
 * Drops the generated data set before a part that times the store in this process: held
 * beside the store it is another ~1 GB of objects at 1M for this process's garbage collector
 * to mark, whose pauses landed in the store's timings (a Neo4j `gaps` call at 1M took 331 ms
 * against 60–180 ms for the rest). Regenerated from the seed when a later part needs it.
 */
function releaseDataset(): void {
  datasets.clear();
}

async function runEmbedded(size: number): Promise<void> {
  let ds: SyntheticDataset | undefined = dataset(size);
  const run = runFor('embedded', size);
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  try {
    log(`embedded ${formatSize(size)}: loading…`);
    const store = createEmbeddedStore({ dataDir: dir });
    await store.init();
    const loaded = await loadDataset(store, ds, { batchSize: 50_000 });
    // Loading happens for every part; its rate is recorded only when the import is being measured.
    if (parts.has('import')) {
      run.import = loaded;
      measured(run, 'import');
    }
    log(`  direct load: firms ${loaded.firms.rowsPerSec} rows/s, ties ${loaded.supplies.rowsPerSec} rows/s (total ${loaded.total.rowsPerSec} rows/s)`);
    ds = undefined;
    releaseDataset();
    if (parts.has('analysis')) await measureAnalysis(store, size, run);
    await store.close();

    if ((parts.has('csv') || parts.has('import')) && size <= csvMax) {
      ds = dataset(size);
      const csvDir = mkdtempSync(join(tmpdir(), 'atlas-bench-csv-'));
      try {
        await measureCsvImport(async () => {
          const s = createEmbeddedStore({ dataDir: csvDir });
          await s.init();
          return s;
        }, ds, run);
      } finally {
        rmSync(csvDir, { recursive: true, force: true });
      }
    }

    if (parts.has('startup') || parts.has('graphql') || parts.has('load') || parts.has('floor')) {
      ensureBuild();
      const server = await startOurServer({ store: 'embedded', dataDir: dir, homeRegionId: HOME, mode: serverMode });
      try {
        await measureServer(server, run, size);
        await capturePayload(server.url, size);
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    save();
  }
}

/**
 * The offline bulk path at one size (see the header): a fresh NEO4J_HOME in
 * the temporary directory, a Neo4j of our own started on it (heap and page
 * cache as the transactional benchmark's server), stopped and deleted after.
 * Rows = firms + ties + anchors, as for the transactional load; the time also
 * covers the structure, validation, CSV writing, start-up and index population.
 */
async function runNeo4jBulk(size: number): Promise<void> {
  const ds = dataset(size);
  const run = runFor('neo4j', size);
  const home = mkdtempSync(join(tmpdir(), 'atlas-bench-bulk-'));
  const loadStart = loadAverage();
  const heap = process.env.NEO4J_HEAP ?? '4g';
  const pageCache = process.env.NEO4J_PAGECACHE ?? '4g';
  try {
    log(`neo4j ${formatSize(size)}: offline bulk load (validate + CSV, neo4j-admin import, start, schema + indexes)…`);
    // The export worker generates the same data set (same seed and home region) in its own
    // heap, as the CLI reads its input; generating it is not timed (as for the transactional load).
    const r = await bulkImportFrom(
      { kind: 'synth', firms: size, seed, homeRegionId: HOME },
      { neo4jHome: home, maxOffHeapMemory: process.env.NEO4J_ADMIN_OFF_HEAP ?? '2g' },
    );
    log(`  export ${r.export.ms.validate} + ${r.export.ms.write} ms, neo4j-admin import ${r.adminImport.ms} ms (CPU ${r.adminImport.cpuMs} ms)`);
    const served = await serveImported(home, { NEO4J_HEAP: heap, NEO4J_PAGECACHE: pageCache });
    try {
      const counts = await served.store.counts();
      const want = { Firm: ds.firms.length, SUPPLIES: ds.supplies.length, ANCHORS: ds.anchors.length };
      for (const [k, n] of Object.entries(want)) {
        if (counts[k] !== n) throw new Error(`bulk load at ${formatSize(size)}: ${k} ${counts[k]} in Neo4j, ${n} in the data set`);
      }
      const phases = {
        validateMs: r.export.ms.validate,
        writeCsvMs: r.export.ms.write,
        adminImportMs: r.adminImport.ms,
        startMs: served.startMs,
        schemaMs: served.schemaMs,
      };
      const totalMs = Object.values(phases).reduce((a, b) => a + b, 0);
      const rows = r.export.dataRows;
      run.bulkLoad = {
        rows,
        nodes: r.export.nodes,
        relationships: r.export.relationships,
        csvMegabytes: Math.round(r.export.files.reduce((n, f) => n + statSync(f.path).size, 0) / 2 ** 20),
        phases,
        exportCpuMs: r.export.cpuMs,
        adminImportCpuMs: r.adminImport.cpuMs,
        neo4jCpuMs: { start: served.startCpuMs, schema: served.schemaCpuMs },
        totalMs,
        rowsPerSec: Math.round(rows / (totalMs / 1000)),
        adminImportRowsPerSec: Math.round(rows / (r.adminImport.ms / 1000)),
        neo4j: { heap, pageCache },
        loadAverage: { start: loadStart, end: loadAverage() },
      };
      measured(run, 'bulkLoad');
      log(`  bulk: ${rows} rows in ${totalMs} ms = ${run.bulkLoad.rowsPerSec} rows/s end to end (start ${served.startMs} ms, CPU ${served.startCpuMs} ms; schema + indexes ${served.schemaMs} ms, CPU ${served.schemaCpuMs} ms); load average ${loadAverage().join(' / ')}`);
    } finally {
      await served.stop();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
    save();
  }
}

let neo: BenchNeo4j | null = null;
async function runNeo4j(size: number): Promise<void> {
  const rowsOf = (n: number) => Math.round(n * 1.5); // firms + ties (+ a few anchors)
  if (neo4jRowsPerSec !== null && rowsOf(size) / neo4jRowsPerSec / 60 > neo4jBudgetMin) {
    const minutes = Math.round(rowsOf(size) / neo4jRowsPerSec / 60);
    const skipped = `neo4j ${formatSize(size)} skipped: loading ~${rowsOf(size).toLocaleString('en-US')} rows at the ${Math.round(neo4jRowsPerSec).toLocaleString('en-US')} rows/s measured at the previous size would take ~${minutes} min (budget ${neo4jBudgetMin} min, --neo4j-budget); load average ${loadAverage().join(' / ')}`;
    note(skipped);
    log(skipped);
    return;
  }
  let ds: SyntheticDataset | undefined = dataset(size);
  const run = runFor('neo4j', size);
  neo ??= await openBenchNeo4j(log);
  results.machine.neo4j = neo.version;
  const connection = { uri: neo.uri, user: neo.user, ...(neo.password ? { password: neo.password } : {}) };
  const open = async () => {
    const s = createNeo4jStore(connection);
    await s.init();
    return s;
  };
  const batchSize = Number(values['neo4j-batch']);
  try {
    if ((parts.has('csv') || parts.has('import')) && size <= Math.min(csvMax, neo4jCsvMax)) {
      log(`neo4j ${formatSize(size)}: CSV import…`);
      await neo.clear();
      await measureCsvImport(open, ds, run);
    }
    log(`neo4j ${formatSize(size)}: loading (batches of ${batchSize})…`);
    await neo.clear();
    const store = await open();
    let lastLog = Date.now();
    const loaded = await loadDataset(store, ds, {
      batchSize,
      onProgress: (phase, done, total) => {
        if (Date.now() - lastLog > 15_000) {
          lastLog = Date.now();
          log(`  ${phase} ${done}/${total}`);
        }
      },
    });
    if (parts.has('import')) {
      run.import = loaded;
      measured(run, 'import');
    }
    log(`  direct load: firms ${loaded.firms.rowsPerSec} rows/s, ties ${loaded.supplies.rowsPerSec} rows/s (total ${loaded.total.rowsPerSec} rows/s)`);
    neo4jRowsPerSec = loaded.total.rowsPerSec;
    ds = undefined;
    releaseDataset();
    if (parts.has('analysis')) await measureAnalysis(store, size, run);
    await store.close();

    if (parts.has('startup') || parts.has('graphql') || parts.has('load')) {
      ensureBuild();
      const dataDir = mkdtempSync(join(tmpdir(), 'atlas-bench-neo-'));
      const server = await startOurServer({ store: 'neo4j', dataDir, neo4j: connection, homeRegionId: HOME, mode: serverMode });
      try {
        await measureServer(server, run, size);
      } finally {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    if (parts.has('peer')) await measurePeer(run, connection);
  } finally {
    save();
  }
}

async function measurePeer(run: RunResult, connection: { uri: string; user: string; password?: string }): Promise<void> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEO4J_URI: connection.uri, NEO4J_USER: connection.user };
  if (connection.password) env.NEO4J_PASSWORD = connection.password;
  const peer = await spawnMeasured({
    label: '@neo4j/graphql peer',
    command: process.execPath,
    args: ['--import', 'tsx', join(repoRoot, 'scripts/bench/peer/neo4jGraphqlServer.ts')],
    env,
    port,
    healthPath: '/healthz',
  });
  try {
    const homeIds = [HOME, ...structure.regions.filter((r) => r.parentId === HOME).map((r) => r.id)];
    const q = body(PEER_CHAIN_MAP, 'peer chainMap', { id: CLUSTER, home: homeIds });
    const data = await postOk(peer.url, q);
    const segments = ((data.clusters as { segments: unknown[] }[])[0]?.segments ?? []).length;
    const seq = await sequential(peer.url, clusterIds.map((id) => body(PEER_CHAIN_MAP, 'peer chainMap', { id, home: homeIds })), 5);
    const chain = await loadTest(peer.url, `@neo4j/graphql chain-map data ${CLUSTER}`, [q], loadOpts);
    measured(run, 'peer');
    run.peer = { library: `@neo4j/graphql ${machine.versions['@neo4j/graphql']}`, segments, sequential: latency(seq), chainMap: chain, memoryAfterLoad: peer.memory() };
    log(`  peer @neo4j/graphql: ${chain.requestsPerSec} req/s p99 ${chain.latencyMs.p99} ms (sequential p50 ${run.peer.sequential.p50} ms)`);
  } finally {
    await peer.stop();
  }
}

/** Size of the answer the floor last replayed: the floor is measured again with the answer of each larger size, so the 100k target compares with the 100k answer. */
let floorMeasuredFor: number | null = null;
async function measureFloor(): Promise<void> {
  if (floorMeasuredFor !== null && (!floorPayload || floorPayload.size <= floorMeasuredFor)) return;
  floorMeasuredFor = floorPayload?.size ?? 0;
  if (!floorPayload) {
    note('floor: no chainMap answer captured (run the embedded store in the same run)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'atlas-floor-'));
  const file = join(dir, 'payload.json');
  writeFileSync(file, JSON.stringify(floorPayload.data));
  const port = await freePort();
  const floor = await spawnMeasured({
    label: 'floor (Fastify + Mercurius JIT, static)',
    command: process.execPath,
    args: ['--import', 'tsx', join(repoRoot, 'scripts/bench/floorServer.ts')],
    env: { ...process.env, PORT: String(port), PAYLOAD_FILE: file },
    port,
    healthPath: '/healthz',
  });
  try {
    const chainBody = body(CHAIN_MAP, 'chainMap', { id: CLUSTER, firms: false });
    const chain = await loadTest(floor.url, `floor chainMap ${CLUSTER}`, [chainBody], loadOpts);
    // The floor at the operating point it sets for us (half its own throughput, fixed rate): what
    // p99 this machine and client resolve at that rate with nothing but a constant behind it.
    const atHalf = await pacedLoadTestInChild(floor.url, `floor chainMap ${CLUSTER} at half its rate`, chainBody, Math.round(chain.requestsPerSec / 2), loadOpts, floor.pid);
    results.floor = { measured: stamp(), payloadFrom: `embedded ${formatSize(floorPayload.size)}`, payloadBytes: JSON.stringify(floorPayload.data).length, chainMap: chain, atHalf };
    log(`floor: ${chain.requestsPerSec} req/s p99 ${chain.latencyMs.p99} ms; offered ${atHalf.rate} req/s: p99 ${atHalf.latencyMs.p99} ms${pacedDetail(atHalf)}`);
  } finally {
    await floor.stop();
    rmSync(dir, { recursive: true, force: true });
    save();
  }
}

/**
 * The web app's render benchmark (scripts/bench-web.ts: headless Chromium, the app
 * next to a bare Cytoscape.js + ELK page), when present. It prints one
 * `<case> {json}` line per case and a Markdown table; both are kept.
 */
/** Time to export the 产业招引地图 of all 12 clusters (graph-seeds, embedded store), as one PDF and one XLSX. */
async function measureExport(): Promise<void> {
  log('export: 产业招引地图 of every cluster, PDF and XLSX …');
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-export-'));
  const store = createEmbeddedStore({ dataDir: dir });
  try {
    await store.init();
    const bundle = loadSeedDir(join(repoRoot, 'graph-seeds'));
    await store.seed(bundle);
    const out: Record<string, number> = { clusters: bundle.clusters.length };
    for (const format of ['pdf', 'xlsx'] as const) {
      await exportMap(store, 'all', format, { homeRegionId: values.home }); // warm-up: fonts, lazy modules
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        bytes = (await exportMap(store, 'all', format, { homeRegionId: values.home })).bytes.length;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      out[`${format}Ms`] = Math.round(times[1]!);
      out[`${format}KB`] = Math.round(bytes / 1024);
    }
    results.export = out;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function measureWeb(): void {
  const script = join(repoRoot, 'scripts/bench-web.ts');
  if (!existsSync(script)) {
    results.web = { skipped: 'scripts/bench-web.ts not present' };
    return;
  }
  log('web: scripts/bench-web.ts (headless Chromium) …');
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, String(values['web-runs'])], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 900_000,
      maxBuffer: 64 * 2 ** 20,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const cases: Record<string, unknown> = {};
    for (const line of out.split('\n')) {
      const m = /^([^|{][^{]*?) (\{.*\})$/.exec(line.trim());
      if (m) cases[m[1]!] = JSON.parse(m[2]!) as unknown;
    }
    results.web = {
      command: `npx tsx scripts/bench-web.ts ${values['web-runs']}`,
      cases,
      table: out.split('\n').filter((l) => l.startsWith('|')),
      // bench-web prints its section with "- **Machine:** …" (browser, rendering, viewport, load average).
      machine: out.split('\n').find((l) => l.startsWith('- **Machine:**'))?.replace(/^- \*\*Machine:\*\* /, 'Machine: ') ?? '',
      measured: stamp(),
    };
    log(`web: ${Object.keys(cases).length} cases`);
  } catch (e) {
    results.web = { failed: String((e as Error).message).slice(0, 2000) };
  }
  save();
}

// ------------------------------------------------------------------ main
async function main(): Promise<void> {
  if (process.env.NEO4J_URI && storeKinds.includes('neo4j') && !values.wipe) {
    throw new Error('NEO4J_URI is set: the benchmark wipes that database between sizes. Pass --wipe to confirm, or unset NEO4J_URI to use a throw-away test server.');
  }
  log(`sizes ${sizes.map(formatSize).join(', ')}; stores ${storeKinds.join(', ')}; parts ${[...parts].join(', ')}; load ${loadOpts.connections} connections × ${loadOpts.durationS} s; load average ${machine.loadAverageStart.join(' ')}`);
  try {
    for (const size of sizes) {
      // Every part but neo4j-bulk needs the stores loaded (--only neo4j-bulk loads neither).
      const loaded = [...parts].some((p) => p !== 'neo4j-bulk');
      if (loaded && storeKinds.includes('embedded') && size <= embeddedMax) await runEmbedded(size);
      if (storeKinds.includes('neo4j') && parts.has('neo4j-bulk')) await runNeo4jBulk(size);
      if (loaded && storeKinds.includes('neo4j')) await runNeo4j(size);
    }
    if (parts.has('floor')) await measureFloor();
    if (parts.has('web')) measureWeb();
    if (parts.has('export')) await measureExport();
  } finally {
    await neo?.stop();
    save();
  }
  log(`done in ${Math.round((Date.now() - started) / 1000)} s → ${values.out}${values.md ? ` and ${values.md}` : ''}`);
}

await main();
