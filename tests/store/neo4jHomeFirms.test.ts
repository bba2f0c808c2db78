// The Neo4j store keeps the home region's firms and the ties they buy between
// writes (Neo4jStore.analysisInput, localFirms.HomeFirmsCache): each test
// first reads analysisInput (so the cache is warm), writes, and checks that
// the next analysisInput shows the write, as worked out by hand from the
// fixture (tests/contract/graphStore.contract.ts) and as the embedded store
// gives it for the same writes. Every read is made twice: while the home
// firms are not loaded (the cluster's part read from Neo4j, the whole loaded
// in the background) and once that load has ended (the kept firms). Writes through the store, through a second
// store on the same database (seen at once: analysisInput reads the data
// version in its own transaction), and a write racing a load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Firm as FirmSchema, type Firm, type FirmInput } from '../../server/domain/model.js';
import { createEmbeddedStore } from '../../server/store/embedded/index.js';
import type { GraphStore } from '../../server/store/GraphStore.js';
import { createNeo4jStore, type Neo4jStore } from '../../server/store/neo4j/index.js';
import { HOME, contractBundle } from '../contract/graphStore.contract.js';
import { acquireNeo4j, wipeNeo4j, type Neo4jLease } from '../setup/neo4j.js';

const firm = (id: string, regionId: string, segmentIds: string[], extra: Partial<FirmInput> = {}): Firm =>
  FirmSchema.parse({
    id,
    nameZh: `缓存企业${id}`,
    regionId,
    ownership: 'private',
    originId: 'cn',
    segments: segmentIds.map((segmentId, i) => ({ segmentId, primary: i === 0 })),
    sourceId: 'src.contract',
    confidence: 0.5,
    ...extra,
  });

// Each test runs a dozen analysisInput calls on both Neo4j stores (Cypher compiled on first use): minutes on a loaded machine.
describe('Neo4j analysisInput between writes (the home firms kept per data version)', { timeout: 120_000 }, () => {
  let lease: Neo4jLease;
  let store: Neo4jStore;
  let other: Neo4jStore; // a second process on the same database
  let embedded: GraphStore;
  let dir: string;

  /** analysisInput of a Neo4j store, read before and after its background load of the home firms ended: both the same. */
  async function read(s: Neo4jStore, clusterId: string, home = HOME) {
    const first = await s.analysisInput(clusterId, home);
    await s.homeFirmsLoaded();
    expect(await s.analysisInput(clusterId, home), `${clusterId} @ ${home}: the kept home firms give what Neo4j gave`).toEqual(first);
    return first!;
  }
  const local = async (s: Neo4jStore, clusterId: string, home = HOME) => (await read(s, clusterId, home)).localFirms.map((f) => f.id);
  const ties = async (s: Neo4jStore, clusterId: string) => (await read(s, clusterId)).localSupplies.map((t) => `${t.from}>${t.to}`);
  const localFirm = async (s: Neo4jStore, clusterId: string, id: string) => (await read(s, clusterId)).localFirms.find((f) => f.id === id);

  /** Both Neo4j stores give what the embedded store gives, for both clusters and two home regions. */
  async function sameAsEmbedded(step: string): Promise<void> {
    for (const clusterId of ['ic', 'iot']) {
      for (const home of [HOME, 'cn-js-wx']) {
        const expected = await embedded.analysisInput(clusterId, home);
        expect(await read(store, clusterId, home), `${step}: ${clusterId} @ ${home}`).toEqual(expected);
        expect(await read(other, clusterId, home), `${step} (second store): ${clusterId} @ ${home}`).toEqual(expected);
      }
    }
  }

  async function both(write: (s: GraphStore) => Promise<unknown>): Promise<void> {
    await write(store);
    await write(embedded);
  }

  beforeAll(async () => {
    lease = await acquireNeo4j();
    await wipeNeo4j(lease.uri);
    store = createNeo4jStore({ uri: lease.uri });
    await store.init();
    other = createNeo4jStore({ uri: lease.uri });
    await other.init();
    dir = mkdtempSync(join(tmpdir(), 'atlas-homefirms-'));
    embedded = createEmbeddedStore({ dataDir: dir });
    await embedded.init();
    await both((s) => s.seed(contractBundle()));
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await other?.close();
    await embedded?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await lease?.release();
  });

  it('reads the fixture, and the same again from the kept firms', async () => {
    const expected = ['f.xw-design-a', 'f.xw-pack-a', 'f.xw-pack-b', 'f.xw-wafer-a'];
    expect(await local(store, 'ic')).toEqual(expected);
    expect(await local(store, 'ic')).toEqual(expected);
    expect(await local(store, 'iot')).toEqual(['f.xw-pack-a', 'f.xw-pack-b', 'f.xw-sensor-a']);
    await sameAsEmbedded('seed');
    // Names go on copies: xw-pack-a is named in both clusters (the only local firm of iot.module), xw-pack-b in neither.
    const ic = await read(store, 'ic');
    expect(ic.localFirms.find((f) => f.id === 'f.xw-pack-a')!.nameZh).toBe('新吴封测科技');
    expect(ic.localFirms.find((f) => f.id === 'f.xw-pack-b')!.nameZh).toBeUndefined();
  });

  it('an edited home firm (size band, designation) is read as edited', async () => {
    expect(await localFirm(store, 'ic', 'f.xw-pack-b')).toMatchObject({ revenueBand: 'S', listed: false });
    const [pack] = (await store.getFirms(['f.xw-pack-b'])) as Firm[];
    await both((s) => s.upsertFirm({ ...pack!, revenueBand: 'XL', listed: true }));
    expect(await localFirm(store, 'ic', 'f.xw-pack-b')).toMatchObject({ revenueBand: 'XL', listed: true });
    await sameAsEmbedded('edit');
  });

  it('a home firm that gains a segment of another cluster joins that cluster', async () => {
    expect(await local(store, 'iot')).not.toContain('f.xw-design-a');
    const [design] = (await store.getFirms(['f.xw-design-a'])) as Firm[];
    await both((s) => s.upsertFirm({ ...design!, segments: [...design!.segments, { segmentId: 'iot.sensor', primary: false }] }));
    expect(await local(store, 'iot')).toEqual(['f.xw-design-a', 'f.xw-pack-a', 'f.xw-pack-b', 'f.xw-sensor-a']);
    await sameAsEmbedded('new segment');
  });

  it('a new home firm and a tie it buys, imported in one batch, are both read', async () => {
    expect(await ties(store, 'ic')).toEqual(['f.xw-wafer-a>f.xw-pack-a', 'f.jp-equip-b>f.xw-wafer-a', 'f.sz-equip-a>f.xw-wafer-a', 'f.xw-design-a>f.xw-wafer-a']);
    const imported = firm('f.xw-imported', HOME, ['ic.materials']);
    await both((s) => s.importBatch({ firms: [imported], supplies: [{ from: 'f.sz-equip-a', to: imported.id, sourceId: 'src.contract', confidence: 0.7 }] }));
    expect(await local(store, 'ic')).toContain('f.xw-imported');
    // Sorted by (to, from): f.xw-imported sorts before f.xw-pack-a.
    expect(await ties(store, 'ic')).toEqual([
      'f.sz-equip-a>f.xw-imported', 'f.xw-wafer-a>f.xw-pack-a', 'f.jp-equip-b>f.xw-wafer-a', 'f.sz-equip-a>f.xw-wafer-a', 'f.xw-design-a>f.xw-wafer-a',
    ]);
    await sameAsEmbedded('import');
  });

  it('a tie added or removed between writes is read (the ties are kept with the firms)', async () => {
    await both((s) => s.removeSupplyTie('f.jp-equip-b', 'f.xw-wafer-a'));
    expect(await ties(store, 'ic')).not.toContain('f.jp-equip-b>f.xw-wafer-a');
    await both((s) => s.addSupplyTie({ from: 'f.gd-design-d', to: 'f.xw-pack-b', sourceId: 'src.contract', confidence: 0.4 }));
    expect(await ties(store, 'ic')).toContain('f.gd-design-d>f.xw-pack-b');
    await sameAsEmbedded('ties');
  });

  it('a deleted home firm is gone, and so are the ties it bought', async () => {
    await both((s) => s.deleteFirm('f.xw-pack-b'));
    expect(await local(store, 'ic')).not.toContain('f.xw-pack-b');
    expect(await ties(store, 'ic')).not.toContain('f.gd-design-d>f.xw-pack-b');
    await sameAsEmbedded('delete');
  });

  it('a home firm moved out of the home region leaves it (it stays in the city above when moved within it)', async () => {
    const [pack] = (await store.getFirms(['f.xw-pack-a'])) as Firm[];
    await both((s) => s.upsertFirm({ ...pack!, regionId: 'cn-js-wx-liangxi' }));
    expect(await local(store, 'ic')).not.toContain('f.xw-pack-a');
    expect(await ties(store, 'ic')).not.toContain('f.xw-wafer-a>f.xw-pack-a');
    expect(await local(store, 'ic', 'cn-js-wx')).toContain('f.xw-pack-a');
    await both((s) => s.upsertFirm({ ...pack!, regionId: 'cn-gd-sz' }));
    expect(await local(store, 'ic', 'cn-js-wx')).not.toContain('f.xw-pack-a');
    await sameAsEmbedded('move');
  });

  it('a write by a second store on the same database is seen by the next call, without waiting', async () => {
    await local(store, 'ic'); // warm
    const arrived = firm('f.xw-other-process', HOME, ['ic.design']);
    await other.upsertFirm(arrived);
    await embedded.upsertFirm(arrived);
    expect(await local(store, 'ic')).toContain('f.xw-other-process');
    await other.deleteFirm(arrived.id);
    await embedded.deleteFirm(arrived.id);
    expect(await local(store, 'ic')).not.toContain('f.xw-other-process');
    await sameAsEmbedded('second store');
  });

  it('calls made while the home firms load (they wait for the load) give what the embedded store gives', async () => {
    const [sensor] = (await store.getFirms(['f.xw-sensor-a'])) as Firm[];
    await both((s) => s.upsertFirm({ ...sensor!, highTech: !sensor!.highTech }));
    const first = await store.analysisInput('iot', HOME); // reads its part, then starts the load
    const during = await Promise.all([store.analysisInput('ic', HOME), store.analysisInput('iot', HOME), store.analysisInput('ic', 'cn-js-wx')]);
    expect(first).toEqual(await embedded.analysisInput('iot', HOME));
    expect(during).toEqual([
      await embedded.analysisInput('ic', HOME),
      await embedded.analysisInput('iot', HOME),
      await embedded.analysisInput('ic', 'cn-js-wx'),
    ]);
    expect(during[1]!.localFirms.find((f) => f.id === 'f.xw-sensor-a')!.highTech).toBe(!sensor!.highTech);
  });

  it('a load racing a write never leaves the pre-write firms behind', async () => {
    const [wafer] = (await store.getFirms(['f.xw-wafer-a'])) as Firm[];
    for (let round = 0; round < 6; round++) {
      const employeesBand = (['S', 'M', 'L'] as const)[round % 3];
      // The load and the write start together; whichever ends first, the call after both sees the write.
      const reads = [store.analysisInput('ic', HOME), store.analysisInput('iot', HOME)];
      await Promise.all([...reads, store.upsertFirm({ ...wafer!, employeesBand })]);
      await embedded.upsertFirm({ ...wafer!, employeesBand });
      expect((await localFirm(store, 'ic', 'f.xw-wafer-a'))!.employeesBand, `round ${round}`).toBe(employeesBand);
    }
    await sameAsEmbedded('race');
  });
});
