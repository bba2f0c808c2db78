// npm run import -- FILE [--dry-run] [--kind firms|firm-segments|supplies|projects]
//                        [--sheet NAME] [--json] [--all] [--lang zh|en] [--actor NAME]
// Imports a CSV (UTF-8 or GBK/GB18030) or XLSX file into the configured store,
// all rows or none. Progress goes to stderr; the report (rejected rows, or
// every row with --all; JSON with --json) to stdout. Exit status: 0 when the
// file was imported (or, with --dry-run, would be), 1 when any row or the file
// is rejected, 2 on a usage error.
// With the embedded store, stop a running server first (or import through the
// web page / GraphQL): the server keeps its graph in memory.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { importKinds, isImportKind } from '../server/io/import/columns.js';
import { importFile, type ImportProgress } from '../server/io/import/importFile.js';
import { formatReport } from '../server/io/import/report.js';
import { describeError, die, withStore } from './lib/cliStore.js';

const usage = `用法 usage: npm run import -- FILE [--dry-run] [--kind ${importKinds.join('|')}] [--sheet NAME] [--json] [--all] [--lang zh|en]`;

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      kind: { type: 'string' },
      sheet: { type: 'string' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'zh' },
      actor: { type: 'string', default: process.env.USER ? `cli:${process.env.USER}` : 'cli' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (e) {
  die(`${(e as Error).message}\n${usage}`, 2);
}
const { values, positionals } = args;
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (positionals.length !== 1) die(usage, 2);
if (values.kind !== undefined && !isImportKind(values.kind)) die(`未知的导入类型 unknown kind: ${values.kind}\n${usage}`, 2);
if (values.lang !== 'zh' && values.lang !== 'en') die(`--lang zh|en\n${usage}`, 2);
const file = positionals[0]!;
let bytes: Buffer;
try {
  bytes = readFileSync(file);
} catch (e) {
  die(`无法读取文件 cannot read ${file}: ${(e as Error).message}`, 2);
}

const tty = process.stderr.isTTY;
let lastShown = -1;
function showProgress(p: ImportProgress): void {
  if (p.phase === 'validate' && p.total > 0) {
    const pct = Math.floor((100 * p.done) / p.total);
    if (tty) process.stderr.write(`\r校验 validating ${p.done}/${p.total} (${pct}%)`);
    else if (pct >= lastShown + 20 || p.done === p.total) {
      lastShown = pct;
      process.stderr.write(`校验 validating ${p.done}/${p.total} (${pct}%)\n`);
    }
  } else if (p.phase === 'commit') {
    process.stderr.write(`${tty ? '\n' : ''}写入 committing ${p.total} records…\n`);
  } else if (p.phase === 'done' && tty) {
    process.stderr.write('\n');
  }
}

const report = await withStore(async (store) => {
  try {
    return await importFile(store, bytes, {
      filename: basename(file),
      dryRun: values['dry-run'],
      actor: values.actor,
      onProgress: showProgress,
      ...(values.kind && isImportKind(values.kind) ? { kind: values.kind } : {}),
      ...(values.sheet ? { sheet: values.sheet } : {}),
    });
  } catch (e) {
    die(`导入失败 import failed:\n${describeError(e)}`);
  }
});
process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, { all: values.all, lang: values.lang })}\n`);
process.exitCode = report.ok ? 0 : 1;
