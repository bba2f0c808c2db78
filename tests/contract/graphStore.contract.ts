// The GraphStore contract: every behaviour of the interface that the API and
// the gap finder rely on, with the same expectations for every store
// (embedded.test.ts and neo4j.test.ts run it). The fixture is
// tests/fixtures/contract-seeds; expected numbers are counted by hand below.
//
// Fixture at a glance (HOME = cn-js-wx-xinwu, 新吴区):
//
//   firm                 region            segments (primary first)        notes
//   f.xw-design-a        HOME              ic.design                        rev M
//   f.xw-wafer-a         HOME              ic.wafer                         foreign/kr, rev XL, listed, tags memory 链主, anchor ic
//   f.xw-pack-a          HOME              ic.packaging, iot.module         rev L
//   f.xw-pack-b          HOME              ic.packaging                     rev S
//   f.xw-sensor-a        HOME              iot.sensor
//   f.lx-design-b        cn-js-wx-liangxi  ic.design                        rev S
//   f.wx-materials-a     cn-js-wx (city)   ic.materials
//   f.sz-design-c        cn-js-sz-sip      ic.design, ic.equipment          anchor ic (outside)
//   f.sz-equip-a         cn-js-sz-sip      ic.equipment                     rev L, listed
//   f.sz-platform-a      cn-js-sz (city)   iot.platform
//   f.gd-module-a        cn-gd-sz          iot.module, iot.platform         rev XL, listed, anchor iot
//   f.gd-design-d        cn-gd-sz          ic.design                        rev M
//   91320000MA1ABC1230   cn-js (province)  ic.materials                     a USCC id, no English name (江苏材料)
//   f.jp-equip-b         jp (country)      ic.equipment                     foreign/jp, rev XL, listed, confidence 0.9
//
//   supplies (seed order): jp-equip-b→xw-wafer-a, xw-design-a→xw-wafer-a, sz-equip-a→xw-wafer-a,
//     xw-wafer-a→xw-pack-a, xw-pack-a→gd-module-a, xw-sensor-a→gd-module-a, gd-module-a→sz-platform-a
//   feeds: ic.design→ic.wafer, ic.wafer→ic.packaging, ic.equipment→ic.wafer, ic.materials→ic.wafer,
//     ic.packaging→iot.module (cross-cluster), iot.sensor→iot.module, iot.module→iot.platform
//   projects: p.equip-landing (f.jp-equip-b, ic.equipment), p.materials (91320000MA1ABC1230, ic.materials + ic.wafer)
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../server/domain/errors.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { Firm as FirmSchema, Project as ProjectSchema, type Firm, type FirmInput, type Project } from '../../server/domain/model.js';
import type { GraphStore, ImportBatch, SeedBundle } from '../../server/store/GraphStore.js';

export const HOME = 'cn-js-wx-xinwu';
export const contractBundle = (): SeedBundle => loadSeedDir(join(import.meta.dirname, '../fixtures/contract-seeds'));

export interface StoreHarness {
  /** A store that holds nothing (init already called); may be the same instance each time, wiped. */
  empty(): Promise<GraphStore>;
  dispose(): Promise<void>;
}

const ids = (xs: readonly ({ id: string } | null)[]) => xs.map((x) => x?.id ?? null);

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const outcome = await p.then(
    () => new Error('expected a rejection, got a result'),
    (e: unknown) => e,
  );
  if (!(outcome instanceof AppError)) throw outcome;
  return outcome;
}

const newFirm = (id: string, extra: Partial<FirmInput> = {}): Firm =>
  FirmSchema.parse({
    id,
    nameZh: `测试企业${id}`,
    regionId: HOME,
    ownership: 'private',
    originId: 'cn',
    segments: [{ segmentId: 'ic.equipment', primary: true }],
    sourceId: 'src.contract',
    confidence: 0.5,
    ...extra,
  });

/** Firms in the fixture, sorted by id (code-unit order): the findFirms order. */
const ALL_FIRMS = [
  '91320000MA1ABC1230',
  'f.gd-design-d',
  'f.gd-module-a',
  'f.jp-equip-b',
  'f.lx-design-b',
  'f.sz-design-c',
  'f.sz-equip-a',
  'f.sz-platform-a',
  'f.wx-materials-a',
  'f.xw-design-a',
  'f.xw-pack-a',
  'f.xw-pack-b',
  'f.xw-sensor-a',
  'f.xw-wafer-a',
];

export function runGraphStoreContract(name: string, setup: () => Promise<StoreHarness>): void {
  describe(`GraphStore contract: ${name}`, () => {
    const bundle = contractBundle();
    let harness: StoreHarness;
    let store: GraphStore;

    beforeAll(async () => {
      harness = await setup();
    }, 300_000);
    afterAll(async () => {
      await harness?.dispose();
    });
    beforeEach(async () => {
      store = await harness.empty();
    });

    const seeded = async () => {
      await store.seed(bundle);
      return store;
    };
    const firmCount = async () => (await store.findFirms({}, 0)).totalCount;

    // ================================================================ lifecycle, seeding, round trips

    describe('seed', () => {
      it('an empty store is empty, at data version 0, and knows no cluster', async () => {
        expect(await store.isEmpty()).toBe(true);
        expect(await store.dataVersion()).toBe(0);
        expect(await store.listClusters()).toEqual([]);
        expect(await store.analysisInput('ic', HOME)).toBeNull();
        expect(await firmCount()).toBe(0);
      });

      it('loads every record in seed order and bumps the data version once', async () => {
        await seeded();
        expect(await store.isEmpty()).toBe(false);
        expect(await store.dataVersion()).toBe(1);
        expect(ids(await store.listClusters())).toEqual(['ic', 'iot']);
        expect(ids(await store.listSegments())).toEqual([
          'ic.design', 'ic.wafer', 'ic.packaging', 'ic.equipment', 'ic.materials', 'iot.sensor', 'iot.module', 'iot.platform',
        ]);
        expect(await firmCount()).toBe(14);
        expect((await store.listSupplies()).length).toBe(7);
        expect((await store.listAnchors()).length).toBe(3);
        expect(ids(await store.listProjects())).toEqual(['p.equip-landing', 'p.materials']);
      });

      it('is idempotent: seeding twice changes nothing, not even the data version', async () => {
        await seeded();
        const before = {
          clusters: await store.listClusters(),
          segments: await store.listSegments(),
          feeds: await store.listFeeds(),
          regions: await store.listRegions(),
          supplies: await store.listSupplies(),
          anchors: await store.listAnchors(),
          projects: await store.listProjects(),
          firms: (await store.findFirms({}, 100)).items,
        };
        await store.seed(bundle);
        expect(await store.dataVersion()).toBe(1);
        expect({
          clusters: await store.listClusters(),
          segments: await store.listSegments(),
          feeds: await store.listFeeds(),
          regions: await store.listRegions(),
          supplies: await store.listSupplies(),
          anchors: await store.listAnchors(),
          projects: await store.listProjects(),
          firms: (await store.findFirms({}, 100)).items,
        }).toEqual(before);
      });

      it('never overwrites a record a user has edited since', async () => {
        await seeded();
        const edited = { ...(await store.getFirms(['f.xw-pack-b']))[0]!, nameZh: '用户改过的名字' };
        await store.upsertFirm(edited);
        await store.seed(bundle);
        expect((await store.getFirms(['f.xw-pack-b']))[0]!.nameZh).toBe('用户改过的名字');
        expect(await store.dataVersion()).toBe(2);
      });

      it('records round-trip exactly (optional fields, lists, bands, provenance, project history)', async () => {
        await seeded();
        expect(await store.listRegions()).toEqual(bundle.regions);
        expect(await store.listSources()).toEqual(bundle.sources);
        expect(await store.listClusters()).toEqual(bundle.clusters);
        expect(await store.listSegments()).toEqual(bundle.segments);
        expect(await store.listFeeds()).toEqual(bundle.feeds);
        expect(await store.listSupplies()).toEqual(bundle.supplies);
        expect(await store.listAnchors()).toEqual(bundle.anchors);
        expect(await store.getCluster('iot')).toEqual(bundle.clusters[1]);
        expect(await store.getCluster('nope')).toBeNull();
        const byId = new Map(bundle.firms.map((f) => [f.id, f]));
        expect(await store.getFirms(ALL_FIRMS)).toEqual(ALL_FIRMS.map((id) => byId.get(id)));
        const wafer = (await store.getFirms(['f.xw-wafer-a']))[0]!;
        expect(wafer.tags).toEqual(['memory', '链主']);
        expect(wafer.uscc).toBe('91320200MA1XY7K80D');
        expect(wafer.employeesBand).toBe('L');
        const pack = (await store.getFirms(['f.xw-pack-a']))[0]!;
        expect(pack.segments).toEqual([{ segmentId: 'ic.packaging', primary: true }, { segmentId: 'iot.module', primary: false }]);
        expect(pack.specialized).toBe(true);
        const js = (await store.getFirms(['91320000MA1ABC1230']))[0]!;
        expect('nameEn' in js).toBe(false);
        expect(js.tags).toEqual([]);
        const project = await store.getProject('p.equip-landing');
        expect(project).toEqual(bundle.projects[0]);
        expect(project!.history[0]!.from).toBeNull();
        expect(project!.investmentYi).toBe(12.5);
        expect(await store.getProject('nope')).toBeNull();
        expect(await store.getFirms(['nope', 'f.xw-pack-a'])).toEqual([null, pack]);
      });
    });

    // ================================================================ reads

    describe('reads', () => {
      beforeEach(seeded);

      it('lists segments of a cluster in seed order; looks segments up in the order asked', async () => {
        expect(ids(await store.listSegments('iot'))).toEqual(['iot.sensor', 'iot.module', 'iot.platform']);
        expect(await store.listSegments('nope')).toEqual([]);
        const got = await store.getSegments(['ic.materials', 'nope', 'ic.design']);
        expect(ids(got)).toEqual(['ic.materials', null, 'ic.design']);
        // ic.materials is PART_OF ic.equipment; ic.design carries a published national count.
        expect(got[0]!.parentId).toBe('ic.equipment');
        expect(got[2]!.nationalFirmCount).toBe(3200);
      });

      it('lists FEEDS edges touching given segments, sorted by (from, to)', async () => {
        const feeds = await store.listFeeds(['iot.module']);
        expect(feeds.map((f) => `${f.from}>${f.to}`)).toEqual([
          'ic.packaging>iot.module', 'iot.module>iot.platform', 'iot.sensor>iot.module',
        ]);
        expect(feeds[0]!.weight).toBe(0.3);
        expect(await store.listFeeds(['nope'])).toEqual([]);
      });

      it("lists a firm's supply ties: what it sells, then what it buys, each in insertion order", async () => {
        const ties = await store.listSupplies('f.xw-wafer-a');
        expect(ties.map((t) => `${t.from}>${t.to}`)).toEqual([
          'f.xw-wafer-a>f.xw-pack-a', // sells
          'f.jp-equip-b>f.xw-wafer-a', // buys …
          'f.xw-design-a>f.xw-wafer-a',
          'f.sz-equip-a>f.xw-wafer-a',
        ]);
        expect('segmentId' in ties[3]!).toBe(false);
        expect(await store.listSupplies('nope')).toEqual([]);
      });

      it('lists anchors (链主) per cluster and projects by filter, sorted by id', async () => {
        expect((await store.listAnchors('ic')).map((a) => a.firmId)).toEqual(['f.xw-wafer-a', 'f.sz-design-c']);
        expect((await store.listAnchors('ic'))[1]!.confidence).toBe(0.8);
        expect(ids(await store.listProjects({ clusterId: 'ic' }))).toEqual(['p.equip-landing', 'p.materials']);
        expect(ids(await store.listProjects({ clusterId: 'iot' }))).toEqual([]);
        expect(ids(await store.listProjects({ status: 'lead' }))).toEqual(['p.materials']);
        expect(ids(await store.listProjects({ segmentId: 'ic.wafer' }))).toEqual(['p.materials']);
        expect(ids(await store.listProjects({ firmId: 'f.jp-equip-b' }))).toEqual(['p.equip-landing']);
        expect(ids(await store.listProjects({ firmId: 'f.jp-equip-b', status: 'lead' }))).toEqual([]);
      });

      it('gives firms per segment (a loader batch), optionally only local or only outside ones', async () => {
        const all = await store.firmsBySegments(['ic.design', 'nope', 'ic.design']);
        expect(all.map(ids)).toEqual([
          ['f.gd-design-d', 'f.lx-design-b', 'f.sz-design-c', 'f.xw-design-a'],
          [],
          ['f.gd-design-d', 'f.lx-design-b', 'f.sz-design-c', 'f.xw-design-a'],
        ]);
        const local = await store.firmsBySegments(['ic.packaging', 'ic.design', 'ic.equipment'], { homeRegionId: HOME, local: true });
        expect(local.map(ids)).toEqual([['f.xw-pack-a', 'f.xw-pack-b'], ['f.xw-design-a'], []]);
        const outside = await store.firmsBySegments(['ic.design'], { homeRegionId: HOME, local: false });
        expect(outside.map(ids)).toEqual([['f.gd-design-d', 'f.lx-design-b', 'f.sz-design-c']]);
        // A city as home: liangxi and the city itself are local now.
        const wuxi = await store.firmsBySegments(['ic.design', 'ic.materials'], { homeRegionId: 'cn-js-wx', local: true });
        expect(wuxi.map(ids)).toEqual([['f.lx-design-b', 'f.xw-design-a'], ['f.wx-materials-a']]);
        expect((await rejection(store.firmsBySegments(['ic.design'], { homeRegionId: 'nowhere', local: true }))).code).toBe('BAD_INPUT');
      });
    });

    // ================================================================ findFirms

    describe('findFirms', () => {
      beforeEach(seeded);

      it('pages through all firms by id with opaque cursors', async () => {
        const p1 = await store.findFirms({}, 5);
        expect(ids(p1.items)).toEqual(ALL_FIRMS.slice(0, 5));
        expect(p1).toMatchObject({ hasNextPage: true, totalCount: 14 });
        const p2 = await store.findFirms({}, 5, p1.endCursor);
        expect(ids(p2.items)).toEqual(ALL_FIRMS.slice(5, 10));
        expect(p2.hasNextPage).toBe(true);
        const p3 = await store.findFirms({}, 5, p2.endCursor);
        expect(ids(p3.items)).toEqual(ALL_FIRMS.slice(10));
        expect(p3).toMatchObject({ hasNextPage: false, totalCount: 14 });
        // The last page's cursor leads to an empty page.
        const p4 = await store.findFirms({}, 5, p3.endCursor);
        expect(p4).toEqual({ items: [], endCursor: null, hasNextPage: false, totalCount: 14 });
      });

      it('keeps a cursor valid when firms before it are deleted', async () => {
        const p1 = await store.findFirms({}, 5);
        await store.deleteFirm('f.gd-design-d'); // on page 1
        const p2 = await store.findFirms({}, 5, p1.endCursor);
        expect(ids(p2.items)).toEqual(ALL_FIRMS.slice(5, 10));
        expect(p2.totalCount).toBe(13);
      });

      it('first = 0 counts without items', async () => {
        expect(await store.findFirms({}, 0)).toEqual({ items: [], endCursor: null, hasNextPage: true, totalCount: 14 });
        expect(await store.findFirms({ regionId: 'nowhere' }, 0)).toEqual({ items: [], endCursor: null, hasNextPage: false, totalCount: 0 });
      });

      it('filters by region subtree, across pages', async () => {
        // cn-js-wx = the city + xinwu + liangxi: 5 xinwu firms, lx-design-b, wx-materials-a (at the city itself).
        const expected = ['f.lx-design-b', 'f.wx-materials-a', 'f.xw-design-a', 'f.xw-pack-a', 'f.xw-pack-b', 'f.xw-sensor-a', 'f.xw-wafer-a'];
        const p1 = await store.findFirms({ regionId: 'cn-js-wx' }, 3);
        const p2 = await store.findFirms({ regionId: 'cn-js-wx' }, 3, p1.endCursor);
        const p3 = await store.findFirms({ regionId: 'cn-js-wx' }, 3, p2.endCursor);
        expect([p1, p2, p3].map((p) => ids(p.items))).toEqual([expected.slice(0, 3), expected.slice(3, 6), expected.slice(6)]);
        expect([p1.hasNextPage, p2.hasNextPage, p3.hasNextPage]).toEqual([true, true, false]);
        expect(p3.totalCount).toBe(7);
        // Jiangsu province: all but the two Shenzhen firms and the Japanese one.
        expect((await store.findFirms({ regionId: 'cn-js' }, 0)).totalCount).toBe(11);
        expect((await store.findFirms({ regionId: 'jp' }, 10)).items.map((f) => f.id)).toEqual(['f.jp-equip-b']);
        expect((await store.findFirms({ regionId: 'nowhere' }, 10)).totalCount).toBe(0);
      });

      it('filters by cluster, segment, local / outside the home region', async () => {
        const outsideIc = await store.findFirms({ clusterId: 'ic', homeRegionId: HOME, local: false }, 20);
        expect(ids(outsideIc.items)).toEqual([
          '91320000MA1ABC1230', 'f.gd-design-d', 'f.jp-equip-b', 'f.lx-design-b', 'f.sz-design-c', 'f.sz-equip-a', 'f.wx-materials-a',
        ]);
        expect(ids((await store.findFirms({ clusterId: 'iot', homeRegionId: HOME, local: true }, 20)).items)).toEqual([
          'f.xw-pack-a', 'f.xw-sensor-a',
        ]);
        expect(ids((await store.findFirms({ segmentId: 'ic.equipment' }, 20)).items)).toEqual([
          'f.jp-equip-b', 'f.sz-design-c', 'f.sz-equip-a',
        ]);
        // A segment of one cluster and firms also active in another cluster: only xw-pack-a is in both.
        expect(ids((await store.findFirms({ segmentId: 'iot.module', clusterId: 'ic' }, 20)).items)).toEqual(['f.xw-pack-a']);
        // local without homeRegionId (or the reverse) filters nothing.
        expect((await store.findFirms({ local: true }, 0)).totalCount).toBe(14);
        expect((await rejection(store.findFirms({ homeRegionId: 'nowhere', local: true }, 5))).code).toBe('BAD_INPUT');
      });

      it('filters by ownership, origin, tag and case-insensitive text over names and id', async () => {
        expect(ids((await store.findFirms({ ownership: 'foreign' }, 20)).items)).toEqual(['f.jp-equip-b', 'f.xw-wafer-a']);
        expect(ids((await store.findFirms({ originId: 'kr' }, 20)).items)).toEqual(['f.xw-wafer-a']);
        expect(ids((await store.findFirms({ tag: '链主' }, 20)).items)).toEqual(['f.xw-wafer-a']);
        expect(ids((await store.findFirms({ tag: '链' }, 20)).items)).toEqual([]); // tags match whole
        expect(ids((await store.findFirms({ text: '  XINWU ' }, 20)).items)).toEqual([
          'f.xw-design-a', 'f.xw-pack-a', 'f.xw-pack-b', 'f.xw-sensor-a', 'f.xw-wafer-a',
        ]);
        expect(ids((await store.findFirms({ text: '设计' }, 20)).items)).toEqual(['f.sz-design-c', 'f.xw-design-a']);
        expect(ids((await store.findFirms({ text: '-design-' }, 20)).items)).toEqual([
          'f.gd-design-d', 'f.lx-design-b', 'f.sz-design-c', 'f.xw-design-a',
        ]);
        expect(ids((await store.findFirms({ text: 'abc12' }, 20)).items)).toEqual(['91320000MA1ABC1230']);
        expect((await store.findFirms({ text: '   ' }, 0)).totalCount).toBe(14);
        expect(
          ids((await store.findFirms({ clusterId: 'ic', ownership: 'private', regionId: 'cn-js-sz', text: 'chip' }, 20)).items),
        ).toEqual(['f.sz-design-c']);
      });

      it('rejects bad page sizes and cursors with BAD_INPUT', async () => {
        for (const first of [-1, 1.5, 1001, Number.NaN]) {
          expect((await rejection(store.findFirms({}, first))).code).toBe('BAD_INPUT');
        }
        const e = await rejection(store.findFirms({}, 5, 'not a cursor!'));
        expect(e.code).toBe('BAD_INPUT');
        expect(e.messageZh).toMatch(/游标/);
        expect(e.messageEn).toMatch(/cursor/);
      });
    });

    // ================================================================ search

    describe('search', () => {
      beforeEach(seeded);
      const hits = async (q: string, limit = 10) => (await store.search(q, limit)).map((h) => `${h.kind}:${h.id}`);

      it('finds Chinese substrings: prefix (80) before substring (60)', async () => {
        expect(await store.search('晶圆', 10)).toEqual([
          { kind: 'segment', id: 'ic.wafer', nameZh: '晶圆制造', nameEn: 'Wafer fabrication', clusterId: 'ic' },
          { kind: 'firm', id: 'f.xw-wafer-a', nameZh: '新吴晶圆制造公司', nameEn: 'Xinwu Wafer Fab' },
        ]);
        // Two segments start with 半导体 (80; same length, by id), the firm contains it (60).
        expect(await hits('半导体')).toEqual(['segment:ic.equipment', 'segment:ic.materials', 'firm:f.sz-equip-a']);
        expect(await hits('物联网')).toEqual(['cluster:iot', 'segment:iot.platform']); // exact (100) before prefix (80)
      });

      it('finds English names case-insensitively, ties by kind, then shorter Chinese name, then id', async () => {
        expect(await hits('WAFER')).toEqual(['segment:ic.wafer', 'firm:f.xw-wafer-a']);
        expect(await hits('semiconductor')).toEqual(['segment:ic.equipment', 'segment:ic.materials', 'firm:f.sz-equip-a']);
        // All five start with "Xinwu" (80): 新吴传感 (4 chars), 新吴封测科技 / 新吴先进封装 (6, by id), 8, 10.
        expect(await hits('xinwu')).toEqual([
          'firm:f.xw-sensor-a', 'firm:f.xw-pack-a', 'firm:f.xw-pack-b', 'firm:f.xw-wafer-a', 'firm:f.xw-design-a',
        ]);
        expect(await hits('xinwu', 2)).toEqual(['firm:f.xw-sensor-a', 'firm:f.xw-pack-a']);
      });

      it('finds pinyin: initials (首字母), full pinyin (全拼) on syllable boundaries only', async () => {
        expect(await hits('jcdl')).toEqual(['cluster:ic']); // 集成电路, initials exact (75)
        expect(await hits('jiangsu')).toEqual(['firm:91320000MA1ABC1230']); // 江苏材料, full-pinyin prefix (65)
        // "cailiao" (材料) starts a syllable in bandaoticailiao, jiangsucailiao, wuxicailiao (45).
        expect(await hits('cailiao')).toEqual(['segment:ic.materials', 'firm:91320000MA1ABC1230', 'firm:f.wx-materials-a']);
        expect(await hits('iliao')).toEqual([]); // inside a syllable: no match
      });

      it('returns nothing for blank text or limit 0; rejects bad limits', async () => {
        expect(await store.search('  ', 10)).toEqual([]);
        expect(await store.search('晶圆', 0)).toEqual([]);
        expect(await store.search('nothing-like-this', 10)).toEqual([]);
        for (const limit of [-1, 2.5, 201]) expect((await rejection(store.search('x', limit))).code).toBe('BAD_INPUT');
      });
    });

    // ================================================================ analysis inputs

    describe('analysisInput', () => {
      beforeEach(seeded);

      it('builds the gap finder input of 集成电路 for 新吴区, every number counted in the store', async () => {
        const input = (await store.analysisInput('ic', HOME))!;
        expect(input.cluster).toEqual(bundle.clusters[0]);
        expect(input.homeRegionId).toBe(HOME);
        expect(ids(input.segments)).toEqual(['ic.design', 'ic.wafer', 'ic.packaging', 'ic.equipment', 'ic.materials']);
        // The only FEEDS edge leaving the cluster: ic.packaging → iot.module.
        expect(ids(input.neighborSegments)).toEqual(['iot.module']);
        expect(input.feeds.map((f) => `${f.from}>${f.to}`)).toEqual([
          'ic.design>ic.wafer', 'ic.equipment>ic.wafer', 'ic.materials>ic.wafer', 'ic.packaging>iot.module', 'ic.wafer>ic.packaging',
        ]);
        expect(input.regions).toEqual([...bundle.regions].sort((a, b) => (a.id < b.id ? -1 : 1)));
        // Local firms in ic.* ∪ iot.module; xw-sensor-a (iot.sensor only) is out of scope.
        expect(ids(input.localFirms)).toEqual(['f.xw-design-a', 'f.xw-pack-a', 'f.xw-pack-b', 'f.xw-wafer-a']);
        expect(input.localFirms[1]!.segments.map((s) => s.segmentId)).toEqual(['ic.packaging', 'iot.module']); // all their segments
        // What the gap finder reads of them (LocalFirm), with names only for the firms it names: the only local
        // firm of ic.design, of ic.wafer (also the anchor) and of iot.module; ic.packaging has two (pack-b unnamed).
        expect(input.localFirms).toEqual([
          { id: 'f.xw-design-a', regionId: HOME, segments: [{ segmentId: 'ic.design', primary: true }],
            listed: false, highTech: false, specialized: false, revenueBand: 'M', nameZh: '新吴芯片设计有限公司', nameEn: 'Xinwu Chip Design Co.' },
          { id: 'f.xw-pack-a', regionId: HOME, segments: [{ segmentId: 'ic.packaging', primary: true }, { segmentId: 'iot.module', primary: false }],
            listed: false, highTech: false, specialized: true, revenueBand: 'L', nameZh: '新吴封测科技', nameEn: 'Xinwu Packaging Tech' },
          { id: 'f.xw-pack-b', regionId: HOME, segments: [{ segmentId: 'ic.packaging', primary: true }],
            listed: false, highTech: false, specialized: false, revenueBand: 'S' },
          { id: 'f.xw-wafer-a', regionId: HOME, segments: [{ segmentId: 'ic.wafer', primary: true }],
            listed: true, highTech: true, specialized: false, revenueBand: 'XL', employeesBand: 'L', nameZh: '新吴晶圆制造公司', nameEn: 'Xinwu Wafer Fab' },
        ]);
        expect(input.anchors.map((a) => a.firmId)).toEqual(['f.sz-design-c', 'f.xw-wafer-a']); // sorted by firm id
        expect(ids(input.outsideAnchorFirms)).toEqual(['f.sz-design-c']);
        // Ties bought by local firms of ic.*, sorted by (to, from).
        expect(input.localSupplies).toEqual([
          { from: 'f.xw-wafer-a', to: 'f.xw-pack-a', segmentId: 'ic.wafer', sourceId: 'src.contract', confidence: 0.6,
            supplierRegionId: HOME, supplierSegmentIds: ['ic.wafer'] },
          { from: 'f.jp-equip-b', to: 'f.xw-wafer-a', segmentId: 'ic.equipment', sourceId: 'src.contract', confidence: 0.6,
            supplierRegionId: 'jp', supplierSegmentIds: ['ic.equipment'] },
          { from: 'f.sz-equip-a', to: 'f.xw-wafer-a', sourceId: 'src.contract', confidence: 0.6,
            supplierRegionId: 'cn-js-sz-sip', supplierSegmentIds: ['ic.equipment'] },
          { from: 'f.xw-design-a', to: 'f.xw-wafer-a', segmentId: 'ic.design', sourceId: 'src.contract', confidence: 0.6,
            supplierRegionId: HOME, supplierSegmentIds: ['ic.design'] },
        ]);
        expect(input.segmentCounts).toEqual([
          { segmentId: 'ic.design', total: 4, local: 1 }, // xw-design-a | lx, sz-design-c, gd-design-d outside
          { segmentId: 'ic.wafer', total: 1, local: 1 },
          { segmentId: 'ic.packaging', total: 2, local: 2 },
          { segmentId: 'ic.equipment', total: 3, local: 0 }, // sz-design-c, sz-equip-a, jp-equip-b
          { segmentId: 'ic.materials', total: 2, local: 0 }, // wx-materials-a (city), 江苏材料 (province)
          { segmentId: 'iot.module', total: 2, local: 1 }, // xw-pack-a | gd-module-a
        ]);
        // Firm–segment pairs: 14 firms, three of them in two segments → 17; in HOME: 1+1+2+1+1 = 6.
        expect(input.totals).toEqual({ allPairs: 17, localPairs: 6 });
        // City level: districts count for their city, a firm at a province or country for itself.
        expect(input.regionCounts).toEqual([
          { segmentId: 'ic.design', regionId: 'cn-gd-sz', count: 1 },
          { segmentId: 'ic.design', regionId: 'cn-js-sz', count: 1 },
          { segmentId: 'ic.design', regionId: 'cn-js-wx', count: 2 },
          { segmentId: 'ic.equipment', regionId: 'cn-js-sz', count: 2 },
          { segmentId: 'ic.equipment', regionId: 'jp', count: 1 },
          { segmentId: 'ic.materials', regionId: 'cn-js', count: 1 },
          { segmentId: 'ic.materials', regionId: 'cn-js-wx', count: 1 },
          { segmentId: 'ic.packaging', regionId: 'cn-js-wx', count: 2 },
          { segmentId: 'ic.wafer', regionId: 'cn-js-wx', count: 1 },
          { segmentId: 'iot.module', regionId: 'cn-gd-sz', count: 1 },
          { segmentId: 'iot.module', regionId: 'cn-js-wx', count: 1 },
        ]);
        // sz-design-c (design + equipment), xw-pack-a (packaging + module); gd-module-a's iot.platform is out of scope.
        expect(input.pairCounts).toEqual([
          { a: 'ic.design', b: 'ic.equipment', count: 1 },
          { a: 'ic.packaging', b: 'iot.module', count: 1 },
        ]);
      });

      it('builds the input of 物联网, whose neighbour is an ic segment', async () => {
        const input = (await store.analysisInput('iot', HOME))!;
        expect(ids(input.segments)).toEqual(['iot.sensor', 'iot.module', 'iot.platform']);
        expect(ids(input.neighborSegments)).toEqual(['ic.packaging']);
        expect(input.feeds.map((f) => `${f.from}>${f.to}`)).toEqual([
          'ic.packaging>iot.module', 'iot.module>iot.platform', 'iot.sensor>iot.module',
        ]);
        expect(ids(input.localFirms)).toEqual(['f.xw-pack-a', 'f.xw-pack-b', 'f.xw-sensor-a']);
        expect(input.anchors.map((a) => a.firmId)).toEqual(['f.gd-module-a']);
        expect(ids(input.outsideAnchorFirms)).toEqual(['f.gd-module-a']);
        // Buyers: xw-pack-a (iot.module) and xw-sensor-a (iot.sensor); only xw-pack-a buys.
        expect(input.localSupplies.map((t) => [t.from, t.to, t.supplierRegionId, t.supplierSegmentIds])).toEqual([
          ['f.xw-wafer-a', 'f.xw-pack-a', HOME, ['ic.wafer']],
        ]);
        expect(input.segmentCounts).toEqual([
          { segmentId: 'iot.sensor', total: 1, local: 1 },
          { segmentId: 'iot.module', total: 2, local: 1 },
          { segmentId: 'iot.platform', total: 2, local: 0 },
          { segmentId: 'ic.packaging', total: 2, local: 2 },
        ]);
        expect(input.regionCounts).toEqual([
          { segmentId: 'ic.packaging', regionId: 'cn-js-wx', count: 2 },
          { segmentId: 'iot.module', regionId: 'cn-gd-sz', count: 1 },
          { segmentId: 'iot.module', regionId: 'cn-js-wx', count: 1 },
          { segmentId: 'iot.platform', regionId: 'cn-gd-sz', count: 1 },
          { segmentId: 'iot.platform', regionId: 'cn-js-sz', count: 1 }, // sz-platform-a at the city itself
          { segmentId: 'iot.sensor', regionId: 'cn-js-wx', count: 1 },
        ]);
        expect(input.pairCounts).toEqual([
          { a: 'ic.packaging', b: 'iot.module', count: 1 },
          { a: 'iot.module', b: 'iot.platform', count: 1 },
        ]);
      });

      it('takes the whole subtree when home is a city', async () => {
        const input = (await store.analysisInput('ic', 'cn-js-wx'))!;
        expect(input.segmentCounts.map((c) => c.local)).toEqual([2, 1, 2, 0, 1, 1]); // design: xw + lx; materials: the city firm
        expect(input.totals).toEqual({ allPairs: 17, localPairs: 8 }); // 6 in xinwu + lx-design-b + wx-materials-a
        expect(input.outsideAnchorFirms.map((f) => f.id)).toEqual(['f.sz-design-c']);
      });

      it('answers null for an unknown cluster and BAD_INPUT for an unknown home region', async () => {
        expect(await store.analysisInput('nope', HOME)).toBeNull();
        const e = await rejection(store.analysisInput('ic', 'nowhere'));
        expect(e.code).toBe('BAD_INPUT');
        expect(e.messageEn).toMatch(/nowhere/);
      });
    });

    describe('targetCandidates and segmentRegionCounts', () => {
      beforeEach(seeded);

      it('ranks outside firms: anchors first, then revenue band, listed, …; with ties to local firms (以商引商)', async () => {
        expect(await store.targetCandidates('ic.equipment', HOME, 10)).toEqual([
          {
            firm: bundle.firms.find((f) => f.id === 'f.sz-design-c'), // anchor of ic
            tiesToLocal: [],
            segmentLocalCounts: [
              { segmentId: 'ic.design', clusterId: 'ic', local: 1 },
              { segmentId: 'ic.equipment', clusterId: 'ic', local: 0 },
            ],
          },
          {
            firm: bundle.firms.find((f) => f.id === 'f.jp-equip-b'), // XL
            tiesToLocal: [{ localFirmId: 'f.xw-wafer-a', direction: 'supplies-local' }],
            segmentLocalCounts: [{ segmentId: 'ic.equipment', clusterId: 'ic', local: 0 }],
          },
          {
            firm: bundle.firms.find((f) => f.id === 'f.sz-equip-a'), // L
            tiesToLocal: [{ localFirmId: 'f.xw-wafer-a', direction: 'supplies-local' }],
            segmentLocalCounts: [{ segmentId: 'ic.equipment', clusterId: 'ic', local: 0 }],
          },
        ]);
        const module = await store.targetCandidates('iot.module', HOME, 10);
        expect(module.map((c) => c.firm.id)).toEqual(['f.gd-module-a']); // xw-pack-a is local
        expect(module[0]!.tiesToLocal).toEqual([
          { localFirmId: 'f.xw-pack-a', direction: 'buys-from-local' },
          { localFirmId: 'f.xw-sensor-a', direction: 'buys-from-local' },
        ]);
        expect(module[0]!.segmentLocalCounts).toEqual([
          { segmentId: 'iot.module', clusterId: 'iot', local: 1 },
          { segmentId: 'iot.platform', clusterId: 'iot', local: 0 },
        ]);
      });

      it('caps the list at `limit`, best-known first', async () => {
        // Outside ic.design: sz-design-c (anchor), gd-design-d (M), lx-design-b (S).
        expect((await store.targetCandidates('ic.design', HOME, 2)).map((c) => c.firm.id)).toEqual(['f.sz-design-c', 'f.gd-design-d']);
        expect((await store.targetCandidates('ic.design', HOME, 10)).map((c) => c.firm.id)).toEqual([
          'f.sz-design-c', 'f.gd-design-d', 'f.lx-design-b',
        ]);
        expect(await store.targetCandidates('ic.design', HOME, 0)).toEqual([]);
        // With the city as home, liangxi is local: no longer a candidate.
        expect((await store.targetCandidates('ic.design', 'cn-js-wx', 10)).map((c) => c.firm.id)).toEqual(['f.sz-design-c', 'f.gd-design-d']);
      });

      it('rejects an unknown segment (NOT_FOUND) and home region (BAD_INPUT)', async () => {
        expect((await rejection(store.targetCandidates('nope', HOME, 5))).code).toBe('NOT_FOUND');
        expect((await rejection(store.targetCandidates('ic.design', 'nowhere', 5))).code).toBe('BAD_INPUT');
        expect((await rejection(store.segmentRegionCounts('nope'))).code).toBe('NOT_FOUND');
      });

      it('counts a segment per city-level region, largest first, ties by region id', async () => {
        expect(await store.segmentRegionCounts('ic.design')).toEqual([
          { segmentId: 'ic.design', regionId: 'cn-js-wx', count: 2 },
          { segmentId: 'ic.design', regionId: 'cn-gd-sz', count: 1 },
          { segmentId: 'ic.design', regionId: 'cn-js-sz', count: 1 },
        ]);
        expect(await store.segmentRegionCounts('ic.materials')).toEqual([
          { segmentId: 'ic.materials', regionId: 'cn-js', count: 1 },
          { segmentId: 'ic.materials', regionId: 'cn-js-wx', count: 1 },
        ]);
      });
    });

    // ================================================================ writes

    describe('writes', () => {
      beforeEach(seeded);

      it('upsertFirm inserts a firm, bumps the data version, and the counts follow', async () => {
        const firm = newFirm('f.new-equip', { nameEn: 'New Equipment', revenueBand: 'M', tags: ['新'] });
        await store.upsertFirm(firm);
        expect(await store.dataVersion()).toBe(2);
        expect(await store.getFirms(['f.new-equip'])).toEqual([firm]);
        expect(await firmCount()).toBe(15);
        const input = (await store.analysisInput('ic', HOME))!;
        expect(input.segmentCounts.find((c) => c.segmentId === 'ic.equipment')).toEqual({ segmentId: 'ic.equipment', total: 4, local: 1 });
        expect(input.totals).toEqual({ allPairs: 18, localPairs: 7 });
      });

      it('upsertFirm replaces a firm: region and segments move, its ties and anchors stay', async () => {
        const { revenueBand: _dropped, ...old } = (await store.getFirms(['f.xw-wafer-a']))[0]!;
        const moved: Firm = { ...old, regionId: 'cn-js-wx-liangxi', segments: [{ segmentId: 'ic.packaging', primary: true }] };
        await store.upsertFirm(moved);
        const got = (await store.getFirms(['f.xw-wafer-a']))[0]!;
        expect(got).toEqual(moved);
        expect('revenueBand' in got).toBe(false);
        const input = (await store.analysisInput('ic', HOME))!;
        expect(input.segmentCounts.slice(0, 3)).toEqual([
          { segmentId: 'ic.design', total: 4, local: 1 },
          { segmentId: 'ic.wafer', total: 0, local: 0 },
          { segmentId: 'ic.packaging', total: 3, local: 2 },
        ]);
        expect((await store.listSupplies('f.xw-wafer-a')).length).toBe(4);
        expect((await store.listAnchors('ic')).map((a) => a.firmId)).toEqual(['f.xw-wafer-a', 'f.sz-design-c']);
        expect(ids(input.outsideAnchorFirms)).toEqual(['f.sz-design-c', 'f.xw-wafer-a']);
      });

      it('upsertFirm rejects bad records with BAD_INPUT naming each field, and writes nothing', async () => {
        const e = await rejection(
          store.upsertFirm(newFirm('f.bad', { regionId: 'nowhere', sourceId: 'src.nope', segments: [{ segmentId: 'ic.nope', primary: true }] })),
        );
        expect(e.code).toBe('BAD_INPUT');
        expect(e.fields.map((f) => f.path).sort()).toEqual(['regionId', 'segments.0.segmentId', 'sourceId']);
        expect(e.messageZh).toMatch(/企业/);
        const shape = await rejection(store.upsertFirm({ ...newFirm('f.bad2'), nameZh: '' }));
        expect(shape.code).toBe('BAD_INPUT');
        expect(shape.fields.map((f) => f.path)).toEqual(['nameZh']);
        // A USCC already held by another firm.
        const clash = await rejection(store.upsertFirm(newFirm('f.bad3', { uscc: '91320200MA1XY7K80D' })));
        expect(clash.fields.map((f) => f.path)).toEqual(['uscc']);
        expect(await store.dataVersion()).toBe(1);
        expect(await store.getFirms(['f.bad', 'f.bad2', 'f.bad3'])).toEqual([null, null, null]);
      });

      it('adds, replaces and removes supply ties; the data version moves only on a change', async () => {
        await store.addSupplyTie({ from: 'f.gd-design-d', to: 'f.xw-wafer-a', sourceId: 'src.contract', confidence: 0.4 });
        expect(await store.dataVersion()).toBe(2);
        const design = await store.targetCandidates('ic.design', HOME, 10);
        expect(design.find((c) => c.firm.id === 'f.gd-design-d')!.tiesToLocal).toEqual([
          { localFirmId: 'f.xw-wafer-a', direction: 'supplies-local' },
        ]);
        // Same (from, to) again: the tie is replaced, and keeps its place in the list.
        await store.addSupplyTie({ from: 'f.gd-design-d', to: 'f.xw-wafer-a', segmentId: 'ic.design', sourceId: 'src.policy', confidence: 1 });
        const all = await store.listSupplies();
        expect(all.length).toBe(8);
        expect(all[7]).toEqual({ from: 'f.gd-design-d', to: 'f.xw-wafer-a', segmentId: 'ic.design', sourceId: 'src.policy', confidence: 1 });
        expect(await store.dataVersion()).toBe(3);
        expect(await store.removeSupplyTie('f.gd-design-d', 'f.xw-wafer-a')).toBe(true);
        expect(await store.removeSupplyTie('f.gd-design-d', 'f.xw-wafer-a')).toBe(false);
        expect(await store.dataVersion()).toBe(4);
        expect((await store.listSupplies()).length).toBe(7);
        const self = await rejection(store.addSupplyTie({ from: 'f.xw-pack-a', to: 'f.xw-pack-a', sourceId: 'src.contract', confidence: 1 }));
        expect(self.code).toBe('BAD_INPUT');
        const ghost = await rejection(store.addSupplyTie({ from: 'f.ghost', to: 'f.xw-pack-a', sourceId: 'src.contract', confidence: 1 }));
        expect(ghost.fields.map((f) => f.path)).toEqual(['from']);
        expect(await store.dataVersion()).toBe(4);
      });

      it('sets and unsets anchors (链主), which move a firm to the head of target candidates', async () => {
        await store.setAnchor({ firmId: 'f.lx-design-b', clusterId: 'ic', sourceId: 'src.contract', confidence: 0.7 }, true);
        expect((await store.listAnchors('ic')).map((a) => a.firmId)).toEqual(['f.xw-wafer-a', 'f.sz-design-c', 'f.lx-design-b']);
        // Both anchors; lx-design-b has revenue S, sz-design-c none.
        expect((await store.targetCandidates('ic.design', HOME, 3)).map((c) => c.firm.id)).toEqual([
          'f.lx-design-b', 'f.sz-design-c', 'f.gd-design-d',
        ]);
        expect(await store.dataVersion()).toBe(2);
        await store.setAnchor({ firmId: 'f.lx-design-b', clusterId: 'ic', sourceId: 'src.contract', confidence: 0.7 }, false);
        await store.setAnchor({ firmId: 'f.lx-design-b', clusterId: 'ic', sourceId: 'src.contract', confidence: 0.7 }, false);
        expect(await store.dataVersion()).toBe(3);
        expect((await store.listAnchors('ic')).length).toBe(2);
        const bad = await rejection(store.setAnchor({ firmId: 'f.lx-design-b', clusterId: 'nope', sourceId: 'src.contract', confidence: 1 }, true));
        expect(bad.fields.map((f) => f.path)).toEqual(['clusterId']);
      });

      it('upserts and deletes projects', async () => {
        const project: Project = ProjectSchema.parse({
          id: 'p.new',
          nameZh: '新项目',
          firmId: 'f.gd-module-a',
          segmentIds: ['iot.module', 'iot.platform'],
          status: 'contacted',
          signedOn: '2025-03-01',
          history: [{ at: '2025-02-01T00:00:00Z', by: 'carol', from: null, to: 'contacted' }],
          sourceId: 'src.contract',
          confidence: 0.5,
        });
        await store.upsertProject(project);
        expect(await store.getProject('p.new')).toEqual(project);
        expect(ids(await store.listProjects({ clusterId: 'iot' }))).toEqual(['p.new']);
        const moved = { ...project, segmentIds: ['ic.packaging'], status: 'signed' as const };
        await store.upsertProject(moved);
        expect(ids(await store.listProjects({ clusterId: 'iot' }))).toEqual([]);
        expect(ids(await store.listProjects({ clusterId: 'ic', status: 'signed' }))).toEqual(['p.new']);
        expect(await store.dataVersion()).toBe(3);
        const bad = await rejection(store.upsertProject({ ...project, segmentIds: ['ic.nope'], firmId: 'f.ghost' }));
        expect(bad.fields.map((f) => f.path).sort()).toEqual(['firmId', 'segmentIds.0']);
        expect(await store.deleteProject('p.new')).toBe(true);
        expect(await store.deleteProject('p.new')).toBe(false);
        expect(await store.dataVersion()).toBe(4);
      });

      it('deleteFirm refuses while projects refer to the firm, then removes it with its ties and anchors', async () => {
        const refused = await rejection(store.deleteFirm('f.jp-equip-b'));
        expect(refused.code).toBe('CONFLICT');
        expect(refused.messageEn).toMatch(/p\.equip-landing/);
        expect(await store.dataVersion()).toBe(1);
        await store.deleteProject('p.equip-landing');
        expect(await store.deleteFirm('f.jp-equip-b')).toBe(true);
        expect(await store.getFirms(['f.jp-equip-b'])).toEqual([null]);
        expect((await store.listSupplies('f.xw-wafer-a')).map((t) => t.from)).toEqual(['f.xw-wafer-a', 'f.xw-design-a', 'f.sz-equip-a']);
        expect(await store.deleteFirm('f.sz-design-c')).toBe(true); // an anchor of ic
        expect((await store.listAnchors('ic')).map((a) => a.firmId)).toEqual(['f.xw-wafer-a']);
        expect(await store.dataVersion()).toBe(4);
        expect(await store.deleteFirm('f.sz-design-c')).toBe(false);
        expect(await store.deleteFirm('nope')).toBe(false);
        expect(await store.dataVersion()).toBe(4);
        expect(await firmCount()).toBe(12);
        const input = (await store.analysisInput('ic', HOME))!;
        expect(input.segmentCounts.find((c) => c.segmentId === 'ic.equipment')).toEqual({ segmentId: 'ic.equipment', total: 1, local: 0 });
        expect(input.pairCounts).toEqual([{ a: 'ic.packaging', b: 'iot.module', count: 1 }]);
      });

      const goodBatch = (): ImportBatch => ({
        sources: [{ id: 'src.import', kind: 'import', titleZh: '导入文件 2025-03' }],
        firms: [
          newFirm('f.imp-1', { sourceId: 'src.import', segments: [{ segmentId: 'iot.sensor', primary: true }] }),
          newFirm('f.imp-2', { regionId: 'cn-gd-sz', segments: [{ segmentId: 'iot.platform', primary: true }] }),
        ],
        supplies: [{ from: 'f.imp-1', to: 'f.imp-2', sourceId: 'src.import', confidence: 0.5 }],
        anchors: [{ firmId: 'f.imp-2', clusterId: 'iot', sourceId: 'src.import', confidence: 0.5 }],
        projects: [ProjectSchema.parse({
          id: 'p.imp', nameZh: '导入项目', firmId: 'f.imp-2', segmentIds: ['iot.platform'], status: 'lead', sourceId: 'src.import', confidence: 0.5,
        })],
      });

      it('importBatch writes every row in one step (rows may refer to one another)', async () => {
        await store.importBatch(goodBatch());
        expect(await store.dataVersion()).toBe(2);
        expect(ids(await store.getFirms(['f.imp-1', 'f.imp-2']))).toEqual(['f.imp-1', 'f.imp-2']);
        expect(ids(await store.listSources())).toEqual(['src.contract', 'src.policy', 'src.import']);
        expect(await store.listSupplies('f.imp-1')).toEqual([{ from: 'f.imp-1', to: 'f.imp-2', sourceId: 'src.import', confidence: 0.5 }]);
        expect((await store.listAnchors('iot')).map((a) => a.firmId)).toEqual(['f.gd-module-a', 'f.imp-2']);
        expect(ids(await store.listProjects({ firmId: 'f.imp-2' }))).toEqual(['p.imp']);
        const input = (await store.analysisInput('iot', HOME))!;
        expect(input.segmentCounts.find((c) => c.segmentId === 'iot.sensor')).toEqual({ segmentId: 'iot.sensor', total: 2, local: 2 });
        // An existing firm renamed by a later batch.
        const renamed = { ...(await store.getFirms(['f.imp-1']))[0]!, nameZh: '改名后的导入企业' };
        await store.importBatch({ firms: [renamed] });
        expect((await store.getFirms(['f.imp-1']))[0]).toEqual(renamed);
        expect(await store.dataVersion()).toBe(3);
        await store.importBatch({});
        expect(await store.dataVersion()).toBe(3);
      });

      it('importBatch is all-or-nothing: one bad reference rejects the whole batch and leaves the store unchanged', async () => {
        const batch = goodBatch();
        batch.supplies!.push({ from: 'f.imp-1', to: 'f.ghost', sourceId: 'src.import', confidence: 0.5 });
        const e = await rejection(store.importBatch(batch));
        expect(e.code).toBe('IMPORT_REJECTED');
        expect(e.fields.map((f) => f.path)).toEqual(['supplies.1.to']);
        expect(e.messageZh).toMatch(/未写入任何数据/);
        expect(e.messageEn).toMatch(/nothing was written/);
        expect(await store.dataVersion()).toBe(1);
        expect(await store.getFirms(['f.imp-1', 'f.imp-2'])).toEqual([null, null]);
        expect(ids(await store.listSources())).toEqual(['src.contract', 'src.policy']);
        expect((await store.listSupplies()).length).toBe(7);
        expect((await store.listAnchors('iot')).length).toBe(1);
        expect(await store.getProject('p.imp')).toBeNull();
        // A malformed row (schema) and a duplicate are rejected the same way.
        const dup = goodBatch();
        dup.firms!.push({ ...dup.firms![0]!, nameZh: '重复' });
        expect((await rejection(store.importBatch(dup))).fields.map((f) => f.path)).toEqual(['firms.2']);
        const shape = await rejection(store.importBatch({ firms: [{ id: 'x' } as unknown as Firm] }));
        expect(shape.code).toBe('IMPORT_REJECTED');
        expect(await firmCount()).toBe(14);
      });

      it('stores injection-shaped text verbatim and deletes nothing', async () => {
        const evil = `x'}) DETACH DELETE n //`;
        const evil2 = `"; MATCH (n) DETACH DELETE n`;
        const firm = newFirm(evil, { nameZh: evil2, nameEn: evil, tags: [`'); DROP TABLE firms; --`, '${x}'] });
        await store.upsertFirm(firm);
        expect(await store.getFirms([evil])).toEqual([firm]);
        expect(await firmCount()).toBe(15);
        expect(ids(await store.listClusters())).toEqual(['ic', 'iot']);
        expect((await store.listSupplies()).length).toBe(7);
        expect(ids((await store.findFirms({ text: `'}) DETACH` }, 10)).items)).toEqual([evil]);
        expect(ids((await store.findFirms({ tag: `'); DROP TABLE firms; --` }, 10)).items)).toEqual([evil]);
        expect(await store.search('detach delete n', 10)).toEqual([{ kind: 'firm', id: evil, nameZh: evil2, nameEn: evil }]);
        expect(await store.search(`"; match`, 10)).toEqual([{ kind: 'firm', id: evil, nameZh: evil2, nameEn: evil }]);
        await store.addSupplyTie({ from: evil, to: 'f.xw-wafer-a', sourceId: 'src.contract', confidence: 0.5 });
        expect((await store.listSupplies(evil)).map((t) => t.to)).toEqual(['f.xw-wafer-a']);
        const page = await store.findFirms({}, 20);
        expect(page.items.map((f) => f.id)).toContain(evil);
        // A cursor made from an id full of quotes: every fixture id sorts before "x'…".
        const cursor = (await store.findFirms({ text: 'detach' }, 1)).endCursor;
        expect(await store.findFirms({}, 20, cursor)).toEqual({ items: [], endCursor: null, hasNextPage: false, totalCount: 15 });
        expect(await store.deleteFirm(evil)).toBe(true);
        expect(await firmCount()).toBe(14);
        expect((await store.listSupplies()).length).toBe(7);
        expect(await store.analysisInput('ic', `x'}) RETURN 1 //`).catch((e: AppError) => e.code)).toBe('BAD_INPUT');
      });
    });

    // ================================================================ audit log

    describe('audit log', () => {
      it('appends entries, lists them newest first with a `before` cursor, and does not change the data version', async () => {
        await seeded();
        await store.appendAudit({ at: '2025-03-01T08:00:00Z', actor: 'alice', action: 'upsertFirm', target: 'f.a', detail: '{"x":1}' });
        await store.appendAudit({ at: '2025-03-01T08:01:00Z', actor: 'bob', action: 'deleteFirm', target: 'f.b' });
        await store.appendAudit({ at: '2025-03-01T08:02:00Z', actor: 'carol', action: 'importBatch', target: 'batch-1' });
        const newest = await store.listAudit(2);
        expect(newest.map((a) => a.actor)).toEqual(['carol', 'bob']);
        expect(newest[1]).toEqual({ id: newest[1]!.id, at: '2025-03-01T08:01:00Z', actor: 'bob', action: 'deleteFirm', target: 'f.b' });
        const older = await store.listAudit(10, newest[1]!.id);
        expect(older).toEqual([{ id: older[0]!.id, at: '2025-03-01T08:00:00Z', actor: 'alice', action: 'upsertFirm', target: 'f.a', detail: '{"x":1}' }]);
        expect(newest[0]!.id).toBeGreaterThan(newest[1]!.id);
        expect(newest[1]!.id).toBeGreaterThan(older[0]!.id);
        expect(await store.dataVersion()).toBe(1);
        expect((await rejection(store.appendAudit({ at: 'now', actor: '', action: 'x', target: 'y' }))).fields.map((f) => f.path)).toEqual(['actor']);
        expect((await rejection(store.listAudit(1001))).code).toBe('BAD_INPUT');
        expect(await store.listAudit(0)).toEqual([]);
      });
    });
  });
}
