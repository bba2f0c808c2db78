// npm run neo4j:bulk-load -- INPUT TARGET [options]
// Loads a large data set into an EMPTY Neo4j database with Neo4j's offline
// importer (neo4j-admin database import full): ~10x the rate of the
// transactional import, for the first load of a province or country registry;
// day-to-day writes then go through the app as usual.
//
// INPUT (one of):
//   --seed-dir DIR        a graph-seeds/ style directory (YAML/JSON files)
//   --bundle FILE.json    a seed bundle {sources, regions, clusters, segments, feeds, firms, supplies, anchors, projects}
//   --synth SIZE          the synthetic data set (scripts/synth; 100k, 1m …) on graph-seeds/ [--synth-seed N] [--home REGION]
// The whole input is validated first, as an import is (zod schemas,
// references, duplicates): one bad row and nothing is written.
//
// TARGET (one of):
//   --neo4j-home DIR      import with the bundled Neo4j 5.26 (no installation needed) into DIR/data;
//                         CSV files go to DIR/import. Refuses a DIR that holds a database unless --overwrite.
//     --start             then start Neo4j on it, build the schema and indexes, print NEO4J_URI, run until Ctrl-C
//   --out DIR             only write the CSV files and print the neo4j-admin command for your own Neo4j
//                         and for this repository's docker compose
//
// Options: --overwrite, --database NAME (default neo4j), --max-off-heap SIZE (default 2g),
//          --threads N, --json (timings as JSON on stdout).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../server/domain/errors.js';
import { adminImportArgs, shellLine } from '../../server/store/neo4j/bulk/command.js';
import { DEFAULT_SEED, parseSize } from '../synth/generate.js';
import { describeError, die } from '../lib/cliStore.js';
import { exportInWorker } from './exportWorker.js';
import type { BulkInput } from './input.js';
import { bulkImportFrom, serveImported } from './load.js';

const usage = readFileSync(import.meta.filename, 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('//'))
  .map((l) => l.slice(3))
  .join('\n');

let args;
try {
  args = parseArgs({
    options: {
      'seed-dir': { type: 'string' },
      bundle: { type: 'string' },
      synth: { type: 'string' },
      'synth-seed': { type: 'string', default: String(DEFAULT_SEED) },
      home: { type: 'string' },
      'neo4j-home': { type: 'string' },
      out: { type: 'string' },
      start: { type: 'boolean', default: false },
      overwrite: { type: 'boolean', default: false },
      database: { type: 'string', default: 'neo4j' },
      'max-off-heap': { type: 'string', default: '2g' },
      threads: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (e) {
  die(`${(e as Error).message}\n\n${usage}`, 2);
}
const { values } = args;
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const inputs = (['seed-dir', 'bundle', 'synth'] as const).filter((k) => values[k] !== undefined);
if (inputs.length !== 1) die(`give exactly one input: --seed-dir, --bundle or --synth\n\n${usage}`, 2);
if ((values['neo4j-home'] === undefined) === (values.out === undefined)) die(`give exactly one target: --neo4j-home or --out\n\n${usage}`, 2);
if (values.start && values['neo4j-home'] === undefined) die('--start needs --neo4j-home', 2);
const threads = values.threads === undefined ? undefined : Number(values.threads);
if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) die('--threads must be a positive integer', 2);

const say = (m: string) => process.stderr.write(`${m}\n`);

function inputSpec(): BulkInput {
  if (values['seed-dir'] !== undefined) return { kind: 'seed-dir', path: values['seed-dir'] };
  if (values.bundle !== undefined) return { kind: 'bundle', path: values.bundle };
  const seed = Number(values['synth-seed']);
  if (!Number.isInteger(seed) || seed < 0) die(`--synth-seed must be a non-negative integer (got ${values['synth-seed']})`, 2);
  let firms: number;
  try {
    firms = parseSize(values.synth!);
  } catch (e) {
    die((e as Error).message, 2);
  }
  return { kind: 'synth', firms, seed, ...(values.home && { homeRegionId: values.home }) };
}

const counted = (c: { firms: number; supplies: number } | undefined, readMs: number | undefined) =>
  c ? `input: ${c.firms.toLocaleString('en-US')} firms, ${c.supplies.toLocaleString('en-US')} supply ties (read in ${readMs} ms)` : '';

function fail(e: unknown): never {
  if (e instanceof AppError && e.fields.length) {
    const shown = e.fields.slice(0, 50).map((f) => `  ${f.path}: ${f.messageZh} / ${f.messageEn}`);
    die(`${e.messageZh}\n${e.messageEn}\n${shown.join('\n')}${e.fields.length > 50 ? `\n  … ${e.fields.length - 50} more` : ''}`);
  }
  die(describeError(e));
}

try {
  const input = inputSpec();
  if (values.out !== undefined) {
    const w = await exportInWorker(input, values.out);
    const exp = w.export;
    say(counted(w.counts, w.readMs));
    say(`validated in ${exp.ms.validate} ms, wrote ${exp.files.length} CSV files (${exp.nodes.toLocaleString('en-US')} nodes, ${exp.relationships.toLocaleString('en-US')} relationships) to ${exp.dir} in ${exp.ms.write} ms`);
    const own = ['neo4j-admin', ...adminImportArgs(exp.files, { database: values.database, overwrite: values.overwrite })];
    const docker = [
      'docker', 'compose', 'run', '--rm', '--no-deps', '-v', `${exp.dir}:/import:ro`, 'neo4j',
      'neo4j-admin', ...adminImportArgs(exp.files, { database: values.database, overwrite: values.overwrite, importDir: '/import' }),
    ];
    if (values.json) process.stdout.write(JSON.stringify({ export: exp, commands: { neo4jAdmin: own, dockerCompose: docker } }, null, 2) + '\n');
    else {
      process.stdout.write(
        [
          '',
          'Your own Neo4j 5 (the target database stopped or not yet created; add --overwrite-destination=true to replace one):',
          `  ${shellLine(own)}`,
          '',
          "This repository's docker compose (imports into the neo4j-data volume):",
          '  docker compose stop neo4j',
          `  ${shellLine(docker)}`,
          '  docker compose up -d',
          '',
          'The app creates the constraints and indexes when it first connects (STORE=neo4j); Neo4j populates them then.',
          '',
        ].join('\n'),
      );
    }
    process.exit(0);
  }

  const home = resolve(values['neo4j-home']!);
  const r = await bulkImportFrom(input, {
    neo4jHome: home,
    overwrite: values.overwrite,
    maxOffHeapMemory: values['max-off-heap'],
    ...(threads && { threads }),
  });
  say(counted(r.counts, r.readMs));
  say(`export: validated in ${r.export.ms.validate} ms, CSV written in ${r.export.ms.write} ms (${r.export.dir})`);
  say(`neo4j-admin import: ${r.adminImport.ms} ms (CPU ${r.adminImport.cpuMs ?? '?'} ms)\n${r.adminImport.summary}`);
  const timings: Record<string, number> = { readMs: r.readMs ?? 0, validateMs: r.export.ms.validate, writeMs: r.export.ms.write, adminImportMs: r.adminImport.ms };
  if (!values.start) {
    say(`\nStart Neo4j on it:  NEO4J_DATA_DIR=${join(home, 'data')} npm run neo4j`);
    say('then run the app with STORE=neo4j NEO4J_URI=<the printed URI>: it creates the schema and waits for the indexes on first connect.');
    if (values.json) process.stdout.write(JSON.stringify({ timings, export: r.export, adminImport: r.adminImport }, null, 2) + '\n');
    process.exit(0);
  }
  const served = await serveImported(home);
  timings.startMs = served.startMs;
  timings.schemaMs = served.schemaMs;
  const total = r.export.ms.validate + r.export.ms.write + r.adminImport.ms + served.startMs + served.schemaMs;
  say(`Neo4j started in ${served.startMs} ms; schema and index population ${served.schemaMs} ms`);
  say(`end to end (validate + CSV + import + start + indexes): ${total} ms = ${Math.round(r.export.dataRows / (total / 1000)).toLocaleString('en-US')} rows/s (firms + ties + anchors)`);
  if (values.json) process.stdout.write(JSON.stringify({ timings, totalMs: total, export: r.export, adminImport: r.adminImport }, null, 2) + '\n');
  process.stdout.write(`NEO4J_URI=${served.server.uri}\n`);
  say('running; Ctrl-C stops Neo4j (the database stays in ' + join(home, 'data') + ')');
  const stop = () => void served.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  fail(e);
}
