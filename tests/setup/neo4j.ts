// Worker side of the Neo4j test server (see global.ts): a suite calls
// `acquireNeo4j()` in beforeAll and `release()` in afterAll; in between it has
// the database to itself and may clear it.
import neo4j from 'neo4j-driver';
import { inject } from 'vitest';

export interface Neo4jLease {
  uri: string;
  release(): Promise<void>;
}

export async function acquireNeo4j(timeoutMs = 600_000): Promise<Neo4jLease> {
  const broker = inject('neo4jBroker');
  if (!broker) throw new Error('tests/setup/global.ts did not provide a Neo4j broker (is globalSetup configured?)');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${broker}/lease`, { method: 'POST' });
    const body = (await res.json()) as { uri?: string; lease?: string; error?: string };
    if (res.status === 200 && body.uri && body.lease) {
      const lease = body.lease;
      return {
        uri: body.uri,
        release: async () => {
          await fetch(`${broker}/release?lease=${encodeURIComponent(lease)}`, { method: 'POST' });
        },
      };
    }
    if (res.status !== 409) throw new Error(body.error ?? `Neo4j broker answered ${res.status}`);
    if (Date.now() > deadline) throw new Error('timed out waiting for another test file to release the Neo4j test server');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Deletes every node (schema stays), in batches of auto-commit transactions so
 * that a large database left by a bench does not exceed the server's
 * transaction memory.
 */
export async function wipeNeo4j(uri: string): Promise<void> {
  const driver = neo4j.driver(uri);
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}
