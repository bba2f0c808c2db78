// The store the server would open (same configuration: DATA_DIR, STORE,
// NEO4J_*, HOME_REGION …), for command-line tools. Configuration and store
// errors print their bilingual message and exit 1, without a stack trace.
import { ConfigError, loadConfig, type AppConfig } from '../../server/config.js';
import { AppError } from '../../server/domain/errors.js';
import { SeedValidationError } from '../../server/domain/seeds.js';
import { openStore } from '../../server/plugins/store.js';
import type { GraphStore } from '../../server/store/GraphStore.js';

export function die(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

export function describeError(e: unknown): string {
  if (e instanceof AppError) return `${e.messageZh}\n${e.messageEn}`;
  if (e instanceof ConfigError || e instanceof SeedValidationError) return e.message;
  return (e as Error).stack ?? String(e);
}

/** Runs `fn` with the configured store open, and closes it after. */
export async function withStore<T>(fn: (store: GraphStore, config: AppConfig) => Promise<T>): Promise<T> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    die(describeError(e));
  }
  let store: GraphStore;
  try {
    store = await openStore(config);
  } catch (e) {
    die(`无法打开存储 / cannot open the store:\n${describeError(e)}`);
  }
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}
