// Loads graph-seeds/ into the Neo4j database the server would use with
// STORE=neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE; SEEDS_DIR).
// Creates the schema first. Idempotent: records already in the database are
// left as they are, so running it twice changes nothing (and says so).
//
//   NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=… npm run seed:neo4j
//   npm run seed:neo4j -- path/to/graph-seeds
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { loadConfig } from '../server/config.js';
import { loadSeedDir } from '../server/domain/seeds.js';
import { createNeo4jStore } from '../server/store/neo4j/index.js';
import { describeError, die } from './lib/cliStore.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...process.env, STORE: 'neo4j' });
  } catch (e) {
    die(describeError(e));
  }
  const seedsDir = process.argv[2] ? resolve(process.argv[2]) : config.seedsDir;
  let t = performance.now();
  let bundle;
  try {
    bundle = loadSeedDir(seedsDir);
  } catch (e) {
    die(describeError(e));
  }
  console.log(
    `graph-seeds ${seedsDir}: ${bundle.clusters.length} clusters, ${bundle.segments.length} segments, ${bundle.feeds.length} feeds, ` +
      `${bundle.firms.length} firms, ${bundle.supplies.length} supply ties, ${bundle.anchors.length} anchors, ` +
      `${bundle.projects.length} projects, ${bundle.regions.length} regions, ${bundle.sources.length} sources ` +
      `(validated in ${seconds(performance.now() - t)})`,
  );

  const store = createNeo4jStore(config);
  try {
    t = performance.now();
    await store.init();
    console.log(`Neo4j ${config.neo4j!.uri}${config.neo4j!.database ? ` (${config.neo4j!.database})` : ''}: schema ready in ${seconds(performance.now() - t)}`);
    const before = await store.counts();
    const versionBefore = await store.dataVersion();
    t = performance.now();
    await store.seed(bundle);
    const elapsed = performance.now() - t;
    const after = await store.counts();
    const version = await store.dataVersion();
    const delta = Object.keys(after)
      .filter((k) => after[k] !== before[k])
      .map((k) => `${k} +${after[k]! - before[k]!}`);
    console.log(
      version === versionBefore
        ? `seeded in ${seconds(elapsed)}: nothing to add, the database already holds every seed record (dataVersion ${version})`
        : `seeded in ${seconds(elapsed)}: ${delta.join(', ')} (dataVersion ${versionBefore} → ${version})`,
    );
    console.log(`now: ${Object.entries(after).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  } catch (e) {
    // An operator's tool: show the driver's own words too (never sent to API clients).
    const cause = (e as { cause?: unknown }).cause;
    die(`Neo4j 写入失败 / seeding Neo4j failed:\n${describeError(e)}${cause ? `\n(${(cause as Error).message ?? String(cause)})` : ''}`);
  } finally {
    await store.close();
  }
}

await main();
