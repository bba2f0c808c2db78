// What a bulk load reads: a graph-seeds style directory, a seed-bundle JSON
// file, or the synthetic data set (scripts/synth) on graph-seeds/.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadSeedDir } from '../../server/domain/seeds.js';
import type { SeedBundle } from '../../server/store/GraphStore.js';
import { generateSynthetic, toSeedBundle } from '../synth/generate.js';

export type BulkInput =
  | { kind: 'seed-dir'; path: string }
  | { kind: 'bundle'; path: string }
  | { kind: 'synth'; firms: number; seed: number; homeRegionId?: string };

export function readBulkInput(input: BulkInput): Partial<SeedBundle> {
  if (input.kind === 'seed-dir') return loadSeedDir(resolve(input.path));
  if (input.kind === 'bundle') {
    const data = JSON.parse(readFileSync(resolve(input.path), 'utf8')) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${input.path}: expected a JSON object (a seed bundle)`);
    return data as Partial<SeedBundle>;
  }
  const structure = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));
  return toSeedBundle(
    generateSynthetic({ firms: input.firms, seed: input.seed, structure, ...(input.homeRegionId && { homeRegionId: input.homeRegionId }) }),
  );
}
