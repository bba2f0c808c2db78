// Starts the Neo4j 5.26 test server (scripts/neo4j/run.sh) as a child process
// and resolves with its Bolt URI once it accepts connections. Used by the test
// global setup and by scripts that want a throw-away Neo4j (bench, seed demo).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningNeo4j {
  uri: string;
  /** The server's JVM (run.sh execs java in the launched process); absent for a server not started here. */
  pid?: number;
  /** SIGTERM to the launcher's process group, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const runScript = join(dirname(fileURLToPath(import.meta.url)), 'run.sh');
const URI_LINE = /^NEO4J_URI=(bolt:\/\/\S+)\s*$/m;

export interface Neo4jTestServerOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /**
   * Start on this data directory instead of a temporary one, e.g.
   * `<NEO4J_HOME>/data` after `neo4j-admin database import full` (see
   * scripts/neo4j-bulk): its `neo4j` database is served in place and kept on stop.
   */
  dataDir?: string;
}

export function startNeo4jTestServer(options: Neo4jTestServerOptions = {}): Promise<RunningNeo4j> {
  const timeoutMs = options.timeoutMs ?? 240_000;
  // Own process group (detached) so stop() reaches Maven during a first build
  // too; stdin is a pipe the JVM watches, so it also exits if we die without
  // calling stop().
  const child = spawn('bash', [runScript, '--stop-on-stdin-close'], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, ...(options.dataDir !== undefined && { NEO4J_DATA_DIR: options.dataDir }) },
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let alive = true;
  void exited.then(() => (alive = false));

  const stop = async (graceMs = 15_000) => {
    if (!alive || child.pid === undefined) return;
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, s);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    child.stdin.destroy();
  };

  return new Promise<RunningNeo4j>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop(2_000);
      reject(
        new Error(
          `Neo4j test server did not start: ${why}.\n` +
            `Command: bash ${runScript}\n` +
            `(Java 17 and Maven are required; run \`bash scripts/neo4j/prefetch.sh\` once with network access.)\n` +
            `--- launcher stderr (last 4000 chars) ---\n${stderr.slice(-4000)}`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`no NEO4J_URI line within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const m = URI_LINE.exec(stdout);
      if (m) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({ uri: m[1]!, pid: child.pid!, stop });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    child.once('error', (e) => fail(`cannot run bash: ${e.message}`));
    void exited.then((code) => {
      if (!URI_LINE.test(stdout)) fail(`the launcher exited with code ${code}`);
    });
  });
}
