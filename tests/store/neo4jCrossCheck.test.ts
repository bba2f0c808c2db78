// On the real graph-seeds/ data, the Neo4j store's aggregating Cypher gives
// exactly what the reference computation (analysis/buildInput.ts over an
// in-memory GraphIndex) gives, for every cluster and segment; and its search
// ranks exactly as the embedded NameIndex. The contract suite proves the
// semantics on a small hand-counted graph; this proves them at full size.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphIndex } from '../../server/analysis/graphIndex.js';
import { buildAnalysisInput, buildSegmentRegionCounts, buildTargetCandidates } from '../../server/analysis/buildInput.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { NameIndex, pinyinKeys } from '../../server/store/nameSearch.js';
import { createNeo4jStore, type Neo4jStore } from '../../server/store/neo4j/index.js';
import { acquireNeo4j, wipeNeo4j, type Neo4jLease } from '../setup/neo4j.js';

const bundle = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));
const g = GraphIndex.fromBundle(bundle);
/** Home regions: the default district and its city. */
const homes = ['cn-js-wx-xinwu', 'cn-js-wx'].filter((id) => g.regions.has(id));

describe('Neo4j store = reference computation on graph-seeds', () => {
  let lease: Neo4jLease;
  let store: Neo4jStore;

  beforeAll(async () => {
    lease = await acquireNeo4j();
    await wipeNeo4j(lease.uri);
    store = createNeo4jStore({ uri: lease.uri });
    await store.init();
    await store.seed(bundle);
  }, 300_000);
  afterAll(async () => {
    await store?.close();
    await lease?.release();
  });

  it('holds what was seeded', async () => {
    expect(homes.length).toBeGreaterThan(0);
    expect((await store.findFirms({}, 0)).totalCount).toBe(bundle.firms.length);
    expect((await store.listClusters()).length).toBe(bundle.clusters.length);
    expect((await store.listSupplies()).length).toBe(bundle.supplies.length);
  });

  it('analysisInput of every cluster equals buildAnalysisInput', async () => {
    for (const home of homes) {
      for (const c of bundle.clusters) {
        expect(await store.analysisInput(c.id, home), `${c.id} @ ${home}`).toEqual(buildAnalysisInput(g, c.id, home));
      }
    }
  }, 120_000);

  it('targetCandidates and segmentRegionCounts of every segment equal the reference', async () => {
    for (const s of bundle.segments) {
      expect(await store.targetCandidates(s.id, homes[0]!, 25), s.id).toEqual(buildTargetCandidates(g, s.id, homes[0]!, 25));
      expect(await store.segmentRegionCounts(s.id), s.id).toEqual(buildSegmentRegionCounts(g, s.id));
    }
  }, 120_000);

  it('search ranks exactly as the embedded name index', async () => {
    const names = new NameIndex();
    for (const c of bundle.clusters) names.put({ kind: 'cluster', id: c.id, nameZh: c.nameZh, nameEn: c.nameEn, keys: pinyinKeys(c.nameZh) });
    for (const s of bundle.segments) {
      names.put({ kind: 'segment', id: s.id, nameZh: s.nameZh, nameEn: s.nameEn, clusterId: s.clusterId, keys: pinyinKeys(s.nameZh) });
    }
    for (const f of bundle.firms) names.put({ kind: 'firm', id: f.id, nameZh: f.nameZh, nameEn: f.nameEn, keys: pinyinKeys(f.nameZh) });
    // Queries drawn from the data: Chinese bigrams, English words, pinyin initials and syllables.
    const queries = new Set<string>();
    const every = <T>(xs: T[], n: number) => xs.filter((_, i) => i % Math.max(1, Math.floor(xs.length / n)) === 0);
    for (const x of [...bundle.clusters, ...every(bundle.segments, 40), ...every(bundle.firms, 40)]) {
      queries.add(x.nameZh.slice(0, 2));
      queries.add(x.nameZh.slice(-2));
      if (x.nameEn) queries.add(x.nameEn.split(/\s+/)[0]!.toLowerCase());
      const keys = pinyinKeys(x.nameZh);
      queries.add(keys.i.slice(0, 3).join(''));
      queries.add(keys.s.slice(1, 3).join(''));
    }
    queries.add('wuxi');
    queries.add('xinwu');
    for (const q of queries) {
      if (!q.trim()) continue;
      const want = names.search(q, 25).map((h) => ({ ...h }));
      for (const h of want) if (h.nameEn === undefined) delete h.nameEn;
      expect(await store.search(q, 25), q).toEqual(want);
    }
  }, 120_000);
});
