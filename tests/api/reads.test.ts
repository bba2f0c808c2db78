// Every read of the API over HTTP on the hand-made fixture graph (8 firms,
// 2 clusters, 新吴区 home): exact values worked out from tests/fixtures/seeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ids = (r: { data: any }, field = 'firms') => r.data[field].edges.map((e: { node: { id: string } }) => e.node.id);

describe('firms(filter, first, after): Relay connection', () => {
  it('pages through all firms by id with cursors, totalCount and hasNextPage', async () => {
    const q = 'query($after: String) { firms(first: 3, after: $after) { totalCount edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }';
    const p1 = await t.gql(q);
    expect(p1.errors).toBeUndefined();
    expect(ids(p1)).toEqual(['jp-equip', 'js-equip', 'jy-pack']);
    expect(p1.data.firms.totalCount).toBe(8);
    expect(p1.data.firms.pageInfo).toEqual({ endCursor: p1.data.firms.edges[2].cursor, hasNextPage: true });
    const p2 = await t.gql(q, { after: p1.data.firms.pageInfo.endCursor });
    expect(ids(p2)).toEqual(['sh-design', 'sh-fab', 'wx-chip-design']);
    const p3 = await t.gql(q, { after: p2.data.firms.pageInfo.endCursor });
    expect(ids(p3)).toEqual(['wx-fab', 'xw-module']);
    expect(p3.data.firms.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    ['cluster', { clusterId: 'iot' }, ['sh-design', 'xw-module']],
    ['segment', { segmentId: 'ic.fab' }, ['sh-fab', 'wx-fab']],
    ['region incl. sub-regions (无锡市 → 新吴区, 江阴市)', { regionId: 'cn-js-wx' }, ['jy-pack', 'wx-chip-design', 'wx-fab', 'xw-module']],
    ['local (in HOME_REGION 新吴区)', { local: true }, ['wx-chip-design', 'wx-fab', 'xw-module']],
    ['outside HOME_REGION', { local: false }, ['jp-equip', 'js-equip', 'jy-pack', 'sh-design', 'sh-fab']],
    ['local relative to a given region (上海市)', { local: true, homeRegion: 'cn-sh' }, ['sh-design', 'sh-fab']],
    ['ownership', { ownership: 'FOREIGN' }, ['jp-equip', 'wx-fab']],
    ['origin', { originId: 'jp' }, ['jp-equip', 'wx-fab']],
    ['tag', { tag: 'fabless' }, ['sh-design', 'wx-chip-design']],
    ['text (Chinese name part)', { text: '晶圆' }, ['sh-fab', 'wx-fab']],
    ['several filters at once', { clusterId: 'ic', local: false, ownership: 'PRIVATE' }, ['js-equip', 'jy-pack', 'sh-design']],
  ])('filters by %s', async (_name, filter, expected) => {
    const r = await t.gql('query($f: FirmFilter) { firms(filter: $f, first: 100) { totalCount edges { node { id } } } }', { f: filter });
    expect(r.errors).toBeUndefined();
    expect(ids(r)).toEqual(expected);
    expect(r.data.firms.totalCount).toBe(expected.length);
  });

  it('caps the page size at 100 (BAD_INPUT with the field) and refuses a bad cursor', async () => {
    const big = await t.gql('{ firms(first: 101) { totalCount } }');
    expect(codes(big)).toEqual(['BAD_INPUT']);
    expect(big.errors![0]!.extensions.fields).toEqual([{ path: 'first', messageZh: '须为 1 到 100 之间的整数', messageEn: 'must be an integer from 1 to 100' }]);
    expect(codes(await t.gql('{ firms(first: 0) { totalCount } }'))).toEqual(['BAD_INPUT']);
    expect(codes(await t.gql('{ firms(after: "not-a-cursor") { totalCount } }'))).toEqual(['BAD_INPUT']);
  });
});

describe('other reads', () => {
  it('firm with provenance, ties, projects and anchor roles', async () => {
    const r = await t.gql(`{ firm(id: "wx-fab") { id source { id kind titleZh } confidence illustrative
      supplyTies { from { id } to { id } segment { id } } anchorOf { id } projects { id } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.firm).toMatchObject({ id: 'wx-fab', source: { id: 'src.test', kind: 'compiled' }, illustrative: false, anchorOf: [{ id: 'ic' }], projects: [] });
    expect(r.data.firm.supplyTies).toEqual(
      expect.arrayContaining([
        { from: { id: 'jp-equip' }, to: { id: 'wx-fab' }, segment: { id: 'ic.equipment' } },
        { from: { id: 'sh-design' }, to: { id: 'wx-fab' }, segment: { id: 'ic.design' } },
      ]),
    );
  });

  it('regions as a tree (parent and children), sources, source(id)', async () => {
    const r = await t.gql(`{ region(id: "cn-js-wx") { nameZh level parent { id } children { id level } }
      regions { id } sources { id kind } source(id: "src.test") { titleZh titleEn } none: source(id: "nope") { id } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.region).toEqual({
      nameZh: '无锡市',
      level: 'CITY',
      parent: { id: 'cn-js' },
      children: [
        { id: 'cn-js-wx-xinwu', level: 'DISTRICT' },
        { id: 'cn-js-wx-jiangyin', level: 'DISTRICT' },
      ],
    });
    expect(r.data.regions).toHaveLength(8);
    expect(r.data.sources).toEqual([{ id: 'src.test', kind: 'compiled' }]);
    expect(r.data.source).toEqual({ titleZh: '测试用样例数据', titleEn: 'Test fixture' });
    expect(r.data.none).toBeNull();
  });

  it('search across firms, segments and clusters: Chinese, English, pinyin', async () => {
    const zh = await t.gql('{ search(text: "封装") { kind id segment { nameZh } } }');
    expect(zh.data.search[0]).toEqual({ kind: 'SEGMENT', id: 'ic.packaging', segment: { nameZh: '封装测试' } });
    const en = await t.gql('{ search(text: "Internet of") { kind id cluster { id } } }');
    expect(en.data.search[0]).toEqual({ kind: 'CLUSTER', id: 'iot', cluster: { id: 'iot' } });
    const pinyin = await t.gql('{ search(text: "jingyuan") { kind id firm { id } } }');
    expect(pinyin.data.search.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining(['ic.fab']));
    expect(codes(await t.gql('{ search(text: "x", limit: 51) { id } }'))).toEqual(['BAD_INPUT']);
  });

  it('viewer: who am I', async () => {
    expect((await t.gql('{ viewer { authenticated name role canRead canWrite } }')).data.viewer).toEqual({
      authenticated: false, name: null, role: null, canRead: true, canWrite: false,
    });
    expect((await t.gql('{ viewer { authenticated name role canWrite } }', undefined, t.tokens.editor)).data.viewer).toEqual({
      authenticated: true, name: 'editor', role: 'EDITOR', canWrite: true,
    });
  });
});
