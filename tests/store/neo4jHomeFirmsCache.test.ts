// The Neo4j store's cache of home firms (server/store/neo4j/localFirms.ts,
// HomeFirmsCache): one entry per home region, valid for one data version; a
// load that overlapped a write (the store's write generation moved before it
// settled) or failed is not kept; at most `capacity` home regions, least
// recently used out. Pure: the loads are promises the test settles itself.
import { describe, expect, it } from 'vitest';
import { HomeFirmsCache, type HomeFirms } from '../../server/store/neo4j/localFirms.js';

const data = (): HomeFirms => ({ firms: [] });

function deferred() {
  let resolve!: (v: HomeFirms) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<HomeFirms>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets the cache's handlers on a settled load run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('HomeFirmsCache', () => {
  it('gives the load back for its home region and version only; another version drops the entry', async () => {
    const cache = new HomeFirmsCache(4);
    const d = data();
    const load = Promise.resolve(d);
    cache.put('home', 7, load, 0, () => 0);
    expect(cache.get('other', 7)).toBeNull();
    expect(await cache.get('home', 7)).toBe(d);
    expect(await cache.get('home', 7)).toBe(d); // still there
    expect(cache.get('home', 8)).toBeNull(); // the data moved on: the old entry goes
    expect(cache.get('home', 7)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('shares a load still running: a second call gets the same promise', () => {
    const cache = new HomeFirmsCache(4);
    const d = deferred();
    cache.put('home', 1, d.promise, 0, () => 0);
    expect(cache.get('home', 1)).toBe(d.promise);
  });

  it('does not keep a load that overlapped a write (the generation moved before it settled)', async () => {
    const cache = new HomeFirmsCache(4);
    let generation = 3;
    const d = deferred();
    cache.put('home', 1, d.promise, 3, () => generation);
    generation++; // a write through the store while the load runs
    d.resolve(data());
    await settle();
    expect(cache.get('home', 1)).toBeNull();
  });

  it('does not keep a load started before a write that has already happened', () => {
    const cache = new HomeFirmsCache(4);
    cache.put('home', 1, Promise.resolve(data()), 3, () => 4);
    expect(cache.get('home', 1)).toBeNull();
  });

  it('keeps a load whose generation did not move', async () => {
    const cache = new HomeFirmsCache(4);
    const d = deferred();
    cache.put('home', 1, d.promise, 3, () => 3);
    d.resolve(data());
    await settle();
    expect(cache.get('home', 1)).toBe(d.promise);
  });

  it('drops a failed load (the next call loads again)', async () => {
    const cache = new HomeFirmsCache(4);
    const d = deferred();
    cache.put('home', 1, d.promise, 0, () => 0);
    d.reject(new Error('lost connection'));
    await expect(d.promise).rejects.toThrow('lost connection');
    await settle();
    expect(cache.get('home', 1)).toBeNull();
  });

  it('a newer entry is not dropped by the older load of the same home region settling', async () => {
    const cache = new HomeFirmsCache(4);
    let generation = 0;
    const old = deferred();
    cache.put('home', 1, old.promise, 0, () => generation);
    generation = 1;
    const fresh = Promise.resolve(data());
    cache.put('home', 2, fresh, 1, () => generation);
    old.reject(new Error('late failure'));
    await old.promise.catch(() => undefined);
    await settle();
    expect(cache.get('home', 2)).toBe(fresh);
  });

  it('holds at most `capacity` home regions, the least recently used going first; clear empties it', () => {
    const cache = new HomeFirmsCache(2);
    const [a, b, c] = [Promise.resolve(data()), Promise.resolve(data()), Promise.resolve(data())];
    cache.put('a', 1, a, 0, () => 0);
    cache.put('b', 1, b, 0, () => 0);
    expect(cache.get('a', 1)).toBe(a); // a used after b: b is now the oldest
    cache.put('c', 1, c, 0, () => 0);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 1)).toBeNull();
    expect(cache.get('a', 1)).toBe(a);
    expect(cache.get('c', 1)).toBe(c);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('a', 1)).toBeNull();
  });
});
