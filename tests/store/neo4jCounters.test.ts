// The Neo4j store's firm counters (server/store/neo4j/counters.ts) — per
// (segment, region) firm counts and per segment-pair co-occurrence counts kept
// on write — equal a from-scratch recount after every kind of write: new
// firms, re-upserts of the same firm, moves between regions and segments,
// imports, deletes, a rejected import; and a database without counters gets
// them recounted at init. Each step is also run on the embedded store, and
// analysisInput (which reads the counters) must equal the embedded store's.
// Fixture: tests/fixtures/contract-seeds (see graphStore.contract.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Firm as FirmSchema, type Firm, type FirmInput } from '../../server/domain/model.js';
import { createEmbeddedStore } from '../../server/store/embedded/index.js';
import type { GraphStore } from '../../server/store/GraphStore.js';
import { createNeo4jStore, type Neo4jStore } from '../../server/store/neo4j/index.js';
import { HOME, contractBundle } from '../contract/graphStore.contract.js';
import { acquireNeo4j, wipeNeo4j, type Neo4jLease } from '../setup/neo4j.js';

type Counts = Record<string, number>;

const firm = (id: string, regionId: string, segmentIds: string[], extra: Partial<FirmInput> = {}): Firm =>
  FirmSchema.parse({
    id,
    nameZh: `计数企业${id}`,
    regionId,
    ownership: 'private',
    originId: 'cn',
    segments: segmentIds.map((segmentId, i) => ({ segmentId, primary: i === 0 })),
    sourceId: 'src.contract',
    confidence: 0.5,
    ...extra,
  });

/** Every firm of a store (all firms operate in some segment: the firms of all segments). */
async function allFirms(store: GraphStore): Promise<Firm[]> {
  const segments = await store.listSegments();
  const byId = new Map<string, Firm>();
  for (const list of await store.firmsBySegments(segments.map((s) => s.id))) for (const f of list) byId.set(f.id, f);
  return [...byId.values()];
}

/** The counters recounted from the firms themselves. */
function recount(firms: Firm[]): { firmsIn: Counts; coOccurs: Counts } {
  const firmsIn: Counts = {};
  const coOccurs: Counts = {};
  for (const f of firms) {
    const segs = f.segments.map((s) => s.segmentId).sort();
    for (const s of segs) firmsIn[`${s}@${f.regionId}`] = (firmsIn[`${s}@${f.regionId}`] ?? 0) + 1;
    for (let i = 0; i < segs.length; i++) {
      for (let j = i + 1; j < segs.length; j++) coOccurs[`${segs[i]}+${segs[j]}`] = (coOccurs[`${segs[i]}+${segs[j]}`] ?? 0) + 1;
    }
  }
  return { firmsIn, coOccurs };
}

describe('Neo4j firm counters', () => {
  let lease: Neo4jLease;
  let driver: Driver;
  let store: Neo4jStore;
  let embedded: GraphStore;
  let dir: string;

  /** The counters as stored (every relationship, so a duplicate or a stale zero would show). */
  async function stored(): Promise<{ firmsIn: Counts; coOccurs: Counts }> {
    const session = driver.session();
    try {
      const firmsIn: Counts = {};
      const coOccurs: Counts = {};
      for (const r of (await session.run('MATCH (s:Segment)-[k:FIRMS_IN]->(r:Region) RETURN s.id AS s, r.id AS r, k.n AS n')).records) {
        const key = `${r.get('s')}@${r.get('r')}`;
        expect(firmsIn[key], `one FIRMS_IN per segment and region: ${key}`).toBeUndefined();
        firmsIn[key] = r.get('n') as number;
      }
      for (const r of (await session.run('MATCH (a:Segment)-[k:CO_OCCURS]->(b:Segment) RETURN a.id AS a, b.id AS b, k.n AS n')).records) {
        const key = `${r.get('a')}+${r.get('b')}`;
        expect(coOccurs[key], `one CO_OCCURS per pair, stored a < b: ${key}`).toBeUndefined();
        coOccurs[key] = r.get('n') as number;
      }
      return { firmsIn, coOccurs };
    } finally {
      await session.close();
    }
  }

  /** Counters = recount, and analysisInput = the embedded store's, for both clusters of the fixture. */
  async function check(step: string): Promise<{ firmsIn: Counts; coOccurs: Counts }> {
    const counters = await stored();
    expect(counters, step).toEqual(recount(await allFirms(store)));
    expect(recount(await allFirms(embedded)), `${step}: same firms in both stores`).toEqual(counters);
    for (const clusterId of ['ic', 'iot']) {
      for (const home of [HOME, 'cn-js-wx', 'cn-gd-sz']) {
        expect(await store.analysisInput(clusterId, home), `${step}: ${clusterId} @ ${home}`).toEqual(await embedded.analysisInput(clusterId, home));
      }
    }
    return counters;
  }

  /** Runs one write on both stores. */
  async function both(write: (s: GraphStore) => Promise<unknown>): Promise<void> {
    await write(store);
    await write(embedded);
  }

  beforeAll(async () => {
    lease = await acquireNeo4j();
    await wipeNeo4j(lease.uri);
    driver = neo4j.driver(lease.uri, undefined, { disableLosslessIntegers: true });
    store = createNeo4jStore({ uri: lease.uri });
    await store.init();
    dir = mkdtempSync(join(tmpdir(), 'atlas-counters-'));
    embedded = createEmbeddedStore({ dataDir: dir });
    await embedded.init();
    await both((s) => s.seed(contractBundle()));
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await embedded?.close();
    await driver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await lease?.release();
  });

  it('after seeding: the fixture counted by hand', async () => {
    const c = await check('seed');
    // ic.design: xw-design-a (HOME), lx-design-b (liangxi), sz-design-c (sip), gd-design-d (cn-gd-sz).
    expect(c.firmsIn['ic.design@cn-js-wx-xinwu']).toBe(1);
    expect(c.firmsIn['ic.design@cn-js-wx-liangxi']).toBe(1);
    // HOME: xw-pack-a and xw-pack-b in ic.packaging.
    expect(c.firmsIn['ic.packaging@cn-js-wx-xinwu']).toBe(2);
    // Pairs: sz-design-c (design + equipment), xw-pack-a (packaging + module), gd-module-a (module + platform).
    expect(c.coOccurs).toEqual({ 'ic.design+ic.equipment': 1, 'ic.packaging+iot.module': 1, 'iot.module+iot.platform': 1 });
  });

  it('a new firm counts once; upserting it again unchanged counts nothing more', async () => {
    const f = firm('t.new', HOME, ['ic.equipment', 'ic.design']);
    await both((s) => s.upsertFirm(f));
    let c = await check('new firm');
    expect(c.firmsIn['ic.design@cn-js-wx-xinwu']).toBe(2);
    expect(c.coOccurs['ic.design+ic.equipment']).toBe(2);
    await both((s) => s.upsertFirm(f));
    await both((s) => s.upsertFirm({ ...f, nameZh: '计数企业改名' })); // a change that moves nothing
    c = await check('re-upserts');
    expect(c.firmsIn['ic.design@cn-js-wx-xinwu']).toBe(2);
    expect(c.coOccurs['ic.design+ic.equipment']).toBe(2);
  });

  it('a firm moving region and segments moves its counts (and a pair that empties disappears)', async () => {
    const [packA] = await store.getFirms(['f.xw-pack-a']);
    await both((s) => s.upsertFirm({ ...packA!, regionId: 'cn-gd-sz', segments: [{ segmentId: 'iot.module', primary: true }] }));
    const c = await check('move');
    expect(c.firmsIn['ic.packaging@cn-js-wx-xinwu']).toBe(1);
    expect(c.firmsIn['iot.module@cn-js-wx-xinwu']).toBeUndefined();
    expect(c.firmsIn['iot.module@cn-gd-sz']).toBe(2);
    expect(c.coOccurs['ic.packaging+iot.module']).toBeUndefined();
  });

  it('an import creates and replaces firms, counted once each', async () => {
    const [equipA] = await store.getFirms(['f.sz-equip-a']);
    const batch = {
      firms: [
        firm('t.imp-1', 'cn-js-wx-liangxi', ['ic.design', 'ic.wafer', 'ic.packaging']),
        firm('t.imp-2', HOME, ['iot.sensor']),
        { ...equipA!, regionId: 'jp', segments: [{ segmentId: 'ic.equipment', primary: true }, { segmentId: 'ic.materials', primary: false }] },
      ],
    };
    await both((s) => s.importBatch(batch));
    const c = await check('import');
    expect(c.firmsIn['ic.design@cn-js-wx-liangxi']).toBe(2);
    expect(c.firmsIn['ic.equipment@cn-js-sz-sip']).toBe(1); // sz-design-c stays; sz-equip-a left for jp
    expect(c.firmsIn['ic.equipment@jp']).toBe(2); // jp-equip-b and sz-equip-a
    expect(c.coOccurs['ic.design+ic.wafer']).toBe(1);
    expect(c.coOccurs['ic.equipment+ic.materials']).toBe(1);
  });

  it('a rejected import changes no counter', async () => {
    const before = await stored();
    const bad = { firms: [firm('t.imp-3', HOME, ['ic.design']), { ...firm('t.imp-4', HOME, ['ic.wafer']), regionId: 'nowhere' }] };
    await expect(store.importBatch(bad)).rejects.toMatchObject({ code: 'IMPORT_REJECTED' });
    expect(await stored()).toEqual(before);
  });

  it('one import batch that creates, raises and empties counters at once', async () => {
    // No firm of the fixture (or of the steps above) operates in iot.sensor or ic.wafer in cn-gd-sz or jp.
    const before = await stored();
    for (const key of ['iot.sensor@cn-gd-sz', 'ic.materials@cn-gd-sz', 'iot.sensor@jp', 'ic.wafer@jp']) expect(before.firmsIn[key]).toBeUndefined();
    expect(before.coOccurs['ic.materials+iot.sensor']).toBeUndefined();
    expect(before.coOccurs['ic.wafer+iot.sensor']).toBeUndefined();
    const t5 = firm('t.imp-5', 'cn-gd-sz', ['iot.sensor', 'ic.materials']);
    await both((s) => s.importBatch({ firms: [t5] }));
    let c = await check('import t.imp-5');
    expect(c.firmsIn['iot.sensor@cn-gd-sz']).toBe(1);
    expect(c.firmsIn['ic.materials@cn-gd-sz']).toBe(1);
    expect(c.coOccurs['ic.materials+iot.sensor']).toBe(1);
    // One batch: t.imp-5 moves to jp with iot.sensor only (its cn-gd-sz counters and its pair reach 0
    // and go), t.imp-6 joins it there (iot.sensor@jp goes to 2 within the batch).
    await both((s) =>
      s.importBatch({
        firms: [
          { ...t5, regionId: 'jp', segments: [{ segmentId: 'iot.sensor', primary: true }] },
          firm('t.imp-6', 'jp', ['iot.sensor', 'ic.wafer']),
        ],
      }),
    );
    c = await check('move t.imp-5, add t.imp-6');
    expect(c.firmsIn['iot.sensor@cn-gd-sz']).toBeUndefined();
    expect(c.firmsIn['ic.materials@cn-gd-sz']).toBeUndefined();
    expect(c.coOccurs['ic.materials+iot.sensor']).toBeUndefined();
    expect(c.firmsIn['iot.sensor@jp']).toBe(2);
    expect(c.firmsIn['ic.wafer@jp']).toBe(1);
    expect(c.coOccurs['ic.wafer+iot.sensor']).toBe(1);
  });

  it('deleting a firm takes its counts away', async () => {
    await both((s) => s.deleteFirm('f.gd-module-a'));
    const c = await check('delete');
    expect(c.firmsIn['iot.module@cn-gd-sz']).toBe(1); // xw-pack-a, moved there
    expect(c.firmsIn['iot.platform@cn-gd-sz']).toBeUndefined();
    expect(c.coOccurs['iot.module+iot.platform']).toBeUndefined();
  });

  it('a database without counters gets them recounted at init', async () => {
    const expected = await stored();
    const session = driver.session();
    try {
      await session.run('MATCH ()-[k:FIRMS_IN|CO_OCCURS]->() DELETE k');
      await session.run('MATCH (m:ChainAtlasMeta) REMOVE m.counters');
    } finally {
      await session.close();
    }
    expect(await stored()).toEqual({ firmsIn: {}, coOccurs: {} });
    const reopened = createNeo4jStore({ uri: lease.uri });
    await reopened.init();
    await reopened.close();
    expect(await stored()).toEqual(expected);
    await check('rebuilt');
  });
});
