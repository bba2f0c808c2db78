// Runs Neo4j's offline importer (`neo4j-admin database import full`) from the
// Maven artifacts of the bundled test server (scripts/neo4j: the classpath
// run.sh builds), so no Neo4j installation is needed: NEO4J_HOME=<dir> java
// -cp … org.neo4j.cli.AdminTool database import full neo4j --nodes=… .
// The database lands in <dir>/data/databases/neo4j (transaction logs in
// <dir>/data/transactions/neo4j); `startNeo4jTestServer({ dataDir: <dir>/data })`
// serves it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminImportArgs, type AdminImportOptions } from '../../server/store/neo4j/bulk/command.js';
import type { BulkFile } from '../../server/store/neo4j/bulk/export.js';

const neo4jDir = join(dirname(fileURLToPath(import.meta.url)), '../neo4j');

export interface AdminImportResult {
  ms: number;
  /** CPU time of the importer's JVM (user + system), from bash `times`. */
  cpuMs: number | null;
  /** The importer's summary ("IMPORT DONE in …", counts, peak memory). */
  summary: string;
  args: string[];
}

/** The bundled Neo4j's classpath; built by `npm run neo4j` (scripts/neo4j/run.sh) the first time. */
export function neo4jClasspath(): string {
  const cpfile = join(neo4jDir, 'target', 'classpath.txt');
  if (!existsSync(cpfile)) {
    throw new Error(`${cpfile} is missing: start the bundled Neo4j once (npm run neo4j), which builds it, or use --print to run your own neo4j-admin`);
  }
  return readFileSync(cpfile, 'utf8').trim();
}

const parseTimes = (text: string): number | null => {
  // `times` prints the shell's own and then its children's "XmY.YYYs XmY.YYYs".
  const lines = text.trim().split('\n').filter((l) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(l.trim()));
  const last = lines[lines.length - 1];
  if (!last) return null;
  const ms = (t: string) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t)!;
    return (Number(m[1]) * 60 + Number(m[2])) * 1000;
  };
  const [u, s] = last.trim().split(' ');
  return Math.round(ms(u!) + ms(s!));
};

export async function runAdminImport(
  neo4jHome: string,
  files: readonly BulkFile[],
  options: AdminImportOptions & { heap?: string } = {},
): Promise<AdminImportResult> {
  mkdirSync(neo4jHome, { recursive: true });
  const args = adminImportArgs(files, { reportFile: join(neo4jHome, 'import.report'), ...options });
  const java = [
    'java', `-Xmx${options.heap ?? process.env.NEO4J_ADMIN_HEAP ?? '1g'}`, '-XX:+UseG1GC',
    '--add-opens=java.base/java.nio=ALL-UNNAMED', '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED', '--add-opens=java.base/java.io=ALL-UNNAMED',
    '-Dlog4j2.disable.jmx=true', '-cp', neo4jClasspath(), 'org.neo4j.cli.AdminTool', ...args,
  ];
  const t0 = performance.now();
  const child = spawn('bash', ['-c', '"$@"; rc=$?; times >&2; exit $rc', 'bash', ...java], {
    env: { ...process.env, NEO4J_HOME: neo4jHome },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-200_000)));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-50_000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  const ms = Math.round(performance.now() - t0);
  if (code !== 0) {
    throw new Error(`neo4j-admin database import full failed (exit ${code}):\n${(out + '\n' + err).trim().split('\n').slice(-40).join('\n')}`);
  }
  const done = out.lastIndexOf('IMPORT DONE');
  return { ms, cpuMs: parseTimes(err), summary: done >= 0 ? out.slice(done).trim() : out.trim().split('\n').slice(-6).join('\n'), args };
}
