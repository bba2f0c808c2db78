// The GraphStore contract on a real Neo4j 5.26 (tests/setup/global.ts starts one
// for the run unless NEO4J_URI is set). Community edition has one database, so
// each test starts from an emptied one: all nodes deleted, schema kept.
import { createNeo4jStore } from '../../server/store/neo4j/index.js';
import { acquireNeo4j, wipeNeo4j } from '../setup/neo4j.js';
import { runGraphStoreContract } from './graphStore.contract.js';

runGraphStoreContract('neo4j', async () => {
  const lease = await acquireNeo4j();
  const store = createNeo4jStore({ uri: lease.uri });
  await store.init();
  return {
    async empty() {
      await wipeNeo4j(lease.uri);
      return store;
    },
    async dispose() {
      await store.close();
      await lease.release();
    },
  };
});
