// npm run export:map -- --cluster ID|all --format pdf|xlsx [--out PATH] [--home REGION_ID]
// Writes the 产业招引地图 (PDF, A3 landscape: chain map + 招引指导目录) or the
// catalogue workbook (XLSX) of one cluster or of all clusters, from the
// configured store. Default file: chain-atlas-map-CLUSTER-DATE.FORMAT.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportFormats, exportMap, type ExportFormat } from '../server/io/export/exportMap.js';
import { describeError, die, withStore } from './lib/cliStore.js';

const usage = '用法 usage: npm run export:map -- --cluster ID|all --format pdf|xlsx [--out PATH] [--home REGION_ID]';
let values;
try {
  ({ values } = parseArgs({
    options: {
      cluster: { type: 'string' },
      format: { type: 'string', default: 'pdf' },
      out: { type: 'string' },
      home: { type: 'string' },
    },
  }));
} catch (e) {
  die(`${(e as Error).message}\n${usage}`, 2);
}
if (!values.cluster) die(usage, 2);
if (!(exportFormats as readonly string[]).includes(values.format)) die(usage, 2);
const format = values.format as ExportFormat;
const cluster = values.cluster;

await withStore(async (store, config) => {
  const started = performance.now();
  try {
    const file = await exportMap(store, cluster, format, { homeRegionId: values.home ?? config.homeRegionId });
    const out = values.out ?? file.filename;
    writeFileSync(out, file.bytes);
    process.stderr.write(
      `已写入 written: ${out} (${file.clusters.length} 个集群 clusters, ${(file.bytes.length / 1024).toFixed(0)} KB, ${Math.round(performance.now() - started)} ms)\n`,
    );
  } catch (e) {
    die(`导出失败 export failed:\n${describeError(e)}`);
  }
});
