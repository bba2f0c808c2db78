// What the import page shows of a POST /import report, without the DOM: the
// table lines (one per issue, so a row with two bad cells shows both), the
// filter on rejected rows, and whether the commit button may be pressed.
import type { ImportKind } from '../../../server/io/import/columns.js';
import type { ImportReport, RowFate } from '../../../server/io/import/report.js';
import type { Lang } from '../i18n.js';

export type Role = 'VIEWER' | 'EDITOR' | 'ADMIN';
const rank: Record<Role, number> = { VIEWER: 1, EDITOR: 2, ADMIN: 3 };

/** The body of POST /import: the report, plus the role a commit needs (server setting IMPORT_ROLE). */
export type ImportResponse = ImportReport & { commitRole?: 'admin' | 'editor' };

export const kindKeys = ['FIRMS', 'FIRM_SEGMENTS', 'SUPPLIES', 'PROJECTS'] as const;
export type KindKey = (typeof kindKeys)[number];

export const kindParam = (k: KindKey): ImportKind => k.toLowerCase().replace('_', '-') as ImportKind;
export const kindKey = (k: ImportKind): KindKey => k.toUpperCase().replace('-', '_') as KindKey;
export const fateKey = (f: RowFate) => f.toUpperCase() as Uppercase<RowFate>;

export interface TableLine {
  row: number;
  fate: Uppercase<RowFate>;
  key: string;
  column: string;
  code: string;
  reason: string;
  /** First line of its row (the row number and fate are shown once). */
  first: boolean;
}

/** Table lines in file order, at most `limit`, rejected rows only when asked; `total` counts all lines that pass the filter. */
export function tableLines(report: ImportReport, lang: Lang, opts: { onlyRejected: boolean; limit: number }): { lines: TableLine[]; total: number; rows: number } {
  const lines: TableLine[] = [];
  let total = 0;
  let rows = 0;
  for (const r of report.rows) {
    if (opts.onlyRejected && r.fate !== 'rejected') continue;
    rows++;
    const base = { row: r.row, fate: fateKey(r.fate), key: r.key ?? '' };
    const issues = r.issues.length ? r.issues : [null];
    issues.forEach((i, n) => {
      total++;
      if (lines.length >= opts.limit) return;
      lines.push({
        ...base,
        first: n === 0,
        column: i?.column ?? '',
        code: i?.code ?? '',
        reason: i ? (lang === 'zh' ? i.messageZh : i.messageEn) : r.changes?.length ? r.changes.join(', ') : '',
      });
    });
  }
  return { lines, total, rows };
}

export type CommitBlock = 'file' | 'rejected' | 'role' | 'nothing' | 'done' | null;

/**
 * Why the commit button is disabled (null = enabled). A dry run with no file
 * error, no rejected row and something to write can be committed by a token of
 * the role the server asks for (admin unless IMPORT_ROLE=editor).
 */
export function commitBlock(report: ImportResponse, role: Role | null): CommitBlock {
  if (!report.dryRun) return 'done';
  if (report.fileErrors.length) return 'file';
  if (report.counts.rejected > 0 || !report.ok) return 'rejected';
  if (report.counts.created + report.counts.updated === 0) return 'nothing';
  const needed: Role = report.commitRole === 'editor' ? 'EDITOR' : 'ADMIN';
  if (!role || rank[role] < rank[needed]) return 'role';
  return null;
}

export function neededRole(report: ImportResponse): Role {
  return report.commitRole === 'editor' ? 'EDITOR' : 'ADMIN';
}

/** `?kind=&dryRun=&filename=` of POST /import. */
export function importUrl(opts: { kind: KindKey | null; dryRun: boolean; filename: string }): string {
  const q = new URLSearchParams({ dryRun: String(opts.dryRun), filename: opts.filename.slice(-200) });
  if (opts.kind) q.set('kind', kindParam(opts.kind));
  return `/import?${q}`;
}
