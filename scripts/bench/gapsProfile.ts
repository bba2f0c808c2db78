// The uncached embedded `gaps` call (store.analysisInput + assessCluster) on
// the synthetic data set, outside the benchmark: answers to compare, bytes
// allocated and CPU per call. Not a test (it needs the 100k data set).
//
//   npx tsx scripts/bench/gapsProfile.ts capture OUT [size=100k]
//     one line per (phase, home region, cluster): sha-256 of JSON.stringify of
//     the analysis input and of the assessment; phases: as loaded, then after
//     writes (an import of new firms and ties, an edit, a move, a deletion).
//     Compare two captures with cmp.
//   node --expose-gc --max-semi-space-size=64 --min-semi-space-size=64 --import tsx \
//     scripts/bench/gapsProfile.ts alloc [size=100k] [rounds=20]
//     per call (all 12 clusters of the default home region, after a warm-up):
//     bytes allocated (used-heap growth over calls during which no collection
//     ran), main-thread and process CPU, wall; p50 / mean.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { PerformanceObserver } from 'node:perf_hooks';
import { loadSeedDir } from '../../server/domain/seeds.js';
import type { Firm } from '../../server/domain/model.js';
import type { assessCluster as AssessCluster } from '../../server/analysis/assess.js';
import type { createEmbeddedStore as CreateEmbeddedStore } from '../../server/store/embedded/index.js';
import { DEFAULT_HOME_REGION, DEFAULT_SEED, generateSynthetic, parseSize } from '../synth/generate.js';
import { loadDataset } from '../synth/load.js';

const [mode = 'alloc', ...args] = process.argv.slice(2);
// GAPS_DIST=1: the compiled server code in dist/ (line numbers in profiles and traces match dist/*.js).
const root = process.env.GAPS_DIST ? '../../dist/server' : '../../server';
const { assessCluster } = (await import(`${root}/analysis/assess.js`)) as { assessCluster: typeof AssessCluster };
const { createEmbeddedStore } = (await import(`${root}/store/embedded/index.js`)) as { createEmbeddedStore: typeof CreateEmbeddedStore };
const HOMES = [DEFAULT_HOME_REGION, 'cn-js-wx', 'cn-js-sz-sip'];

async function loaded(size: number, dir: string) {
  const structure = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));
  const ds = generateSynthetic({ firms: size, seed: DEFAULT_SEED, homeRegionId: DEFAULT_HOME_REGION, structure });
  const store = createEmbeddedStore({ dataDir: dir });
  await store.init();
  await loadDataset(store, ds, { batchSize: 50_000 });
  return { store, ds, clusterIds: ds.base.clusters.map((c) => c.id) };
}

const sha = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

async function capture(out: string, size: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gaps-profile-'));
  try {
    const { store, ds, clusterIds } = await loaded(size, dir);
    const lines: string[] = [];
    const snap = async (phase: string) => {
      for (const home of HOMES)
        for (const id of clusterIds) {
          // Twice: the second call reads the store's warm caches (what the bench times).
          for (const round of [1, 2]) {
            const input = (await store.analysisInput(id, home))!;
            const inputHash = sha(input);
            lines.push(`${phase} ${round} ${home} ${id} input ${inputHash} gaps ${sha(assessCluster(input))}`);
          }
        }
    };
    await snap('loaded');
    // Writes: new firms in the home region (segments of two clusters), ties into and out of it,
    // an edit of an existing local firm's fields, a move to another region, a segment change, a deletion.
    const local = ds.firms.filter((f) => f.regionId === DEFAULT_HOME_REGION);
    const other = ds.firms.filter((f) => f.regionId !== DEFAULT_HOME_REGION);
    const template = local[0]!;
    const tieTemplate = { ...ds.supplies[0]!, segmentId: undefined };
    const fresh: Firm[] = [0, 1, 2].map((k) => ({
      ...template,
      id: `zz-gaps-${k}`,
      uscc: undefined,
      nameZh: `测试企业${k}`,
      nameEn: `Test firm ${k}`,
      segments: [local[10 + k]!.segments[0]!, other[20 + k]!.segments[0]!].filter((s, i, a) => a.findIndex((x) => x.segmentId === s.segmentId) === i),
    }));
    await store.importBatch({
      firms: fresh,
      supplies: [
        { ...tieTemplate, from: other[5]!.id, to: fresh[0]!.id },
        { ...tieTemplate, from: fresh[1]!.id, to: local[3]!.id },
        { ...tieTemplate, from: local[4]!.id, to: fresh[2]!.id },
      ],
    });
    await snap('import');
    await store.upsertFirm({ ...local[7]!, listed: !local[7]!.listed, nameZh: `${local[7]!.nameZh}改` });
    await store.upsertFirm({ ...local[8]!, regionId: 'cn-js-wx-liangxi' });
    await store.upsertFirm({ ...local[9]!, segments: [...other[30]!.segments] });
    await snap('edit');
    await store.deleteFirm(fresh[1]!.id);
    await store.deleteFirm(local[11]!.id).catch((e: unknown) => lines.push(`delete refused ${String(e)}`));
    await store.removeSupplyTie(other[5]!.id, fresh[0]!.id);
    await snap('delete');
    writeFileSync(out, lines.join('\n') + '\n');
    console.log(`${lines.length} lines → ${out}`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU ms per thread (name:tid → ms) from /proc. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${name}:${tid}`, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // the thread ended
    }
  }
  return out;
}

function mainThreadCpuMs(): number {
  // utime + stime of the main thread (tid = pid), in clock ticks of 10 ms.
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

async function alloc(size: number, rounds: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const dir = mkdtempSync(join(tmpdir(), 'gaps-profile-'));
  try {
    const { store, clusterIds } = await loaded(size, dir);
    for (let r = 0; r < 3; r++) for (const id of clusterIds) assessCluster((await store.analysisInput(id, DEFAULT_HOME_REGION))!);
    let gcs = 0;
    let gcMs = 0;
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        gcs++;
        gcMs += e.duration;
      }
    });
    obs.observe({ entryTypes: ['gc'] });
    // GAPS_NO_GC=1: no full collection first (as the benchmark: the load's garbage is still there).
    if (!process.env.GAPS_NO_GC) gc?.();
    console.log('--- timed calls start');
    const bytes: number[] = [];
    const walls: number[] = [];
    const perCluster = new Map<string, number[]>();
    const c0 = process.cpuUsage();
    const th0 = threadCpu();
    const m0 = mainThreadCpuMs();
    const t0 = performance.now();
    let calls = 0;
    for (let r = 0; r < rounds; r++)
      for (const id of clusterIds) {
        if (process.env.GAPS_TRACE && id === clusterIds[0]) console.log(`--- round ${r}`);
        const h0 = getHeapStatistics().used_heap_size;
        const w0 = performance.now();
        assessCluster((await store.analysisInput(id, DEFAULT_HOME_REGION))!);
        const w = performance.now() - w0;
        const h1 = getHeapStatistics().used_heap_size;
        calls++;
        walls.push(w);
        if (h1 >= h0) {
          bytes.push(h1 - h0);
          let l = perCluster.get(id);
          if (!l) perCluster.set(id, (l = []));
          l.push(h1 - h0);
        }
      }
    const wall = performance.now() - t0;
    console.log('--- timed calls end');
    const c = process.cpuUsage(c0);
    const m = mainThreadCpuMs() - m0;
    const th = [...threadCpu()].map(([k, v]) => [k, v - (th0.get(k) ?? 0)] as const).filter(([, v]) => v > 0);
    await new Promise((r) => setTimeout(r, 50));
    obs.disconnect();
    const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
    const p = (a: number[], q: number) => sorted(a)[Math.min(a.length - 1, Math.floor(q * a.length))]!;
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    console.log(`calls ${calls}; bytes allocated per call: p50 ${(p(bytes, 0.5) / 1024).toFixed(0)} KiB, mean ${(mean(bytes) / 1024).toFixed(0)} KiB (n = ${bytes.length} without a GC)`);
    console.log(`wall per call: p50 ${p(walls, 0.5).toFixed(2)} ms, p99 ${p(walls, 0.99).toFixed(2)} ms, mean ${(wall / calls).toFixed(2)} ms`);
    console.log(`CPU per call: process ${((c.user + c.system) / 1000 / calls).toFixed(2)} ms, main thread ${(m / calls).toFixed(2)} ms; GCs ${gcs} (${(gcs / calls).toFixed(2)} per call, ${gcMs.toFixed(0)} ms total)`);
    console.log('thread CPU ms: ' + th.map(([k, v]) => `${k} ${v}`).join(', '));
    console.log(
      'per cluster KiB p50: ' +
        [...perCluster].map(([id, l]) => `${id} ${(p(l, 0.5) / 1024).toFixed(0)}`).join(', '),
    );
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Allocation sites of the timed calls (the sampling heap profiler, objects collected since included): top self sizes. */
async function sites(size: number, rounds: number): Promise<void> {
  const { Session } = await import('node:inspector/promises');
  const dir = mkdtempSync(join(tmpdir(), 'gaps-profile-'));
  try {
    const { store, clusterIds } = await loaded(size, dir);
    for (let r = 0; r < 3; r++) for (const id of clusterIds) assessCluster((await store.analysisInput(id, DEFAULT_HOME_REGION))!);
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    for (let r = 0; r < rounds; r++) for (const id of clusterIds) assessCluster((await store.analysisInput(id, DEFAULT_HOME_REGION))!);
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
    type Node = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] };
    const bySite = new Map<string, number>();
    let total = 0;
    const name = (f: Node['callFrame']) => `${f.functionName || '(anon)'} ${f.url.replace(/.*\/wt-[a-z]+\/|.*\/gaps-base\//, '')}:${f.lineNumber + 1}`;
    const walk = (n: Node, parent?: Node) => {
      const f = n.callFrame;
      // A built-in (Map#set, Array#push…) is named with its caller.
      const key = f.url === '' && parent ? `${name(f)} ← ${name(parent.callFrame)}` : name(f);
      bySite.set(key, (bySite.get(key) ?? 0) + n.selfSize);
      total += n.selfSize;
      for (const c of n.children) walk(c, f.url === '' && parent ? parent : n);
    };
    walk(profile.head);
    const calls = rounds * clusterIds.length;
    console.log(`sampled bytes per call ${(total / calls / 1024).toFixed(0)} KiB`);
    for (const [k, v] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / calls / 1024).toFixed(1).padStart(7)} KiB  ${k}`);
    session.disconnect();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const size = parseSize(mode === 'capture' ? (args[1] ?? '100k') : (args[0] ?? '100k'));
if (mode === 'capture') await capture(args[0] ?? '/tmp/gaps-capture.txt', size);
else if (mode === 'alloc') await alloc(size, Number(args[1] ?? 20));
else if (mode === 'sites') await sites(size, Number(args[1] ?? 10));
else throw new Error(`unknown mode ${mode}`);
