// The offline bulk path (export CSV → neo4j-admin database import full →
// start Neo4j on the imported directory → Neo4jStore.init builds the schema)
// against the transactional one (Neo4jStore.seed), on real Neo4j servers: the
// shared test server (seed) and a second one of our own started on the
// imported directory. The same bundle must give the same graph and the same
// answers, and later writes must behave the same on both.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessCluster } from '../../server/analysis/assess.js';
import { AppError } from '../../server/domain/errors.js';
import type { Firm } from '../../server/domain/model.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import type { SeedBundle } from '../../server/store/GraphStore.js';
import { exportBulkCsv } from '../../server/store/neo4j/bulk/export.js';
import { adminImportArgs, shellLine } from '../../server/store/neo4j/bulk/command.js';
import { createNeo4jStore, type Neo4jStore } from '../../server/store/neo4j/index.js';
import { bulkImport, serveImported, type ServedImport } from '../../scripts/neo4j-bulk/load.js';
import { generateSynthetic } from '../../scripts/synth/generate.js';
import { acquireNeo4j, wipeNeo4j, type Neo4jLease } from '../setup/neo4j.js';

const structure = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));
const ds = generateSynthetic({ firms: 400, seed: 20240601, structure });
/** Firms whose values exercise the CSV encoding: quotes, commas, a line break, no English name, no tags, several segments. */
const odd: Firm[] = [
  {
    ...ds.firms[0]!,
    id: 'bulk:odd-1',
    nameZh: '无锡"引号",逗号\n换行电子有限公司',
    nameEn: 'Odd "Quoted", Co.',
    tags: ['a;b', 'c,d'],
    uscc: undefined,
  } as Firm,
  { ...ds.firms[1]!, id: 'bulk:odd-2', nameZh: 'ABC 集成电路', nameEn: undefined, tags: [], uscc: undefined } as Firm,
].map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Firm);
const bundle: SeedBundle = {
  ...ds.base,
  sources: ds.base.sources.map((s, i) => (i === 0 ? { ...s, note: 'line one\nline "two"' } : s)),
  firms: [...structure.firms, ...ds.firms, ...odd],
  supplies: [...structure.supplies, ...ds.supplies],
  anchors: [...structure.anchors, ...ds.anchors],
  projects: structure.projects,
};
const HOMES = ['cn-js-wx-xinwu', 'cn-js-wx'];

type Dump = { nodes: string[]; rels: string[] };

/**
 * Every node and relationship with its properties and their Cypher types,
 * as sorted lines. An empty list property is left out: the importer writes an
 * empty array as an absent property, which the store reads as [] (records.ts).
 * `writeTransactions` (how many write transactions touched the meta node) is
 * left out too: seeding a fresh store counts init's counter stamp as one.
 */
async function dump(uri: string): Promise<Dump> {
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  const session = driver.session();
  const props = `[k IN keys(x) WHERE NOT (valueType(x[k]) STARTS WITH 'LIST' AND size(x[k]) = 0) AND k <> 'writeTransactions' | [k, x[k], valueType(x[k])]]`;
  try {
    const nodes = (await session.run(`MATCH (x) WITH x ORDER BY x.id RETURN labels(x) AS l, ${props} AS p`)).records.map((r) =>
      JSON.stringify([r.get('l'), [...(r.get('p') as unknown[][])].sort((a, b) => String(a[0]).localeCompare(String(b[0])))]),
    );
    const rels = (await session.run(`MATCH (a)-[x]->(b) RETURN labels(a)[0] + ':' + a.id AS a, type(x) AS t, labels(b)[0] + ':' + b.id AS b, ${props} AS p`)).records.map(
      (r) => JSON.stringify([r.get('a'), r.get('t'), r.get('b'), [...(r.get('p') as unknown[][])].sort((a, b) => String(a[0]).localeCompare(String(b[0])))]),
    );
    return { nodes: nodes.sort(), rels: rels.sort() };
  } finally {
    await session.close();
    await driver.close();
  }
}

describe('bulk load into Neo4j = seeding through the store', () => {
  let lease: Neo4jLease;
  let seeded: Neo4jStore;
  let served: ServedImport;
  let bulk: Neo4jStore;
  let home: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'atlas-bulk-test-'));
    lease = await acquireNeo4j();
    await wipeNeo4j(lease.uri);
    seeded = createNeo4jStore({ uri: lease.uri });
    await seeded.init();
    await seeded.seed(bundle);

    await bulkImport(bundle, { neo4jHome: home, maxOffHeapMemory: '512m' });
    served = await serveImported(home);
    bulk = served.store;
  }, 400_000);
  afterAll(async () => {
    await seeded?.close();
    await lease?.release();
    await served?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('writes the same graph: nodes, relationships, properties and their types', async () => {
    const [a, b] = await Promise.all([dump(lease.uri), dump(served.server.uri)]);
    // The bundle's size, counted by hand from its parts (nodes: records + one meta node).
    const records = Object.values(bundle).reduce((n, l: unknown[]) => n + l.length, 0);
    expect(b.nodes.length).toBe(records - bundle.feeds.length - bundle.supplies.length - bundle.anchors.length + 1);
    expect(b.nodes).toEqual(a.nodes);
    expect(b.rels.length).toBe(a.rels.length);
    expect(b.rels).toEqual(a.rels);
    // The odd values came back exactly.
    const [odd1, odd2] = await bulk.getFirms(['bulk:odd-1', 'bulk:odd-2']);
    expect(odd1).toEqual(odd[0]);
    expect(odd2).toEqual({ ...odd[1], tags: [] });
    expect((await bulk.listSources())[0]!.note).toBe('line one\nline "two"');
  }, 60_000);

  it('answers the same: lists, counts, analysis inputs and gap assessments, candidates, search, lookups', async () => {
    expect(await bulk.dataVersion()).toBe(1);
    expect(await bulk.dataVersion()).toBe(await seeded.dataVersion());
    expect(await bulk.counts()).toEqual(await seeded.counts());
    for (const read of [
      (s: Neo4jStore) => s.listClusters(),
      (s: Neo4jStore) => s.listSegments(),
      (s: Neo4jStore) => s.listFeeds(),
      (s: Neo4jStore) => s.listRegions(),
      (s: Neo4jStore) => s.listSources(),
      (s: Neo4jStore) => s.listSupplies(),
      (s: Neo4jStore) => s.listAnchors(),
      (s: Neo4jStore) => s.listProjects(),
    ]) {
      expect(await read(bulk)).toEqual(await read(seeded));
    }
    for (const homeId of HOMES) {
      for (const c of bundle.clusters) {
        const input = await bulk.analysisInput(c.id, homeId);
        expect(input, `${c.id} @ ${homeId}`).toEqual(await seeded.analysisInput(c.id, homeId));
        expect(assessCluster(input!)).toEqual(assessCluster((await seeded.analysisInput(c.id, homeId))!));
      }
    }
    // Analysis over the home district finds local firms at all (the comparison above is not of empty inputs).
    expect((await bulk.analysisInput('ic', HOMES[0]!))!.localFirms.length).toBeGreaterThan(0);
    for (const s of bundle.segments.filter((_, i) => i % 20 === 0)) {
      expect(await bulk.targetCandidates(s.id, HOMES[0]!, 10), s.id).toEqual(await seeded.targetCandidates(s.id, HOMES[0]!, 10));
      expect(await bulk.segmentRegionCounts(s.id), s.id).toEqual(await seeded.segmentRegionCounts(s.id));
    }
    const withUscc = bundle.firms.filter((f) => f.uscc).slice(0, 3);
    expect(withUscc.length).toBe(3);
    for (const q of ['无锡', '集成电路', 'wuxi', 'jcdl', 'murata', '引号', withUscc[0]!.uscc!.toLowerCase(), 'odd']) {
      const hits = await bulk.search(q, 20);
      expect(hits, q).toEqual(await seeded.search(q, 20));
    }
    expect((await bulk.search('无锡', 20)).length).toBeGreaterThan(0);
    const ids = [...bundle.firms.filter((_, i) => i % 50 === 0).map((f) => f.id), 'no-such-firm'];
    expect(await bulk.getFirms(ids)).toEqual(await seeded.getFirms(ids));
    for (const f of withUscc) {
      const page = await bulk.findFirms({ text: f.uscc! }, 10);
      expect(page.items.map((x) => x.id)).toContain(f.id);
      expect(page).toEqual(await seeded.findFirms({ text: f.uscc! }, 10));
    }
    for (const filter of [{ regionId: 'cn-js-wx' }, { homeRegionId: HOMES[0]!, local: true, clusterId: 'ic' }, { tag: 'a;b' }]) {
      expect(await bulk.findFirms(filter, 50)).toEqual(await seeded.findFirms(filter, 50));
    }
  }, 120_000);

  it('later writes behave the same: dataVersion, counters, insertion order', async () => {
    // A home firm moves to another segment and region; a new tie; the firm with no tags gets one.
    const firm = (await bulk.getFirms([(await bulk.analysisInput('ic', HOMES[0]!))!.localFirms[0]!.id]))[0]!;
    const moved: Firm = { ...firm, regionId: 'cn-sh', segments: [{ segmentId: bundle.segments.find((s) => s.clusterId === 'ai')!.id, primary: true }] };
    const tie = { from: 'bulk:odd-1', to: 'bulk:odd-2', sourceId: bundle.sources[0]!.id, confidence: 0.5 };
    for (const s of [seeded, bulk]) {
      const before = await s.dataVersion();
      await s.upsertFirm(moved);
      expect(await s.dataVersion()).toBe(before + 1);
      await s.addSupplyTie(tie);
      expect(await s.dataVersion()).toBe(before + 2);
    }
    expect(await bulk.dataVersion()).toBe(3);
    expect(await bulk.counts()).toEqual(await seeded.counts());
    for (const c of ['ic', 'ai']) expect(await bulk.analysisInput(c, HOMES[0]!)).toEqual(await seeded.analysisInput(c, HOMES[0]!));
    const [a, b] = await Promise.all([dump(lease.uri), dump(served.server.uri)]);
    expect(b.rels).toEqual(a.rels);
    expect(b.nodes).toEqual(a.nodes);
    // The new tie is last in insertion order on both.
    expect((await bulk.listSupplies()).at(-1)).toEqual({ ...tie });
  }, 120_000);

  it('refuses a target that already holds a database, and writes no CSV then', async () => {
    const csvDir = join(home, 'import');
    const before = readdirSync(csvDir).sort();
    const err = await bulkImport(bundle, { neo4jHome: home }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
    expect((err as AppError).messageEn).toContain('--overwrite');
    expect(readdirSync(csvDir).sort()).toEqual(before);
  });
});

describe('bulk export: bad input rejects everything', () => {
  it('lists every bad row (structure and data) and writes no file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bulk-bad-'));
    try {
      const firms = [...ds.firms.slice(0, 5)];
      firms[3] = { ...firms[3]!, segments: [{ segmentId: 'no.such-segment', primary: true }] };
      const segments = [...ds.base.segments];
      segments[2] = { ...segments[2]!, clusterId: 'no-such-cluster' };
      const supplies = [{ from: firms[0]!.id, to: 'nobody', sourceId: 'synthetic', confidence: 0.5 }];
      const bad = { ...ds.base, segments, firms, supplies, anchors: [], projects: [] };
      let err: unknown;
      try {
        exportBulkCsv(bad, join(dir, 'out'));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('IMPORT_REJECTED');
      expect(e.fields.map((f) => f.path).sort()).toEqual(['firms.3.segments.0.segmentId', 'segments.2.clusterId', 'supplies.0.to']);
      expect(e.messageEn).toMatch(/^import rejected: 3 row\(s\) have errors; nothing was written/);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a row the zod schema refuses, and a repeated id, as an import does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bulk-bad-'));
    const reject = (firms: unknown[]) => {
      try {
        exportBulkCsv({ ...ds.base, firms: firms as Firm[], supplies: [], anchors: [], projects: [] }, dir);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('not rejected');
    };
    try {
      const schema = reject([ds.firms[0]!, { ...ds.firms[1]!, confidence: 2 }]);
      expect(schema.code).toBe('IMPORT_REJECTED');
      expect(schema.fields.map((f) => f.path)).toEqual(['firms.1.confidence']);
      const repeated = reject([ds.firms[0]!, ds.firms[1]!, ds.firms[0]!]);
      expect(repeated.fields.map((f) => [f.path, f.messageEn])).toEqual([['firms.2', `duplicate in batch: ${ds.firms[0]!.id}`]]);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the neo4j-admin command line', () => {
  const files = [
    { kind: 'nodes' as const, name: 'Firm', path: '/data/out/node-Firm.csv', rows: 2, multiline: true },
    { kind: 'nodes' as const, name: 'Segment', path: '/data/out/node-Segment.csv', rows: 1, multiline: false },
    { kind: 'relationships' as const, name: 'OPERATES_IN', path: '/data/out/rel-OPERATES_IN.csv', rows: 2, multiline: false },
  ];

  it('names the database before the file options, and only multiline files as such', () => {
    expect(adminImportArgs(files)).toEqual([
      'database', 'import', 'full', 'neo4j',
      '--nodes=Firm=/data/out/node-Firm.csv',
      '--nodes=Segment=/data/out/node-Segment.csv',
      '--relationships=OPERATES_IN=/data/out/rel-OPERATES_IN.csv',
      '--array-delimiter=U+001F', '--id-type=string',
      '--multiline-fields-format=v2', '--multiline-fields=/data/out/node-Firm.csv',
    ]);
  });

  it('maps the files into a container directory and passes overwrite and limits', () => {
    const args = adminImportArgs(files, { database: 'atlas', importDir: '/import/', overwrite: true, maxOffHeapMemory: '2g', threads: 2 });
    expect(args.slice(0, 7)).toEqual([
      'database', 'import', 'full', 'atlas',
      '--nodes=Firm=/import/node-Firm.csv', '--nodes=Segment=/import/node-Segment.csv', '--relationships=OPERATES_IN=/import/rel-OPERATES_IN.csv',
    ]);
    expect(args).toContain('--multiline-fields=/import/node-Firm.csv');
    expect(args.slice(-3)).toEqual(['--overwrite-destination=true', '--max-off-heap-memory=2g', '--threads=2']);
    expect(shellLine(['docker', '-v', "/a b/it's:/import", '--nodes=Firm=/import/x.csv'])).toBe(`docker -v '/a b/it'\\''s:/import' --nodes=Firm=/import/x.csv`);
  });
});
