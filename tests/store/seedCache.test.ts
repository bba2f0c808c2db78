// The build-time seed cache must be used only when it matches the seed files.
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeeds, writeSeedCache } from '../../server/domain/seedCache.js';
import { loadSeedDir } from '../../server/domain/seeds.js';

const work = mkdtempSync(join(tmpdir(), 'atlas-seedcache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('seed cache', () => {
  const seeds = join(work, 'seeds');
  const cache = join(work, 'seed-bundle.json');
  cpSync(join(import.meta.dirname, '../fixtures/seeds'), seeds, { recursive: true });

  it('serves the validated bundle from the cache while the files are unchanged', () => {
    const written = writeSeedCache(seeds, cache);
    const { bundle, fromCache } = loadSeeds(seeds, cache);
    expect(fromCache).toBe(true);
    expect(bundle).toEqual(written);
    expect(bundle).toEqual(loadSeedDir(seeds));
  });

  it('ignores the cache once a seed file changes, and reads the new content', () => {
    writeSeedCache(seeds, cache);
    appendFileSync(
      join(seeds, 'regions.yaml'),
      '  - { id: cn-js-wx-liangxi, nameZh: 梁溪区, nameEn: Liangxi, level: district, parentId: cn-js-wx }\n',
    );
    const { bundle, fromCache } = loadSeeds(seeds, cache);
    expect(fromCache).toBe(false);
    expect(bundle.regions.map((r) => r.id)).toContain('cn-js-wx-liangxi');
  });

  it('falls back to the YAML when the cache is unreadable or absent', () => {
    writeFileSync(cache, '{ not json');
    expect(loadSeeds(seeds, cache).fromCache).toBe(false);
    expect(loadSeeds(seeds, join(work, 'missing.json')).fromCache).toBe(false);
    expect(loadSeeds(seeds).bundle.clusters.map((c) => c.id)).toEqual(['ic', 'iot']);
  });
});
