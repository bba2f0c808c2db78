// npm run import:template -- --kind firms|firm-segments|supplies|projects
//                             [--format csv|xlsx] [--lang zh|en] [--out PATH]
// Writes the import template of one kind (header row; the XLSX adds a 说明
// sheet describing every column). Default file: chain-atlas-KIND-template.FORMAT.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importKinds, isImportKind } from '../server/io/import/columns.js';
import { buildTemplate, templateFilename } from '../server/io/import/template.js';

const usage = `用法 usage: npm run import:template -- --kind ${importKinds.join('|')} [--format csv|xlsx] [--lang zh|en] [--out PATH]`;
function die(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      kind: { type: 'string' },
      format: { type: 'string', default: 'xlsx' },
      lang: { type: 'string', default: 'zh' },
      out: { type: 'string' },
    },
  }));
} catch (e) {
  die(`${(e as Error).message}\n${usage}`);
}
if (!values.kind || !isImportKind(values.kind)) die(usage);
if (values.format !== 'csv' && values.format !== 'xlsx') die(usage);
if (values.lang !== 'zh' && values.lang !== 'en') die(usage);
const out = values.out ?? templateFilename(values.kind, values.format);
writeFileSync(out, await buildTemplate(values.kind, values.format, values.lang));
process.stderr.write(`已写入 written: ${out}\n`);
