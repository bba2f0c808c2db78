// Access control over HTTP: every mutation for every role (anonymous, viewer,
// editor, admin), admin-only queries, PUBLIC_READ=false, bad and revoked
// tokens, the plain HTTP routes, and tokens issued and revoked through the API.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenStore } from '../../server/auth/tokenStore.js';
import { codes, startTestApp, type TestApp } from './helpers.js';

type Caller = 'anonymous' | 'viewer' | 'editor' | 'admin';
const callers: Caller[] = ['anonymous', 'viewer', 'editor', 'admin'];
const rank: Record<Caller, number> = { anonymous: 0, viewer: 1, editor: 2, admin: 3 };

/**
 * Every mutation of the schema with arguments that succeed for a caller allowed
 * to run it. Each is run by each caller on a fresh app, so successes do not
 * interfere; tests/api/introspection.test.ts checks this list is complete.
 */
export const mutationCases: Record<string, { needs: 'editor' | 'admin'; query: string }> = {
  createFirm: { needs: 'editor', query: 'mutation { createFirm(input: { id: "t-1", nameZh: "测试", regionId: "cn-js-wx-xinwu", ownership: PRIVATE, segments: [{ segmentId: "ic.fab" }] }) { id } }' },
  updateFirm: { needs: 'editor', query: 'mutation { updateFirm(id: "jy-pack", patch: { listed: true }) { id } }' },
  deleteFirm: { needs: 'editor', query: 'mutation { deleteFirm(id: "js-equip") }' },
  setFirmSegments: { needs: 'editor', query: 'mutation { setFirmSegments(firmId: "jy-pack", segments: [{ segmentId: "ic.fab" }]) { id } }' },
  addFirmSegment: { needs: 'editor', query: 'mutation { addFirmSegment(firmId: "jy-pack", segmentId: "ic.fab") { id } }' },
  removeFirmSegment: { needs: 'editor', query: 'mutation { removeFirmSegment(firmId: "wx-fab", segmentId: "ic.packaging") { id } }' },
  addSupplyTie: { needs: 'editor', query: 'mutation { addSupplyTie(input: { from: "jy-pack", to: "xw-module" }) { confidence } }' },
  removeSupplyTie: { needs: 'editor', query: 'mutation { removeSupplyTie(from: "jp-equip", to: "wx-fab") }' },
  setAnchor: { needs: 'editor', query: 'mutation { setAnchor(firmId: "xw-module", clusterId: "iot") { id } }' },
  createProject: { needs: 'editor', query: 'mutation { createProject(input: { id: "p-t", nameZh: "测试项目", firmId: "sh-fab", segmentIds: ["ic.fab"] }) { id } }' },
  updateProject: { needs: 'editor', query: 'mutation { updateProject(id: "p-seed", patch: { owner: "王五" }) { id } }' },
  moveProject: { needs: 'editor', query: 'mutation { moveProject(id: "p-seed", to: CONTACTED) { id } }' },
  deleteProject: { needs: 'editor', query: 'mutation { deleteProject(id: "p-seed") }' },
  createToken: { needs: 'admin', query: 'mutation { createToken(name: "新令牌", role: VIEWER) { token } }' },
  revokeToken: { needs: 'admin', query: 'mutation { revokeToken(id: "$VIEWER_ID") { id } }' },
  importFile: {
    needs: 'admin',
    query: `mutation { importFile(kind: FIRMS, filename: "f.csv", contentBase64: "${Buffer.from('id,nameZh\n').toString('base64')}", dryRun: true) { dryRun } }`,
  },
};

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

  it('plain HTTP routes: uploads (POST /import) need an admin; downloads follow PUBLIC_READ', async () => {
    const csv = 'id,nameZh\n';
    const post = (token?: string) =>
      open.app.inject({ method: 'POST', url: '/import?kind=firms&dryRun=true', headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) }, payload: csv });
    expect((await post()).statusCode).toBe(401);
    expect((await post(open.tokens.editor)).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect([200, 422]).toContain((await post(open.tokens.admin)).statusCode);
    expect((await open.app.inject({ method: 'GET', url: '/plan/progress' })).statusCode).not.toBe(401);
    expect((await closed.app.inject({ method: 'GET', url: '/plan/progress' })).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await closed.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
