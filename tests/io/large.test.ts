// A 10 MB file: a GBK-encoded CSV of 105,000 firms. One bad row near the end
// is found with its row number and nothing is written; without it the whole
// file validates. Times are printed for the record (the bench measures them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../server/io/import/importFile.js';
import type { EmbeddedStore } from '../../server/store/embedded/index.js';
import { csvBytes, makeUscc, openFixtureStore } from './helpers.js';

let store: EmbeddedStore;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openFixtureStore());
});
afterAll(async () => cleanup());

function bigFile(bad: boolean): { bytes: Buffer; rows: number } {
  const table: string[][] = [['企业名称', '统一社会信用代码', '所在地区', '企业性质', '所属环节', '营收规模', '是否上市', '高新技术企业']];
  const segments = ['芯片设计', '晶圆制造', '封装测试', '半导体设备', '通信模组', '物联网应用'];
  const regions = ['无锡市新吴区', '江阴市', '上海市浦东新区', '江苏省', '上海市'];
  for (let i = 0; table.length < 105_001; i++) {
    table.push([
      `大文件测试第${i}号智能科技股份有限公司`,
      makeUscc(3_000_000 + i),
      regions[i % regions.length]!,
      i % 3 ? '民营' : '国有',
      `${segments[i % 6]};${segments[(i + 1) % 6]}`,
      ['XS', 'S', 'M', 'L', 'XL'][i % 5]!,
      i % 7 ? '否' : '是',
      i % 2 ? '是' : '否',
    ]);
  }
  if (bad) table[104_990]![2] = '不存在的区'; // spreadsheet row 104,991
  return { bytes: csvBytes(table, 'gbk'), rows: table.length - 1 };
}

describe('10 MB file', () => {
  it('one unknown region in row 104,991: reported exactly, nothing written', { timeout: 120_000 }, async () => {
    const { bytes, rows } = bigFile(true);
    expect(bytes.length).toBeGreaterThan(10 * 1024 * 1024);
    const before = await store.dataVersion();
    const t = performance.now();
    const r = await importFile(store, bytes, { filename: 'big.csv' });
    const ms = performance.now() - t;
    console.log(`10 MB GBK file, ${rows} rows, with one bad row: ${Math.round(ms)} ms (${Math.round(rows / (ms / 1000))} rows/s)`);
    expect(r.encoding).toBe('gb18030');
    expect(r.totalRows).toBe(rows);
    expect(r.counts).toEqual({ created: rows - 1, updated: 0, unchanged: 0, rejected: 1 });
    const rejected = r.rows.filter((x) => x.fate === 'rejected');
    expect(rejected).toEqual([
      { row: 104_991, fate: 'rejected', issues: [expect.objectContaining({ column: '所在地区', code: 'UNKNOWN_REGION' })] },
    ]);
    expect(r.committed).toBe(false);
    expect(await store.dataVersion()).toBe(before);
  });

  it('the same file without the bad row: every row would be created (dry run)', { timeout: 120_000 }, async () => {
    const { bytes, rows } = bigFile(false);
    const r = await importFile(store, bytes, { dryRun: true });
    expect(r.ok).toBe(true);
    expect(r.counts.created).toBe(rows);
    expect(r.rows[rows - 1]).toMatchObject({ row: rows + 1, fate: 'created' });
  });
});
