// CSV files in the format of Neo4j's offline importer (`neo4j-admin database
// import full`, Neo4j 5 operations manual, "Import: CSV header format"):
// a header line `name:type` per column (`id:ID(Firm)`, `:START_ID(Firm)`,
// `confidence:double`, `tags:string[]` …), then one line per record.
//
// Encoding, chosen so every value comes back exactly as the transactional
// store writes it (records.ts):
// - every string is quoted, a quote doubled (RFC 4180; the importer's default
//   --legacy-style-quoting=false), so "" is an empty string and an unquoted
//   empty field is an absent property (null);
// - numbers the driver would send as JS numbers are `double` (Cypher FLOAT,
//   64-bit; the importer's `float` is 32-bit and would round 0.7), numbers the
//   store writes as integers (seq, counters) are `long`;
// - array elements are separated by ARRAY_DELIMITER (U+001F, a control
//   character no name or tag holds; a value that does is refused). An empty
//   array is written as an absent property: the store reads a missing list as
//   [] (records.fromProps / fromRow), and `$x IN null` filters like `$x IN []`.
// - a string with a line break makes its file a "multiline" file, passed to
//   --multiline-fields (only those files pay for multiline parsing).
import { closeSync, openSync, writeSync } from 'node:fs';

export type ColumnType = 'string' | 'double' | 'long' | 'boolean' | 'string[]' | 'double[]';

export interface Column {
  /** Property name; '' for :START_ID / :END_ID. */
  name: string;
  /** `ID(Group)`, `START_ID(Group)`, `END_ID(Group)` or a property type. */
  type: ColumnType | `ID(${string})` | `START_ID(${string})` | `END_ID(${string})`;
}

/** Array element separator (passed as --array-delimiter=U+001F). */
export const ARRAY_DELIMITER = '\u001f';
export const ARRAY_DELIMITER_OPTION = 'U+001F';

const FLUSH_CHARS = 1 << 20;

/**
 * Encodes records as CSV lines for a list of columns (a whole file's, or the
 * last few columns of one: CsvFile.rowWithTail), checking every value's type.
 */
export class CsvEncoder {
  /** A string value held a line break. */
  multiline = false;

  constructor(
    readonly columns: readonly Column[],
    /** Named in the error a bad value throws (the file's path). */
    readonly where: string,
  ) {}

  /** One record without its line break: values in column order (null / undefined = absent). */
  line(values: readonly unknown[]): string {
    const cols = this.columns;
    let line = '';
    for (let i = 0; i < cols.length; i++) {
      if (i > 0) line += ',';
      line += this.cell(values[i], cols[i]!);
    }
    return line;
  }

  private str(s: string): string {
    if (!this.multiline && (s.includes('\n') || s.includes('\r'))) this.multiline = true;
    return s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`;
  }

  private fail(col: Column, v: unknown, why: string): never {
    throw new Error(`bulk CSV ${this.where}: column ${col.name || col.type}: ${why} (${JSON.stringify(v)})`);
  }

  // No closures are created per cell (under tsx every function expression
  // costs a name-keeping call: ~1.4 s per 100k firms when they were).
  private cell(v: unknown, col: Column): string {
    if (v === null || v === undefined) return '';
    switch (col.type) {
      case 'double':
        if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(col, v, 'not a finite number');
        return String(v);
      case 'long':
        if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.fail(col, v, 'not an integer');
        return String(v);
      case 'boolean':
        if (typeof v !== 'boolean') this.fail(col, v, 'not a boolean');
        return v ? 'true' : 'false';
      case 'string[]':
      case 'double[]': {
        if (!Array.isArray(v)) return this.fail(col, v, 'not a list');
        if (v.length === 0) return '';
        let joined = '';
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (col.type === 'double[]') {
            if (typeof x !== 'number' || !Number.isFinite(x)) this.fail(col, v, 'list item not a finite number');
          } else {
            if (typeof x !== 'string' || x.length === 0) this.fail(col, v, 'list item not a non-empty string');
            if (x.includes(ARRAY_DELIMITER)) this.fail(col, v, 'list item holds U+001F');
          }
          joined += (i > 0 ? ARRAY_DELIMITER : '') + String(x);
        }
        return this.str(joined);
      }
      default:
        // string, IDs
        if (typeof v !== 'string') this.fail(col, v, 'not a string');
        return this.str(v);
    }
  }
}

export class CsvFile {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  private readonly encoder: CsvEncoder;
  /** Encodes the columns before a tail (rowWithTail), by tail width. */
  private readonly heads = new Map<number, CsvEncoder>();
  private tailMultiline = false;
  rows = 0;

  constructor(
    readonly path: string,
    private readonly columns: readonly Column[],
  ) {
    this.fd = openSync(path, 'wx');
    this.encoder = new CsvEncoder(columns, path);
    this.push(columns.map((c) => `${c.name}:${c.type}`).join(',') + '\n');
  }

  /** A string value held a line break (the file goes to --multiline-fields). */
  get multiline(): boolean {
    if (this.encoder.multiline || this.tailMultiline) return true;
    for (const e of this.heads.values()) if (e.multiline) return true;
    return false;
  }

  /** One record: values in column order (null / undefined = absent). */
  row(values: readonly unknown[]): void {
    this.push(this.encoder.line(values) + '\n');
    this.rows++;
  }

  /**
   * One record whose last `tailColumns` columns come already encoded: `tail`
   * is a CsvEncoder's line of exactly those columns (checked there);
   * `values` holds the ones before.
   */
  rowWithTail(values: readonly unknown[], tailColumns: number, tail: string): void {
    let head = this.heads.get(tailColumns);
    if (!head) {
      if (tailColumns < 1 || tailColumns >= this.columns.length) throw new Error(`bulk CSV ${this.path}: a tail of ${tailColumns} columns`);
      head = new CsvEncoder(this.columns.slice(0, this.columns.length - tailColumns), this.path);
      this.heads.set(tailColumns, head);
    }
    if (!this.tailMultiline && (tail.includes('\n') || tail.includes('\r'))) this.tailMultiline = true;
    this.push(head.line(values) + ',' + tail + '\n');
    this.rows++;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.parts.length) writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}
