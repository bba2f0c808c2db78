// The real start command (node dist/server/main.bundle.mjs) with STORE=neo4j
// against the test Neo4j, emptied first: the bundle loads the Neo4j store it
// holds (evaluated only for STORE=neo4j), seeds the empty database from
// graph-seeds/, answers GraphQL with the store's data and coded errors, and
// stops cleanly on SIGTERM. The in-process suites cannot see a bundling
// mistake (they import the sources); this one runs what users run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../setup/build.js';
import { acquireNeo4j, wipeNeo4j, type Neo4jLease } from '../setup/neo4j.js';
import { freePort } from '../../scripts/lib/freePort.js';

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-e2e-neo4j-'));
let lease: Neo4jLease;
let child: ChildProcess | undefined;
let output = '';

beforeAll(async () => {
  await ensureBuilt();
  lease = await acquireNeo4j();
  await wipeNeo4j(lease.uri);
}, 900_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  await lease?.release();
});

async function graphql(url: string, query: string) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe('npm start with STORE=neo4j', () => {
  it('seeds the empty database, answers from it, and stops on SIGTERM', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['dist/server/main.bundle.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', STORE: 'neo4j', NEO4J_URI: lease.uri, NEO4J_USER: 'neo4j' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;

    const deadline = Date.now() + 240_000;
    let health: { status?: string; store?: string; dataVersion?: number } = {};
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.ok) {
          health = (await res.json()) as typeof health;
          break;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server not healthy:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(health).toMatchObject({ status: 'ok', store: 'neo4j' });
    expect(output).toContain('seeded an empty store from graph-seeds');

    const clusters = await graphql(url, '{ clusters { id } }');
    expect(clusters.errors).toBeUndefined();
    // graph-seeds/ holds the plan's 12 clusters.
    expect(clusters.data.clusters).toHaveLength(12);
    expect(clusters.data.clusters.map((c: { id: string }) => c.id)).toContain('ic');

    const gaps = await graphql(url, '{ gaps(clusterId: "ic") { segments { segment { id } } } }');
    expect(gaps.errors).toBeUndefined();
    expect(gaps.data.gaps.segments.map((s: { segment: { id: string } }) => s.segment.id)).toContain('ic.design');

    const missing = await graphql(url, '{ gaps(clusterId: "no-such-cluster") { segments { segment { id } } } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 600_000);
});
