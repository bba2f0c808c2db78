// Import templates: every kind's CSV and XLSX template reads back as that kind
// (header-only → NO_ROWS with the kind recognised), Chinese and English headers.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { columnSpecs, detectKind, importKinds } from '../../server/io/import/columns.js';
import { buildTemplate, templateHeaders } from '../../server/io/import/template.js';
import { readTable } from '../../server/io/import/table.js';

describe('import templates', () => {
  it.each(importKinds.flatMap((kind) => (['zh', 'en'] as const).flatMap((lang) => (['csv', 'xlsx'] as const).map((format) => ({ kind, lang, format })))))(
    '$kind $format ($lang) reads back as $kind',
    async ({ kind, lang, format }) => {
      const bytes = await buildTemplate(kind, format, lang);
      const read = await readTable(bytes, { filename: `t.${format}` });
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.table.headers).toEqual(templateHeaders(kind, lang));
      expect(read.table.rows).toEqual([]);
      expect(detectKind(read.table.headers)).toEqual({ kind, candidates: [kind] });
      if (format === 'csv') expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    },
  );

  it('the XLSX 说明 sheet describes every column in both languages', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate('firms', 'xlsx')) as unknown as ArrayBuffer);
    const notes = wb.getWorksheet('说明 Notes')!;
    const keys = columnSpecs.firms.map((_, i) => notes.getRow(i + 2).getCell(2).value);
    expect(keys).toEqual(columnSpecs.firms.map((c) => c.key));
    expect(notes.getRow(2).getCell(3).value).toBe('必填 / required');
    // USCC column formatted as text so 18-digit codes keep every digit.
    expect(wb.worksheets[0]!.getColumn(2).numFmt).toBe('@');
  });
});
