// The GraphStore contract on the embedded store: a fresh data directory per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedStore } from '../../server/store/embedded/index.js';
import type { GraphStore } from '../../server/store/GraphStore.js';
import { runGraphStoreContract } from './graphStore.contract.js';

runGraphStoreContract('embedded', async () => {
  let current: { store: GraphStore; dir: string } | null = null;
  const release = async () => {
    if (!current) return;
    await current.store.close();
    rmSync(current.dir, { recursive: true, force: true });
    current = null;
  };
  return {
    async empty() {
      await release();
      const dir = mkdtempSync(join(tmpdir(), 'atlas-contract-'));
      const store = createEmbeddedStore({ dataDir: dir });
      await store.init();
      current = { store, dir };
      return store;
    },
    dispose: release,
  };
});
