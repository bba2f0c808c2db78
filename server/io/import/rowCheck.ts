// One data row while it is checked: reads cells by field key, collects the
// row's issues (each naming the column as headed in the file), and shares the
// look-ups every kind of import needs (firms, segments, clusters, sources).
import type { z } from 'zod';
import type { Cluster, Firm, Segment } from '../../domain/model.js';
import type { HeaderMapping, MappedColumn } from './columns.js';
import type { ImportContext, Resolution } from './context.js';
import type { RowIssue, RowIssueCode } from './report.js';
import type { TableRow } from './table.js';
import { parseConfidence, parseUscc } from './values.js';

export const slugPattern = /^[a-z0-9][a-z0-9._:-]*$/;

const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);

export class RowCheck {
  // One RowCheck serves a whole file (reset per row): 100,000 rows should not mean 100,000 checkers for the GC.
  private list: RowIssue[] | null = null;

  constructor(
    public tableRow: TableRow,
    private readonly columns: Map<string, MappedColumn>,
    readonly ctx: ImportContext,
    private readonly headerZh: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** Moves the check on to another row. */
  reset(tableRow: TableRow): void {
    this.tableRow = tableRow;
    this.list = null;
  }

  /** The row's issues (a shared empty array while there are none). */
  get issues(): readonly RowIssue[] {
    return this.list ?? NO_ISSUES;
  }

  static columnsOf(mapping: HeaderMapping): Map<string, MappedColumn> {
    return new Map(mapping.columns.map((c) => [c.spec.key, c]));
  }

  get row(): number {
    return this.tableRow.row;
  }

  /** The cell of a field ('' when the column is absent or the cell blank). */
  get(field: string): string {
    const col = this.columns.get(field);
    return col ? (this.tableRow.cells[col.index] ?? '') : '';
  }

  has(field: string): boolean {
    return this.get(field) !== '';
  }

  scale(field: string): number {
    return this.columns.get(field)?.scale ?? 1;
  }

  roundedNumber(field: string): boolean {
    const col = this.columns.get(field);
    return !!col && !!this.tableRow.roundedNumbers?.includes(col.index);
  }

  /** The column's header in the file, else the template's Chinese header. */
  column(field: string): string {
    return this.columns.get(field)?.header ?? this.headerZh.get(field) ?? field;
  }

  fail(field: string, code: RowIssueCode, messageZh: string, messageEn: string): undefined {
    (this.list ??= []).push({ column: this.column(field), field, code, messageZh, messageEn });
    return undefined;
  }

  get failed(): boolean {
    return this.list !== null;
  }

  required(field: string): string | undefined {
    const v = this.get(field);
    if (v === '') return this.fail(field, 'REQUIRED', `「${this.column(field)}」不能为空`, `"${this.column(field)}" is required`);
    return v;
  }

  /** Runs a cell parser when the cell has a value; undefined when blank or bad. */
  parse<T>(field: string, parser: (text: string) => { ok: true; value: T } | { ok: false; zh: string; en: string }): T | undefined {
    const v = this.get(field);
    if (v === '') return undefined;
    const r = parser(v);
    if (r.ok) return r.value;
    return this.fail(field, 'BAD_VALUE', r.zh, r.en);
  }

  uscc(field: string): string | undefined {
    const v = this.get(field);
    if (v === '') return undefined;
    const r = parseUscc(v, this.roundedNumber(field));
    if (r.ok) return r.value;
    return this.fail(field, 'BAD_USCC', r.zh, r.en);
  }

  confidence(): number | undefined {
    return this.parse('confidence', parseConfidence);
  }

  source(): string | undefined {
    const v = this.get('source');
    if (v === '') return undefined;
    if (this.ctx.sourcesById.has(v)) return v;
    return this.fail('source', 'UNKNOWN_SOURCE', `未登记的来源「${v}」`, `unknown source "${v}"`);
  }

  cluster(): Cluster | undefined {
    const v = this.get('cluster');
    if (v === '') return undefined;
    return this.resolved('cluster', v, this.ctx.resolveCluster(v), 'CLUSTER', '集群', 'cluster');
  }

  segment(field: string, text: string, clusterId?: string): Segment | undefined {
    return this.resolved(field, text, this.ctx.resolveSegment(text, clusterId), 'SEGMENT', '环节', 'segment');
  }

  resolved<T>(
    field: string,
    text: string,
    r: Resolution<T>,
    what: 'REGION' | 'CLUSTER' | 'SEGMENT' | 'FIRM',
    zh: string,
    en: string,
  ): T | undefined {
    if (r.ok) return r.value;
    if (r.code === 'AMBIGUOUS') {
      const hint = what === 'SEGMENT' ? ',请填写环节编号或「所属集群」' : what === 'FIRM' ? ',请填写统一社会信用代码' : ',请填写编号';
      const hintEn = what === 'SEGMENT' ? '; give the segment id or the cluster' : what === 'FIRM' ? '; give the USCC' : '; give the id';
      return this.fail(
        field,
        `AMBIGUOUS_${what}`,
        `${zh}「${text}」对应多个:${r.candidates.join('、')}${hint}`,
        `${en} "${text}" matches several: ${r.candidates.join(', ')}${hintEn}`,
      );
    }
    return this.fail(field, `UNKNOWN_${what}`, `未找到${zh}「${text}」`, `unknown ${en} "${text}"`);
  }

  /** A firm already in the store, named by a USCC column and/or a name-or-id column. */
  firm(usccField: string, refField: string): Firm | undefined {
    let byCode: Firm | undefined;
    let byRef: Firm | undefined;
    const code = this.uscc(usccField);
    if (code) {
      byCode = this.ctx.firmsByUscc.get(code) ?? this.ctx.firmsById.get(code);
      if (!byCode) this.fail(usccField, 'UNKNOWN_FIRM', `库中没有信用代码为 ${code} 的企业`, `no firm with USCC ${code} in the store`);
    }
    const ref = this.get(refField);
    if (ref) byRef = this.resolved(refField, ref, this.ctx.resolveFirm(ref), 'FIRM', '企业', 'firm');
    if (byCode && byRef && byCode.id !== byRef.id) {
      return this.fail(
        refField,
        'CONFLICT',
        `「${ref}」与信用代码 ${code} 指向不同企业(${byRef.id} / ${byCode.id})`,
        `"${ref}" and USCC ${code} name different firms (${byRef.id} / ${byCode.id})`,
      );
    }
    return byCode ?? byRef;
  }

  /** Maps zod issues of the assembled record onto the file's columns. */
  schemaIssues(error: z.ZodError, fieldOf: Record<string, string>): void {
    for (const issue of error.issues) {
      const top = String(issue.path[0] ?? '');
      const field = fieldOf[top] ?? top;
      this.fail(field, 'INVALID', `「${this.column(field)}」无效:${issue.message}`, `"${this.column(field)}" is invalid: ${issue.message}`);
    }
  }
}

/** Stable comparison of two records over the given fields; returns the fields that differ. */
export function changedFields<T extends object>(before: T, after: T, fields: readonly (keyof T)[]): string[] {
  const changed: string[] = [];
  for (const f of fields) {
    if (JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null)) changed.push(String(f));
  }
  return changed;
}

/** Duplicate-within-file tracking: first row that used each key. */
export class SeenKeys {
  private readonly seen = new Map<string, number>();
  /** The earlier row with this key, or undefined (and the key is recorded for `row`). */
  check(key: string, row: number): number | undefined {
    const prior = this.seen.get(key);
    if (prior === undefined) this.seen.set(key, row);
    return prior;
  }
}
