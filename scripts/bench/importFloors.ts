// What the embedded bulk import (store.importBatch: 100k firms + 50k ties, as
// the bench's "import" part loads them) costs part by part, on this machine:
// the floor each part sets, and a prototype of moving the row-independent work
// (zod + JSON.stringify) to a worker thread. Not part of `npm run bench`;
// numbers for BENCHMARKS.md's "Reading these numbers" (issue #8, ≥ 100k rows/s).
// The record schemas are compiled (model.ts, z.compile): "zod parse" is that parser.
//
//   npx tsx scripts/bench/importFloors.ts [--reps 3] [--firms 100k] [--only importBatch,sqlite]
//
// Per part: main-thread CPU (/proc/self/task/<pid>/stat, 10 ms ticks), CPU of
// the whole process (GC and worker threads included), wall time, and the time
// the garbage collector reported. Medians of --reps runs in one process (the
// first run includes JIT warm-up). State the load average with the numbers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { GraphIndex, supplyKey } from '../../server/analysis/graphIndex.js';
import { Firm, SupplyTie } from '../../server/domain/model.js';
import { createEmbeddedStore } from '../../server/store/embedded/index.js';
import { validateImportBatch } from '../../server/store/integrity.js';
import { markParsed } from '../../server/store/parsedLists.js';
import { tsWorker } from '../lib/tsWorker.js';
import { DEFAULT_SEED, generateSynthetic, parseSize } from '../synth/generate.js';
import { loadAverage } from './machine.js';

const { values } = parseArgs({
  options: { reps: { type: 'string', default: '3' }, firms: { type: 'string', default: '100k' }, only: { type: 'string' } },
});
/** Parts whose name contains one of these (comma-separated; all when not given). */
const only = values.only?.split(',').map((s) => s.trim().toLowerCase());
const reps = Number(values.reps);
const ds = generateSynthetic({ firms: parseSize(values.firms!), seed: DEFAULT_SEED });
const rowCount = ds.firms.length + ds.supplies.length;

const cpuAll = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** CPU ms of the main thread alone. */
const cpuMain = () => {
  const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
const tick = () => new Promise((r) => setTimeout(r, 0));

const results = new Map<string, { main: number[]; all: number[]; wall: number[]; gc: number[] }>();
/** Runs and records a part; a part not asked for (--only) is skipped, or run unrecorded when later parts need what it makes. */
async function part(name: string, f: () => unknown, needed = false): Promise<void> {
  if (only && !only.some((o) => name.toLowerCase().includes(o))) {
    if (needed) await f();
    return;
  }
  await tick();
  const g0 = gcMs, a = cpuAll(), c = cpuMain(), w = performance.now();
  await f();
  const wall = performance.now() - w, main = cpuMain() - c, all = cpuAll() - a;
  await tick();
  const r = results.get(name) ?? { main: [], all: [], wall: [], gc: [] };
  r.main.push(main);
  r.all.push(Math.round(all));
  r.wall.push(Math.round(wall));
  r.gc.push(Math.round(gcMs - g0));
  results.set(name, r);
}

/**
 * A fresh SQLite file as recordDb.ts opens it, with its put statement; `noIdIndex`: the tables
 * without their primary key (plain inserts), to see what the id index costs (not a valid store).
 */
function freshDb(noIdIndex = false) {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-floor-'));
  const db = new Database(join(dir, 'x.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('locking_mode = EXCLUSIVE');
  const put: Record<string, Database.Statement> = {};
  for (const k of ['firms', 'supplies']) {
    if (noIdIndex) {
      db.exec(`CREATE TABLE ${k} (id TEXT NOT NULL, body TEXT NOT NULL, search TEXT)`);
      put[k] = db.prepare(`INSERT INTO ${k} (id, body, search) VALUES (?, ?, ?)`);
      continue;
    }
    db.exec(`CREATE TABLE ${k} (id TEXT PRIMARY KEY, body TEXT NOT NULL, search TEXT)`);
    put[k] = db.prepare(`INSERT INTO ${k} (id, body, search) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, search = excluded.search`);
  }
  return { db, put, close: () => (db.close(), rmSync(dir, { recursive: true })) };
}

function baseIndex(): GraphIndex {
  const g = new GraphIndex();
  const b = ds.base;
  b.sources.forEach((x) => g.putSource(x));
  b.regions.forEach((x) => g.putRegion(x));
  b.clusters.forEach((x) => g.putCluster(x));
  b.segments.forEach((x) => g.putSegment(x));
  return g;
}

const lookupOf = (g: GraphIndex) => ({
  hasSource: (id: string) => g.sources.has(id),
  hasRegion: (id: string) => g.regions.has(id),
  hasCluster: (id: string) => g.clusters.has(id),
  hasSegment: (id: string) => g.segments.has(id),
  hasFirm: (id: string) => g.firms.has(id),
  firmIdByUscc: (u: string) => g.firmIdByUscc(u),
});

// The worker as the built server would run it: bundled with its dependencies (zod) into one module.
const bundleDir = mkdtempSync(join(tmpdir(), 'atlas-floor-worker-'));
const bundled = join(bundleDir, 'worker.mjs');
await build({ entryPoints: [new URL('./importFloorsWorker.ts', import.meta.url).pathname], outfile: bundled, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });

async function startWorker(make: () => Worker): Promise<Worker> {
  const w = make();
  await new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  return w;
}

/** zod + stringify in the worker (10k-row chunks, all sent at once); SQLite writes and GraphIndex on the main thread. */
async function pipeline(w: Worker): Promise<void> {
  const chunks: ['firms' | 'supplies', unknown[]][] = [];
  for (let i = 0; i < ds.firms.length; i += 10_000) chunks.push(['firms', ds.firms.slice(i, i + 10_000)]);
  for (let i = 0; i < ds.supplies.length; i += 10_000) chunks.push(['supplies', ds.supplies.slice(i, i + 10_000)]);
  const replies: string[] = [];
  let waiting: ((s: string) => void) | null = null;
  const onMessage = (s: string) => {
    if (waiting) {
      const f = waiting;
      waiting = null;
      f(s);
    } else replies.push(s);
  };
  w.on('message', onMessage);
  for (const [kind, rows] of chunks) w.postMessage({ kind, rows });
  const bodies: ['firms' | 'supplies', string[]][] = [];
  for (const [kind] of chunks) bodies.push([kind, (replies.shift() ?? (await new Promise<string>((r) => (waiting = r)))).split('\u0001')]);
  w.off('message', onMessage);
  const { db, put, close } = freshDb();
  const g = baseIndex();
  db.transaction(() => {
    for (const [kind, list] of bodies) {
      for (const b of list) {
        const x = JSON.parse(b);
        if (kind === 'firms') {
          put.firms!.run(x.id, b, null);
          g.putFirm(x);
        } else {
          put.supplies!.run(supplyKey(x.from, x.to), b, null);
          g.putSupply(x);
        }
      }
    }
  })();
  close();
}

console.log(`importFloors: ${ds.firms.length} firms + ${ds.supplies.length} ties = ${rowCount} rows, ${reps} reps; load average ${loadAverage().join(' ')}`);
for (let rep = 0; rep < reps; rep++) {
  let firms: Firm[] = [];
  let ties: SupplyTie[] = [];
  let firmBodies: string[] = [];
  let tieBodies: string[] = [];
  await part('zod parse', () => {
    firms = ds.firms.map((x) => Firm.parse(x));
    ties = ds.supplies.map((x) => SupplyTie.parse(x));
  }, true);
  await part('JSON.stringify (the stored bodies)', () => {
    firmBodies = firms.map((x) => JSON.stringify(x));
    tieBodies = ties.map((x) => JSON.stringify(x));
  }, true);
  {
    const { db, put, close } = freshDb();
    await part('SQLite writes, bodies ready (1 tx)', () =>
      db.transaction(() => {
        for (let i = 0; i < firms.length; i++) put.firms!.run(firms[i]!.id, firmBodies[i], null);
        for (let i = 0; i < ties.length; i++) put.supplies!.run(supplyKey(ties[i]!.from, ties[i]!.to), tieBodies[i], null);
      })(),
    );
    close();
  }
  {
    // The rows arrive in id order for neither table: every insert lands at a random place of the id index.
    const { db, put, close } = freshDb(true);
    await part('SQLite writes, bodies ready, no id index (1 tx)', () =>
      db.transaction(() => {
        for (let i = 0; i < firms.length; i++) put.firms!.run(firms[i]!.id, firmBodies[i], null);
        for (let i = 0; i < ties.length; i++) put.supplies!.run(supplyKey(ties[i]!.from, ties[i]!.to), tieBodies[i], null);
      })(),
    );
    close();
  }
  const g = baseIndex();
  await part('GraphIndex put', () => {
    for (const f of firms) g.putFirm(f);
    for (const t of ties) g.putSupply(t);
  });
  // As importBatch checks them: the firms against a graph without them, the ties against one with them.
  await part('reference + USCC checks (parsed rows)', () => {
    validateImportBatch({ firms: markParsed([...firms]) }, lookupOf(baseIndex()));
    validateImportBatch({ supplies: markParsed([...ties]) }, lookupOf(g));
  });
  await part('hand-over: v8.serialize of the rows', () => serialize([...ds.firms, ...ds.supplies]));
  await part('JSON.parse of the bodies', () => {
    for (const b of firmBodies) JSON.parse(b);
    for (const b of tieBodies) JSON.parse(b);
  });
  {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-floor-'));
    const store = createEmbeddedStore({ dataDir: dir, warmNames: false });
    await store.init();
    await store.seed(ds.base);
    await part('store.importBatch (as the bench: 50k batches)', async () => {
      for (let i = 0; i < ds.firms.length; i += 50_000) await store.importBatch({ firms: ds.firms.slice(i, i + 50_000) });
      for (let i = 0; i < ds.supplies.length; i += 50_000) await store.importBatch({ supplies: ds.supplies.slice(i, i + 50_000) });
    });
    await store.close();
    rmSync(dir, { recursive: true });
  }
  let w: Worker | null = null;
  await part('worker start-up, tsx (source)', async () => {
    await (await startWorker(() => tsWorker(new URL('./importFloorsWorker.ts', import.meta.url).href, {}))).terminate();
  });
  await part('worker start-up, bundled', async () => (w = await startWorker(() => new Worker(bundled))), !only || only.some((o) => 'pipeline'.includes(o)));
  if (w) {
    await part('pipeline: worker zod+stringify, main SQLite+index', () => pipeline(w!));
    await (w as Worker).terminate();
  }
}
rmSync(bundleDir, { recursive: true });

const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
console.log(`\n${'part'.padEnd(50)} ${'main CPU'.padStart(9)} ${'all CPU'.padStart(8)} ${'wall'.padStart(7)} ${'GC'.padStart(6)}   main-thread rows/s   (medians, ms; main CPU of each run)`);
for (const [name, r] of results) {
  const perRow = name.startsWith('worker start-up') ? '' : String(Math.round(rowCount / (med(r.main) / 1000))).padStart(10);
  console.log(`${name.padEnd(50)} ${String(med(r.main)).padStart(9)} ${String(med(r.all)).padStart(8)} ${String(med(r.wall)).padStart(7)} ${String(med(r.gc)).padStart(6)}   ${perRow}   (${r.main.join('/')})`);
}
console.log(`load average ${loadAverage().join(' ')}`);
