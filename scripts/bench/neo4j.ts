// The Neo4j the benchmark measures: NEO4J_URI when set, else a throw-away test
// server started with the project's launcher (scripts/neo4j/launch.ts) with a
// heap and page cache sized for a million firms: the database of 1M firms and
// 500k ties (nodes, relationships, properties, range and TEXT indexes) is
// 1.5 GB on disk (measured), so a 4 GB page cache holds all of it and the gaps
// reads never wait on disk; a 4 GB heap holds the transaction state of a
// 100k-row CSV import (one transaction) with room to spare (NEO4J_HEAP /
// NEO4J_PAGECACHE override both).
import neo4j, { type Driver } from 'neo4j-driver';
import { startNeo4jTestServer, type RunningNeo4j } from '../neo4j/launch.js';

export interface BenchNeo4j {
  uri: string;
  user: string;
  password?: string;
  driver: Driver;
  version: string;
  /** Started by us (stopped at the end) or given by NEO4J_URI. */
  started: boolean;
  /** Deletes every node, in batches (a million-firm graph does not fit one transaction). */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

export async function openBenchNeo4j(log: (m: string) => void): Promise<BenchNeo4j> {
  let running: RunningNeo4j | null = null;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    const heap = process.env.NEO4J_HEAP ?? '4g';
    const pageCache = process.env.NEO4J_PAGECACHE ?? '4g';
    log(`starting the Neo4j test server (heap ${heap}, page cache ${pageCache})…`);
    running = await startNeo4jTestServer({ env: { NEO4J_HEAP: heap, NEO4J_PAGECACHE: pageCache } });
    uri = running.uri;
    log(`Neo4j at ${uri}`);
  }
  const user = process.env.NEO4J_USER ?? 'neo4j';
  const password = process.env.NEO4J_PASSWORD;
  const driver = neo4j.driver(uri, password ? neo4j.auth.basic(user, password) : undefined, { disableLosslessIntegers: true });
  const session = driver.session();
  let version = 'unknown';
  try {
    const rec = (await session.run('CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS v, edition AS e')).records[0];
    if (rec) version = `${rec.get('v')} ${rec.get('e')}`;
  } finally {
    await session.close();
  }
  return {
    uri,
    user,
    ...(password ? { password } : {}),
    driver,
    version,
    started: running !== null,
    async clear() {
      const s = driver.session();
      try {
        await s.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS');
      } finally {
        await s.close();
      }
    },
    async stop() {
      await driver.close();
      await running?.stop();
    },
  };
}
