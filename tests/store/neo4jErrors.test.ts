// The Neo4j store's failures reach callers as AppError with a code and a
// Chinese and English message; the driver's own text stays in `cause` (server
// logs), never in what a client sees. No server needed: nothing listens on
// port 1 of the loopback interface.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/domain/errors.js';
import { createNeo4jStore } from '../../server/store/neo4j/index.js';

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('Neo4j store errors', () => {
  it('an unreachable server is STORE_UNAVAILABLE, naming the URI but not the driver message', async () => {
    const store = createNeo4jStore({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 's3cret-password' });
    const e = await failure(store.init());
    expect(e.code).toBe('STORE_UNAVAILABLE');
    expect(e.messageZh).toContain('bolt://127.0.0.1:1');
    expect(e.messageEn).toBe('cannot reach the Neo4j database at bolt://127.0.0.1:1');
    expect(`${e.message} ${e.messageZh} ${e.messageEn}`).not.toMatch(/ECONNREFUSED|encryption|s3cret/);
    expect(e.cause).toBeDefined();
    await store.close();
  });

  it('a malformed URI and use before init are STORE_UNAVAILABLE too', async () => {
    const bad = createNeo4jStore({ uri: 'http://example.org' });
    expect((await failure(bad.init())).code).toBe('STORE_UNAVAILABLE');
    const idle = createNeo4jStore({ uri: 'bolt://127.0.0.1:1' });
    expect((await failure(idle.listClusters())).code).toBe('STORE_UNAVAILABLE');
    expect(() => createNeo4jStore({})).toThrow(AppError);
  });
});
