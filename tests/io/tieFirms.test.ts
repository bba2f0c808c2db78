// A ties import reads only the stored firms its file names when every firm
// cell names one by id or by the USCC that is its id (context.ts, namedFirms),
// else every stored firm. Either way every row must get the fate, issues and
// record it gets with every stored firm at hand: each file below is planned
// both ways and compared, and which way was taken is checked too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapHeader } from '../../server/io/import/columns.js';
import { ImportContext, loadImportData } from '../../server/io/import/context.js';
import { importFile } from '../../server/io/import/importFile.js';
import { planRows } from '../../server/io/import/plan.js';
import { readTable } from '../../server/io/import/table.js';
import type { EmbeddedStore } from '../../server/store/embedded/index.js';
import { breakUscc, csvBytes, makeUscc, openFixtureStore } from './helpers.js';

let store: EmbeddedStore;
let cleanup: () => Promise<void>;
const A = makeUscc(2001);
const B = makeUscc(2002);
const C = makeUscc(2003);
/** Held by a firm whose id is a slug, not the code. */
const D = makeUscc(2004);
/** No stored firm has it. */
const E = makeUscc(2005);

beforeEach(async () => {
  ({ store, cleanup } = await openFixtureStore());
  const r = await importFile(
    store,
    csvBytes([
      ['企业名称', '统一社会信用代码', '企业编号', '所在地区', '企业性质', '所属环节'],
      ['无锡甲芯有限公司', A, '', '无锡市新吴区', '民营', '芯片设计'],
      ['无锡乙芯有限公司', B, '', '无锡市新吴区', '民营', '晶圆制造'],
      ['无锡丙芯有限公司', C, '', '无锡市新吴区', '民营', '封装测试'],
    ]),
  );
  expect(r.committed).toBe(true);
  const [fab] = await store.getFirms(['wx-fab']);
  await store.upsertFirm({ ...fab!, id: 'slug-d', uscc: D, nameZh: '无锡丁芯有限公司' });
});
afterEach(async () => cleanup());

/** The plan of a ties file with only what namedFirms reads, and with every stored firm; and how many firms the first had. */
async function bothWays(rows: string[][]) {
  const read = await readTable(csvBytes(rows), { filename: 'ties.csv' });
  if (!read.ok) throw new Error('unreadable');
  const table = read.table;
  const mapping = mapHeader('supplies', table.headers);
  const settings = { actor: 't', now: new Date('2024-01-01T00:00:00Z'), sourceId: 'import.test', confidence: 0.8 };
  const named = await loadImportData(store, 'supplies', { table, mapping });
  const all = await loadImportData(store, 'supplies');
  const plan = (data: typeof all) => JSON.parse(JSON.stringify(planRows(table, mapping, new ImportContext(data), settings)));
  const size = (data: typeof all) => (data.firms instanceof Map ? data.firms.size : data.firms.length);
  return { named: plan(named), all: plan(all), firmsRead: size(named), storedFirms: size(all) };
}

const HEADER = ['供应方信用代码', '供应方', '采购方信用代码', '采购方', '供应环节'];

describe('a ties import reads the firms its file names', () => {
  it('by USCC only (as typed, lower case, full width, with spaces): reads those three firms; same plan; the import commits', async () => {
    const wide = [...B].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
    const rows = [
      HEADER,
      [A, '', B, '', ''],
      ['', A.toLowerCase(), '', C.slice(0, 9) + ' ' + C.slice(9), ''],
      ['', wide, C, '', '晶圆制造'],
    ];
    const r = await bothWays(rows);
    expect(r.firmsRead).toBe(3);
    expect(r.storedFirms).toBe(12); // 8 fixture firms + A, B, C + slug-d
    expect(r.named).toEqual(r.all);
    expect(r.named.counts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });

    const report = await importFile(store, csvBytes(rows), { filename: 'ties.csv' });
    expect(report.committed).toBe(true);
    const ties = (await store.listSupplies()).map((t) => `${t.from}>${t.to}`);
    expect(ties).toEqual(expect.arrayContaining([`${A}>${B}`, `${A}>${C}`, `${B}>${C}`]));
  });

  it('by slug id, with a stored tie among them: reads the two firms; unchanged as with all firms', async () => {
    const r = await bothWays([HEADER, ['', 'jp-equip', '', 'wx-fab', '']]);
    expect(r.firmsRead).toBe(2);
    expect(r.named).toEqual(r.all);
    expect(r.named.rows.map((x: { fate: string }) => x.fate)).toEqual(['unchanged']);
  });

  it('a malformed code fails its row either way; the other rows still read only their firms', async () => {
    const r = await bothWays([HEADER, [A, '', B, '', ''], [breakUscc(C), '', A, '', '']]);
    expect(r.firmsRead).toBe(2);
    expect(r.named).toEqual(r.all);
    expect(r.named.rows[1].issues.map((i: { code: string }) => i.code)).toEqual(['BAD_USCC']);
  });

  it.each([
    ['a firm named by its name', ['', '无锡甲芯有限公司', B, '', ''], 'created'],
    ['a code held by a firm under a slug id', [D, '', B, '', ''], 'created'],
    ['a code in the name column held under a slug id', ['', D, '', 'wx-fab', ''], 'created'],
    ['a code no stored firm has', [E, '', B, '', ''], 'rejected'],
    ['an id no stored firm has', ['', 'no-such-firm', B, '', ''], 'rejected'],
  ])('%s: reads every stored firm, same plan', async (_what, row, fate) => {
    const r = await bothWays([HEADER, [A, '', C, '', ''], row]);
    expect(r.firmsRead).toBe(12);
    expect(r.named).toEqual(r.all);
    expect(r.named.rows.map((x: { fate: string }) => x.fate)).toEqual(['created', fate]);
  });

  it('a code that is one firm\'s id and another firm\'s USCC: reads every stored firm, resolves to the holder of the USCC', async () => {
    // Allowed by the store: the firm with id E holds no USCC, so E is free for another firm to hold.
    const [fab] = await store.getFirms(['wx-fab']);
    await store.upsertFirm({ ...fab!, id: E, uscc: undefined, nameZh: '无锡戊芯有限公司' });
    await store.upsertFirm({ ...fab!, id: 'slug-e', uscc: E, nameZh: '无锡己芯有限公司' });
    const r = await bothWays([HEADER, [E, '', B, '', '']]);
    expect(r.firmsRead).toBe(14);
    expect(r.named).toEqual(r.all);
    expect(r.named.batch.supplies.map((t: { from: string; to: string }) => `${t.from}>${t.to}`)).toEqual([`slug-e>${B}`]);
  });

  it('a code held under a slug id resolves to that firm', async () => {
    const r = await bothWays([HEADER, [D, '', B, '', '']]);
    expect(r.named.batch.supplies.map((t: { from: string; to: string }) => `${t.from}>${t.to}`)).toEqual([`slug-d>${B}`]);
  });
});
