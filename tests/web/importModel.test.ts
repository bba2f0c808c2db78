// The import page's view-model (web/src/importPage/model.ts): table lines per
// issue, the rejected-only filter, and when the commit button is enabled.
import { describe, expect, it } from 'vitest';
import type { ImportResponse } from '../../web/src/importPage/model.js';
import { commitBlock, importUrl, kindKey, kindParam, tableLines } from '../../web/src/importPage/model.js';

function report(over: Partial<ImportResponse> = {}): ImportResponse {
  return {
    kind: 'firms',
    filename: 'firms.csv',
    format: 'csv',
    encoding: 'gb18030',
    columns: [],
    ignoredColumns: [],
    totalRows: 3,
    counts: { created: 1, updated: 1, unchanged: 0, rejected: 1 },
    rows: [
      { row: 2, fate: 'created', key: 'firm:a', issues: [] },
      { row: 3, fate: 'updated', key: 'firm:b', changes: ['region', 'ownership'], issues: [] },
      {
        row: 4,
        fate: 'rejected',
        issues: [
          { column: '统一社会信用代码', field: 'uscc', code: 'BAD_USCC', messageZh: '校验位错误', messageEn: 'bad check character' },
          { column: '所在地区', field: 'region', code: 'UNKNOWN_REGION', messageZh: '未找到地区「火星」', messageEn: 'region not found: 火星' },
        ],
      },
    ],
    fileErrors: [],
    dryRun: true,
    committed: false,
    ok: false,
    timingsMs: { read: 1, validate: 1, commit: 0 },
    ...over,
  };
}

describe('report table', () => {
  it('one line per issue, row number and fate on the first line of a row; reasons in the page language', () => {
    const { lines, total, rows } = tableLines(report(), 'zh', { onlyRejected: false, limit: 100 });
    expect(lines.map((l) => [l.row, l.fate, l.first, l.column, l.reason])).toEqual([
      [2, 'CREATED', true, '', ''],
      [3, 'UPDATED', true, '', 'region, ownership'],
      [4, 'REJECTED', true, '统一社会信用代码', '校验位错误'],
      [4, 'REJECTED', false, '所在地区', '未找到地区「火星」'],
    ]);
    expect([total, rows]).toEqual([4, 3]);
    expect(tableLines(report(), 'en', { onlyRejected: true, limit: 100 }).lines.map((l) => l.reason)).toEqual(['bad check character', 'region not found: 火星']);
  });

  it('the limit caps the lines but not the total', () => {
    const { lines, total } = tableLines(report(), 'zh', { onlyRejected: false, limit: 2 });
    expect(lines).toHaveLength(2);
    expect(total).toBe(4);
  });
});

describe('commit button', () => {
  const clean = { counts: { created: 2, updated: 0, unchanged: 1, rejected: 0 }, ok: true };

  it('disabled while any row is rejected, whatever the role', () => {
    expect(commitBlock(report(), 'ADMIN')).toBe('rejected');
  });

  it('disabled on a file error, with nothing to write, and after the commit', () => {
    expect(commitBlock(report({ ...clean, ok: false, fileErrors: [{ code: 'EMPTY_FILE', messageZh: '', messageEn: '' }] }), 'ADMIN')).toBe('file');
    expect(commitBlock(report({ ...clean, counts: { created: 0, updated: 0, unchanged: 3, rejected: 0 } }), 'ADMIN')).toBe('nothing');
    expect(commitBlock(report({ ...clean, dryRun: false, committed: true }), 'ADMIN')).toBe('done');
  });

  it('enabled for an admin by default; for an editor only when the server says IMPORT_ROLE=editor', () => {
    expect(commitBlock(report(clean), 'ADMIN')).toBeNull();
    expect(commitBlock(report(clean), 'EDITOR')).toBe('role');
    expect(commitBlock(report(clean), null)).toBe('role');
    expect(commitBlock(report({ ...clean, commitRole: 'editor' }), 'EDITOR')).toBeNull();
    expect(commitBlock(report({ ...clean, commitRole: 'editor' }), 'VIEWER')).toBe('role');
  });
});

describe('kinds and URL', () => {
  it('GraphQL-style keys ↔ route kinds', () => {
    expect(kindParam('FIRM_SEGMENTS')).toBe('firm-segments');
    expect(kindKey('firm-segments')).toBe('FIRM_SEGMENTS');
    expect(importUrl({ kind: null, dryRun: true, filename: '企业名录.csv' })).toBe('/import?dryRun=true&filename=%E4%BC%81%E4%B8%9A%E5%90%8D%E5%BD%95.csv');
    expect(importUrl({ kind: 'PROJECTS', dryRun: false, filename: 'p.xlsx' })).toBe('/import?dryRun=false&filename=p.xlsx&kind=projects');
  });
});
