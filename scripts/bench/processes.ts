// Child processes the benchmark measures from outside: our server (as `npm
// start` runs it), the peer baseline and the floor. Start-up time is spawn →
// first 200 from the health URL; memory is read from /proc (VmRSS now, VmHWM
// peak).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpuMsOf } from '../lib/cpuTime.js';
import { freePort } from '../lib/freePort.js';

export { freePort };

export const repoRoot = join(import.meta.dirname, '../..');


export interface Memory {
  rssMiB: number;
  peakRssMiB: number;
}

export function memoryOf(pid: number): Memory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMiB: Math.round(kb('VmRSS') / 1024), peakRssMiB: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

export interface Child {
  url: string;
  port: number;
  pid: number;
  startupMs: number;
  /** CPU time the process had used when it first answered (on a busy machine, wall time ≫ CPU time). */
  startupCpuMs: number | null;
  memory(): Memory | null;
  stop(): Promise<void>;
  /** Last lines the process printed (for errors). */
  output(): string;
  /** Our server from dist: whether a V8 code cache of the bundle was there to start with (scripts/server-launcher.mjs). */
  codeCache?: 'warm' | 'cold';
}

export interface SpawnOptions {
  label: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  /** Path polled until it answers 200 (GET), or a GraphQL POST when `graphqlProbe` is set. */
  healthPath: string;
  graphqlProbe?: string;
  timeoutMs?: number;
}

export async function spawnMeasured(o: SpawnOptions): Promise<Child> {
  let out = '';
  const t0 = performance.now();
  const child: ChildProcess = spawn(o.command, o.args, { cwd: repoRoot, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => (out = (out + b.toString('utf8')).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const url = `http://127.0.0.1:${o.port}`;
  const deadline = t0 + (o.timeoutMs ?? 120_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`${o.label} exited with code ${exited} before it answered:\n${out}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${o.label} did not answer within ${Math.round((o.timeoutMs ?? 120_000) / 1000)} s:\n${out}`);
    }
    try {
      const res = o.graphqlProbe
        ? await fetch(url + o.healthPath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: o.graphqlProbe }) })
        : await fetch(url + o.healthPath);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 15));
  }
  const startupMs = Math.round(performance.now() - t0);
  const startupCpuMs = cpuMsOf(child.pid!);
  return {
    url,
    port: o.port,
    pid: child.pid!,
    startupMs,
    startupCpuMs,
    memory: () => memoryOf(child.pid!),
    output: () => out,
    async stop() {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when dist/server is at least as new as every file under server/. */
export function distIsFresh(): boolean {
  const main = join(repoRoot, 'dist/server/main.bundle.mjs');
  return existsSync(main) && statSync(main).mtimeMs >= newestMtime(join(repoRoot, 'server'));
}

export interface ServerOptions {
  store: 'embedded' | 'neo4j';
  dataDir: string;
  neo4j?: { uri: string; user: string; password?: string };
  homeRegionId: string;
  /** `node dist/server/main.bundle.mjs` (as npm start) or `tsx server/main.ts` when the build is stale. */
  mode: 'dist' | 'tsx';
}

/** Our server as `npm start` runs it, reads open to all, rate limit out of the way (the load test is the client). */
export async function startOurServer(o: ServerOptions): Promise<Child> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: o.dataDir,
    STORE: o.store,
    HOME_REGION: o.homeRegionId,
    LOG_LEVEL: 'warn',
    PUBLIC_READ: 'true',
    RATE_LIMIT_MAX: '999999999',
    NODE_ENV: 'production',
  };
  if (o.neo4j) {
    env.NEO4J_URI = o.neo4j.uri;
    env.NEO4J_USER = o.neo4j.user;
    if (o.neo4j.password) env.NEO4J_PASSWORD = o.neo4j.password;
  } else delete env.NEO4J_URI;
  const [command, args] =
    o.mode === 'dist'
      ? [process.execPath, [join(repoRoot, 'dist/server/main.bundle.mjs')]]
      : [process.execPath, ['--import', 'tsx', join(repoRoot, 'server/main.ts')]];
  // The launcher keeps its code cache next to the bundle (CODE_CACHE_DIR aside); a build removes old ones.
  const codeCache =
    o.mode !== 'dist' ? undefined : readdirSync(join(repoRoot, 'dist/server')).some((f) => /^main\.bundle\.[0-9a-f]{16}\.cache$/.test(f)) ? 'warm' : 'cold';
  const child = await spawnMeasured({ label: `server (${o.store})`, command, args, env, port, healthPath: '/healthz' });
  return codeCache ? Object.assign(child, { codeCache }) : child;
}
