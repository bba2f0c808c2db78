// The bulk path end to end, for the CLI, the benchmark and the tests:
//   1. validate + export CSV (server/store/neo4j/bulk/export.ts),
//   2. `neo4j-admin database import full` into <home>/data (adminImport.ts),
//   3. start the bundled Neo4j on <home>/data and connect Neo4jStore, whose
//      init() creates the schema (constraints, range / TEXT / FULLTEXT indexes)
//      and waits until Neo4j has populated every index (db.awaitIndexes).
// Each phase is timed; the rate is firms + ties + anchors over the sum.
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../server/domain/errors.js';
import type { SeedBundle } from '../../server/store/GraphStore.js';
import { bulkDirHasDatabase, exportBulkCsv, type BulkExport } from '../../server/store/neo4j/bulk/export.js';
import { createNeo4jStore, type Neo4jStore } from '../../server/store/neo4j/index.js';
import { startNeo4jTestServer, type RunningNeo4j } from '../neo4j/launch.js';
import { runAdminImport, type AdminImportResult } from './adminImport.js';

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
}

/** Steps 1 and 2. Refuses a home that already holds a database unless `overwrite`. */
export async function bulkImport(bundle: Partial<SeedBundle>, options: BulkImportOptions): Promise<BulkImportResult> {
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
  const c0 = process.cpuUsage();
  const exported = exportBulkCsv(bundle, csvDir);
  const c = process.cpuUsage(c0);
  const adminImport = await runAdminImport(home, exported.files, {
    overwrite: options.overwrite ?? false,
    ...(options.heap && { heap: options.heap }),
    ...(options.maxOffHeapMemory && { maxOffHeapMemory: options.maxOffHeapMemory }),
    ...(options.threads && { threads: options.threads }),
  });
  return { export: { ...exported, cpuMs: Math.round((c.user + c.system) / 1000) }, adminImport };
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
  /** Neo4jStore.init: schema created and every index populated. */
  schemaMs: number;
  stop(): Promise<void>;
}

/** Step 3: the bundled Neo4j on <home>/data, and the store connected (schema built, indexes online). */
export async function serveImported(neo4jHome: string, env: NodeJS.ProcessEnv = {}): Promise<ServedImport> {
  const t0 = performance.now();
  const server = await startNeo4jTestServer({ dataDir: join(resolve(neo4jHome), 'data'), env });
  const t1 = performance.now();
  const store = createNeo4jStore({ uri: server.uri });
  try {
    await store.init();
  } catch (e) {
    await store.close().catch(() => {});
    await server.stop();
    throw e;
  }
  const t2 = performance.now();
  return {
    server,
    store,
    startMs: Math.round(t1 - t0),
    schemaMs: Math.round(t2 - t1),
    async stop() {
      await store.close();
      await server.stop();
    },
  };
}
