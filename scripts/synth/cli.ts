// npm run synth -- --firms 100k [--seed N] [--out DIR] [--home REGION] [--json] [--load]
// Generates a synthetic dataset (scripts/synth/generate.ts) and writes it in
// the import format: DIR/firms.csv, DIR/supplies.csv, DIR/anchors.json.
// Prints the size, the skew and a hash (the same seed always gives the same
// hash). --load also loads it into the configured store (STORE, DATA_DIR,
// NEO4J_* as for `npm start`; stop a running embedded server first); that
// registers the `synthetic` source the CSV rows cite, so `npm run import`
// of the CSVs works afterwards too.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, datasetHash, formatSize, generateSynthetic, parseSize, skewStats } from './generate.js';
import { withStore } from '../lib/cliStore.js';
import { writeDataset } from './csv.js';
import { loadDataset } from './load.js';

const { values } = parseArgs({
  options: {
    firms: { type: 'string', default: '10k' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    out: { type: 'string' },
    home: { type: 'string' },
    json: { type: 'boolean', default: false },
    load: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write('usage: npm run synth -- --firms 1k|10k|100k|1m [--seed N] [--out DIR] [--home REGION] [--json] [--load]\n');
  process.exit(0);
}
const firms = parseSize(values.firms);
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) {
  process.stderr.write(`--seed must be a non-negative integer (got ${values.seed})\n`);
  process.exit(2);
}
const t0 = performance.now();
const ds = generateSynthetic({ firms, seed, ...(values.home ? { homeRegionId: values.home } : {}) });
const genMs = Math.round(performance.now() - t0);
const out = values.out ?? join('bench-results', 'synth', `${formatSize(firms)}-seed${seed}`);
const t1 = performance.now();
const files = writeDataset(ds, out);
const summary = { firms, seed, homeRegionId: ds.homeRegionId, hash: datasetHash(ds), generateMs: genMs, writeMs: Math.round(performance.now() - t1), files, skew: skewStats(ds) };
if (values.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
else {
  process.stdout.write(`${formatSize(firms)} firms, ${ds.supplies.length} supply ties, ${ds.anchors.length} anchors (seed ${seed}, hash ${summary.hash.slice(0, 16)})\n`);
  process.stdout.write(`generated in ${genMs} ms, written in ${summary.writeMs} ms:\n  ${Object.values(files).join('\n  ')}\n`);
  process.stdout.write(`skew: ${JSON.stringify(summary.skew)}\n`);
  if (!values.load) process.stdout.write(`the CSV rows cite the source "synthetic": load once with --load (or seed anchors.json's source), then npm run import -- ${files.firms}\n`);
}
if (values.load) {
  await withStore(async (store, config) => {
    const result = await loadDataset(store, ds, { batchSize: config.store === 'neo4j' ? 20_000 : 50_000 });
    process.stdout.write(`loaded into the ${store.kind} store: ${result.total.rows} rows in ${result.total.ms} ms (${result.total.rowsPerSec} rows/s)\n`);
  });
}
