// The Neo4j store's cache of home firms (server/store/neo4j/localFirms.ts,
// HomeFirmsCache): one entry per home region, valid for one data version,
// readable once its load has ended (calls meanwhile wait for the load); a load that failed, found another data
// version (null) or overlapped a write (the store's write generation moved
// before it ended) is not kept; at most `capacity` home regions, least
// recently used out. Pure: the loads are promises the test settles itself.
import { describe, expect, it } from 'vitest';
import { HomeFirmsCache, type HomeFirms } from '../../server/store/neo4j/localFirms.js';

const data = (): HomeFirms => ({ firms: [] });

function deferred() {
  let resolve!: (v: HomeFirms | null) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<HomeFirms | null>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('HomeFirmsCache', () => {
  it('gives the firms for their home region and version once loaded; another version drops them', async () => {
    const cache = new HomeFirmsCache(4);
    const d = data();
    const load = deferred();
    cache.load('home', 7, load.promise, 0, () => 0);
    expect(cache.loading('home')).toBe(true);
    expect(cache.get('home', 7)).toBeNull(); // still loading: the caller reads its own part
    load.resolve(d);
    await cache.idle();
    expect(cache.loading('home')).toBe(false);
    expect(cache.get('other', 7)).toBeNull();
    expect(cache.get('home', 7)).toBe(d);
    expect(cache.get('home', 7)).toBe(d); // still there
    expect(cache.get('home', 8)).toBeNull(); // the data moved on: the old entry goes
    expect(cache.get('home', 7)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('gives a running load to the calls of its data version: the firms once kept, null when not kept', async () => {
    const cache = new HomeFirmsCache(4);
    let generation = 0;
    const d = data();
    const kept = deferred();
    cache.load('home', 1, kept.promise, 0, () => generation);
    expect(cache.pending('home', 2)).toBeNull(); // another version
    const waiting = cache.pending('home', 1)!;
    kept.resolve(d);
    expect(await waiting).toBe(d);
    expect(cache.pending('home', 1)).toBeNull(); // loaded: get gives it
    expect(cache.get('home', 1)).toBe(d);

    const overlapped = deferred();
    cache.load('home', 2, overlapped.promise, 0, () => generation);
    const waiting2 = cache.pending('home', 2)!;
    generation++;
    overlapped.resolve(data());
    expect(await waiting2).toBeNull(); // the caller reads its own part

    const failed = deferred();
    cache.load('home', 3, failed.promise, 1, () => generation);
    const waiting3 = cache.pending('home', 3)!;
    failed.reject(new Error('lost connection'));
    expect(await waiting3).toBeNull();
  });

  it('does not keep a load that overlapped a write (the generation moved before it ended)', async () => {
    const cache = new HomeFirmsCache(4);
    let generation = 3;
    const load = deferred();
    cache.load('home', 1, load.promise, 3, () => generation);
    generation++; // a write through the store while the load runs
    load.resolve(data());
    await cache.idle();
    expect(cache.get('home', 1)).toBeNull();
    expect(cache.loading('home')).toBe(false); // the next call may start another
  });

  it('does not register a load started before a write that has already happened', () => {
    const cache = new HomeFirmsCache(4);
    cache.load('home', 1, Promise.resolve(data()), 3, () => 4);
    expect(cache.loading('home')).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('does not keep a load that found another data version (null)', async () => {
    const cache = new HomeFirmsCache(4);
    cache.load('home', 1, Promise.resolve(null), 0, () => 0);
    await cache.idle();
    expect(cache.get('home', 1)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('drops a failed load (the next call loads again)', async () => {
    const cache = new HomeFirmsCache(4);
    const load = deferred();
    cache.load('home', 1, load.promise, 0, () => 0);
    load.reject(new Error('lost connection'));
    await cache.idle(); // and no unhandled rejection
    expect(cache.get('home', 1)).toBeNull();
    expect(cache.loading('home')).toBe(false);
  });

  it('an older load of the same home region ending late does not drop the newer entry', async () => {
    const cache = new HomeFirmsCache(4);
    let generation = 0;
    const old = deferred();
    cache.load('home', 1, old.promise, 0, () => generation);
    generation = 1;
    cache.clear(); // as the store does on a write
    const fresh = data();
    cache.load('home', 2, Promise.resolve(fresh), 1, () => generation);
    old.reject(new Error('late failure'));
    await cache.idle();
    expect(cache.get('home', 2)).toBe(fresh);
  });

  it('clear during a load: the load is not kept', async () => {
    const cache = new HomeFirmsCache(4);
    const load = deferred();
    cache.load('home', 1, load.promise, 0, () => 0);
    cache.clear();
    load.resolve(data());
    await cache.idle();
    expect(cache.get('home', 1)).toBeNull();
  });

  it('holds at most `capacity` home regions, the least recently used going first', async () => {
    const cache = new HomeFirmsCache(2);
    const [a, b, c] = [data(), data(), data()];
    cache.load('a', 1, Promise.resolve(a), 0, () => 0);
    cache.load('b', 1, Promise.resolve(b), 0, () => 0);
    await cache.idle();
    expect(cache.get('a', 1)).toBe(a); // a used after b: b is now the oldest
    cache.load('c', 1, Promise.resolve(c), 0, () => 0);
    await cache.idle();
    expect(cache.size).toBe(2);
    expect(cache.get('b', 1)).toBeNull();
    expect(cache.get('a', 1)).toBe(a);
    expect(cache.get('c', 1)).toBe(c);
  });
});
