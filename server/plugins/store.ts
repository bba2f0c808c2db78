// The graph store as `fastify.store`: opened (and seeded from graph-seeds/ when
// empty) at start-up, closed on shutdown. STORE selects the implementation.
import { existsSync } from 'node:fs';
import fp from 'fastify-plugin';
import type { AppConfig } from '../config.js';
import { AppError } from '../domain/errors.js';
import { loadSeeds } from '../domain/seedCache.js';
import { seedCacheFile } from '../paths.js';
import type { GraphStore } from '../store/GraphStore.js';
import { createEmbeddedStore } from '../store/embedded/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: GraphStore;
  }
}

interface Neo4jModule {
  createNeo4jStore(config: AppConfig): GraphStore;
}

async function createStore(config: AppConfig): Promise<GraphStore> {
  if (config.store === 'embedded') return createEmbeddedStore({ dataDir: config.dataDir });
  // Imported only when asked for, so the default start never loads the Neo4j driver.
  let mod: Neo4jModule;
  try {
    // The server bundle (scripts/bundle-server.mjs) holds it too, evaluated only here.
    mod = (await import('../store/neo4j/index.js')) as Neo4jModule;
  } catch (e) {
    const err = new AppError(
      'STORE_UNAVAILABLE',
      `STORE=neo4j:无法加载 Neo4j 存储模块(${(e as Error).message})`,
      `STORE=neo4j: cannot load the Neo4j store module (${(e as Error).message})`,
    );
    err.cause = e;
    throw err;
  }
  if (typeof mod.createNeo4jStore !== 'function') {
    throw new AppError('STORE_UNAVAILABLE', 'Neo4j 存储模块未导出 createNeo4jStore', 'the Neo4j store module does not export createNeo4jStore');
  }
  return mod.createNeo4jStore(config);
}

/** Opens the store, seeds an empty one, and checks that HOME_REGION names a region of the graph. */
export async function openStore(config: AppConfig, log?: { info(o: object, msg: string): void }): Promise<GraphStore> {
  const store = await createStore(config);
  try {
    await store.init();
    if (await store.isEmpty()) {
      if (!config.seedOnStart) {
        throw new AppError(
          'STORE_UNAVAILABLE',
          '存储为空且 SEED_ON_START=false:请先运行 npm run seed:neo4j(或设 SEED_ON_START=true)',
          'the store is empty and SEED_ON_START=false: seed it first (npm run seed:neo4j) or set SEED_ON_START=true',
        );
      }
      if (!existsSync(config.seedsDir)) {
        throw new AppError(
          'BAD_INPUT',
          `存储为空,但找不到 graph-seeds 目录:${config.seedsDir}(请检查 SEEDS_DIR)`,
          `the store is empty and the graph-seeds directory was not found: ${config.seedsDir} (check SEEDS_DIR)`,
        );
      }
      const started = Date.now();
      const { bundle, fromCache } = loadSeeds(config.seedsDir, seedCacheFile);
      await store.seed(bundle);
      log?.info({ seedsDir: config.seedsDir, fromCache, ms: Date.now() - started }, 'seeded an empty store from graph-seeds');
    }
    const regions = await store.listRegions();
    if (!regions.some((r) => r.id === config.homeRegionId)) {
      throw new AppError(
        'BAD_INPUT',
        `HOME_REGION ${config.homeRegionId} 不是图谱中的区域`,
        `HOME_REGION ${config.homeRegionId} is not a region of the graph`,
      );
    }
    return store;
  } catch (e) {
    await store.close().catch(() => {});
    throw e;
  }
}

/** Wraps the opened store (tests: a counting or failing proxy around the real one). */
export type StoreWrapper = (store: GraphStore) => GraphStore;

export default fp<{ wrap?: StoreWrapper }>(
  async (app, opts) => {
    const opened = await openStore(app.config, app.log);
    const store = opts.wrap ? opts.wrap(opened) : opened;
    app.decorate('store', store);
    // After every plugin is loaded, so background work (the embedded store's name index) never delays start-up.
    app.addHook('onReady', async () => {
      opened.startBackgroundWork?.();
    });
    app.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'store', dependencies: ['config'] },
);
