// Every limit answered with its error code, over HTTP: query depth, query
// cost, page size, body size, rate limit (per token, else per IP); CORS and
// security headers; malformed bodies and variables; no internals leak.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../server/store/GraphStore.js';
import { codes, startTestApp, type TestApp } from './helpers.js';

describe('query limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MAX_QUERY_DEPTH: '6', MAX_QUERY_COST: '2000' });
  });
  afterAll(() => t.close());

  it('depth: QUERY_TOO_DEEP above MAX_QUERY_DEPTH', async () => {
    const ok = await t.gql(`{ segment(id: "ic.fab") { ${'parent { '.repeat(4)}id${' }'.repeat(4)} } }`);
    expect(ok.errors).toBeUndefined();
    const deep = await t.gql(`{ segment(id: "ic.fab") { ${'parent { '.repeat(6)}id${' }'.repeat(6)} } }`);
    expect(codes(deep)).toEqual(['QUERY_TOO_DEEP']);
    expect(deep.errors![0]!.extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('cost: QUERY_TOO_COSTLY above MAX_QUERY_COST, counting first/limit (literal or variable) as list sizes', async () => {
    // firms(first: 100) × edges(1 + node(1 + segments 10 × (1 + segment 1 + id 1)))… ≈ 100 × 33
    const costly = '{ firms(first: 100) { edges { node { segments { segment { id nameZh } } } } } }';
    const r = await t.gql(costly);
    expect(codes(r)).toEqual(['QUERY_TOO_COSTLY']);
    expect(r.errors![0]!.extensions.messageEn).toMatch(/^query cost \d+ exceeds the limit of 2000/);
    expect((await t.gql('{ firms(first: 5) { edges { node { segments { segment { id nameZh } } } } } }')).errors).toBeUndefined();
    const viaVariable = await t.gql('query($n: Int) { firms(first: $n) { edges { node { segments { segment { id nameZh } } } } } }', { n: 100 });
    expect(codes(viaVariable)).toEqual(['QUERY_TOO_COSTLY']);
    // Nested default-size lists multiply: 10 × 10 × 10 × …
    expect(codes(await t.gql('{ clusters { segments { firms { segments { segment { id } } } } } }'))).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('introspection is not counted against the cost limit', async () => {
    const r = await t.gql('{ __schema { types { name fields { name args { name } type { name ofType { name } } } } } }');
    expect(r.errors).toBeUndefined();
  });

  it('page size: first and limit above their caps are BAD_INPUT', async () => {
    expect(codes(await t.gql('{ firms(first: 1000) { totalCount } }'))).toEqual(['BAD_INPUT']);
    expect(codes(await t.gql('{ projects(first: 101) { id } }'))).toEqual(['BAD_INPUT']);
    expect(codes(await t.gql('{ auditLog(first: 101) { pageInfo { hasNextPage } } }', undefined, t.tokens.admin))).toEqual(['BAD_INPUT']);
  });
});

describe('request limits and malformed requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT: '4096' });
  });
  afterAll(() => t.close());

  const post = (payload: string, contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': contentType }, payload });

  it('body over BODY_LIMIT: 413 PAYLOAD_TOO_LARGE, GraphQL-shaped', async () => {
    const res = await post(JSON.stringify({ query: `{ clusters { id } } # ${'x'.repeat(5000)}` }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      data: null,
      errors: [expect.objectContaining({ extensions: { code: 'PAYLOAD_TOO_LARGE', messageZh: '请求体过大(超过 BODY_LIMIT)', messageEn: 'request body too large (over BODY_LIMIT)' } })],
    });
  });

  it.each([
    ['invalid JSON', '{"query": "{ clusters { id } }"', 'application/json', 400, 'the request body is not valid JSON'],
    ['an empty JSON body', '', 'application/json', 400, 'the body is empty but Content-Type is application/json'],
    ['a wrong content type', 'query=1', 'application/x-www-form-urlencoded', 415, 'unsupported Content-Type: send GraphQL requests as application/json'],
  ])('%s → BAD_INPUT with both messages', async (_name, payload, type, status, en) => {
    const res = await post(payload, type);
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_INPUT', messageEn: en });
    expect(body.errors[0].extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    ['no query', JSON.stringify({ variables: {} })],
    ['a syntax error', JSON.stringify({ query: '{ clusters { id ' })],
    ['an unknown field', JSON.stringify({ query: '{ nope }' })],
    ['a variable of the wrong type', JSON.stringify({ query: 'query($n: Int) { firms(first: $n) { totalCount } }', variables: { n: 'ten' } })],
    ['a missing required variable', JSON.stringify({ query: 'query($id: ID!) { firm(id: $id) { id } }', variables: {} })],
    ['variables that are not an object', JSON.stringify({ query: '{ clusters { id } }', variables: 'x' })],
    ['an unknown input field', JSON.stringify({ query: 'query($f: FirmFilter) { firms(filter: $f) { totalCount } }', variables: { f: { nope: 1 } } })],
  ])('%s → BAD_INPUT', async (_name, payload) => {
    const res = await post(payload);
    expect(res.statusCode).toBeGreaterThanOrEqual(200);
    const body = res.json();
    expect(body.data ?? null).toBeNull();
    expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(body.errors.map(() => 'BAD_INPUT'));
    expect(res.body).not.toMatch(/\bat .+\.(js|ts):\d+/);
  });
});

describe('rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED (GraphQL-shaped, Retry-After) past RATE_LIMIT_MAX, per IP and separately per token', async () => {
    for (let i = 0; i < 3; i++) expect((await t.gql('{ clusters { id } }')).status).toBe(200);
    const limited = await t.gql('{ clusters { id } }');
    expect(limited.status).toBe(429);
    expect(codes(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.errors![0]!.extensions.messageZh).toContain('请求过于频繁');
    expect(limited.headers['retry-after']).toBeDefined();
    // Same IP, but a token is its own client.
    expect((await t.gql('{ clusters { id } }', undefined, t.tokens.viewer)).status).toBe(200);
    // Other routes answer in their own shape; /healthz is never limited.
    const plain = await t.app.inject({ method: 'GET', url: '/plan/progress' });
    expect(plain.statusCode).toBe(429);
    expect(plain.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('CORS and security headers', () => {
  let t: TestApp;
  let none: TestApp;
  beforeAll(async () => {
    [t, none] = await Promise.all([startTestApp({ CORS_ORIGINS: 'https://map.example.cn' }), startTestApp()]);
  });
  afterAll(async () => {
    await Promise.all([t.close(), none.close()]);
  });

  it('allows only the configured origins (none by default)', async () => {
    const pre = (app: TestApp, origin: string) =>
      app.app.inject({ method: 'OPTIONS', url: '/graphql', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    const ok = await pre(t, 'https://map.example.cn');
    expect(ok.headers['access-control-allow-origin']).toBe('https://map.example.cn');
    expect(String(ok.headers['access-control-allow-headers'])).toContain('authorization');
    expect((await pre(t, 'https://evil.example.com')).headers['access-control-allow-origin']).toBeUndefined();
    expect((await pre(none, 'https://map.example.cn')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends helmet headers; the web CSP allows only this origin, GraphiQL also unpkg.com', async () => {
    const api = await t.app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ clusters { id } }' } });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['strict-transport-security']).toBeDefined();
    const csp = String(api.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unpkg');
    expect(csp).not.toContain('upgrade-insecure-requests');
    const ide = await t.app.inject({ method: 'GET', url: '/graphiql' });
    expect(ide.statusCode).toBe(200);
    const ideCsp = String(ide.headers['content-security-policy']);
    expect(ideCsp).toContain("script-src 'self' https://unpkg.com");
    expect(ideCsp).toContain("style-src 'self' 'unsafe-inline' https://unpkg.com");
  });
});

describe('no internals leak', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A store whose reads throw a raw driver-like Error.
    const failing = (store: GraphStore): GraphStore =>
      new Proxy(store, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (prop === 'findFirms' || prop === 'upsertFirm') {
            return async () => {
              throw new Error('Neo.ClientError.Statement.SyntaxError at bolt://db:7687 password=hunter2');
            };
          }
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    t = await startTestApp({}, { wrapStore: failing });
  });
  afterAll(() => t.close());

  it('a raw error from the store is INTERNAL, without message or stack', async () => {
    for (const [query, token] of [
      ['{ firms { totalCount } }', null],
      ['mutation { updateFirm(id: "jy-pack", patch: { listed: true }) { id } }', t.tokens.editor],
    ] as const) {
      const r = await t.gql(query, undefined, token);
      expect(codes(r)).toEqual(['INTERNAL']);
      expect(r.errors![0]!.extensions).toEqual({ code: 'INTERNAL', messageZh: '服务器内部错误,请稍后重试', messageEn: 'internal server error; please try again later' });
      expect(r.raw).not.toMatch(/Neo\.|bolt|hunter2|stack|\.ts:\d/);
    }
  });
});
