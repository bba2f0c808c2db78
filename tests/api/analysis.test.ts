// The gap finder over GraphQL on the real app and the hand-made graph of
// tests/fixtures/seeds (clusters ic + iot, 8 firms). Numbers by hand below.
//
// Home 新吴区. Local firms in ic ∪ {iot.module}: wx-chip-design (design),
// wx-fab (fab + packaging, 链主 of ic), xw-module (iot.module; 链主 of iot, not ic).
// strength: design 1 (one firm → WEAK), fab 1 + 2 = 3 (one firm → WEAK),
// packaging 3 (one firm → WEAK), equipment MISSING, iot.module 1 → WEAK.
// allPairs 11, localPairs 5, every segment has 2 firms in the store:
// RCA of each present segment = (1/5)/(2/11) = 1.1.
// No STRONG/POTENTIAL segment → no weak link.
// Relatedness (0.4 FEEDS, 0.3 φ, 0.3 shared): design–fab 0.7, design–packaging 0.15,
// design–iot.module 0.45, fab–packaging 0.7, fab–iot.module 0.3, packaging–iot.module 0.39, equipment–fab 0.2.
// density: design 0.5, fab 0.85/1.9 = 0.447368, packaging 0.5, equipment 0.5.
// criticality: design 0.4 + 0.2 + 0.2 + 0.2·(1/1.5) = 0.933333; fab 0.4·1.3/1.65 + 0.2·0.65/0.825 + 0.2 + 0.2 = 0.872727;
//   equipment 0.2 + 0.1 + 0.1 + 0.2/3 = 0.466667; packaging 0.4·0.6/1.65 + 0.2·0.3/0.825 = 0.218182.
// feasibility = 0.6·density + 0.4·outside/10: design 0.34, fab 0.308421, packaging 0.34, equipment 0.38.
// priority: 强链 design 69.6, 强链 fab 64.7005, 补链 equipment 43.2, 强链 packaging 26.6909.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { countingStore, startTestApp, type TestApp } from './helpers.js';

const root = join(import.meta.dirname, '../..');
const dirs: string[] = [];

async function gql(app: FastifyInstance, query: string, variables?: object) {
  const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } });
  return res.json() as { data: any; errors?: { message: string; extensions: { code: string; messageZh: string; messageEn: string } }[] };
}

const GAPS = `query ($c: ID!, $r: ID) { gaps(clusterId: $c, region: $r) {
  clusterId homeRegionId homeRegion { id } cluster { id nameZh } noLocalBase
  counts { strong potential weak missing }
  segments { segmentId segment { nameZh stage } status strength singlePointOfFailure rca relatednessDensity quadrant criticality
    localFirmIds localFirms { id nameZh } localAnchorFirmIds outsideFirmCount
    strengthParts { factor value contribution } criticalityParts { factor value weight contribution explanation { code zh en } }
    related { segmentId relatedness presence } reasons { code zh en } }
  neighborSegments { segmentId status }
  weakLinks { from to fromStatus toStatus localSourcingRatio tiesTotal tiesLocal outsideSupplierRegions { regionId ties region { nameZh } } reasons { code zh } }
  links { from to weight weakLink localSourcingRatio tiesTotal tiesLocal }
  actions { kind segmentId segment { id } priority criticality feasibility reasons { code zh en } } } }`;

describe('gap finder GraphQL (fixture graph)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atlas-analysis-api-'));
    dirs.push(dataDir);
    app = buildApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEEDS_DIR: join(root, 'tests/fixtures/seeds') }, root));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('gaps: statuses, RCA, density, criticality and actions as worked by hand', async () => {
    const r = await gql(app, GAPS, { c: 'ic' });
    expect(r.errors).toBeUndefined();
    const g = r.data.gaps;
    expect(g.homeRegionId).toBe('cn-js-wx-xinwu');
    expect(g.counts).toEqual({ strong: 0, potential: 0, weak: 3, missing: 1 });
    expect(g.noLocalBase).toBe(false);
    const s = Object.fromEntries(g.segments.map((x: any) => [x.segmentId, x]));
    expect(g.segments.map((x: any) => x.segmentId)).toEqual(['ic.design', 'ic.fab', 'ic.packaging', 'ic.equipment']);
    expect(s['ic.fab']).toMatchObject({ status: 'WEAK', strength: 3, singlePointOfFailure: true, localFirmIds: ['wx-fab'], localAnchorFirmIds: ['wx-fab'] });
    expect(s['ic.fab'].localFirms).toEqual([{ id: 'wx-fab', nameZh: '新吴晶圆制造有限公司' }]);
    expect(s['ic.equipment']).toMatchObject({ status: 'MISSING', rca: 0, quadrant: 'POSSIBLE_ENTRANT', outsideFirmCount: 2 });
    expect(s['ic.design'].rca).toBeCloseTo(1.1, 10);
    expect(s['ic.design'].relatednessDensity).toBeCloseTo(0.5, 10);
    expect(s['ic.fab'].relatednessDensity).toBeCloseTo(0.85 / 1.9, 10);
    expect(s['ic.design'].criticality).toBeCloseTo(0.4 + 0.2 + 0.2 + 0.2 / 1.5, 10);
    expect(s['ic.fab'].criticality).toBeCloseTo(0.872727, 5);
    expect(s['ic.packaging'].criticality).toBeCloseTo(0.218182, 5);
    expect(s['ic.design'].related.find((x: any) => x.segmentId === 'ic.fab').relatedness).toBeCloseTo(0.7, 10);
    expect(g.neighborSegments).toEqual([{ segmentId: 'iot.module', status: 'WEAK' }]);
    expect(g.weakLinks).toEqual([]);
    expect(g.links).toHaveLength(4);
    expect(g.actions.map((a: any) => [a.kind, a.segmentId])).toEqual([
      ['STRENGTHEN', 'ic.design'], ['STRENGTHEN', 'ic.fab'], ['FILL', 'ic.equipment'], ['STRENGTHEN', 'ic.packaging'],
    ]);
    expect(g.actions.map((a: any) => a.priority)).toEqual([
      expect.closeTo(69.6, 8), expect.closeTo(64.7005, 3), expect.closeTo(43.2, 8), expect.closeTo(26.6909, 3),
    ]);
    expect(g.actions[2].reasons[0]).toMatchObject({ code: 'MISSING_SEGMENT', zh: '补链:本地暂无企业从事「半导体设备」' });
  });

  it('gaps for a home region higher in the tree: 无锡市 adds 江阴 and opens a weak link', async () => {
    // Home 无锡市: packaging = wx-fab + jy-pack: 2 + 0 + 2 (链主) = 4 → POTENTIAL; fab (wx-fab alone) WEAK → fab→packaging weak.
    const r = await gql(app, GAPS, { c: 'ic', r: 'cn-js-wx' });
    expect(r.errors).toBeUndefined();
    const pk = r.data.gaps.segments.find((x: any) => x.segmentId === 'ic.packaging');
    expect(pk).toMatchObject({ status: 'POTENTIAL', strength: 4, localFirmIds: ['jy-pack', 'wx-fab'] });
    expect(r.data.gaps.weakLinks.map((w: any) => [w.from, w.to, w.localSourcingRatio])).toEqual([['ic.fab', 'ic.packaging', null]]);
  });

  it('recommendTargets: ranked with factors, and the regions strong in the segment', async () => {
    // jp-equip (Japan, 日资, L, supplies 链主 wx-fab): 15 + 0 + 13.3333 + 4.5 + 10 + 0 = 42.8333
    // js-equip (江苏, private, listed, M): 10 + 4 + 0 + 15 + 6 + 0 = 35
    // Regions with equipment firms: 日本 1; 江苏省 1 is left out (it contains the home region).
    const r = await gql(
      app,
      `{ recommendTargets(segmentId: "ic.equipment", limit: 5) { segmentId segment { nameZh } homeRegionId
         targets { firmId firm { nameZh } score factors { factor value weight contribution } reasons { code zh } }
         strongRegions { regionId region { nameZh } count share yrd } } }`,
    );
    expect(r.errors).toBeUndefined();
    const t = r.data.recommendTargets;
    expect(t.targets.map((x: any) => x.firmId)).toEqual(['jp-equip', 'js-equip']);
    expect(t.targets[0].score).toBeCloseTo(42.8333, 3);
    expect(t.targets[1].score).toBeCloseTo(35, 8);
    expect(t.targets[0].firm.nameZh).toBe('东京设备株式会社');
    expect(t.targets[0].factors.find((f: any) => f.factor === 'ties')).toMatchObject({ value: 1 });
    expect(t.strongRegions).toEqual([{ regionId: 'jp', region: { nameZh: '日本' }, count: 1, share: 1, yrd: false }]);
  });

  it('whatIf: landing jp-equip fills equipment and raises 本地配套率 of equipment→fab from 0 to 1', async () => {
    // jp-equip alone in equipment: 1 + 0.75 = 1.75 → WEAK. Its tie to wx-fab becomes local.
    const r = await gql(
      app,
      `{ whatIf(clusterId: "ic", landFirmIds: ["jp-equip"]) { landedFirmIds alreadyLocalFirmIds statusChanges { segmentId from to }
         weakLinksClosed { from to } weakLinksOpened { from to } sourcingRatioChanges { from to before after }
         after { segments { segmentId status localFirms { id } } actions { kind segmentId } } before { counts { missing } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const w = r.data.whatIf;
    expect(w.landedFirmIds).toEqual(['jp-equip']);
    expect(w.statusChanges).toEqual([{ segmentId: 'ic.equipment', from: 'MISSING', to: 'WEAK' }]);
    expect(w.sourcingRatioChanges).toEqual([{ from: 'ic.equipment', to: 'ic.fab', before: 0, after: 1 }]);
    expect(w.after.segments.find((x: any) => x.segmentId === 'ic.equipment').localFirms).toEqual([{ id: 'jp-equip' }]);
    expect(w.before.counts.missing).toBe(1);
  });

  it('whatIf: landing the Shanghai fab makes fab STRONG and opens two weak links', async () => {
    // fab = wx-fab + sh-fab (both 链主 of ic): 2 + 2·2 = 6 → STRONG; design (WEAK) → fab and equipment (MISSING) → fab become weak links.
    const r = await gql(app, `{ whatIf(clusterId: "ic", landFirmIds: ["sh-fab", "wx-fab"]) { landedFirmIds alreadyLocalFirmIds statusChanges { segmentId to } weakLinksOpened { from to } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.whatIf).toEqual({
      landedFirmIds: ['sh-fab'],
      alreadyLocalFirmIds: ['wx-fab'],
      statusChanges: [{ segmentId: 'ic.fab', to: 'STRONG' }],
      weakLinksOpened: [{ from: 'ic.design', to: 'ic.fab' }, { from: 'ic.equipment', to: 'ic.fab' }],
    });
  });

  it('chainMap: Cytoscape elements in chain-map order, with flags, optionally local firms', async () => {
    const q = `query ($f: Boolean) { chainMap(clusterId: "ic", withFirms: $f) { clusterId homeRegionId counts { weak missing } noLocalBase
      nodes { data { id kind labelZh stage order status criticality anchor singlePointOfFailure action priority firmId } }
      edges { data { id source target kind weight weakLink localSourcingRatio } } } }`;
    const r = await gql(app, q, { f: false });
    expect(r.errors).toBeUndefined();
    const m = r.data.chainMap;
    expect(m.nodes.map((n: any) => [n.data.id, n.data.kind, n.data.order])).toEqual([
      ['ic.design', 'SEGMENT', 0], ['ic.fab', 'SEGMENT', 1], ['ic.packaging', 'SEGMENT', 2], ['ic.equipment', 'SEGMENT', 3], ['iot.module', 'NEIGHBOR', 4],
    ]);
    const fab = m.nodes[1].data;
    expect(fab).toMatchObject({ stage: 'MIDSTREAM', status: 'WEAK', anchor: true, singlePointOfFailure: true, action: 'STRENGTHEN', firmId: null });
    expect(fab.priority).toBeCloseTo(64.7005, 3);
    expect(m.edges.map((e: any) => e.data.id).sort()).toEqual([
      'feeds:ic.design>ic.fab', 'feeds:ic.equipment>ic.fab', 'feeds:ic.fab>ic.packaging', 'feeds:ic.packaging>iot.module',
    ]);
    expect(m.edges.find((e: any) => e.data.id === 'feeds:ic.equipment>ic.fab').data).toMatchObject({ source: 'ic.equipment', target: 'ic.fab', kind: 'FEEDS', weight: 0.5, weakLink: false, localSourcingRatio: 0 });

    const withFirms = (await gql(app, q, { f: true })).data.chainMap;
    const firmNodes = withFirms.nodes.filter((n: any) => n.data.kind === 'FIRM').map((n: any) => [n.data.id, n.data.anchor, n.data.firmId]);
    expect(firmNodes).toEqual([['firm:wx-chip-design', false, 'wx-chip-design'], ['firm:wx-fab', true, 'wx-fab']]);
    expect(withFirms.edges.filter((e: any) => e.data.kind === 'OPERATES_IN').map((e: any) => [e.data.source, e.data.target])).toEqual([
      ['firm:wx-chip-design', 'ic.design'], ['firm:wx-fab', 'ic.fab'], ['firm:wx-fab', 'ic.packaging'],
    ]);
  });

  it('caches per (cluster, region, data version): a write invalidates', async () => {
    const spy = vi.spyOn(app.store, 'analysisInput');
    try {
      const q = `{ gaps(clusterId: "iot") { links { from to tiesTotal } } }`;
      await gql(app, q);
      await gql(app, q);
      await gql(app, `{ chainMap(clusterId: "iot") { nodes { data { id } } } }`);
      expect(spy).toHaveBeenCalledTimes(1);
      await app.store.addSupplyTie({ from: 'sh-design', to: 'xw-module', sourceId: 'src.test', confidence: 0.5 });
      const after = await gql(app, q);
      expect(spy).toHaveBeenCalledTimes(2);
      expect(after.errors).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });

  it('errors carry codes and bilingual messages', async () => {
    const cases: [string, string][] = [
      ['{ gaps(clusterId: "nope") { clusterId } }', 'NOT_FOUND'],
      ['{ gaps(clusterId: "ic", region: "nowhere") { clusterId } }', 'NOT_FOUND'],
      ['{ recommendTargets(segmentId: "ic.equipment", limit: 0) { segmentId } }', 'BAD_INPUT'],
      ['{ recommendTargets(segmentId: "nope") { segmentId } }', 'NOT_FOUND'],
      ['{ whatIf(clusterId: "ic", landFirmIds: ["no-such-firm"]) { landedFirmIds } }', 'NOT_FOUND'],
    ];
    for (const [q, code] of cases) {
      const r = await gql(app, q);
      expect(r.errors?.[0]?.extensions.code, q).toBe(code);
      expect(r.errors?.[0]?.extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

// The analysis input carries what the gap finder reads of local firms (LocalFirm);
// their records are loaded once per analysis, and only for a request that shows them.
describe('gap finder GraphQL: local firm records on demand', () => {
  const calls: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { wrapStore: countingStore((m) => calls.push(m)) });
  });
  afterAll(() => t.close());

  it('reads the records only when localFirms is selected (fragments too), once per analysis', async () => {
    calls.length = 0;
    const plain = await t.gql(`{ gaps(clusterId: "ic") { segments { segmentId localFirmIds } } }`);
    expect(plain.errors).toBeUndefined();
    expect(plain.data.gaps.segments.find((s: any) => s.segmentId === 'ic.fab').localFirmIds).toEqual(['wx-fab']);
    expect(calls).toContain('analysisInput');
    expect(calls).not.toContain('getFirms');

    calls.length = 0;
    const named = await t.gql(`query { gaps(clusterId: "ic") { ...F } } fragment F on ClusterAssessment { segments { segmentId localFirms { id nameZh } } }`);
    expect(named.errors).toBeUndefined();
    const byId = Object.fromEntries(named.data.gaps.segments.map((s: any) => [s.segmentId, s.localFirms]));
    expect(byId['ic.fab']).toEqual([{ id: 'wx-fab', nameZh: '新吴晶圆制造有限公司' }]);
    expect(byId['ic.design']).toEqual([{ id: 'wx-chip-design', nameZh: '新吴芯片设计有限公司' }]);
    expect(byId['ic.equipment']).toEqual([]);
    expect(calls).not.toContain('analysisInput'); // the same analysis (cached per data version)
    expect(calls.filter((m) => m === 'getFirms')).toHaveLength(1);

    // Another request showing firms (inline fragment; a chain map with firm nodes) reuses the records.
    calls.length = 0;
    const inline = await t.gql(`{ gaps(clusterId: "ic") { segments { ... on SegmentAssessment { segmentId localFirms { id } } } } }`);
    expect(inline.data.gaps.segments.find((s: any) => s.segmentId === 'ic.design').localFirms).toEqual([{ id: 'wx-chip-design' }]);
    const map = await t.gql(`{ chainMap(clusterId: "ic", withFirms: true) { nodes { data { id kind labelZh } } } }`);
    expect(map.data.chainMap.nodes.filter((n: any) => n.data.kind === 'FIRM').map((n: any) => [n.data.id, n.data.labelZh])).toEqual([
      ['firm:wx-chip-design', '新吴芯片设计有限公司'],
      ['firm:wx-fab', '新吴晶圆制造有限公司'],
    ]);
    expect(calls).not.toContain('getFirms');
  });
});
