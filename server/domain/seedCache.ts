// A validated seed bundle cached as JSON at build time (dist/seed-bundle.json).
// Parsing ~230 KB of YAML and validating it costs over a second on a small
// machine, which is most of a first start; the cache makes it milliseconds.
// It is used only when its fingerprint (the seed files' paths and contents,
// plus the loader and schema code) matches, so editing graph-seeds/ or the
// loader never serves stale data: it just takes the slow path again.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SeedBundle } from '../store/GraphStore.js';
import { loadSeedDir } from './seeds.js';

function seedFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(entry.name)) files.push(p);
    }
  };
  walk(dir);
  return files.sort();
}

/** sha256 over every seed file (path + content) and the code that validates them. */
export function seedFingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const f of seedFiles(dir)) {
    hash.update(relative(dir, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  for (const code of ['seeds', 'model', 'uscc']) {
    for (const ext of ['.js', '.ts']) {
      const p = join(import.meta.dirname, code + ext);
      if (existsSync(p)) hash.update(readFileSync(p));
    }
  }
  return hash.digest('hex');
}

interface CacheFile {
  fingerprint: string;
  bundle: SeedBundle;
}

/** Loads graph-seeds, from the cache when it matches the files, else by parsing and validating them. */
export function loadSeeds(dir: string, cacheFile?: string): { bundle: SeedBundle; fromCache: boolean } {
  if (cacheFile && existsSync(cacheFile) && existsSync(dir)) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheFile;
      if (cached.fingerprint === seedFingerprint(dir)) return { bundle: cached.bundle, fromCache: true };
    } catch {
      // an unreadable cache is only a missed shortcut: validate the YAML instead
    }
  }
  return { bundle: loadSeedDir(dir), fromCache: false };
}

/** Validates the seeds (throwing SeedValidationError when they are broken) and writes the cache. */
export function writeSeedCache(dir: string, cacheFile: string): SeedBundle {
  const bundle = loadSeedDir(dir);
  const content: CacheFile = { fingerprint: seedFingerprint(dir), bundle };
  writeFileSync(cacheFile, JSON.stringify(content));
  return bundle;
}
