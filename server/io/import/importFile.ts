// An import from file bytes to the store: read the table, recognise the kind,
// check every row, and — only when no row is rejected and it is not a dry
// run — write everything in one store.importBatch() (all rows or none).
import { createHash } from 'node:crypto';
import type { Source } from '../../domain/model.js';
import type { GraphStore, ImportBatch } from '../../store/GraphStore.js';
import { columnSpecs, detectKind, importKindLabels, mapHeader, type ImportKind } from './columns.js';
import { ImportContext, loadImportData } from './context.js';
import { batchSize, planRows } from './plan.js';
import { emptyCounts, fileIssue, type FileIssue, type ImportReport } from './report.js';
import { readTable, type TableError } from './table.js';

export interface ImportProgress {
  phase: 'read' | 'validate' | 'commit' | 'done';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Kind of rows; detected from the header when omitted. */
  kind?: ImportKind;
  filename?: string;
  /** XLSX sheet to read (default: a sheet named after the kind, else the first non-empty one). */
  sheet?: string;
  dryRun?: boolean;
  actor?: string;
  now?: Date;
  /** Confidence of imported facts when a row gives none (default 0.8). */
  confidence?: number;
  /** Refuse files with more data rows than this (default 1,000,000). */
  maxRows?: number;
  onProgress?: (p: ImportProgress) => void;
}

export const DEFAULT_IMPORT_CONFIDENCE = 0.8;

function tableError(e: TableError): FileIssue {
  switch (e.code) {
    case 'EMPTY_FILE':
      return fileIssue('EMPTY_FILE', '文件为空', 'the file is empty');
    case 'BAD_ENCODING':
      return e.reason === 'binary'
        ? fileIssue('BAD_ENCODING', '文件不是文本表格(含二进制内容);请上传 CSV 或 XLSX', 'the file is not a text table (binary content); upload CSV or XLSX')
        : fileIssue('BAD_ENCODING', '无法识别文件编码(既不是 UTF-8 也不是 GBK/GB18030),请另存为 UTF-8 CSV', 'unrecognised encoding (neither UTF-8 nor GBK/GB18030); save the file as UTF-8 CSV');
    case 'UNSUPPORTED_FORMAT':
      return fileIssue('UNSUPPORTED_FORMAT', '不支持旧版 .xls 文件,请另存为 .xlsx 或 CSV', 'old .xls files are not supported; save as .xlsx or CSV');
    case 'BAD_CSV':
      return fileIssue('BAD_CSV', `CSV 格式错误${e.line ? `(第 ${e.line} 行附近)` : ''}:${e.detail}`, `malformed CSV${e.line ? ` near line ${e.line}` : ''}: ${e.detail}`);
    case 'BAD_XLSX':
      return fileIssue('BAD_XLSX', `无法读取 XLSX 文件:${e.detail}`, `cannot read the XLSX file: ${e.detail}`);
    case 'NO_SHEET':
      return fileIssue('NO_SHEET', `工作簿中没有工作表「${e.sheet ?? ''}」`, `no sheet "${e.sheet ?? ''}" in the workbook`);
  }
}

function importSource(id: string, kind: ImportKind, filename: string | undefined, now: Date): Source {
  const label = importKindLabels[kind];
  return {
    id,
    kind: 'import',
    titleZh: `批量导入:${label.zh}${filename ? `(${filename})` : ''}`,
    titleEn: `Bulk import: ${label.en}${filename ? ` (${filename})` : ''}`,
    date: now.toISOString().slice(0, 10),
  };
}

function citesSource(batch: ImportBatch, sourceId: string): boolean {
  const lists = [batch.firms, batch.supplies, batch.projects, batch.anchors] as ({ sourceId: string }[] | undefined)[];
  return lists.some((l) => l?.some((r) => r.sourceId === sourceId));
}

export async function importFile(store: GraphStore, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportReport> {
  const now = opts.now ?? new Date();
  const progress = opts.onProgress ?? (() => {});
  const t0 = performance.now();
  const report: ImportReport = {
    kind: opts.kind ?? null,
    ...(opts.filename ? { filename: opts.filename } : {}),
    columns: [],
    ignoredColumns: [],
    totalRows: 0,
    counts: emptyCounts(),
    rows: [],
    fileErrors: [],
    dryRun: !!opts.dryRun,
    committed: false,
    ok: false,
    timingsMs: { read: 0, validate: 0, commit: 0 },
  };

  progress({ phase: 'read', done: 0, total: bytes.length });
  const preferSheets = opts.kind ? [opts.kind, importKindLabels[opts.kind].zh, importKindLabels[opts.kind].en] : [];
  const read = await readTable(bytes, { filename: opts.filename, sheet: opts.sheet, preferSheets });
  report.timingsMs.read = Math.round(performance.now() - t0);
  if (!read.ok) {
    report.fileErrors.push(tableError(read.error));
    return report;
  }
  const table = read.table;
  report.format = table.format;
  if (table.encoding) report.encoding = table.encoding;
  if (table.delimiter) report.delimiter = table.delimiter;
  if (table.sheet) report.sheet = table.sheet;
  report.totalRows = table.rows.length;
  progress({ phase: 'read', done: bytes.length, total: bytes.length });

  if (table.headers.length === 0) {
    report.fileErrors.push(fileIssue('EMPTY_FILE', '文件没有内容', 'the file has no content'));
    return report;
  }
  let kind = opts.kind;
  if (!kind) {
    const detected = detectKind(table.headers);
    if (!detected.kind) {
      const headers = table.headers.filter(Boolean).slice(0, 8).join(', ');
      report.fileErrors.push(
        detected.candidates.length
          ? fileIssue('UNKNOWN_KIND', `无法确定导入类型(可能是 ${detected.candidates.join(' / ')}),请指定类型`, `cannot tell the kind of import (could be ${detected.candidates.join(' / ')}); give the kind`)
          : fileIssue(
              'UNKNOWN_KIND',
              `表头(${headers})不符合任何导入模板;请下载模板核对列名${table.encoding === 'gb18030' ? ',并确认文件编码' : ''}`,
              `the header (${headers}) matches no import template; compare it with a downloaded template${table.encoding === 'gb18030' ? ' and check the file encoding' : ''}`,
            ),
      );
      return report;
    }
    kind = detected.kind;
  }
  report.kind = kind;
  const mapping = mapHeader(kind, table.headers);
  report.columns = mapping.columns.map((c) => ({ header: c.header, field: c.spec.key }));
  report.ignoredColumns = mapping.ignored;
  for (const key of mapping.missing) {
    const names = key.split('|').map((k) => columnSpecs[kind].find((s) => s.key === k)!).map((s) => `${s.headerZh}/${s.key}`);
    report.fileErrors.push(
      fileIssue('MISSING_COLUMN', `缺少必需的列:${names.join(' 或 ')}`, `missing required column: ${names.join(' or ')}`),
    );
  }
  for (const d of mapping.duplicates) {
    report.fileErrors.push(fileIssue('DUPLICATE_COLUMN', `多个列都对应「${d.key}」:${d.headers.join('、')}`, `several columns map to "${d.key}": ${d.headers.join(', ')}`));
  }
  if (table.rows.length === 0) report.fileErrors.push(fileIssue('NO_ROWS', '文件只有表头,没有数据行', 'the file has a header but no data rows'));
  const maxRows = opts.maxRows ?? 1_000_000;
  if (table.rows.length > maxRows) {
    report.fileErrors.push(fileIssue('TOO_MANY_ROWS', `数据行过多(${table.rows.length} 行,上限 ${maxRows})`, `too many rows (${table.rows.length}, limit ${maxRows})`));
  }
  if (report.fileErrors.length) return report;

  const sourceId = `import.${now.toISOString().replace(/[^0-9]/g, '').slice(0, 14)}.${createHash('sha1').update(bytes).digest('hex').slice(0, 8)}`;
  const settings = {
    actor: opts.actor ?? 'import',
    now,
    sourceId,
    confidence: opts.confidence ?? DEFAULT_IMPORT_CONFIDENCE,
    ...(opts.filename ? { filename: opts.filename } : {}),
  };

  // Plan against a snapshot of the store; if another write lands before the commit, plan again.
  for (let attempt = 0; ; attempt++) {
    const t1 = performance.now();
    const versionBefore = await store.dataVersion();
    const ctx = new ImportContext(await loadImportData(store, kind, { table, mapping }));
    const plan = planRows(table, mapping, ctx, settings, (done, total) => progress({ phase: 'validate', done, total }));
    report.rows = plan.rows;
    report.counts = plan.counts;
    report.ok = plan.counts.rejected === 0;
    report.dataVersionBefore = versionBefore;
    report.timingsMs.validate = Math.round(performance.now() - t1);
    if (!report.ok || report.dryRun || batchSize(plan.batch) === 0) {
      progress({ phase: 'done', done: table.rows.length, total: table.rows.length });
      return report;
    }
    if ((await store.dataVersion()) !== versionBefore) {
      if (attempt < 2) continue;
      report.ok = false;
      report.fileErrors.push(fileIssue('STORE_CHANGED', '导入期间数据被其他操作修改,请重试', 'the data changed during the import; try again'));
      return report;
    }
    const batch: ImportBatch = { ...plan.batch };
    if (citesSource(batch, sourceId)) batch.sources = [importSource(sourceId, kind, opts.filename, now)];
    const t2 = performance.now();
    progress({ phase: 'commit', done: 0, total: batchSize(batch) });
    try {
      await store.importBatch(batch);
    } catch (e) {
      report.ok = false;
      report.fileErrors.push(
        fileIssue('COMMIT_FAILED', `写入失败,未写入任何数据:${(e as Error).message}`, `the write failed and nothing was written: ${(e as Error).message}`),
      );
      return report;
    }
    report.committed = true;
    report.sourceId = sourceId;
    report.timingsMs.commit = Math.round(performance.now() - t2);
    report.dataVersionAfter = await store.dataVersion();
    const c = report.counts;
    await store
      .appendAudit({
        at: now.toISOString(),
        actor: settings.actor,
        action: 'import',
        target: kind,
        detail: `${opts.filename ?? ''} created=${c.created} updated=${c.updated} unchanged=${c.unchanged}`.trim(),
      })
      .catch(() => {});
    progress({ phase: 'done', done: table.rows.length, total: table.rows.length });
    return report;
  }
}
