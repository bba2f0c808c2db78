// The `neo4j-admin database import full` command line for a bulk export
// (export.ts): option names as in Neo4j 5.26 (`neo4j-admin database import
// full --help`); the database name comes before the file options.
import { basename } from 'node:path';
import { ARRAY_DELIMITER_OPTION } from './csv.js';
import type { BulkFile } from './export.js';

export interface AdminImportOptions {
  database?: string;
  /** Delete an existing database first (--overwrite-destination). */
  overwrite?: boolean;
  /** The directory holding the CSV files as the importer sees it (e.g. /import in a container); default: the files' own paths. */
  importDir?: string;
  /** --max-off-heap-memory (the importer's default, 90 % of RAM, is a lot on a shared machine). */
  maxOffHeapMemory?: string;
  threads?: number;
  /** --report-file (bad entries; there should be none, the input was validated). */
  reportFile?: string;
}

/** Arguments after `neo4j-admin` (or `org.neo4j.cli.AdminTool`). */
export function adminImportArgs(files: readonly BulkFile[], options: AdminImportOptions = {}): string[] {
  const path = (f: BulkFile) => (options.importDir ? `${options.importDir.replace(/\/$/, '')}/${basename(f.path)}` : f.path);
  const args = ['database', 'import', 'full', options.database ?? 'neo4j'];
  for (const f of files) args.push(`--${f.kind}=${f.name}=${path(f)}`);
  args.push(`--array-delimiter=${ARRAY_DELIMITER_OPTION}`, '--id-type=string');
  const multiline = files.filter((f) => f.multiline);
  if (multiline.length) args.push('--multiline-fields-format=v2', `--multiline-fields=${multiline.map(path).join(',')}`);
  if (options.overwrite) args.push('--overwrite-destination=true');
  if (options.maxOffHeapMemory) args.push(`--max-off-heap-memory=${options.maxOffHeapMemory}`);
  if (options.threads) args.push(`--threads=${options.threads}`);
  if (options.reportFile) args.push(`--report-file=${options.reportFile}`);
  return args;
}

/** POSIX shell quoting, for printing a command a user can paste. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=+,@%-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

export const shellLine = (args: readonly string[]) => args.map(shellQuote).join(' ');
