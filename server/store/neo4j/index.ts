// Entry point of the Neo4j store, imported by the server only when STORE=neo4j.
import { Neo4jStore } from './Neo4jStore.js';
import type { Neo4jConnectionConfig } from './session.js';
import { AppError } from '../../domain/errors.js';

export { Neo4jStore, type Neo4jConnectionConfig };

/**
 * Accepts the connection settings themselves, or the app configuration that
 * holds them under `neo4j` (server/config.ts: NEO4J_URI, NEO4J_USER,
 * NEO4J_PASSWORD, NEO4J_DATABASE). Call `init()` before use.
 */
export function createNeo4jStore(config: Neo4jConnectionConfig | { neo4j?: Neo4jConnectionConfig | undefined }): Neo4jStore {
  const connection = 'uri' in config ? config : config.neo4j;
  if (!connection?.uri) {
    throw new AppError('STORE_UNAVAILABLE', 'STORE=neo4j 时必须设置 NEO4J_URI', 'NEO4J_URI is required when STORE=neo4j');
  }
  return new Neo4jStore(connection);
}
