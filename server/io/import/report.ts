// What an import tells its user: the fate of every row (created / updated /
// unchanged / rejected, with the column and reason in Chinese and English)
// and the problems of the file as a whole.
import type { ImportKind } from './columns.js';
import type { FileFormat } from './table.js';
import type { TextEncoding } from './decode.js';

export const rowFates = ['created', 'updated', 'unchanged', 'rejected'] as const;
export type RowFate = (typeof rowFates)[number];

export type RowIssueCode =
  | 'REQUIRED'
  | 'BAD_VALUE'
  | 'BAD_USCC'
  | 'BAD_ID'
  | 'UNKNOWN_REGION'
  | 'AMBIGUOUS_REGION'
  | 'UNKNOWN_CLUSTER'
  | 'AMBIGUOUS_CLUSTER'
  | 'UNKNOWN_SEGMENT'
  | 'AMBIGUOUS_SEGMENT'
  | 'UNKNOWN_FIRM'
  | 'AMBIGUOUS_FIRM'
  | 'UNKNOWN_SOURCE'
  | 'DUPLICATE_IN_FILE'
  | 'CONFLICT'
  | 'SELF_TIE'
  | 'INVALID';

export interface RowIssue {
  /** The column as headed in the file (or the field key when the column is absent). */
  column: string;
  /** Field key of the template (`uscc`, `region` …). */
  field: string;
  code: RowIssueCode;
  messageZh: string;
  messageEn: string;
}

export interface RowReport {
  /** Row number as the spreadsheet shows it (header = row 1 unless blank rows precede it). */
  row: number;
  fate: RowFate;
  /** Id of the record the row creates or changes (firm id, `from>to` for a tie, project id). */
  key?: string;
  /** Fields that change, for `updated`. */
  changes?: string[];
  issues: readonly RowIssue[];
}

export type FileIssueCode =
  | 'EMPTY_FILE'
  | 'NO_ROWS'
  | 'BAD_ENCODING'
  | 'UNSUPPORTED_FORMAT'
  | 'BAD_CSV'
  | 'BAD_XLSX'
  | 'NO_SHEET'
  | 'UNKNOWN_KIND'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'TOO_MANY_ROWS'
  | 'STORE_CHANGED'
  | 'COMMIT_FAILED';

export interface FileIssue {
  code: FileIssueCode;
  messageZh: string;
  messageEn: string;
}

export interface ImportReport {
  kind: ImportKind | null;
  filename?: string;
  format?: FileFormat;
  /** Encoding a CSV was read with. */
  encoding?: TextEncoding;
  delimiter?: string;
  sheet?: string;
  /** How the file's columns were understood. */
  columns: { header: string; field: string }[];
  ignoredColumns: string[];
  totalRows: number;
  counts: Record<RowFate, number>;
  /** Every data row, in file order. */
  rows: RowReport[];
  fileErrors: FileIssue[];
  dryRun: boolean;
  /** True only when the batch was written. */
  committed: boolean;
  /** No file error and no rejected row. */
  ok: boolean;
  /** Source record the imported facts cite. */
  sourceId?: string;
  dataVersionBefore?: number;
  dataVersionAfter?: number;
  timingsMs: { read: number; validate: number; commit: number };
}

export function emptyCounts(): Record<RowFate, number> {
  return { created: 0, updated: 0, unchanged: 0, rejected: 0 };
}

export function fileIssue(code: FileIssueCode, messageZh: string, messageEn: string): FileIssue {
  return { code, messageZh, messageEn };
}

/** A plain-text table of the report for terminals: summary, then every rejected row (all rows with `all`). */
export function formatReport(report: ImportReport, opts: { all?: boolean; lang?: 'zh' | 'en' } = {}): string {
  const zh = opts.lang !== 'en';
  const lines: string[] = [];
  const c = report.counts;
  const what = [
    report.filename ?? '',
    report.kind ? `kind=${report.kind}` : '',
    report.format ? `format=${report.format}` : '',
    report.encoding ? `encoding=${report.encoding}` : '',
    report.sheet ? `sheet=${report.sheet}` : '',
  ].filter(Boolean);
  lines.push(what.join('  '));
  lines.push(
    zh
      ? `共 ${report.totalRows} 行:新增 ${c.created},更新 ${c.updated},未变 ${c.unchanged},拒绝 ${c.rejected}`
      : `${report.totalRows} rows: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected`,
  );
  if (report.ignoredColumns.length) {
    lines.push((zh ? '未识别的列(已忽略):' : 'Ignored columns: ') + report.ignoredColumns.join(', '));
  }
  for (const e of report.fileErrors) lines.push(`[${e.code}] ${zh ? e.messageZh : e.messageEn}`);
  const shown = report.rows.filter((r) => opts.all || r.fate === 'rejected');
  if (shown.length) {
    lines.push('');
    lines.push(['row', 'fate', 'column', 'code', 'message'].join('\t'));
    for (const r of shown) {
      if (r.issues.length === 0) {
        lines.push([r.row, r.fate, '', '', (r.key ?? '') + (r.changes?.length ? ` (${r.changes.join(', ')})` : '')].join('\t'));
      }
      for (const i of r.issues) lines.push([r.row, r.fate, i.column, i.code, zh ? i.messageZh : i.messageEn].join('\t'));
    }
  }
  lines.push('');
  if (report.committed) {
    lines.push(zh ? `已写入(数据版本 ${report.dataVersionBefore} → ${report.dataVersionAfter})` : `Committed (data version ${report.dataVersionBefore} → ${report.dataVersionAfter})`);
  } else if (report.dryRun && report.ok) {
    lines.push(zh ? '试运行:未写入任何数据' : 'Dry run: nothing written');
  } else if (!report.ok) {
    lines.push(zh ? '存在错误:未写入任何数据' : 'Errors found: nothing written');
  } else {
    lines.push(zh ? '没有需要写入的变更' : 'Nothing to write');
  }
  return lines.join('\n');
}
