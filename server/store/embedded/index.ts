import { EmbeddedStore, type EmbeddedStoreOptions } from './EmbeddedStore.js';

export { EmbeddedStore, type EmbeddedStoreOptions };

/** The default store; call `init()` before use. */
export function createEmbeddedStore(options: EmbeddedStoreOptions): EmbeddedStore {
  return new EmbeddedStore(options);
}
