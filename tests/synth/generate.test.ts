// The synthetic data generator (scripts/synth): deterministic, exact sizes,
// valid references (the store's own import validation and the CSV import
// path accept it), and the skew the benchmark relies on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphIndex } from '../../server/analysis/graphIndex.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { isValidUscc } from '../../server/domain/uscc.js';
import { importFile } from '../../server/io/import/importFile.js';
import { createEmbeddedStore } from '../../server/store/embedded/index.js';
import { validateImportBatch } from '../../server/store/integrity.js';
import { firmsCsv, suppliesCsv } from '../../scripts/synth/csv.js';
import { datasetHash, generateSynthetic, parseSize, skewStats } from '../../scripts/synth/generate.js';
import { loadDataset } from '../../scripts/synth/load.js';

const structure = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));
const gen = (firms: number, seed?: number) => generateSynthetic({ firms, structure, ...(seed === undefined ? {} : { seed }) });
const small = gen(2000);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'atlas-synth-'));
  dirs.push(d);
  return d;
}

describe('synthetic data generator', () => {
  it('is deterministic: the same seed gives the same records, another seed different ones', () => {
    expect(datasetHash(gen(2000))).toBe(datasetHash(small));
    expect(datasetHash(gen(2000, 7))).not.toBe(datasetHash(small));
    expect(gen(2000, 7).firms[0]).not.toEqual(small.firms[0]);
  });

  it('makes exactly the number of firms asked for, with unique ids, USCCs and names', () => {
    for (const n of [1, 1000, 2500]) expect(gen(n).firms).toHaveLength(n);
    expect(new Set(small.firms.map((f) => f.id)).size).toBe(2000);
    expect(new Set(small.firms.map((f) => f.nameZh)).size).toBe(2000);
    const usccs = small.firms.filter((f) => f.uscc).map((f) => f.uscc!);
    expect(usccs.length).toBeGreaterThan(1500);
    expect(usccs.every(isValidUscc)).toBe(true);
    expect(parseSize('1k')).toBe(1000);
    expect(parseSize('100k')).toBe(100_000);
    expect(parseSize('1m')).toBe(1_000_000);
    expect(() => parseSize('ten')).toThrow();
  });

  it('marks every firm illustrative and cites the synthetic source', () => {
    expect(small.source.kind).toBe('illustrative');
    expect(small.firms.every((f) => f.illustrative && f.sourceId === small.source.id)).toBe(true);
    expect(small.base.firms).toHaveLength(0);
  });

  it('passes the store import validation: every region, segment, firm and cluster reference resolves', () => {
    const g = GraphIndex.fromBundle(small.base);
    const lookup = {
      hasSource: (id: string) => g.sources.has(id),
      hasRegion: (id: string) => g.regions.has(id),
      hasCluster: (id: string) => g.clusters.has(id),
      hasSegment: (id: string) => g.segments.has(id),
      hasFirm: (id: string) => g.firms.has(id),
      firmIdByUscc: (uscc: string) => g.firmIdByUscc(uscc),
    };
    const parsed = validateImportBatch({ firms: small.firms, supplies: small.supplies, anchors: small.anchors }, lookup);
    expect(parsed.firms).toHaveLength(2000);
    expect(parsed.supplies).toHaveLength(small.supplies.length);
    // A tie's segment is one the supplier operates in.
    const firms = new Map(small.firms.map((f) => [f.id, f]));
    expect(small.supplies.every((t) => firms.get(t.from)!.segments.some((s) => s.segmentId === t.segmentId))).toBe(true);
  });

  it('loads into the embedded store directly and through the CSV import path', async () => {
    const ds = gen(1000);
    const direct = createEmbeddedStore({ dataDir: tempDir() });
    await direct.init();
    const result = await loadDataset(direct, ds, { batchSize: 400 });
    expect(result.firms.rows).toBe(1000);
    expect((await direct.findFirms({}, 0)).totalCount).toBe(1000);
    expect(await direct.listAnchors()).toHaveLength(ds.anchors.length);
    await direct.close();

    const viaCsv = createEmbeddedStore({ dataDir: tempDir() });
    await viaCsv.init();
    await viaCsv.seed(ds.base);
    const firms = await importFile(viaCsv, firmsCsv(ds), { filename: 'firms.csv' });
    expect(firms.fileErrors).toEqual([]);
    expect(firms.counts).toMatchObject({ created: 1000, rejected: 0 });
    const ties = await importFile(viaCsv, suppliesCsv(ds), { filename: 'supplies.csv' });
    expect(ties.counts).toMatchObject({ created: ds.supplies.length, rejected: 0 });
    expect(await viaCsv.listSupplies()).toHaveLength(ds.supplies.length);
    await viaCsv.close();
  });

  it('is skewed like a real registry: few segments and cities hold most firms; anchors have many ties', () => {
    const ds = gen(20_000);
    const s = skewStats(ds);
    expect(s.top10pctSegmentsShare).toBeGreaterThan(0.4);
    expect(s.top10pctCitiesShare).toBeGreaterThan(0.4);
    expect(s.multiSegmentShare).toBeGreaterThan(0.15);
    expect(s.multiSegmentShare).toBeLessThan(0.25);
    expect(s.homeShare).toBeGreaterThan(0.02);
    expect(s.homeShare).toBeLessThan(0.06);
    expect(s.tiesPerAnchor).toBeGreaterThan(10 * s.tiesPerFirm);
    expect(new Set(ds.anchors.map((a) => a.clusterId)).size).toBe(12);
    // Counted directly, not through skewStats: the top 10 % of segments by firm–segment links.
    const links = new Map<string, number>();
    for (const f of ds.firms) for (const x of f.segments) links.set(x.segmentId, (links.get(x.segmentId) ?? 0) + 1);
    const sorted = [...links.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const top = sorted.slice(0, Math.round(ds.base.segments.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.4);
  });
});
