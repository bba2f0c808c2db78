// Measures the import and export paths (issue 7, "Speed"):
//   - import throughput (rows/s) of a 100,000-row firm CSV into the embedded
//     store (and into Neo4j when NEO4J_URI is set): parse + validate (dry run)
//     and the whole import with its commit;
//   - time to export the 产业招引地图 of every cluster as PDF (and XLSX).
// Usage: npm run bench:io -- [--rows N] [--json] [--seeds DIR] [--neo4j] [--neo4j-wipe]
//   --neo4j: also import into Neo4j — the server at NEO4J_URI when set (only with
//   --neo4j-wipe, since the bench empties the database first), else a throw-away
//   Neo4j test server started for the run (scripts/neo4j/launch.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { loadSeedDir } from '../server/domain/seeds.js';
import { usccCheckCharacter } from '../server/domain/uscc.js';
import { exportMap } from '../server/io/export/exportMap.js';
import { importFile } from '../server/io/import/importFile.js';
import type { GraphStore, SeedBundle } from '../server/store/GraphStore.js';
import { createEmbeddedStore } from '../server/store/embedded/index.js';

const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function uscc(n: number): string {
  let org = '';
  for (let i = 0, x = n; i < 9; i++, x = Math.floor(x / 31)) org = ORG_CHARS[x % 31] + org;
  const first17 = `91320214${org}`;
  return first17 + usccCheckCharacter(first17);
}

/** A firm CSV of `rows` rows over the seed's segments and regions (UTF-8, Chinese headers). */
export function firmCsv(bundle: SeedBundle, rows: number): Buffer {
  const segments = bundle.segments;
  const districts = bundle.regions.filter((r) => r.level === 'district' || r.level === 'city');
  const owners = ['民营', '国有', '混合所有制'];
  const bands = ['XS', 'S', 'M', 'L', 'XL'];
  const out: string[][] = [['企业名称', '统一社会信用代码', '所在地区', '企业性质', '所属环节', '营收规模', '是否上市', '高新技术企业']];
  for (let i = 0; i < rows; i++) {
    const s1 = segments[i % segments.length]!;
    const s2 = segments[(i * 7 + 3) % segments.length]!;
    out.push([
      `基准测试企业${i}号科技有限公司`,
      uscc(1_000_000 + i),
      districts[i % districts.length]!.nameZh === '市辖区' ? districts[0]!.id : districts[i % districts.length]!.id,
      owners[i % owners.length]!,
      s1.id === s2.id ? s1.id : `${s1.id};${s2.id}`,
      bands[i % bands.length]!,
      i % 10 === 0 ? '是' : '否',
      i % 3 === 0 ? '是' : '否',
    ]);
  }
  return Buffer.from(stringify(out), 'utf8');
}

async function benchImport(label: string, open: () => Promise<{ store: GraphStore; done: () => Promise<void> }>, bytes: Buffer, rows: number) {
  const { store, done } = await open();
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const dry = await importFile(store, bytes, { dryRun: true, filename: 'bench.csv' });
    const dryMs = performance.now() - t0;
    const dryCpu = process.cpuUsage(cpu0);
    // CPU time (all threads of the process) is steadier than wall time on a shared machine.
    const dryCpuMs = (dryCpu.user + dryCpu.system) / 1000;
    if (!dry.ok) throw new Error(`bench file rejected: ${JSON.stringify(dry.fileErrors)} ${JSON.stringify(dry.rows.find((r) => r.fate === 'rejected'))}`);
    const t1 = performance.now();
    const real = await importFile(store, bytes, { filename: 'bench.csv' });
    const realMs = performance.now() - t1;
    if (!real.committed) throw new Error('bench import not committed');
    return {
      store: label,
      rows,
      megabytes: +(bytes.length / 1e6).toFixed(1),
      dryRunMs: Math.round(dryMs),
      dryRunRowsPerSec: Math.round(rows / (dryMs / 1000)),
      dryRunCpuMs: Math.round(dryCpuMs),
      dryRunRowsPerCpuSec: Math.round(rows / (dryCpuMs / 1000)),
      dryRunPhasesMs: dry.timingsMs,
      importMs: Math.round(realMs),
      importRowsPerSec: Math.round(rows / (realMs / 1000)),
      phasesMs: real.timingsMs,
    };
  } finally {
    await done();
  }
}

async function openEmbedded(bundle: SeedBundle) {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-io-'));
  const store = createEmbeddedStore({ dataDir: dir });
  await store.init();
  await store.seed(bundle);
  return {
    store,
    done: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Time to export the 产业招引地图 of every cluster, as one PDF and as one XLSX. */
async function benchExport(bundle: SeedBundle, homeRegionId: string) {
  const { store, done } = await openEmbedded(bundle);
  try {
    const out: Record<string, unknown> = { clusters: bundle.clusters.length };
    for (const format of ['pdf', 'xlsx'] as const) {
      const t = performance.now();
      const file = await exportMap(store, 'all', format, { homeRegionId });
      out[`${format}Ms`] = Math.round(performance.now() - t);
      out[`${format}KB`] = Math.round(file.bytes.length / 1024);
    }
    return { export: 'all clusters', ...out };
  } finally {
    await done();
  }
}

async function openNeo4j(bundle: SeedBundle, wipe: boolean) {
  const [{ createNeo4jStore }, neo4jDriver] = await Promise.all([import('../server/store/neo4j/index.js'), import('neo4j-driver')]);
  let uri = process.env.NEO4J_URI;
  let stop: (() => Promise<void>) | null = null;
  if (uri && !wipe) throw new Error('NEO4J_URI is set: pass --neo4j-wipe to let the bench empty that database first');
  if (!uri) {
    const { startNeo4jTestServer } = await import('./neo4j/launch.js');
    const server = await startNeo4jTestServer();
    uri = server.uri;
    stop = () => server.stop();
  }
  const auth = process.env.NEO4J_PASSWORD ? neo4jDriver.default.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD) : undefined;
  const admin = neo4jDriver.default.driver(uri, auth);
  await admin.executeQuery('MATCH (n) DETACH DELETE n', {}, { routing: neo4jDriver.default.routing.WRITE });
  const store = createNeo4jStore({ uri, user: process.env.NEO4J_USER ?? 'neo4j', ...(process.env.NEO4J_PASSWORD ? { password: process.env.NEO4J_PASSWORD } : {}) });
  await store.init();
  await store.seed(bundle);
  return {
    store,
    done: async () => {
      await store.close();
      await admin.close();
      await stop?.();
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      json: { type: 'boolean', default: false },
      seeds: { type: 'string' },
      home: { type: 'string', default: process.env.HOME_REGION ?? 'cn-js-wx-xinwu' },
      neo4j: { type: 'boolean', default: false },
      'neo4j-wipe': { type: 'boolean', default: false },
      'no-export': { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const seedsDir = values.seeds ?? join(import.meta.dirname, '../graph-seeds');
  const bundle = loadSeedDir(seedsDir);
  const bytes = firmCsv(bundle, rows);
  const results: unknown[] = [];

  if (!values['no-export']) results.push(await benchExport(bundle, values.home));
  results.push(await benchImport('embedded', () => openEmbedded(bundle), bytes, rows));
  if (values.neo4j) results.push(await benchImport('neo4j', () => openNeo4j(bundle, values['neo4j-wipe']), bytes, rows));

  if (values.json) console.log(JSON.stringify(results, null, 2));
  else for (const r of results) console.log(r);
}

// Run when executed (npm run bench:io), not when imported (the bench folds its parts in).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
