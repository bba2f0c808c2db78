// Part of `npm run build:server`: validates graph-seeds/ and caches the bundle
// as dist/seed-bundle.json, so a first start need not parse the YAML
// (server/domain/seedCache.ts explains when the cache is used).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { writeSeedCache } = await import(join(root, 'dist/server/domain/seedCache.js'));
try {
  const bundle = writeSeedCache(join(root, 'graph-seeds'), join(root, 'dist/seed-bundle.json'));
  console.log(`graph-seeds valid: ${bundle.clusters.length} clusters, ${bundle.segments.length} segments, ${bundle.firms.length} firms → dist/seed-bundle.json`);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
