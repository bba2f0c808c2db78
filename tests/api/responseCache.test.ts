// The response cache (server/graphql/responseCache.ts): whole answers of read-only
// queries, per role and data version. What must hold: a repeat is served without
// touching the data (only the version is read), any write retires it, and nothing
// is shared that should not be: other variables, other roles, errors, mutations,
// queries about who is asking.
import Fastify from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../server/domain/errors.js';
import { registerResponseCache } from '../../server/graphql/responseCache.js';
import type { GraphStore } from '../../server/store/GraphStore.js';
import { countingStore, startTestApp, type TestApp } from './helpers.js';

const calls: string[] = [];
const counting = countingStore((method) => calls.push(method));

const CHAIN = `query M($id: ID!) { chainMap(clusterId: $id) { clusterId nodes { data { id status localFirmCount } } } }`;
const localCount = (r: { data: any }, segment: string) =>
  r.data.chainMap.nodes.find((n: { data: { id: string } }) => n.data.id === segment).data.localFirmCount as number;

describe('GraphQL response cache (public reads)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { wrapStore: counting });
  });
  afterAll(() => t.close());
  beforeEach(() => (calls.length = 0));

  it('serves a repeated query without reading the data, byte for byte the same answer', async () => {
    const first = await t.gql(CHAIN, { id: 'ic' });
    expect(first.errors).toBeUndefined();
    calls.length = 0;
    const again = await t.gql(CHAIN, { id: 'ic' });
    expect(calls).toEqual(['dataVersion']);
    expect(again.raw).toBe(first.raw);
  });

  it('keeps answers apart by variables', async () => {
    const ic = await t.gql(CHAIN, { id: 'ic' });
    const iot = await t.gql(CHAIN, { id: 'iot' });
    expect(ic.data.chainMap.clusterId).toBe('ic');
    expect(iot.data.chainMap.clusterId).toBe('iot');
  });

  it('retires every answer on a write: the next one shows the new firm', async () => {
    const before = await t.gql(CHAIN, { id: 'ic' });
    const n = localCount(before, 'ic.packaging');
    const w = await t.gql(
      `mutation { createFirm(input: { id: "rc-1", nameZh: "缓存测试封测厂", regionId: "cn-js-wx-xinwu", ownership: PRIVATE, segments: [{ segmentId: "ic.packaging" }] }) { id } }`,
      undefined,
      t.tokens.editor,
    );
    expect(w.errors).toBeUndefined();
    calls.length = 0;
    const after = await t.gql(CHAIN, { id: 'ic' });
    expect(localCount(after, 'ic.packaging')).toBe(n + 1);
    expect(calls.length).toBeGreaterThan(1); // computed again, not only the version read
  });

  it('does not keep errors', async () => {
    const a = await t.gql(CHAIN, { id: 'no-such-cluster' });
    expect(a.errors?.length).toBeGreaterThan(0);
    calls.length = 0;
    const b = await t.gql(CHAIN, { id: 'no-such-cluster' });
    expect(b.errors?.length).toBeGreaterThan(0);
    expect(calls.length).toBeGreaterThan(1);
  });

  it('does not keep queries about who asks (viewer) nor mutations', async () => {
    const anon = await t.gql('{ viewer { authenticated } }');
    const admin = await t.gql('{ viewer { authenticated role } }', undefined, t.tokens.admin);
    const anonAgain = await t.gql('{ viewer { authenticated } }');
    expect(anon.raw).toBe(anonAgain.raw);
    expect(admin.data.viewer).toMatchObject({ role: 'ADMIN' });
    // a query mixing a cacheable field with a per-caller one is not kept either
    await t.gql('{ clusters { id } viewer { authenticated } }', undefined, t.tokens.viewer);
    calls.length = 0;
    await t.gql('{ clusters { id } viewer { authenticated } }', undefined, t.tokens.viewer);
    expect(calls).toContain('listClusters');
  });
});

describe('GraphQL response cache: identical misses at once', () => {
  // The store answers findFirms after 40 ms, so requests sent together all miss
  // the cache before the first answer exists.
  let found = 0;
  let failIot = false;
  const slow = (store: Parameters<ReturnType<typeof countingStore>>[0]) =>
    new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop !== 'findFirms' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          found++;
          await new Promise((r) => setTimeout(r, 40));
          if ((args[0] as { clusterId?: string }).clusterId === 'iot' && failIot) throw new AppError('INTERNAL', '测试故障', 'test failure');
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { wrapStore: slow });
  });
  afterAll(() => t.close());

  it('computes them once; every caller gets the same bytes', async () => {
    const FIRMS = `query F($id: ID!) { firms(filter: { clusterId: $id }, first: 5) { totalCount edges { node { id } } } }`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.gql(FIRMS, { id: 'ic' })));
    expect(answers[0]!.errors).toBeUndefined();
    expect(answers[0]!.data.firms.totalCount).toBeGreaterThan(0);
    expect(found).toBe(1);
    for (const a of answers) expect(a.raw).toBe(answers[0]!.raw);
    // other variables are not held back by that flight
    const [iot, ic] = await Promise.all([t.gql(FIRMS, { id: 'iot' }), t.gql(FIRMS, { id: 'ic' })]);
    expect(iot.raw).not.toBe(ic.raw);
    expect(found).toBe(2);
  });

  it('a failed first answer is not handed to the others: each computes its own', async () => {
    const FIRMS = `query F($id: ID!) { firms(filter: { clusterId: $id }, first: 5) { totalCount } }`;
    failIot = true;
    found = 0;
    const answers = await Promise.all(Array.from({ length: 4 }, () => t.gql(FIRMS, { id: 'iot' })));
    failIot = false;
    for (const a of answers) expect(a.errors?.length).toBeGreaterThan(0);
    expect(found).toBe(4);
    // and nothing of the failure was kept
    const ok = await t.gql(FIRMS, { id: 'iot' });
    expect(ok.errors).toBeUndefined();
    expect(found).toBe(5);
  });
});

describe('GraphQL response cache with PUBLIC_READ=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_READ: 'false' });
  });
  afterAll(() => t.close());

  it('never gives an anonymous caller the answer a token holder got', async () => {
    const anon1 = await t.gql(CHAIN, { id: 'ic' });
    expect(anon1.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const viewer = await t.gql(CHAIN, { id: 'ic' }, t.tokens.viewer);
    expect(viewer.errors).toBeUndefined();
    const viewerAgain = await t.gql(CHAIN, { id: 'ic' }, t.tokens.viewer);
    expect(viewerAgain.raw).toBe(viewer.raw);
    const anon2 = await t.gql(CHAIN, { id: 'ic' });
    expect(anon2.data).toBeNull();
    expect(anon2.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});

// The cache on its own, in front of a route that counts what it computes and answers with
// the query text it got: which answers are kept, which are dropped, and that no answer is
// ever served for another query text.
describe('GraphQL response cache: limits and keys', () => {
  async function cachedApp(options: { maxEntries?: number }) {
    const app = Fastify();
    const computed: string[] = [];
    app.decorate('store', { dataVersion: async () => 1 } as unknown as GraphStore);
    registerResponseCache(app, options);
    app.post('/graphql', async (request) => {
      const { query } = request.body as { query: string };
      computed.push(query);
      return { data: { query } };
    });
    await app.ready();
    const ask = async (query: string) => {
      const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query } });
      return (res.json() as { data: { query: string } }).data.query;
    };
    return { app, computed, ask };
  }
  const A = '{ clusters { id } }';
  const B = '{ regions { id } }';
  const C = '{ sources { id } }';

  it('drops the answer least recently used, not the one kept first', async () => {
    const { app, computed, ask } = await cachedApp({ maxEntries: 2 });
    try {
      for (const q of [A, B, A, C]) expect(await ask(q)).toBe(q); // A was served after B was kept: B goes for C
      expect(computed).toEqual([A, B, C]);
      expect(await ask(A)).toBe(A);
      expect(computed).toEqual([A, B, C]);
      expect(await ask(B)).toBe(B);
      expect(computed).toEqual([A, B, C, B]);
    } finally {
      await app.close();
    }
  });

  it('never serves one query text the answer of another, also after it forgot which texts it had seen', async () => {
    const { app, computed, ask } = await cachedApp({ maxEntries: 5000 });
    try {
      expect(await ask(A)).toBe(A);
      // 1,000 other texts: the cache's list of seen query texts is emptied once on the way
      const others = Array.from({ length: 1000 }, (_, i) => `{ cluster(id: "c${i}") { id } }`);
      for (const q of others) expect(await ask(q)).toBe(q);
      expect(await ask(A)).toBe(A);
      for (const q of others.slice(-20)) expect(await ask(q)).toBe(q);
      expect(await ask(B)).toBe(B);
      // the last texts were seen after the list was emptied: their second ask was a hit
      expect(computed.filter((q) => q === others[999]).length).toBe(1);
    } finally {
      await app.close();
    }
  });
});
