// Access control over HTTP: every mutation for every role (anonymous, viewer,
// editor, admin), admin-only queries, PUBLIC_READ=false, bad and revoked
// tokens, the plain HTTP routes, and tokens issued and revoked through the API.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenStore } from '../../server/auth/tokenStore.js';
import { codes, startTestApp, type TestApp } from './helpers.js';
import { mutationCases } from './mutationCases.js';

type Caller = 'anonymous' | 'viewer' | 'editor' | 'admin';
const callers: Caller[] = ['anonymous', 'viewer', 'editor', 'admin'];
const rank: Record<Caller, number> = { anonymous: 0, viewer: 1, editor: 2, admin: 3 };


describe.each(Object.entries(mutationCases))('mutation %s', (name, { needs, query }) => {
  // A fresh app per caller: what one caller's success wrote cannot fail the next.
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    // A project to update / move / delete.
    await t.gql('mutation { createProject(input: { id: "p-seed", nameZh: "种子项目", firmId: "sh-fab", segmentIds: ["ic.fab"] }) { id } }', undefined, t.tokens.admin);
  });
  afterEach(() => t.close());

  it.each(callers)('as %s', async (caller) => {
    const viewerId = /^ca_([0-9a-f]{12})_/.exec(t.tokens.viewer)![1]!;
    const q = query.replace('$VIEWER_ID', viewerId);
    const before = (await t.gql('{ auditLog(first: 100) { edges { node { id } } } }', undefined, t.tokens.admin)).data.auditLog.edges.length;
    const r = await t.gql(q, undefined, caller === 'anonymous' ? null : t.tokens[caller]);
    if (rank[caller] >= rank[needs]) {
      expect(r.errors).toBeUndefined();
      expect(r.status).toBe(200);
    } else {
      const code = caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect(codes(r)).toEqual([code]);
      expect(r.status).toBe(caller === 'anonymous' ? 401 : 403);
      expect(r.errors![0]!.extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
    const after = (await t.gql('{ auditLog(first: 100) { edges { node { id actor action } } } }', undefined, t.tokens.admin)).data.auditLog.edges;
    if (rank[caller] >= rank[needs] && name !== 'importFile') {
      expect(after).toHaveLength(before + 1);
      expect(after[0].node).toMatchObject({ actor: caller, action: name });
    } else if (rank[caller] < rank[needs]) {
      expect(after).toHaveLength(before);
    }
  });
});

describe('reads and admin queries', () => {
  let open: TestApp;
  let closed: TestApp;
  beforeAll(async () => {
    [open, closed] = await Promise.all([startTestApp(), startTestApp({ PUBLIC_READ: 'false' })]);
  });
  afterAll(async () => {
    await Promise.all([open.close(), closed.close()]);
  });

  it('PUBLIC_READ=true (default): reads need no token', async () => {
    expect((await open.gql('{ clusters { id } }')).errors).toBeUndefined();
  });

  it('PUBLIC_READ=false: reads need a viewer token; viewer {} and introspection stay open', async () => {
    const anon = await closed.gql('{ clusters { id } }');
    expect(codes(anon)).toEqual(['UNAUTHENTICATED']);
    expect(anon.status).toBe(401);
    expect((await closed.gql('{ clusters { id } }', undefined, closed.tokens.viewer)).errors).toBeUndefined();
    expect((await closed.gql('{ viewer { canRead } }')).data).toEqual({ viewer: { canRead: false } });
    expect((await closed.gql('{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it.each(['auditLog(first: 1) { pageInfo { hasNextPage } }', 'apiTokens { id }', 'serverConfig { store }'])('%s is admin-only', async (field) => {
    expect(codes(await open.gql(`{ ${field} }`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await open.gql(`{ ${field} }`, undefined, open.tokens.viewer))).toEqual(['FORBIDDEN']);
    expect(codes(await open.gql(`{ ${field} }`, undefined, open.tokens.editor))).toEqual(['FORBIDDEN']);
    expect((await open.gql(`{ ${field} }`, undefined, open.tokens.admin)).errors).toBeUndefined();
  });

  it('serverConfig shows limits and no secrets', async () => {
    const r = await open.gql('{ serverConfig { store homeRegionId publicRead corsOrigins bodyLimit rateLimitMax rateLimitWindowMs maxQueryDepth maxQueryCost maxPageSize dataVersion } }', undefined, open.tokens.admin);
    expect(r.data.serverConfig).toEqual({
      store: 'embedded', homeRegionId: 'cn-js-wx-xinwu', publicRead: true, corsOrigins: [], bodyLimit: 1048576, rateLimitMax: 600,
      rateLimitWindowMs: 60000, maxQueryDepth: 12, maxQueryCost: 50000, maxPageSize: 100, dataVersion: expect.any(Number),
    });
  });

  it('a malformed, unknown or revoked token is refused even for public reads', async () => {
    for (const header of ['Basic abc', 'Bearer', 'Bearer ca_000000000000_' + 'x'.repeat(43), `Bearer ${open.tokens.editor}x`]) {
      const res = await open.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: header }, payload: { query: '{ clusters { id } }' } });
      expect(res.statusCode).toBe(401);
      expect(res.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('tokens through the API: created once, listed without secret, revoked at once; stored hashed', async () => {
    const c = await open.gql('mutation { createToken(name: "招商中心", role: EDITOR) { token apiToken { id name role revokedAt } } }', undefined, open.tokens.admin);
    const { token, apiToken } = c.data.createToken;
    expect(token).toMatch(/^ca_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ name: '招商中心', role: 'EDITOR', revokedAt: null });
    expect((await open.gql('{ viewer { name role } }', undefined, token)).data.viewer).toEqual({ name: '招商中心', role: 'EDITOR' });
    const list = await open.gql('{ apiTokens { id name role } }', undefined, open.tokens.admin);
    expect(list.data.apiTokens.map((x: { name: string }) => x.name)).toEqual(['viewer', 'editor', 'admin', '招商中心']);
    expect(list.raw).not.toContain(token.slice(20));
    const r = await open.gql(`mutation { revokeToken(id: "${apiToken.id}") { revokedAt } }`, undefined, open.tokens.admin);
    expect(r.data.revokeToken.revokedAt).toMatch(/^\d{4}-/);
    expect(codes(await open.gql('{ clusters { id } }', undefined, token))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await open.gql('mutation { revokeToken(id: "nope") { id } }', undefined, open.tokens.admin))).toEqual(['NOT_FOUND']);
    expect(codes(await open.gql('mutation { createToken(name: "  ", role: VIEWER) { token } }', undefined, open.tokens.admin))).toEqual(['BAD_INPUT']);
    // The file holds SHA-256 hashes only.
    const store = TokenStore.open(open.dataDir);
    expect(store.verify(token)).toBeNull();
    expect(store.verify(open.tokens.admin)).toMatchObject({ name: 'admin' });
    store.close();
  });

  it('plain HTTP routes: uploads (POST /import) need an editor for a dry run, IMPORT_ROLE (admin) to commit; downloads follow PUBLIC_READ', async () => {
    const csv = 'id,nameZh\n';
    const post = (dryRun: boolean, token?: string) =>
      open.app.inject({ method: 'POST', url: `/import?kind=firms&dryRun=${dryRun}`, headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) }, payload: csv });
    expect((await post(true)).statusCode).toBe(401);
    expect((await post(true, open.tokens.viewer)).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect([200, 422]).toContain((await post(true, open.tokens.editor)).statusCode);
    expect((await post(false, open.tokens.editor)).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect([200, 422]).toContain((await post(false, open.tokens.admin)).statusCode);
    const commit = `mutation { importFile(kind: FIRMS, filename: "f.csv", contentBase64: "${Buffer.from(csv).toString('base64')}", dryRun: false) { committed } }`;
    expect(codes(await open.gql(commit, undefined, open.tokens.editor))).toEqual(['FORBIDDEN']);
    expect(codes(await open.gql(commit, undefined, open.tokens.admin))).not.toContain('FORBIDDEN');
    expect((await open.app.inject({ method: 'GET', url: '/plan/progress' })).statusCode).not.toBe(401);
    expect((await closed.app.inject({ method: 'GET', url: '/plan/progress' })).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await closed.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
