// Behaviour of the embedded store on the hand-made graph in
// tests/fixtures/seeds (8 firms, clusters ic + iot). Expected numbers are
// counted by hand from those files; the comments show the counting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { AppError } from '../../server/domain/errors.js';
import type { Firm, FirmInput, SupplyTie } from '../../server/domain/model.js';
import { Firm as FirmSchema } from '../../server/domain/model.js';
import { usccCheckCharacter } from '../../server/domain/uscc.js';
import { createEmbeddedStore, type EmbeddedStore } from '../../server/store/embedded/index.js';
import { DB_FILE, RecordDb } from '../../server/store/embedded/recordDb.js';
import { isParsed, markParsed } from '../../server/store/parsedLists.js';
import Database from 'better-sqlite3';

const fixture = loadSeedDir(join(import.meta.dirname, '../fixtures/seeds'));
const HOME = 'cn-js-wx-xinwu';

const dirs: string[] = [];
const stores: EmbeddedStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'atlas-store-'));
  dirs.push(d);
  return d;
}

/** Opens a store; the background name-index build is off unless asked for (it would race the assertions on stored keys). */
async function open(dataDir: string, seed = true, options: { warmNames?: boolean; warmDelayMs?: number } = { warmNames: false }): Promise<EmbeddedStore> {
  const store = createEmbeddedStore({ dataDir, ...options });
  stores.push(store);
  await store.init();
  if (seed && (await store.isEmpty())) await store.seed(fixture);
  return store;
}

async function reopen(store: EmbeddedStore, dataDir: string): Promise<EmbeddedStore> {
  await store.close();
  stores.splice(stores.indexOf(store), 1);
  return open(dataDir, false);
}

const newFirm = (id: string, extra: Partial<FirmInput> = {}): Firm =>
  FirmSchema.parse({
    id,
    nameZh: `测试企业${id}`,
    regionId: HOME,
    ownership: 'private',
    originId: 'cn',
    segments: [{ segmentId: 'ic.packaging', primary: true }],
    sourceId: 'src.test',
    confidence: 0.5,
    ...extra,
  });

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('seeding and durability', () => {
  it('seeds an empty store once; reopening keeps user writes and does not re-seed', async () => {
    const dir = tempDir();
    let store = await open(dir);
    expect(await store.isEmpty()).toBe(false);
    // one transaction for the whole seed bundle
    expect(await store.dataVersion()).toBe(1);
    expect((await store.listClusters()).map((c) => c.id)).toEqual(['ic', 'iot']);

    // a user edits a seeded firm and deletes another
    const renamed = { ...(await store.getFirms(['jy-pack']))[0]!, nameZh: '江阴封测(改名)' };
    await store.upsertFirm(renamed);
    expect(await store.deleteFirm('js-equip')).toBe(true);
    expect(await store.dataVersion()).toBe(3);

    store = await reopen(store, dir);
    expect(await store.isEmpty()).toBe(false);
    expect((await store.getFirms(['jy-pack']))[0]!.nameZh).toBe('江阴封测(改名)');
    expect((await store.getFirms(['js-equip']))[0]).toBeNull();
    expect(await store.dataVersion()).toBe(3);

    // seeding again only inserts records the store lacks: the user's rename stays,
    // the deleted seed firm comes back (one insert → one version); a third seed changes nothing
    await store.seed(fixture);
    expect((await store.getFirms(['jy-pack']))[0]!.nameZh).toBe('江阴封测(改名)');
    expect((await store.getFirms(['js-equip']))[0]!.id).toBe('js-equip');
    expect(await store.dataVersion()).toBe(4);
    await store.seed(fixture);
    expect(await store.dataVersion()).toBe(4);
  });

  it('keeps every kind of write across a restart, in memory indexes too', async () => {
    const dir = tempDir();
    let store = await open(dir);
    await store.upsertFirm(newFirm('new-pack'));
    await store.addSupplyTie({ from: 'new-pack', to: 'xw-module', sourceId: 'src.test', confidence: 0.4 });
    await store.setAnchor({ firmId: 'jy-pack', clusterId: 'ic', sourceId: 'src.test', confidence: 0.5 }, true);
    await store.setAnchor({ firmId: 'sh-fab', clusterId: 'ic', sourceId: 'src.test', confidence: 0.5 }, false);
    await store.upsertProject({
      id: 'p1', nameZh: '封测扩产项目', firmId: 'jy-pack', segmentIds: ['ic.packaging'], status: 'lead',
      history: [], illustrative: true, sourceId: 'src.test', confidence: 0.3,
    });
    await store.appendAudit({ at: '2025-01-01T00:00:00Z', actor: 'tester', action: 'upsertFirm', target: 'new-pack' });
    const version = await store.dataVersion();
    expect(version).toBe(1 + 5); // seed + 5 graph writes; the audit entry does not count

    store = await reopen(store, dir);
    expect(await store.dataVersion()).toBe(version);
    expect((await store.getFirms(['new-pack']))[0]).toEqual(newFirm('new-pack'));
    expect((await store.listSupplies('new-pack')).map((t) => `${t.from}>${t.to}`)).toEqual(['new-pack>xw-module']);
    expect((await store.listAnchors('ic')).map((a) => a.firmId).sort()).toEqual(['jy-pack', 'wx-fab']);
    expect((await store.listProjects({ clusterId: 'ic' })).map((p) => p.id)).toEqual(['p1']);
    // the rebuilt index counts the new firm: ic.packaging had wx-fab + jy-pack
    const input = (await store.analysisInput('ic', HOME))!;
    expect(input.segmentCounts.find((c) => c.segmentId === 'ic.packaging')).toEqual({ segmentId: 'ic.packaging', total: 3, local: 2 });
    const audit = await store.listAudit(10);
    expect(audit).toEqual([{ id: 1, at: '2025-01-01T00:00:00Z', actor: 'tester', action: 'upsertFirm', target: 'new-pack' }]);
  });

  it('refuses a second process-level open of the same data directory', async () => {
    const dir = tempDir();
    await open(dir);
    const second = createEmbeddedStore({ dataDir: dir });
    const e = await rejection(second.init());
    expect(e.code).toBe('STORE_UNAVAILABLE');
    expect(e.messageEn).toContain('in use by another process');
    expect(e.messageZh).toContain('另一个进程');
  });
});

describe('writes reject bad input with a clear error and change nothing', () => {
  it('names the unknown references of a firm', async () => {
    const store = await open(tempDir());
    const e = await rejection(
      store.upsertFirm(newFirm('bad', { regionId: 'cn-nowhere', segments: [{ segmentId: 'ic.nothing', primary: false }] })),
    );
    expect(e.code).toBe('BAD_INPUT');
    expect(e.fields.map((f) => f.path)).toEqual(['regionId', 'segments.0.segmentId']);
    expect(e.messageEn).toContain('unknown region: cn-nowhere');
    expect(e.messageZh).toContain('未知的区域');
    expect((await store.getFirms(['bad']))[0]).toBeNull();
    expect(await store.dataVersion()).toBe(1);
  });

  it('rejects a malformed record by schema (bad USCC)', async () => {
    const store = await open(tempDir());
    const e = await rejection(store.upsertFirm({ ...newFirm('x'), uscc: '91320200MA1234567X' }));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.fields[0]!.path).toBe('uscc');
  });

  it('refuses to delete a firm that projects refer to', async () => {
    const store = await open(tempDir());
    await store.upsertProject({
      id: 'p1', nameZh: '项目', firmId: 'sh-fab', segmentIds: ['ic.fab'], status: 'lead',
      history: [], illustrative: false, sourceId: 'src.test', confidence: 0.5,
    });
    const e = await rejection(store.deleteFirm('sh-fab'));
    expect(e.code).toBe('CONFLICT');
    expect(e.messageZh).toContain('p1');
    expect(await store.deleteProject('p1')).toBe(true);
    // anchors of the firm go with it
    expect(await store.deleteFirm('sh-fab')).toBe(true);
    expect((await store.listAnchors('ic')).map((a) => a.firmId)).toEqual(['wx-fab']);
    expect(await store.deleteFirm('sh-fab')).toBe(false);
  });
});

describe('importBatch', () => {
  it('writes all rows in one transaction', async () => {
    const dir = tempDir();
    let store = await open(dir);
    await store.importBatch({
      sources: [{ id: 'src.import1', kind: 'import', titleZh: '导入文件1' }],
      firms: [newFirm('imp-a', { sourceId: 'src.import1' }), newFirm('imp-b', { sourceId: 'src.import1' })],
      // a tie between two firms of the same batch
      supplies: [{ from: 'imp-a', to: 'imp-b', sourceId: 'src.import1', confidence: 1 }],
    });
    expect(await store.dataVersion()).toBe(2);
    store = await reopen(store, dir);
    expect((await store.getFirms(['imp-a', 'imp-b'])).map((f) => f?.id)).toEqual(['imp-a', 'imp-b']);
    expect(await store.listSupplies('imp-a')).toHaveLength(1);
  });

  it('writes nothing when one row fails, and lists every bad row', async () => {
    const dir = tempDir();
    let store = await open(dir);
    const e = await rejection(
      store.importBatch({
        firms: [
          newFirm('imp-ok-1'),
          newFirm('imp-bad-region', { regionId: 'nowhere' }),
          newFirm('imp-ok-2'),
        ],
        supplies: [{ from: 'imp-ok-1', to: 'ghost', sourceId: 'src.test', confidence: 1 }],
      }),
    );
    expect(e.code).toBe('IMPORT_REJECTED');
    expect(e.fields.map((f) => f.path)).toEqual(['firms.1.regionId', 'supplies.0.to']);
    expect(e.messageEn).toMatch(/^import rejected: 2 row\(s\) have errors; nothing was written/);
    expect(e.messageZh).toContain('导入被拒绝:2 行有错误');
    expect(await store.getFirms(['imp-ok-1', 'imp-ok-2'])).toEqual([null, null]);
    expect(await store.dataVersion()).toBe(1);
    store = await reopen(store, dir);
    expect(await store.getFirms(['imp-ok-1'])).toEqual([null]);
  });

  it('updates the firms it holds in their place and appends the new ones in batch order (load order after a restart)', async () => {
    const dir = tempDir();
    let store = await open(dir);
    const fixtureIds = fixture.firms.map((f) => f.id);
    const edited = fixture.firms[2]!;
    const added = Array.from({ length: 130 }, (_, i) => newFirm(`imp-${String(130 - i).padStart(3, '0')}`));
    const batch = [...added.slice(0, 70), { ...edited, nameZh: '改名后的企业' }, ...added.slice(70)];
    await store.importBatch({ firms: batch });
    expect(await store.dataVersion()).toBe(2);
    store = await reopen(store, dir);
    expect((await store.getFirms([edited.id]))[0]!.nameZh).toBe('改名后的企业');
    expect((await store.getFirms([added[0]!.id, added[129]!.id])).map((f) => f?.nameZh)).toEqual(['测试企业imp-130', '测试企业imp-001']);
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const db = RecordDb.open(dir);
    try {
      const order: string[] = [];
      db.forEachBody('firms', (body) => order.push((JSON.parse(body) as Firm).id));
      expect(order).toEqual([...fixtureIds, ...added.map((f) => f.id)]);
    } finally {
      db.close();
    }
  });

  it('rejects a USCC already held by another firm', async () => {
    const store = await open(tempDir());
    // a valid USCC: the check character computed, not typed in
    const code = '91320214MA1M11111' + usccCheckCharacter('91320214MA1M11111');
    await store.upsertFirm(newFirm(code, { uscc: code }));
    const e = await rejection(store.importBatch({ firms: [newFirm('other', { uscc: code })] }));
    expect(e.fields.map((f) => f.path)).toEqual(['firms.0.uscc']);
    expect(e.fields[0]!.messageEn).toBe(`USCC ${code} already belongs to firm ${code}`);
  });
});

describe('importBatch of lists the importer already parsed (markParsed)', () => {
  it('still checks references: a parsed firm in an unknown region rejects the batch', async () => {
    const store = await open(tempDir());
    const firms = markParsed([newFirm('mp-ok'), newFirm('mp-bad', { regionId: 'nowhere' })]);
    const e = await rejection(store.importBatch({ firms }));
    expect(e.code).toBe('IMPORT_REJECTED');
    expect(e.fields.map((f) => f.path)).toEqual(['firms.1.regionId']);
    expect(await store.getFirms(['mp-ok'])).toEqual([null]);
    expect(await store.dataVersion()).toBe(1);
  });

  it('names every bad row by its place in the batch, also after rows that failed their schema', async () => {
    const store = await open(tempDir());
    const e = await rejection(
      store.importBatch({
        firms: [
          { ...newFirm('row-0'), confidence: 2 }, // 0: schema
          newFirm('row-1'),
          { ...newFirm('row-2'), segments: [] }, // 2: schema
          newFirm('row-1'), // 3: duplicate of row 1
          newFirm('row-4', { regionId: 'nowhere' }), // 4: reference
        ],
        supplies: [{ from: 'row-1' } as unknown as SupplyTie, { from: 'row-1', to: 'ghost', sourceId: 'src.test', confidence: 1 }],
      }),
    );
    expect(e.fields.map((f) => f.path)).toEqual(['firms.0.confidence', 'firms.2.segments', 'supplies.0.to', 'supplies.0.sourceId', 'supplies.0.confidence', 'firms.3', 'firms.4.regionId', 'supplies.1.to']);
    expect(await store.dataVersion()).toBe(1);
  });

  it('writes a parsed list as given; an unmarked list is parsed (defaults applied, bad shape rejected)', async () => {
    const dir = tempDir();
    let store = await open(dir);
    await store.importBatch({ firms: markParsed([newFirm('mp-a')]) });
    // Unmarked: `tags` and the flags are filled in by the schema's defaults.
    const { tags: _t, listed: _l, highTech: _h, specialized: _s, illustrative: _i, ...bare } = newFirm('mp-b');
    await store.importBatch({ firms: [bare as Firm] });
    store = await reopen(store, dir);
    const [a, b] = await store.getFirms(['mp-a', 'mp-b']);
    expect(a).toEqual(newFirm('mp-a'));
    expect(b).toEqual(newFirm('mp-b'));
    expect((await rejection(store.importBatch({ firms: [{ ...newFirm('mp-c'), confidence: 2 }] }))).fields.map((f) => f.path)).toEqual([
      'firms.0.confidence',
    ]);
  });

  it('a marked list is frozen: nothing unparsed can be added to it afterwards', () => {
    const list = markParsed([newFirm('mp-x')]);
    expect(isParsed(list)).toBe(true);
    expect(isParsed([...list])).toBe(false);
    expect(() => (list as Firm[]).push({ id: 'x' } as Firm)).toThrow(TypeError);
  });
});

describe('search keys of imported firms', () => {
  /** The stored search column of each firm, read with the store closed (it holds the file exclusively). */
  async function storedSearch(store: EmbeddedStore, dir: string, ids: string[]): Promise<(string | null)[]> {
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    try {
      return ids.map((id) => (db.prepare('SELECT search FROM firms WHERE id = ?').get(id) as { search: string | null }).search);
    } finally {
      db.close();
    }
  }

  it('are computed by the first search, not by the import, then stored (without a data-version bump) for restarts', async () => {
    const dir = tempDir();
    let store = await open(dir);
    await store.importBatch({ firms: [newFirm('kw-a', { nameZh: '梁溪传感器' }), newFirm('kw-b', { nameZh: '太湖光电' })] });
    const version = await store.dataVersion();
    expect(await storedSearch(store, dir, ['kw-a', 'kw-b'])).toEqual([null, null]);
    store = await open(dir, false);
    // 梁溪传感器 = liang xi chuan gan qi
    expect((await store.search('lxcgq', 5)).map((h) => h.id)).toEqual(['kw-a']);
    expect(await store.dataVersion()).toBe(version);
    const [a, b] = await storedSearch(store, dir, ['kw-a', 'kw-b']);
    expect(JSON.parse(a!)).toEqual({ s: ['liang', 'xi', 'chuan', 'gan', 'qi'], i: ['l', 'x', 'c', 'g', 'q'] });
    expect(JSON.parse(b!)).toEqual({ s: ['tai', 'hu', 'guang', 'dian'], i: ['t', 'h', 'g', 'd'] });
    store = await open(dir, false);
    expect((await store.search('taihu', 5)).map((h) => h.id)).toEqual(['kw-b']);
    expect(await store.dataVersion()).toBe(version);
  });

  it('writes made after a restart but before the first search are what that search sees', async () => {
    const dir = tempDir();
    let store = await open(dir);
    await store.importBatch({ firms: [newFirm('kw-1', { nameZh: '梁溪传感器' }), newFirm('kw-2', { nameZh: '太湖光电' })] });
    store = await reopen(store, dir);
    await store.deleteFirm('kw-2');
    await store.importBatch({ firms: [newFirm('kw-1', { nameZh: '蠡湖传感器' })] });
    await store.upsertFirm(newFirm('kw-3', { nameZh: '太湖光电' }));
    expect(await store.search('liangxi', 5)).toEqual([]);
    expect((await store.search('lihu', 5)).map((h) => h.id)).toEqual(['kw-1']);
    expect((await store.search('taihu', 5)).map((h) => h.id)).toEqual(['kw-3']);
  });

  it('a firm renamed by a later import is found by its new name only, after a restart too', async () => {
    const dir = tempDir();
    let store = await open(dir);
    await store.importBatch({ firms: [newFirm('kw-r', { nameZh: '梁溪传感器' })] });
    expect((await store.search('liangxi', 5)).map((h) => h.id)).toEqual(['kw-r']);
    await store.importBatch({ firms: [newFirm('kw-r', { nameZh: '蠡湖传感器' })] });
    // the import reset the stored keys of the old name
    expect(await storedSearch(store, dir, ['kw-r'])).toEqual([null]);
    store = await open(dir, false);
    expect(await store.search('liangxi', 5)).toEqual([]);
    expect((await store.search('lihu', 5)).map((h) => h.id)).toEqual(['kw-r']);
    store = await reopen(store, dir);
    expect(await store.search('liangxi', 5)).toEqual([]);
    expect((await store.search('lihu', 5)).map((h) => h.id)).toEqual(['kw-r']);
  });
});

describe('the name index built in the background', () => {
  /** Firms whose search keys are stored, read with the store closed. */
  function storedKeyCount(dir: string): number {
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM firms WHERE search IS NOT NULL').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('computes and stores the keys of imported firms without a search, and no data-version bump', async () => {
    const dir = tempDir();
    let store = await open(dir, true, { warmNames: false });
    const firms = Array.from({ length: 600 }, (_, i) => newFirm(`bg-${String(i).padStart(3, '0')}`, { nameZh: i === 599 ? '梁溪传感器' : `测试企业${i}` }));
    await store.importBatch({ firms });
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    // seeding stores the seed firms' keys; the import stores none
    expect(storedKeyCount(dir)).toBe(fixture.firms.length);
    store = await open(dir, false, { warmDelayMs: 0 });
    // nothing before the server says it is up; then /healthz lists the build while it runs, and nothing once it is done
    expect(store.backgroundWork()).toEqual([]);
    store.startBackgroundWork();
    expect(store.backgroundWork()).toEqual(['search-index']);
    const version = await store.dataVersion();
    await settle();
    expect(store.backgroundWork()).toEqual([]);
    expect(await store.dataVersion()).toBe(version);
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    // every firm of the fixture and of the import, without any search having run
    expect(storedKeyCount(dir)).toBe(fixture.firms.length + 600);
    store = await open(dir, false);
    expect((await store.search('lxcgq', 5)).map((h) => h.id)).toEqual(['bg-599']);
  });

  it('a firm renamed or deleted while the index is being built is found only as it is now', async () => {
    const dir = tempDir();
    let store = await open(dir, true, { warmNames: false });
    await store.importBatch({ firms: [newFirm('bg-r', { nameZh: '梁溪传感器' }), newFirm('bg-d', { nameZh: '太湖光电' })] });
    // stored keys for both (a search stores them), then a restart with the background build
    expect((await store.search('liangxi', 5)).map((h) => h.id)).toEqual(['bg-r']);
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    store = await open(dir, false, { warmDelayMs: 0 });
    store.startBackgroundWork();
    await store.importBatch({ firms: [newFirm('bg-r', { nameZh: '蠡湖传感器' })] });
    await store.deleteFirm('bg-d');
    await settle();
    expect(await store.search('liangxi', 5)).toEqual([]);
    expect((await store.search('lihu', 5)).map((h) => h.id)).toEqual(['bg-r']);
    expect(await store.search('taihu', 5)).toEqual([]);
  });
});

describe('RecordDb.forEachBody (start-up reads, one row at a time)', () => {
  it('yields every body once, in insertion order (updates in place, deletes leave no trace)', () => {
    const db = RecordDb.open(tempDir());
    try {
      db.transaction((tx) => {
        for (let i = 0; i < 10; i++) tx.put('sources', `s${i}`, { n: i });
      });
      // an update keeps its row (and so its place), a delete leaves a gap in the rowids
      db.transaction((tx) => {
        tx.put('sources', 's2', { n: 'two' });
        tx.delete('sources', 's5');
      });
      const expected = [0, 1, 'two', 3, 4, 6, 7, 8, 9];
      const seen: unknown[] = [];
      db.forEachBody('sources', (body) => seen.push((JSON.parse(body) as { n: unknown }).n));
      expect(seen).toEqual(expected);
    } finally {
      db.close();
    }
  });
});

describe('findFirms', () => {
  // All 8 fixture firms by id: jp-equip, js-equip, jy-pack, sh-design, sh-fab, wx-chip-design, wx-fab, xw-module
  it('pages by id with an opaque cursor that stays stable across inserts', async () => {
    const store = await open(tempDir());
    const p1 = await store.findFirms({}, 3);
    expect(p1.items.map((f) => f.id)).toEqual(['jp-equip', 'js-equip', 'jy-pack']);
    expect(p1).toMatchObject({ hasNextPage: true, totalCount: 8 });
    expect(p1.endCursor).not.toContain('jy-pack'); // opaque

    // a firm inserted behind the cursor must not shift the next page; one ahead of it appears in order
    await store.upsertFirm(newFirm('aa-first'));
    await store.upsertFirm(newFirm('k-middle'));
    const p2 = await store.findFirms({}, 3, p1.endCursor);
    expect(p2.items.map((f) => f.id)).toEqual(['k-middle', 'sh-design', 'sh-fab']);
    const p3 = await store.findFirms({}, 3, p2.endCursor);
    expect(p3.items.map((f) => f.id)).toEqual(['wx-chip-design', 'wx-fab', 'xw-module']);
    expect(p3).toMatchObject({ hasNextPage: false, totalCount: 10 });
    const p4 = await store.findFirms({}, 3, p3.endCursor);
    expect(p4).toEqual({ items: [], endCursor: null, hasNextPage: false, totalCount: 10 });
  });

  it('applies every filter field', async () => {
    const store = await open(tempDir());
    const ids = async (filter: Parameters<EmbeddedStore['findFirms']>[0]) =>
      (await store.findFirms(filter, 100)).items.map((f) => f.id);
    expect(await ids({ clusterId: 'iot' })).toEqual(['sh-design', 'xw-module']);
    expect(await ids({ segmentId: 'ic.packaging' })).toEqual(['jy-pack', 'wx-fab']);
    // 无锡 subtree = 新吴 + 江阴
    expect(await ids({ regionId: 'cn-js-wx' })).toEqual(['jy-pack', 'wx-chip-design', 'wx-fab', 'xw-module']);
    // 江苏 subtree also holds js-equip, placed directly in the province
    expect(await ids({ regionId: 'cn-js', segmentId: 'ic.equipment' })).toEqual(['js-equip']);
    expect(await ids({ clusterId: 'ic', homeRegionId: HOME, local: false })).toEqual([
      'jp-equip', 'js-equip', 'jy-pack', 'sh-design', 'sh-fab',
    ]);
    expect(await ids({ homeRegionId: HOME, local: true })).toEqual(['wx-chip-design', 'wx-fab', 'xw-module']);
    expect(await ids({ ownership: 'foreign' })).toEqual(['jp-equip', 'wx-fab']);
    expect(await ids({ originId: 'jp', regionId: 'cn' })).toEqual(['wx-fab']);
    expect(await ids({ tag: 'fabless' })).toEqual(['sh-design', 'wx-chip-design']);
    expect(await ids({ text: 'SHANGHAI' })).toEqual(['sh-design', 'sh-fab']); // nameEn, case-insensitive
    expect(await ids({ text: '晶圆' })).toEqual(['sh-fab', 'wx-fab']);
    expect(await ids({ text: 'equip', ownership: 'private' })).toEqual(['js-equip']); // id substring
    expect(await ids({ regionId: 'cn-nowhere' })).toEqual([]);
  });

  it('rejects a forged cursor and a bad page size', async () => {
    const store = await open(tempDir());
    expect((await rejection(store.findFirms({}, 3, 'not-a-cursor'))).code).toBe('BAD_INPUT');
    expect((await rejection(store.findFirms({}, -1))).code).toBe('BAD_INPUT');
    expect((await rejection(store.findFirms({ homeRegionId: 'nowhere', local: true }, 5))).messageEn).toBe('unknown region: nowhere');
  });
});

describe('search', () => {
  it('matches Chinese, English, full pinyin and pinyin initials, best match first', async () => {
    const store = await open(tempDir());
    const hits = async (q: string) => (await store.search(q, 10)).map((h) => `${h.kind}:${h.id}`);
    // exact segment name (100) before the firms that contain it (60); equal names by length then id
    expect(await hits('芯片设计')).toEqual(['segment:ic.design', 'firm:sh-design', 'firm:wx-chip-design']);
    // 集成电路 = ji cheng dian lu: initials, full pinyin prefix
    expect(await hits('jcdl')).toEqual(['cluster:ic']);
    expect(await hits('jicheng')).toEqual(['cluster:ic']);
    // 新吴… = xin wu …: wx-fab's English name "Xinwu Wafer Fab" starts with it (80), then the
    // full-pinyin prefix of the other two (65), equal name lengths → by id
    expect(await hits('xinwu')).toEqual(['firm:wx-fab', 'firm:wx-chip-design', 'firm:xw-module']);
    // "xin wu" with a space, as users type it
    expect(await hits('xin wu')).toEqual(['firm:wx-chip-design', 'firm:wx-fab', 'firm:xw-module']);
    // she ji (设计) inside the name, on a syllable boundary
    expect(await hits('sheji')).toEqual(['segment:ic.design', 'firm:sh-design', 'firm:wx-chip-design']);
    // not on a syllable boundary: "inpian" inside "xinpian" (芯片) must not match
    expect(await hits('inpian')).toEqual([]);
    expect(await hits('tokyo')).toEqual(['firm:jp-equip']);
    expect(await hits('Internet')).toEqual(['cluster:iot']);
    expect(await hits('   ')).toEqual([]);
  });

  it('follows writes: new, renamed and deleted firms', async () => {
    const store = await open(tempDir());
    await store.upsertFirm(newFirm('zz-new', { nameZh: '太湖传感器' }));
    expect((await store.search('thcgq', 5)).map((h) => h.id)).toEqual(['zz-new']);
    await store.upsertFirm(newFirm('zz-new', { nameZh: '蠡湖传感器' }));
    expect(await store.search('thcgq', 5)).toEqual([]);
    expect((await store.search('lihu', 5)).map((h) => h.id)).toEqual(['zz-new']);
    await store.deleteFirm('zz-new');
    expect(await store.search('lihu', 5)).toEqual([]);
  });
});

describe('analysis inputs (hand-counted from tests/fixtures/seeds)', () => {
  it('builds the IC cluster input for 新吴区', async () => {
    const store = await open(tempDir());
    const input = (await store.analysisInput('ic', HOME))!;
    expect(input.cluster.id).toBe('ic');
    expect(input.segments.map((s) => s.id)).toEqual(['ic.design', 'ic.fab', 'ic.packaging', 'ic.equipment']);
    // ic.packaging → iot.module is the only edge leaving the cluster
    expect(input.neighborSegments.map((s) => s.id)).toEqual(['iot.module']);
    expect(input.feeds.map((f) => `${f.from}>${f.to}`)).toEqual([
      'ic.design>ic.fab', 'ic.equipment>ic.fab', 'ic.fab>ic.packaging', 'ic.packaging>iot.module',
    ]);
    expect(input.regions).toHaveLength(8);
    // local = in 新吴区: wx-chip-design (design), wx-fab (fab, packaging), xw-module (iot.module, a neighbour)
    expect(input.localFirms.map((f) => f.id)).toEqual(['wx-chip-design', 'wx-fab', 'xw-module']);
    expect(input.anchors.map((a) => a.firmId)).toEqual(['sh-fab', 'wx-fab']);
    expect(input.outsideAnchorFirms.map((f) => f.id)).toEqual(['sh-fab']);
    // buyers are local firms of ic's own segments: only wx-fab buys; xw-module is iot-only
    expect(input.localSupplies.map((t) => [t.from, t.to, t.supplierRegionId, t.supplierSegmentIds])).toEqual([
      ['jp-equip', 'wx-fab', 'jp', ['ic.equipment']],
      ['sh-design', 'wx-fab', 'cn-sh-pudong', ['ic.design', 'iot.module']],
      ['wx-chip-design', 'wx-fab', HOME, ['ic.design']],
    ]);
    expect(input.segmentCounts).toEqual([
      { segmentId: 'ic.design', total: 2, local: 1 }, // wx-chip-design, sh-design
      { segmentId: 'ic.fab', total: 2, local: 1 }, // wx-fab, sh-fab
      { segmentId: 'ic.packaging', total: 2, local: 1 }, // wx-fab, jy-pack (江阴 is not 新吴)
      { segmentId: 'ic.equipment', total: 2, local: 0 }, // jp-equip, js-equip
      { segmentId: 'iot.module', total: 2, local: 1 }, // sh-design, xw-module
    ]);
    // firm–segment pairs: 1+2+1+2+1+1+1 (ic firms) + 2 (xw-module) = 11; local: 1+2+2 = 5
    expect(input.totals).toEqual({ allPairs: 11, localPairs: 5 });
    expect(input.regionCounts).toEqual([
      { segmentId: 'ic.design', regionId: 'cn-js-wx', count: 1 },
      { segmentId: 'ic.design', regionId: 'cn-sh', count: 1 }, // 浦东 counts for 上海
      { segmentId: 'ic.equipment', regionId: 'cn-js', count: 1 }, // placed in the province itself
      { segmentId: 'ic.equipment', regionId: 'jp', count: 1 }, // placed in the country itself
      { segmentId: 'ic.fab', regionId: 'cn-js-wx', count: 1 },
      { segmentId: 'ic.fab', regionId: 'cn-sh', count: 1 }, // sh-fab sits in the city directly
      { segmentId: 'ic.packaging', regionId: 'cn-js-wx', count: 2 }, // 新吴 + 江阴 both count for 无锡
      { segmentId: 'iot.module', regionId: 'cn-js-wx', count: 1 },
      { segmentId: 'iot.module', regionId: 'cn-sh', count: 1 },
    ]);
    // co-occurrence within ic ∪ {iot.module}: wx-fab (fab+packaging), sh-design (design+iot.module);
    // xw-module's pair (iot.module, iot.app) is out of scope
    expect(input.pairCounts).toEqual([
      { a: 'ic.design', b: 'iot.module', count: 1 },
      { a: 'ic.fab', b: 'ic.packaging', count: 1 },
    ]);
  });

  it('follows an edit that keeps region and segments', async () => {
    const store = await open(tempDir());
    const before = (await store.analysisInput('ic', HOME))!.localFirms.find((f) => f.id === 'wx-chip-design')!;
    expect(before).toMatchObject({ listed: false, highTech: false, employeesBand: undefined });
    const chip = (await store.getFirms(['wx-chip-design']))[0]!;
    await store.upsertFirm({ ...chip, listed: true, highTech: true, employeesBand: 'XL' });
    const after = (await store.analysisInput('ic', HOME))!.localFirms.find((f) => f.id === 'wx-chip-design')!;
    expect(after).toMatchObject({ listed: true, highTech: true, employeesBand: 'XL', segments: chip.segments });
  });

  it('follows writes and answers per home region; unknown cluster → null, unknown home → BAD_INPUT', async () => {
    const store = await open(tempDir());
    // with 无锡 as home, 江阴's jy-pack is local too
    const wuxi = (await store.analysisInput('ic', 'cn-js-wx'))!;
    expect(wuxi.segmentCounts.find((c) => c.segmentId === 'ic.packaging')!.local).toBe(2);
    expect(wuxi.totals.localPairs).toBe(6);
    // moving wx-fab to Shanghai changes counts, pairs by region and local supplies
    const wxFab = (await store.getFirms(['wx-fab']))[0]!;
    await store.upsertFirm({ ...wxFab, regionId: 'cn-sh-pudong' });
    const after = (await store.analysisInput('ic', HOME))!;
    expect(after.localFirms.map((f) => f.id)).toEqual(['wx-chip-design', 'xw-module']);
    expect(after.localSupplies).toEqual([]);
    expect(after.totals).toEqual({ allPairs: 11, localPairs: 3 });
    expect(after.outsideAnchorFirms.map((f) => f.id)).toEqual(['sh-fab', 'wx-fab']);
    expect(await store.analysisInput('nope', HOME)).toBeNull();
    expect((await rejection(store.analysisInput('ic', 'nowhere'))).code).toBe('BAD_INPUT');
  });

  it('lists target candidates best-known first with their ties to local firms', async () => {
    const store = await open(tempDir());
    const design = await store.targetCandidates('ic.design', HOME, 10);
    expect(design).toEqual([
      {
        firm: expect.objectContaining({ id: 'sh-design' }),
        tiesToLocal: [{ localFirmId: 'wx-fab', direction: 'supplies-local' }],
        segmentLocalCounts: [
          { segmentId: 'ic.design', clusterId: 'ic', local: 1 },
          { segmentId: 'iot.module', clusterId: 'iot', local: 1 },
        ],
      },
    ]);
    // jp-equip (revenue L) before js-equip (revenue M, though listed)
    expect((await store.targetCandidates('ic.equipment', HOME, 10)).map((c) => c.firm.id)).toEqual(['jp-equip', 'js-equip']);
    expect((await store.targetCandidates('ic.equipment', HOME, 1)).map((c) => c.firm.id)).toEqual(['jp-equip']);
    // jy-pack buys nothing from local firms but sells to xw-module (local)
    const pack = await store.targetCandidates('ic.packaging', HOME, 10);
    expect(pack.map((c) => [c.firm.id, c.tiesToLocal])).toEqual([
      ['jy-pack', [{ localFirmId: 'xw-module', direction: 'supplies-local' }]],
    ]);
    expect((await rejection(store.targetCandidates('ic.nothing', HOME, 5))).code).toBe('NOT_FOUND');
  });

  it('counts a segment per city-level region, largest first', async () => {
    const store = await open(tempDir());
    expect(await store.segmentRegionCounts('ic.packaging')).toEqual([{ segmentId: 'ic.packaging', regionId: 'cn-js-wx', count: 2 }]);
    expect(await store.segmentRegionCounts('ic.equipment')).toEqual([
      { segmentId: 'ic.equipment', regionId: 'cn-js', count: 1 },
      { segmentId: 'ic.equipment', regionId: 'jp', count: 1 },
    ]);
    expect(await store.segmentRegionCounts('iot.app')).toEqual([{ segmentId: 'iot.app', regionId: 'cn-js-wx', count: 1 }]);
  });
});
