// The bulk path end to end, for the CLI, the benchmark and the tests:
//   1. validate + export CSV (server/store/neo4j/bulk/export.ts),
//   2. `neo4j-admin database import full` into <home>/data (adminImport.ts),
//   3. start the bundled Neo4j on <home>/data and connect Neo4jStore, whose
//      init() creates the schema (constraints, range / TEXT / FULLTEXT indexes)
//      and waits until Neo4j has populated every index (db.awaitIndexes).
// Each phase is timed; the rate is firms + ties + anchors over the sum.
import { readdirSync, rmSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { join, resolve } from 'node:path';
import { AppError } from '../../server/domain/errors.js';
import { cpuMsOf } from '../lib/cpuTime.js';
import type { SeedBundle } from '../../server/store/GraphStore.js';
import { bulkDirHasDatabase, exportBulkCsv, type BulkExport } from '../../server/store/neo4j/bulk/export.js';
import { createNeo4jStore, type Neo4jStore } from '../../server/store/neo4j/index.js';
import { SCHEMA } from '../../server/store/neo4j/schema.js';
import { startNeo4jTestServer, type RunningNeo4j } from '../neo4j/launch.js';
import { runAdminImport, type AdminImportResult } from './adminImport.js';
import { exportInWorker } from './exportWorker.js';
import type { BulkInput } from './input.js';

export interface BulkImportOptions {
  /** NEO4J_HOME of the import: the database goes to <home>/data/databases/<database>. */
  neo4jHome: string;
  /** Where the CSV files go (default <home>/import). */
  csvDir?: string;
  /** Replace an existing database (and CSV files left by an earlier export). */
  overwrite?: boolean;
  heap?: string;
  maxOffHeapMemory?: string;
  threads?: number;
}

export interface BulkImportResult {
  export: BulkExport & { cpuMs: number };
  adminImport: AdminImportResult;
  /** With an input read by the export worker: how long reading (or generating) it took, not part of the load. */
  readMs?: number;
  counts?: { firms: number; supplies: number; anchors: number };
}

/**
 * Steps 1 and 2 for a bundle in memory (export on this thread). Refuses a
 * home that already holds a database unless `overwrite`.
 */
export async function bulkImport(bundle: Partial<SeedBundle>, options: BulkImportOptions): Promise<BulkImportResult> {
  return importWith(options, async (csvDir) => {
    const c0 = process.cpuUsage();
    const exported = exportBulkCsv(bundle, csvDir);
    const c = process.cpuUsage(c0);
    return { export: { ...exported, cpuMs: Math.round((c.user + c.system) / 1000) } };
  });
}

/** The same, the input read and exported in a worker thread (exportWorker.ts): the CLI and the benchmark. */
export async function bulkImportFrom(input: BulkInput, options: BulkImportOptions): Promise<BulkImportResult> {
  return importWith(options, async (csvDir) => {
    const w = await exportInWorker(input, csvDir);
    return { export: { ...w.export, cpuMs: w.cpuMs }, readMs: w.readMs, counts: w.counts };
  });
}

async function importWith(
  options: BulkImportOptions,
  exportTo: (csvDir: string) => Promise<Omit<BulkImportResult, 'adminImport'>>,
): Promise<BulkImportResult> {
  const home = resolve(options.neo4jHome);
  if (bulkDirHasDatabase(home) && !options.overwrite) {
    throw new AppError(
      'CONFLICT',
      `目标数据库不为空:${join(home, 'data/databases/neo4j')}(批量导入只写入空库;确需替换请加 --overwrite)`,
      `the target database is not empty: ${join(home, 'data/databases/neo4j')} (a bulk load only writes an empty database; pass --overwrite to replace it)`,
    );
  }
  const csvDir = resolve(options.csvDir ?? join(home, 'import'));
  if (options.overwrite) {
    for (const f of safeList(csvDir)) if (/^(node|rel)-[A-Za-z_]+\.csv$/.test(f)) rmSync(join(csvDir, f));
  }
  const exported = await exportTo(csvDir);
  const adminImport = await runAdminImport(home, exported.export.files, {
    overwrite: options.overwrite ?? false,
    ...(options.heap && { heap: options.heap }),
    ...(options.maxOffHeapMemory && { maxOffHeapMemory: options.maxOffHeapMemory }),
    ...(options.threads && { threads: options.threads }),
  });
  return { ...exported, adminImport };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export interface ServedImport {
  server: RunningNeo4j;
  store: Neo4jStore;
  /** JVM start until Bolt answers. */
  startMs: number;
  /** CPU time of the server's JVM (user + system) by then, and during schema + index population; null if unreadable. */
  startCpuMs: number | null;
  schemaCpuMs: number | null;
  /** The store's schema created and every index populated (createSchema, then Neo4jStore.init). */
  schemaMs: number;
  stop(): Promise<void>;
}

/**
 * The store's own schema (schema.ts), every statement in ONE transaction, so
 * that Neo4j populates the new indexes together (one scan of the store) rather
 * than one after another as Neo4jStore.init creates them (a statement per
 * transaction; on a live database that is what it should do). At 100k firms,
 * same database: 20.6 s against 29.4 s until every index was online. Then it
 * waits for them (up to 2 h: init's own wait stops at 300 s); init()
 * afterwards finds everything present (IF NOT EXISTS) and online.
 */
export async function createSchema(uri: string): Promise<void> {
  const driver = neo4j.driver(uri);
  const session = driver.session();
  try {
    await session.executeWrite(async (tx) => {
      for (const statement of SCHEMA) await tx.run(statement);
    });
    // init() waits at most 300 s for the indexes; a large load may need longer.
    await session.run('CALL db.awaitIndexes(7200)');
  } finally {
    await session.close();
    await driver.close();
  }
}

/** Step 3: the bundled Neo4j on <home>/data, and the store connected (schema built, indexes online). */
export async function serveImported(neo4jHome: string, env: NodeJS.ProcessEnv = {}): Promise<ServedImport> {
  const t0 = performance.now();
  const server = await startNeo4jTestServer({ dataDir: join(resolve(neo4jHome), 'data'), env });
  const t1 = performance.now();
  const cpu1 = cpuMsOf(server.pid);
  const store = createNeo4jStore({ uri: server.uri });
  try {
    await createSchema(server.uri);
    await store.init();
  } catch (e) {
    await store.close().catch(() => {});
    await server.stop();
    throw e;
  }
  const t2 = performance.now();
  const cpu2 = cpuMsOf(server.pid);
  return {
    server,
    store,
    startMs: Math.round(t1 - t0),
    schemaMs: Math.round(t2 - t1),
    startCpuMs: cpu1,
    schemaCpuMs: cpu1 !== null && cpu2 !== null ? cpu2 - cpu1 : null,
    async stop() {
      await store.close();
      await server.stop();
    },
  };
}
