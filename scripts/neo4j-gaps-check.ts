// Byte-for-byte guard and timing of the uncached `gaps` path (store.analysisInput
// + assessCluster, as the bench's analysis part) on a Neo4j database that is
// already loaded (e.g. `npm run neo4j:bulk-load -- --synth 1m --neo4j-home DIR --start`).
// Not a test: it needs a large database and takes a while.
//
//   NEO4J_URI=bolt://… npx tsx scripts/neo4j-gaps-check.ts capture OUT.json [home]
//     every cluster's analysisInput and assessment for the home region, as JSON
//     (compare two captures with cmp: a change of the read path must not move one byte);
//     read twice: OUT while the store's home firms are not loaded yet (the first
//     call starts their load: later calls may find them), OUT.kept.json once loaded.
//   NEO4J_URI=bolt://… npx tsx scripts/neo4j-gaps-check.ts bench [rounds=6] [home]
//     one warm-up round over every cluster, then `rounds` rounds (each cluster
//     once per round, in turn): wall and CPU (this process) per call, p50 / p99 / max;
//     then, as scripts/bench/afterWrite.ts, 4 writes (a home firm's `listed` flipped and back),
//     each followed by every cluster once: the first call, every call, the round.
import { writeFileSync } from 'node:fs';
import { assessCluster } from '../server/analysis/assess.js';
import { createNeo4jStore } from '../server/store/neo4j/index.js';
import { DEFAULT_HOME_REGION } from './synth/generate.js';

const [mode = 'bench', ...args] = process.argv.slice(2);
const uri = process.env.NEO4J_URI;
if (!uri) throw new Error('NEO4J_URI is required');
const store = createNeo4jStore({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
await store.init();
const clusterIds = (await store.listClusters()).map((c) => c.id);

const pctl = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const fmt = (xs: number[]) => `p50 ${pctl(xs, 50).toFixed(1)} p99 ${pctl(xs, 99).toFixed(1)} max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

async function timed(id: string, home: string) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  assessCluster((await store.analysisInput(id, home))!);
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

try {
  if (mode === 'capture') {
    const [out, home = DEFAULT_HOME_REGION] = args;
    if (!out) throw new Error('capture OUT.json [home]');
    for (const file of [out, out.replace(/\.json$/, '') + '.kept.json']) {
      const all: Record<string, unknown> = {};
      for (const id of clusterIds) {
        const input = (await store.analysisInput(id, home))!;
        all[id] = { input, assessment: assessCluster(input) };
      }
      writeFileSync(file, JSON.stringify(all));
      console.log(`${clusterIds.length} clusters written to ${file}`);
      await store.homeFirmsLoaded();
    }
  } else if (mode === 'bench') {
    const rounds = Number(args[0] ?? 6);
    const home = args[1] ?? DEFAULT_HOME_REGION;
    for (const id of clusterIds) await timed(id, home);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < rounds; r++)
      for (const id of clusterIds) {
        const t = await timed(id, home);
        wall.push(t.ms);
        cpu.push(t.cpu);
      }
    console.log(`gaps uncached, ${clusterIds.length} clusters × ${rounds}: wall ${fmt(wall)}; our CPU ${fmt(cpu)}`);
    const first = (await store.analysisInput(clusterIds[0]!, home))!;
    const firm = (await store.getFirms([first.localFirms.find((f) => f.regionId === home)!.id]))[0]!;
    // As scripts/bench/afterWrite.ts (edits only): after each write every cluster once.
    const firstCall: number[] = [];
    const every: number[] = [];
    const roundMs: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let w = 0; w < 4; w++) {
      await store.upsertFirm({ ...firm, listed: w % 2 === 0 ? !firm.listed : firm.listed });
      const t0 = performance.now();
      for (const [k, id] of clusterIds.entries()) {
        const t = await timed(id, home);
        every.push(t.ms);
        if (k === 0) firstCall.push(t.ms);
      }
      roundMs.push(performance.now() - t0);
    }
    const c = process.cpuUsage(cpu0);
    console.log(`after a write (4 writes): first call ${firstCall.map((x) => x.toFixed(0)).join(', ')} ms; every call ${fmt(every)}; all clusters once ${roundMs.map((x) => x.toFixed(0)).join(', ')} ms; our CPU over the rounds ${((c.user + c.system) / 1000).toFixed(0)} ms`);
  } else throw new Error(`unknown mode ${mode}`);
} finally {
  await store.close();
}
