// Downloadable import templates, generated from the column table (columns.ts):
// CSV (UTF-8 with BOM so Excel shows the Chinese headers) and XLSX (the
// header row plus a 说明 sheet describing each column).
import { excelJS } from '../lazyModules.js';
import { stringify } from 'csv-stringify/sync';
import { columnSpecs, importKindLabels, oneOfColumns, type ImportKind } from './columns.js';

export type TemplateFormat = 'csv' | 'xlsx';
export type TemplateLang = 'zh' | 'en';

export function templateHeaders(kind: ImportKind, lang: TemplateLang = 'zh'): string[] {
  return columnSpecs[kind].map((c) => (lang === 'zh' ? c.headerZh : c.key));
}

export function templateFilename(kind: ImportKind, format: TemplateFormat): string {
  return `chain-atlas-${kind}-template.${format}`;
}

export const templateContentType: Record<TemplateFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function requiredLabel(kind: ImportKind, key: string, required: 'always' | 'new' | false): { zh: string; en: string } {
  if (required === 'always') return { zh: '必填', en: 'required' };
  if (required === 'new') return { zh: '新增时必填', en: 'required for new records' };
  const group = oneOfColumns[kind].find((g) => g.includes(key));
  if (group) return { zh: `与 ${group.filter((k) => k !== key).join('/')} 至少填一项`, en: `this or ${group.filter((k) => k !== key).join('/')}` };
  return { zh: '选填', en: 'optional' };
}

export async function buildTemplate(kind: ImportKind, format: TemplateFormat, lang: TemplateLang = 'zh'): Promise<Buffer> {
  const headers = templateHeaders(kind, lang);
  if (format === 'csv') {
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(stringify([headers]), 'utf8')]);
  }
  const wb = new (excelJS().Workbook)();
  wb.creator = 'Chain Atlas 产业链图谱';
  const label = importKindLabels[kind];
  const sheet = wb.addWorksheet(`${label.zh} ${kind}`.slice(0, 31));
  sheet.addRow(headers);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  columnSpecs[kind].forEach((spec, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(12, Math.min(40, spec.headerZh.length * 2 + 4));
    // Codes and ids as text: an 18-digit USCC in a number cell loses its last digits.
    if (['uscc', 'supplier_uscc', 'buyer_uscc', 'id', 'firm'].includes(spec.key)) col.numFmt = '@';
    if (spec.required === 'always') sheet.getCell(1, i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
  });
  const notes = wb.addWorksheet('说明 Notes');
  notes.addRow(['列名', 'column', '是否必填 / required', '说明', 'description', '示例 / example', '其他可用列名 / accepted headers']);
  notes.getRow(1).font = { bold: true };
  for (const spec of columnSpecs[kind]) {
    const req = requiredLabel(kind, spec.key, spec.required);
    notes.addRow([spec.headerZh, spec.key, `${req.zh} / ${req.en}`, spec.descriptionZh, spec.descriptionEn, spec.example, spec.aliases.join(', ')]);
  }
  [14, 16, 22, 50, 50, 24, 40].forEach((w, i) => (notes.getColumn(i + 1).width = w));
  notes.addRow([]);
  notes.addRow(['导入时整批检查:任何一行有误则不写入任何数据,并逐行报告原因。', 'Rows are checked as a whole: if any row is rejected nothing is written, and every rejected row is reported.']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
