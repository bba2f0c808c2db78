// Where the product's own files are, whether running from server/ (tsx) or
// from dist/server/ (node): the nearest folder above this module holding the
// package.json of chain-atlas.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'chain-atlas') return dir;
    if (dirname(dir) === dir) throw new Error(`chain-atlas package.json not found above ${start}`);
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname);
/** The Vite build output (npm run build:web). */
export const webDistDir = join(projectRoot, 'dist', 'web');
/** Validated graph-seeds/ bundle written by the build (see domain/seedCache.ts). */
export const seedCacheFile = join(projectRoot, 'dist', 'seed-bundle.json');
