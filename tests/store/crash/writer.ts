// Child process of tests/store/crash.test.ts: opens the embedded store on
// DATA_DIR and performs the write stream of writes.ts without pause, printing
// "ack <j>" only after write j resolved (committed). The test SIGKILLs it.
// Usage: node --import tsx tests/store/crash/writer.ts DATA_DIR ROUND
import { join } from 'node:path';
import { loadSeedDir } from '../../../server/domain/seeds.js';
import { createEmbeddedStore } from '../../../server/store/embedded/index.js';
import { crashWrite } from './writes.js';

const [dataDir, roundArg] = process.argv.slice(2);
if (!dataDir || roundArg === undefined) {
  process.stderr.write('usage: writer.ts DATA_DIR ROUND\n');
  process.exit(2);
}
const round = Number(roundArg);
const store = createEmbeddedStore({ dataDir });
await store.init();
if (await store.isEmpty()) await store.seed(loadSeedDir(join(import.meta.dirname, '../../fixtures/seeds')));
process.stdout.write('ready\n');

for (let j = 0; ; j++) {
  const w = crashWrite(round, j);
  if (w.kind === 'upsert') await store.upsertFirm(w.firm);
  else if (w.kind === 'batch') await store.importBatch({ firms: w.firms });
  else await store.deleteFirm(w.id);
  // stdout to a pipe is synchronous on Linux: once this returns, the line is the test's to read
  process.stdout.write(`ack ${j}\n`);
}
