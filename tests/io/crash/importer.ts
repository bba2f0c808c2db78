// Child process of tests/io/crash.test.ts: imports a generated firm file of
// ROWS rows into the embedded store on DATA_DIR (seeded with the fixture
// graph when empty), printing "batch" when store.importBatch() starts and
// "done" when it has returned. The test SIGKILLs it in between.
// Usage: node --import tsx tests/io/crash/importer.ts DATA_DIR ROWS SEED
import { join } from 'node:path';
import { loadSeedDir } from '../../../server/domain/seeds.js';
import { importFile } from '../../../server/io/import/importFile.js';
import type { GraphStore } from '../../../server/store/GraphStore.js';
import { createEmbeddedStore } from '../../../server/store/embedded/index.js';
import { csvBytes, makeUscc } from '../helpers.js';

const [dataDir, rowsArg, seedArg] = process.argv.slice(2);
if (!dataDir || !rowsArg || !seedArg) {
  process.stderr.write('usage: importer.ts DATA_DIR ROWS SEED\n');
  process.exit(2);
}
const rows = Number(rowsArg);
const seed = Number(seedArg);
const store = createEmbeddedStore({ dataDir });
await store.init();
if (await store.isEmpty()) await store.seed(loadSeedDir(join(import.meta.dirname, '../../fixtures/seeds')));

const table: string[][] = [['企业名称', '统一社会信用代码', '所在地区', '企业性质', '所属环节', '营收规模']];
for (let i = 0; i < rows; i++) {
  table.push([`崩溃测试${seed}批第${i}号科技有限公司`, makeUscc(seed * 1_000_000 + i), '新吴区', '民营', i % 2 ? '芯片设计;封装测试' : '晶圆制造', 'S']);
}
const bytes = csvBytes(table);
// Announce the moment the batch reaches the store.
const announced: GraphStore = new Proxy(store, {
  get(target, prop, receiver) {
    if (prop === 'importBatch') {
      return async (batch: Parameters<GraphStore['importBatch']>[0]) => {
        process.stdout.write(`batch ${batch.firms?.length ?? 0}\n`);
        const t = performance.now();
        await target.importBatch(batch);
        process.stderr.write(`importBatch took ${Math.round(performance.now() - t)} ms\n`);
      };
    }
    const v = Reflect.get(target, prop, receiver);
    return typeof v === 'function' ? v.bind(target) : v;
  },
});
process.stdout.write('ready\n');
const report = await importFile(announced, bytes, { filename: `crash-${seed}.csv` });
process.stdout.write(`done ${report.committed}\n`);
await store.close();
