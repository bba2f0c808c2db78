// The GraphQL API over HTTP (app.inject) on the real app: exact values on the
// hand-made graph of tests/fixtures/seeds, and invariants that hold for any
// valid graph-seeds/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig, type AppConfig } from '../../server/config.js';
import { AppError } from '../../server/domain/errors.js';

const root = join(import.meta.dirname, '../..');
const fixtureSeeds = join(root, 'tests/fixtures/seeds');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function testConfig(env: Record<string, string> = {}): AppConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-api-'));
  dirs.push(dataDir);
  return loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }, root);
}

interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; messageZh: string; messageEn: string } }[];
  raw: string;
}

async function gql<T = any>(app: FastifyInstance, query: string, variables?: object): Promise<GqlResponse<T>> {
  const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } });
  const body = res.json() as { data: T | null; errors?: GqlResponse['errors'] };
  return { status: res.statusCode, data: body.data, errors: body.errors, raw: res.body };
}

describe('GraphQL on the hand-made fixture graph', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = buildApp(testConfig({ SEEDS_DIR: fixtureSeeds }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('GET /healthz reports the store and its data version (1 = the seed transaction)', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    // `building` lists background work (the search index) in the first second after start-up
    const { building, ...rest } = res.json() as { building?: string[] };
    expect(rest).toEqual({ status: 'ok', store: 'embedded', dataVersion: 1 });
    expect(building === undefined || (Array.isArray(building) && building.every((b) => b === 'search-index'))).toBe(true);
  });

  it('lists clusters in the plan\'s order (物联网 before 集成电路) with their segments in chain order', async () => {
    const r = await gql(app, '{ clusters { id nameZh nameEn tier segments { id nameZh nameEn stage } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      clusters: [
        {
          id: 'iot', nameZh: '物联网', nameEn: 'Internet of Things', tier: 'INTERNATIONAL',
          segments: [
            { id: 'iot.module', nameZh: '通信模组', nameEn: 'Communication modules', stage: 'MIDSTREAM' },
            { id: 'iot.app', nameZh: '物联网应用', nameEn: 'IoT applications', stage: 'DOWNSTREAM' },
          ],
        },
        {
          id: 'ic', nameZh: '集成电路', nameEn: 'Integrated Circuits', tier: 'INTERNATIONAL',
          segments: [
            { id: 'ic.design', nameZh: '芯片设计', nameEn: 'Chip design', stage: 'UPSTREAM' },
            { id: 'ic.fab', nameZh: '晶圆制造', nameEn: 'Wafer fabrication', stage: 'MIDSTREAM' },
            { id: 'ic.packaging', nameZh: '封装测试', nameEn: 'Packaging and test', stage: 'DOWNSTREAM' },
            { id: 'ic.equipment', nameZh: '半导体设备', nameEn: 'Semiconductor equipment', stage: 'SUPPORT' },
          ],
        },
      ],
    });
    expect((await gql(app, '{ clusters(tier: INTERNATIONAL) { id } }')).data).toEqual({ clusters: [{ id: 'iot' }, { id: 'ic' }] });
    expect((await gql(app, '{ clusters(tier: HIGH_GROWTH) { id } }')).data).toEqual({ clusters: [] });
  });

  it('answers cluster(id) with anchors, and null for an unknown id', async () => {
    const r = await gql(app, '{ cluster(id: "ic") { nameZh anchors { id } source { id kind } confidence } nope: cluster(id: "nope") { id } }');
    expect(r.data).toEqual({
      cluster: { nameZh: '集成电路', anchors: [{ id: 'sh-fab' }, { id: 'wx-fab' }], source: { id: 'src.test', kind: 'compiled' }, confidence: 0.5 },
      nope: null,
    });
  });

  it('answers segment(id) with firms, feeds and fedBy, across clusters', async () => {
    const r = await gql(
      app,
      `{ fab: segment(id: "ic.fab") { firms { id nameZh } feeds { id } fedBy { id } cluster { id } }
         pack: segment(id: "ic.packaging") { feeds { id clusterId } flowsOut { from { id } to { id } weight } }
         module: segment(id: "iot.module") { fedBy { id } local: firms(local: true) { id } outside: firms(local: false) { id } }
         none: segment(id: "ic.nothing") { id } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      fab: {
        firms: [
          { id: 'sh-fab', nameZh: '上海晶圆有限公司' },
          { id: 'wx-fab', nameZh: '新吴晶圆制造有限公司' },
        ],
        feeds: [{ id: 'ic.packaging' }],
        fedBy: [{ id: 'ic.design' }, { id: 'ic.equipment' }],
        cluster: { id: 'ic' },
      },
      pack: {
        feeds: [{ id: 'iot.module', clusterId: 'iot' }],
        flowsOut: [{ from: { id: 'ic.packaging' }, to: { id: 'iot.module' }, weight: 0.6 }],
      },
      module: { fedBy: [{ id: 'ic.packaging' }], local: [{ id: 'xw-module' }], outside: [{ id: 'sh-design' }] },
      none: null,
    });
  });

  it('answers firm(id) with region, origin, segments and anchor roles', async () => {
    const r = await gql(
      app,
      `{ firm(id: "wx-fab") { id nameZh nameEn ownership listed illustrative local
           region { id nameZh level parent { id level } } origin { id nameZh }
           segments { primary segment { id } } anchorOf { id } tags revenueBand }
         away: firm(id: "jp-equip") { local revenueBand region { level parent { id } } }
         none: firm(id: "nobody") { id } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      firm: {
        id: 'wx-fab', nameZh: '新吴晶圆制造有限公司', nameEn: 'Xinwu Wafer Fab', ownership: 'FOREIGN', listed: false,
        illustrative: false, local: true,
        region: { id: 'cn-js-wx-xinwu', nameZh: '新吴区', level: 'DISTRICT', parent: { id: 'cn-js-wx', level: 'CITY' } },
        origin: { id: 'jp', nameZh: '日本' },
        segments: [{ primary: true, segment: { id: 'ic.fab' } }, { primary: false, segment: { id: 'ic.packaging' } }],
        anchorOf: [{ id: 'ic' }],
        tags: [],
        revenueBand: null,
      },
      away: { local: false, revenueBand: 'L', region: { level: 'COUNTRY', parent: null } },
      none: null,
    });
  });

  it('answers regions and the configured home region', async () => {
    const r = await gql(app, '{ regions { id } homeRegion { id nameZh yrd } region(id: "cn-sh") { nameEn level } }');
    expect((r.data as { regions: unknown[] }).regions).toHaveLength(8);
    expect(r.data).toMatchObject({
      homeRegion: { id: 'cn-js-wx-xinwu', nameZh: '新吴区', yrd: true },
      region: { nameEn: 'Shanghai', level: 'CITY' },
    });
  });

  it('serves GraphiQL', async () => {
    const res = await app.inject({ method: 'GET', url: '/graphiql' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('GraphQL errors: code + Chinese and English message, never a stack', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = buildApp(testConfig({ SEEDS_DIR: fixtureSeeds }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('a query that does not validate → 400 BAD_INPUT', async () => {
    const r = await gql(app, '{ clusters { nope } }');
    expect(r.status).toBe(400);
    expect(r.errors).toEqual([
      expect.objectContaining({
        message: 'Cannot query field "nope" on type "Cluster".',
        extensions: {
          code: 'BAD_INPUT',
          messageZh: '请求无效:Cannot query field "nope" on type "Cluster".',
          messageEn: 'Cannot query field "nope" on type "Cluster".',
        },
      }),
    ]);
  });

  it('a syntax error and a body that is not JSON → BAD_INPUT', async () => {
    expect((await gql(app, '{ clusters { id ')).errors![0]!.extensions.code).toBe('BAD_INPUT');
    const res = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{"query": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].extensions.code).toBe('BAD_INPUT');
  });

  it('an AppError from a resolver keeps its code and both messages', async () => {
    const r = await gql(app, `{ firm(id: "${'x'.repeat(201)}") { id } }`);
    expect(r.status).toBe(200);
    expect(r.errors).toEqual([
      {
        message: 'id too long (at most 200 characters)',
        locations: [{ line: 1, column: 3 }],
        path: ['firm'],
        extensions: {
          code: 'BAD_INPUT',
          messageZh: '编号过长(最多 200 个字符)',
          messageEn: 'id too long (at most 200 characters)',
          fields: [{ path: 'id', messageZh: '最多 200 个字符', messageEn: 'at most 200 characters' }],
        },
      },
    ]);
  });

  it('a too-deep query → QUERY_TOO_DEEP', async () => {
    // Single-valued nesting: deep but cheap, so the depth limit (not the cost limit) answers.
    const deep = `{ segment(id: "ic.fab") { ${'parent { '.repeat(12)}id${' }'.repeat(12)} } }`;
    const r = await gql(app, deep);
    expect(r.errors![0]!.extensions.code).toBe('QUERY_TOO_DEEP');
  });

  it('an unexpected error is logged, and the client sees only INTERNAL', async () => {
    const original = app.store.listClusters.bind(app.store);
    app.store.listClusters = async () => {
      throw new Error('SQLITE_CORRUPT at /secret/path/chain-atlas.sqlite');
    };
    try {
      const r = await gql(app, '{ clusters { id } }');
      expect(r.errors).toEqual([
        expect.objectContaining({
          message: 'internal server error',
          extensions: { code: 'INTERNAL', messageZh: '服务器内部错误,请稍后重试', messageEn: 'internal server error; please try again later' },
        }),
      ]);
      expect(r.raw).not.toContain('secret');
      expect(r.raw).not.toContain('stack');
    } finally {
      app.store.listClusters = original;
    }
  });
});

describe('start-up checks', () => {
  it('refuses a HOME_REGION that is not in the graph', async () => {
    const app = buildApp(testConfig({ SEEDS_DIR: fixtureSeeds, HOME_REGION: 'cn-zz-nowhere' }));
    const e = await app.ready().then(() => null, (err: unknown) => err);
    await app.close().catch(() => {});
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).messageEn).toBe('HOME_REGION cn-zz-nowhere is not a region of the graph');
  });

  it('explains a missing seeds directory for an empty store', async () => {
    const app = buildApp(testConfig({ SEEDS_DIR: '/nonexistent/seeds' }));
    const e = await app.ready().then(() => null, (err: unknown) => err);
    await app.close().catch(() => {});
    expect((e as AppError).messageZh).toBe('存储为空,但找不到 graph-seeds 目录:/nonexistent/seeds(请检查 SEEDS_DIR)');
  });

  it('with SEED_ON_START=false an empty store is not seeded: start-up stops and says how to seed', async () => {
    const app = buildApp(testConfig({ SEEDS_DIR: fixtureSeeds, SEED_ON_START: 'false' }));
    const e = await app.ready().then(() => null, (err: unknown) => err);
    await app.close().catch(() => {});
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('STORE_UNAVAILABLE');
    expect((e as AppError).messageEn).toContain('SEED_ON_START=false');
  });

  it('STORE=neo4j fails clearly while the Neo4j store module is absent or cannot connect', async () => {
    const app = buildApp(testConfig({ STORE: 'neo4j', NEO4J_URI: 'bolt://127.0.0.1:1' }));
    const e = await app.ready().then(() => null, (err: unknown) => err);
    await app.close().catch(() => {});
    // Whichever way it fails (module not built yet, or no server on port 1), it is a clear STORE_UNAVAILABLE.
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('STORE_UNAVAILABLE');
    expect((e as AppError).messageZh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('GraphQL on the real graph-seeds/ (holds for any valid seeds)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = buildApp(testConfig());
    await app.ready();
  });
  afterAll(() => app.close());

  it('has the 12 clusters of the plan, each with its tier and segments', async () => {
    const r = await gql<{ clusters: { id: string; nameZh: string; tier: string; segments: { id: string; stage: string }[] }[] }>(
      app,
      '{ clusters { id nameZh tier segments { id stage } } }',
    );
    expect(r.errors).toBeUndefined();
    const clusters = r.data!.clusters;
    expect(clusters).toHaveLength(12);
    const byName = Object.fromEntries(clusters.map((c) => [c.nameZh, c.tier]));
    for (const name of ['物联网', '集成电路', '高端装备', '电子元器件', '汽车零部件']) expect(byName[name]).toBe('INTERNATIONAL');
    for (const name of ['新材料', '高端软件', '生物医药及医疗器械', '节能环保', '新能源']) expect(byName[name]).toBe('NATIONAL');
    for (const name of ['5G', '人工智能']) expect(byName[name]).toBe('HIGH_GROWTH');
    for (const c of clusters) expect(c.segments.length).toBeGreaterThanOrEqual(8);
  });

  it('every FEEDS edge joins existing segments, seen from both ends; every listed firm resolves', async () => {
    const r = await gql<{ clusters: { segments: { id: string; feeds: { id: string }[]; fedBy: { id: string }[]; firms: { id: string }[] }[] }[] }>(
      app,
      '{ clusters { segments { id feeds { id } fedBy { id } firms { id } } } }',
    );
    expect(r.errors).toBeUndefined();
    const segments = r.data!.clusters.flatMap((c) => c.segments);
    const ids = new Set(segments.map((s) => s.id));
    const out = new Set<string>();
    const inn = new Set<string>();
    let edges = 0;
    for (const s of segments) {
      for (const t of s.feeds) {
        expect(ids.has(t.id), `${s.id} feeds unknown ${t.id}`).toBe(true);
        out.add(`${s.id}>${t.id}`);
        edges++;
      }
      for (const f of s.fedBy) inn.add(`${f.id}>${s.id}`);
    }
    expect(edges).toBeGreaterThan(0);
    expect(inn).toEqual(out);

    const firmIds = [...new Set(segments.flatMap((s) => s.firms.map((f) => f.id)))];
    expect(firmIds.length).toBeGreaterThan(0);
    const q = `{ ${firmIds.slice(0, 50).map((id, i) => `f${i}: firm(id: ${JSON.stringify(id)}) { id region { id } }`).join(' ')} }`;
    const firms = await gql<Record<string, { id: string; region: { id: string } } | null>>(app, q);
    expect(firms.errors).toBeUndefined();
    for (const f of Object.values(firms.data!)) expect(f?.region.id).toBeTruthy();
  });

  it('knows the default home region 新吴区', async () => {
    const r = await gql<{ homeRegion: { id: string; nameZh: string; level: string; parent: { nameZh: string } } }>(
      app,
      '{ homeRegion { id nameZh level parent { nameZh } } }',
    );
    expect(r.data!.homeRegion).toMatchObject({ id: 'cn-js-wx-xinwu', level: 'DISTRICT', parent: { nameZh: '无锡市' } });
    expect(r.data!.homeRegion.nameZh).toContain('新吴区');
  });
});
