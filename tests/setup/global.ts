// Global test setup: shared services for the whole run, stopped at the end.
//
// Neo4j: suites that need one call `acquireNeo4j()` (tests/setup/neo4j.ts). A
// small broker on 127.0.0.1 hands the database to one test file at a time
// (Community edition has a single database, and suites clear it):
// - NEO4J_URI set: that server is used (nothing is started; it gets wiped!);
// - otherwise the broker starts ONE Neo4j 5.26 test server (scripts/neo4j/
//   run.sh) the first time a suite asks — so a run of unit tests alone never
//   pays for a JVM — and stops it at the end.
// If it cannot start, the asking suite fails with the launcher's stderr: Neo4j
// suites are never skipped.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startNeo4jTestServer, type RunningNeo4j } from '../../scripts/neo4j/launch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Neo4j broker (see acquireNeo4j). */
    neo4jBroker: string;
  }
}

/** A suite that crashed without releasing its lease loses it after this long. */
const LEASE_TTL_MS = 15 * 60_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let neo4j: Promise<RunningNeo4j> | null = null;
  let lease: { id: string; until: number } | null = null;
  let nextLease = 1;

  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://broker');
    if (req.method === 'POST' && url.pathname === '/lease') {
      if (lease && lease.until > Date.now()) return reply(409, { busy: true });
      const id = String(nextLease++);
      lease = { id, until: Date.now() + LEASE_TTL_MS };
      const external = process.env.NEO4J_URI;
      neo4j ??= external ? Promise.resolve({ uri: external, stop: async () => {} }) : startNeo4jTestServer();
      neo4j.then(
        ({ uri }) => reply(200, { uri, lease: id }),
        (e: Error) => {
          lease = null;
          reply(500, { error: e.message });
        },
      );
      return;
    }
    if (req.method === 'POST' && url.pathname === '/release') {
      if (lease?.id === url.searchParams.get('lease')) lease = null;
      return reply(200, { ok: true });
    }
    reply(404, { error: 'unknown endpoint' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('neo4jBroker', `http://127.0.0.1:${port}`);

  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (neo4j) {
      const running = await neo4j.catch(() => null);
      await running?.stop();
    }
  };
}
