// Import of firms, segment assignments, supply ties and projects from CSV /
// XLSX into the embedded store: every row's fate, every kind of bad row, and
// all-or-nothing commits. Expected numbers are worked out by hand from
// tests/fixtures/seeds (8 firms, 6 segments, 5 supply ties, no projects).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, type ImportProgress } from '../../server/io/import/importFile.js';
import type { ImportReport, RowReport } from '../../server/io/import/report.js';
import type { EmbeddedStore } from '../../server/store/embedded/index.js';
import { breakUscc, csvBytes, makeUscc, openFixtureStore, xlsxBytes } from './helpers.js';

let store: EmbeddedStore;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ store, cleanup } = await openFixtureStore());
});
afterEach(async () => cleanup());

const FIRM_HEADER = ['企业名称', '统一社会信用代码', '所在地区', '企业性质', '资本来源', '所属环节', '营收规模'];
const A = makeUscc(1001);
const B = makeUscc(1002);
const C = makeUscc(1003);

const goodFirms = [
  FIRM_HEADER,
  ['无锡甲芯微电子有限公司', A, '无锡市新吴区', '民营', '', '芯片设计', 'M'],
  ['上海乙封测股份有限公司', B, '上海市浦东新区', '外资', '日本', '封装测试;晶圆制造', '12'],
  ['江阴丙设备有限公司', C, '江阴', '国有', '', '半导体设备', ''],
];

const fates = (r: ImportReport) => r.rows.map((x) => [x.row, x.fate]);
const issues = (r: RowReport) => r.issues.map((i) => [i.column, i.code]);

describe('good files', () => {
  it.each([
    ['utf8', 'utf-8'],
    ['utf8-bom', 'utf-8-bom'],
    ['gbk', 'gb18030'],
    ['gb18030', 'gb18030'],
  ] as const)('CSV in %s: three firms created, encoding reported as %s', async (enc, reported) => {
    const before = await store.dataVersion();
    const r = await importFile(store, csvBytes(goodFirms, enc), { filename: 'firms.csv' });
    expect(r.fileErrors).toEqual([]);
    expect(r.kind).toBe('firms');
    expect(r.encoding).toBe(reported);
    expect(r.counts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(fates(r)).toEqual([[2, 'created'], [3, 'created'], [4, 'created']]);
    expect(r.committed).toBe(true);
    expect(await store.dataVersion()).toBeGreaterThan(before);

    const [a, b, c] = await store.getFirms([A, B, C]);
    expect(a).toMatchObject({ id: A, uscc: A, nameZh: '无锡甲芯微电子有限公司', regionId: 'cn-js-wx-xinwu', ownership: 'private', originId: 'cn', revenueBand: 'M' });
    expect(a!.segments).toEqual([{ segmentId: 'ic.design', primary: true }]);
    // Revenue 12 亿元: 2 ≤ 12 < 20 → band M.
    expect(b).toMatchObject({ regionId: 'cn-sh-pudong', ownership: 'foreign', originId: 'jp', revenueBand: 'M' });
    expect(b!.segments).toEqual([{ segmentId: 'ic.packaging', primary: true }, { segmentId: 'ic.fab', primary: false }]);
    expect(c).toMatchObject({ regionId: 'cn-js-wx-jiangyin', ownership: 'state', originId: 'cn' });
    expect(c!.revenueBand).toBeUndefined();
    // The facts cite a source record of kind 'import'.
    const sources = await store.listSources();
    expect(sources.find((s) => s.id === a!.sourceId)).toMatchObject({ kind: 'import' });
    expect(a!.confidence).toBe(0.8);
  });

  it('English headers, tab-separated, with extra unknown columns reported as ignored', async () => {
    const text = [
      ['name_zh', 'uscc', 'region', 'ownership', 'segments', 'listed', 'high_tech', 'employees', 'remarks'],
      ['无锡丁科技有限公司', A, 'cn-js-wx-xinwu', 'private', 'ic.design', 'yes', '是', '1200', 'x'],
    ]
      .map((r) => r.join('\t'))
      .join('\n');
    const r = await importFile(store, Buffer.from(text), {});
    expect(r.delimiter).toBe('\t');
    expect(r.ignoredColumns).toEqual(['remarks']);
    expect(r.counts.created).toBe(1);
    const [f] = await store.getFirms([A]);
    expect(f).toMatchObject({ listed: true, highTech: true, employeesBand: 'M' });
  });

  it('XLSX: reads the first sheet, dates and numbers; a USCC typed as a number is caught', async () => {
    const bytes = await xlsxBytes({
      企业名录: [
        FIRM_HEADER,
        ['无锡甲芯微电子有限公司', A, '新吴区', '民营', '', '芯片设计', 0.1],
        // 18 digits in a number cell: Excel keeps 15 significant digits.
        ['无锡戊科技有限公司', 913202140000000001, '新吴区', '民营', '', '芯片设计', ''],
      ],
    });
    const r = await importFile(store, bytes, { filename: 'firms.xlsx', dryRun: true });
    expect(r.format).toBe('xlsx');
    expect(r.sheet).toBe('企业名录');
    expect(fates(r)).toEqual([[2, 'created'], [3, 'rejected']]);
    expect(r.rows[1]!.issues[0]).toMatchObject({ column: '统一社会信用代码', code: 'BAD_USCC' });
    expect(r.rows[1]!.issues[0]!.messageZh).toContain('存成了数字');
    expect(r.committed).toBe(false);
  });

  it('reports progress and the dry run writes nothing', async () => {
    const seen: ImportProgress[] = [];
    const before = await store.dataVersion();
    const r = await importFile(store, csvBytes(goodFirms), { dryRun: true, onProgress: (p) => seen.push(p) });
    expect(r.ok).toBe(true);
    expect(r.dryRun).toBe(true);
    expect(r.committed).toBe(false);
    expect(r.counts.created).toBe(3);
    expect(await store.dataVersion()).toBe(before);
    expect(await store.getFirms([A])).toEqual([null]);
    expect(seen.map((p) => p.phase)).toContain('validate');
    expect(seen.at(-1)).toMatchObject({ phase: 'done', done: 3, total: 3 });
  });
});

describe('de-duplication against the store', () => {
  it('same file twice: created, then unchanged (nothing written the second time)', async () => {
    await importFile(store, csvBytes(goodFirms));
    const v = await store.dataVersion();
    const r = await importFile(store, csvBytes(goodFirms));
    expect(r.counts).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(r.committed).toBe(false);
    expect(await store.dataVersion()).toBe(v);
  });

  it('matched by USCC: only the changed fields are updated; blank cells keep stored values', async () => {
    await importFile(store, csvBytes(goodFirms));
    const r = await importFile(
      store,
      csvBytes([
        ['企业名称', '统一社会信用代码', '营收规模', '专精特新'],
        ['无锡甲芯微电子有限公司', A, 'L', '是'],
        ['上海乙封测股份有限公司', B, '', ''],
      ]),
    );
    expect(r.rows.map((x) => [x.row, x.fate, x.changes])).toEqual([
      [2, 'updated', ['specialized', 'revenueBand']],
      [3, 'unchanged', undefined],
    ]);
    const [a] = await store.getFirms([A]);
    expect(a).toMatchObject({ revenueBand: 'L', specialized: true, regionId: 'cn-js-wx-xinwu', segments: [{ segmentId: 'ic.design', primary: true }] });
  });

  it('an out-of-range default confidence rejects the updated row too (the batch holds parsed records only), nothing written', async () => {
    await importFile(store, csvBytes(goodFirms));
    const v = await store.dataVersion();
    const r = await importFile(store, csvBytes([['企业名称', '统一社会信用代码', '营收规模'], ['无锡甲芯微电子有限公司', A, 'L']]), { confidence: 1.5 });
    expect(r.rows.map((x) => [x.row, x.fate])).toEqual([[2, 'rejected']]);
    expect(r.rows[0]!.issues.map((i) => i.code)).toEqual(['INVALID']);
    expect(r.committed).toBe(false);
    expect(await store.dataVersion()).toBe(v);
    expect((await store.getFirms([A]))[0]).toMatchObject({ revenueBand: 'M', confidence: 0.8 });
  });

  it('matched by normalised name (full-width, spaces, 有限公司 suffix): the stored firm gains its USCC, keeps id and name', async () => {
    const r = await importFile(
      store,
      csvBytes([
        ['企业名称', '统一社会信用代码'],
        ['新吴芯片设计 有限公司', A], // stored: 新吴芯片设计有限公司 (wx-chip-design)
        ['江阴封测', ''], // stored: 江阴封测有限公司 (jy-pack): same, nothing new
        ['ＸＷ物联', ''], // no such firm, and a new firm needs region etc.
      ]),
    );
    expect(r.rows.map((x) => [x.row, x.fate, x.key])).toEqual([
      [2, 'updated', 'wx-chip-design'],
      [3, 'unchanged', 'jy-pack'],
      [4, 'rejected', undefined],
    ]);
    expect(issues(r.rows[2]!)).toEqual([
      ['所在地区', 'REQUIRED'],
      ['企业性质', 'REQUIRED'],
      ['所属环节', 'REQUIRED'],
    ]);
    expect(r.rows[0]!.changes).toEqual(['uscc']);
    expect(r.committed).toBe(false); // one rejected row: nothing written
    const ok = await importFile(store, csvBytes([['企业名称', '统一社会信用代码'], ['新吴芯片设计 有限公司', A]]));
    expect(ok.committed).toBe(true);
    const [f] = await store.getFirms(['wx-chip-design']);
    expect(f).toMatchObject({ id: 'wx-chip-design', nameZh: '新吴芯片设计有限公司', uscc: A });
  });

  it('a different USCC under a known name is a different firm; an id that clashes is a conflict', async () => {
    await importFile(store, csvBytes(goodFirms));
    const r = await importFile(
      store,
      csvBytes([
        ['企业名称', '统一社会信用代码', '企业编号', '所在地区', '企业性质', '所属环节'],
        ['无锡甲芯微电子有限公司', makeUscc(2001), '', '无锡市', '民营', '芯片设计'],
        ['新吴晶圆制造有限公司', '', 'wx-other', '新吴区', '民营', '晶圆制造'],
      ]),
      { dryRun: true },
    );
    expect(r.rows.map((x) => [x.row, x.fate])).toEqual([[2, 'created'], [3, 'rejected']]);
    expect(issues(r.rows[1]!)).toEqual([['企业编号', 'CONFLICT']]);
  });
});

describe('bad rows: every one reported, nothing written', () => {
  it('bad USCC, unknown segment, unknown region, bad values, missing name, duplicates within the file', async () => {
    const rows = [
      FIRM_HEADER,
      ['好企业有限公司', A, '新吴区', '民营', '', '芯片设计', ''], // 2 ok
      ['校验位错误有限公司', breakUscc(B), '新吴区', '民营', '', '芯片设计', ''], // 3
      ['环节未知有限公司', C, '新吴区', '民营', '', '量子计算', ''], // 4
      ['地区未知有限公司', makeUscc(5), '火星', '民营', '', '芯片设计', ''], // 5
      ['性质错误有限公司', makeUscc(6), '新吴区', '个体户', '', '芯片设计', 'XXL'], // 6
      ['', makeUscc(7), '新吴区', '民营', '', '芯片设计', ''], // 7
      ['重复代码有限公司', A, '新吴区', '民营', '', '芯片设计', ''], // 8: same USCC as row 2
      ['好企业', makeUscc(9), '新吴区', '民营', '', '芯片设计', ''], // 9: different USCC: another firm, fine
      ['好企业（有限公司）', '', '新吴区', '民营', '', '芯片设计', ''], // 10: same name as row 2 without a code
      ['外资无来源有限公司', makeUscc(11), '新吴区', '外资', '', '芯片设计', ''], // 11
      ['短代码有限公司', '91320214MA1X2Y3', '新吴区', '民营', '', '芯片设计', ''], // 12
    ];
    const before = await store.dataVersion();
    const r = await importFile(store, csvBytes(rows), { filename: 'bad.csv' });
    expect(r.ok).toBe(false);
    expect(r.committed).toBe(false);
    expect(await store.dataVersion()).toBe(before);
    expect(await store.getFirms([A])).toEqual([null]);
    expect(r.counts).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 9 });
    const byRow = new Map(r.rows.map((x) => [x.row, x]));
    expect(byRow.get(2)!.fate).toBe('created');
    expect(byRow.get(9)!.fate).toBe('created');
    expect(issues(byRow.get(3)!)).toEqual([['统一社会信用代码', 'BAD_USCC']]);
    expect(byRow.get(3)!.issues[0]!.messageEn).toMatch(/wrong check character: expected .+, found/);
    expect(issues(byRow.get(4)!)).toEqual([['所属环节', 'UNKNOWN_SEGMENT']]);
    expect(issues(byRow.get(5)!)).toEqual([['所在地区', 'UNKNOWN_REGION']]);
    expect(issues(byRow.get(6)!)).toEqual([
      ['企业性质', 'BAD_VALUE'],
      ['营收规模', 'BAD_VALUE'],
    ]);
    expect(issues(byRow.get(7)!)).toEqual([['企业名称', 'REQUIRED']]);
    expect(issues(byRow.get(8)!)).toEqual([['统一社会信用代码', 'DUPLICATE_IN_FILE']]);
    expect(byRow.get(8)!.issues[0]!.messageZh).toBe('与第 2 行的信用代码重复');
    expect(issues(byRow.get(10)!)).toEqual([['企业名称', 'DUPLICATE_IN_FILE']]);
    expect(issues(byRow.get(11)!)).toEqual([['资本来源', 'REQUIRED']]);
    expect(issues(byRow.get(12)!)).toEqual([['统一社会信用代码', 'BAD_USCC']]);
    for (const row of r.rows.filter((x) => x.fate === 'rejected')) {
      for (const i of row.issues) {
        expect(i.messageZh.length).toBeGreaterThan(0);
        expect(i.messageEn.length).toBeGreaterThan(0);
      }
    }
  });

  it('one bad row among many valid ones: store and dataVersion unchanged', async () => {
    const rows: string[][] = [FIRM_HEADER];
    for (let i = 0; i < 500; i++) rows.push([`批量企业${i}有限公司`, makeUscc(10_000 + i), '新吴区', '民营', '', '芯片设计', 'S']);
    rows[321]![5] = '不存在的环节';
    const before = await store.dataVersion();
    const firmsBefore = (await store.findFirms({}, 1, null)).totalCount;
    const r = await importFile(store, csvBytes(rows));
    expect(r.counts).toEqual({ created: 499, updated: 0, unchanged: 0, rejected: 1 });
    expect(r.rows.find((x) => x.fate === 'rejected')).toMatchObject({ row: 322 });
    expect(await store.dataVersion()).toBe(before);
    expect((await store.findFirms({}, 1, null)).totalCount).toBe(firmsBefore);
  });

  it('ambiguous segment names ask for the cluster; a cluster column settles them', async () => {
    // 芯片设计 exists only in ic; "Chip design" (English name) resolves too; "ic/封装测试" names the cluster inline.
    const r = await importFile(
      store,
      csvBytes([
        ['企业名称', '统一社会信用代码', '所在地区', '企业性质', '所属环节', '所属集群'],
        ['甲有限公司', A, '新吴区', '民营', 'Chip design', ''],
        ['乙有限公司', B, '新吴区', '民营', '集成电路/封装测试', ''],
        ['丙有限公司', C, '新吴区', '民营', '通信模组', '集成电路'],
      ]),
      { dryRun: true },
    );
    expect(fates(r)).toEqual([[2, 'created'], [3, 'created'], [4, 'rejected']]);
    expect(issues(r.rows[2]!)).toEqual([['所属环节', 'UNKNOWN_SEGMENT']]);
  });
});

describe('bad files', () => {
  it('empty file', async () => {
    const r = await importFile(store, Buffer.alloc(0));
    expect(r.fileErrors.map((e) => e.code)).toEqual(['EMPTY_FILE']);
    expect(r.ok).toBe(false);
  });

  it('blank lines only', async () => {
    const r = await importFile(store, Buffer.from('\n\n  \n'));
    expect(r.fileErrors.map((e) => e.code)).toEqual(['EMPTY_FILE']);
  });

  it('header only', async () => {
    const r = await importFile(store, csvBytes([FIRM_HEADER]));
    expect(r.kind).toBe('firms');
    expect(r.fileErrors.map((e) => e.code)).toEqual(['NO_ROWS']);
  });

  it('binary garbage and undecodable bytes', async () => {
    const binary = Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x41]);
    expect((await importFile(store, binary)).fileErrors.map((e) => e.code)).toEqual(['BAD_ENCODING']);
    // Neither UTF-8 nor GB18030: 0xFF is no GB18030 lead byte.
    const garbage = Buffer.concat([Buffer.from('企业名称,所在地区\n', 'utf8'), Buffer.from([0xff, 0xfe, 0xfd, 0x2c, 0xff, 0x0a])]);
    const r = await importFile(store, garbage);
    expect(r.fileErrors.map((e) => e.code)).toEqual(['BAD_ENCODING']);
    expect(r.fileErrors[0]!.messageZh).toContain('编码');
  });

  it('an old .xls file and a broken .xlsx', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect((await importFile(store, xls, { filename: 'a.xls' })).fileErrors.map((e) => e.code)).toEqual(['UNSUPPORTED_FORMAT']);
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect((await importFile(store, zip, { filename: 'a.xlsx' })).fileErrors.map((e) => e.code)).toEqual(['BAD_XLSX']);
  });

  it('headers of no template: unknown kind; a given kind with missing columns', async () => {
    const r = await importFile(store, csvBytes([['甲', '乙', '丙'], ['1', '2', '3']]));
    expect(r.fileErrors.map((e) => e.code)).toEqual(['UNKNOWN_KIND']);
    const m = await importFile(store, csvBytes([['企业名称', '备注'], ['x', 'y']]), { kind: 'supplies' });
    expect(m.fileErrors.map((e) => e.code)).toEqual(['MISSING_COLUMN', 'MISSING_COLUMN']);
    expect(m.fileErrors[0]!.messageZh).toContain('供应方');
  });

  it('two columns for one field', async () => {
    const r = await importFile(store, csvBytes([['企业名称', '公司名称', '所在地区'], ['a', 'b', '新吴区']]), { kind: 'firms' });
    expect(r.fileErrors.map((e) => e.code)).toContain('DUPLICATE_COLUMN');
  });
});

describe('other kinds', () => {
  it('firm-segments: new assignment, unchanged one, primary flag change, unknown firm, duplicate row', async () => {
    const r = await importFile(
      store,
      csvBytes([
        ['企业', '环节', '是否主营'],
        ['江阴封测有限公司', '晶圆制造', '否'], // 2 new for jy-pack
        ['jy-pack', '封装测试', '是'], // 3 already primary: unchanged
        ['新吴晶圆制造', '封装测试', '是'], // 4 wx-fab has it as non-primary: updated
        ['不存在的公司', '封装测试', ''], // 5
        ['江阴封测', '晶圆制造', ''], // 6 duplicate of row 2
      ]),
      { dryRun: true },
    );
    expect(r.kind).toBe('firm-segments');
    expect(fates(r)).toEqual([[2, 'created'], [3, 'unchanged'], [4, 'updated'], [5, 'rejected'], [6, 'rejected']]);
    expect(issues(r.rows[3]!)).toEqual([['企业', 'UNKNOWN_FIRM']]);
    expect(issues(r.rows[4]!)).toEqual([['环节', 'DUPLICATE_IN_FILE']]);

    const ok = await importFile(store, csvBytes([['企业', '环节', '是否主营'], ['江阴封测有限公司', '晶圆制造', '否'], ['新吴晶圆制造', '封装测试', '是']]));
    expect(ok.committed).toBe(true);
    const [jy, fab] = await store.getFirms(['jy-pack', 'wx-fab']);
    expect(jy!.segments).toEqual([{ segmentId: 'ic.packaging', primary: true }, { segmentId: 'ic.fab', primary: false }]);
    expect(fab!.segments).toEqual([{ segmentId: 'ic.fab', primary: true }, { segmentId: 'ic.packaging', primary: true }]);
  });

  it('supplies: by name, id and USCC; existing tie unchanged; self tie and unknown firm rejected', async () => {
    await importFile(store, csvBytes(goodFirms));
    const r = await importFile(
      store,
      csvBytes([
        ['供应方', '供应方信用代码', '采购方', '供应环节'],
        ['', C, '新吴晶圆制造有限公司', '半导体设备'], // 2 new: 江阴丙设备 → wx-fab
        ['jp-equip', '', 'wx-fab', ''], // 3 exists with segment ic.equipment; blank keeps it: unchanged
        ['新吴芯片设计有限公司', '', '新吴晶圆制造有限公司', '晶圆制造'], // 4 exists with ic.design: updated
        ['wx-fab', '', '新吴晶圆制造', ''], // 5 self tie
        ['火星公司', '', 'wx-fab', ''], // 6 unknown supplier
      ]),
      { dryRun: true },
    );
    expect(r.kind).toBe('supplies');
    expect(fates(r)).toEqual([[2, 'created'], [3, 'unchanged'], [4, 'updated'], [5, 'rejected'], [6, 'rejected']]);
    expect(r.rows[2]!.changes).toEqual(['segmentId']);
    expect(issues(r.rows[3]!)).toEqual([['采购方', 'SELF_TIE']]);
    expect(issues(r.rows[4]!)).toEqual([['供应方', 'UNKNOWN_FIRM']]);
  });

  it('projects: created with 万元 header scaling and date formats; status change appends history', async () => {
    const header = ['项目名称', '投资企业', '所属环节', '项目状态', '总投资(万元)', '签约日期', '负责人'];
    const first = await importFile(
      store,
      csvBytes([
        header,
        ['晶圆二期', '新吴晶圆制造有限公司', '晶圆制造', '洽谈', '150000', '', '招商中心'],
        ['封测扩产', 'jy-pack', '封装测试', '签约', '8000', '2021年3月5日', ''],
      ]),
      { now: new Date('2024-01-02T03:04:05Z'), actor: 'tester' },
    );
    expect(first.kind).toBe('projects');
    expect(first.counts.created).toBe(2);
    const projects = await store.listProjects();
    expect(projects).toHaveLength(2);
    const fab = projects.find((p) => p.firmId === 'wx-fab')!;
    expect(fab).toMatchObject({ nameZh: '晶圆二期', status: 'negotiating', investmentYi: 15, segmentIds: ['ic.fab'], owner: '招商中心' });
    expect(fab.history).toEqual([{ at: '2024-01-02T03:04:05.000Z', by: 'tester', from: null, to: 'negotiating', note: '批量导入 / import' }]);
    expect(projects.find((p) => p.firmId === 'jy-pack')).toMatchObject({ investmentYi: 0.8, signedOn: '2021-03-05', status: 'signed' });

    const second = await importFile(
      store,
      csvBytes([header, ['晶圆二期', '新吴晶圆制造', '', '已签约', '', '2022/6/1', '']]),
      { now: new Date('2024-02-01T00:00:00Z'), actor: 'tester' },
    );
    expect(second.rows.map((x) => [x.fate, x.changes])).toEqual([['updated', ['status', 'signedOn']]]);
    const [after] = await store.listProjects({ firmId: 'wx-fab' });
    expect(after!.status).toBe('signed');
    expect(after!.signedOn).toBe('2022-06-01');
    expect(after!.history.map((h) => [h.from, h.to])).toEqual([[null, 'negotiating'], ['negotiating', 'signed']]);
  });

  it('projects: bad status, bad date, negative amount, unknown firm, missing segments for a new project', async () => {
    const r = await importFile(
      store,
      csvBytes([
        ['项目名称', '投资企业', '所属环节', '项目状态', '总投资(亿元)', '签约日期'],
        ['甲', 'wx-fab', '晶圆制造', '快完成了', '1', '2021-02-30'],
        ['乙', 'wx-fab', '晶圆制造', '签约', '-3', ''],
        ['丙', '没有这家', '晶圆制造', '签约', '1', ''],
        ['丁', 'wx-fab', '', '签约', '1', ''],
      ]),
    );
    expect(r.rows.map((x) => issues(x))).toEqual([
      [
        ['项目状态', 'BAD_VALUE'],
        ['签约日期', 'BAD_VALUE'],
      ],
      [['总投资(亿元)', 'BAD_VALUE']],
      [['投资企业', 'UNKNOWN_FIRM']],
      [['所属环节', 'REQUIRED']],
    ]);
    expect(await store.listProjects()).toEqual([]);
  });
});
