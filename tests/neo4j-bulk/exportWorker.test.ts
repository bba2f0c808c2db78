// The bulk export as the CLI and the benchmark run it (exportWorker.ts: a
// worker thread, with the firms' search columns computed on a second one,
// searchWorker.ts) must write exactly the bytes of the plain export on the
// caller's thread (exportBulkCsv, which bulkLoad.test.ts loads into Neo4j and
// compares with seeding through the store), and reject bad input the same way.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/domain/errors.js';
import type { Firm } from '../../server/domain/model.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import type { SeedBundle } from '../../server/store/GraphStore.js';
import { exportBulkCsv, type BulkExport } from '../../server/store/neo4j/bulk/export.js';
import { exportInWorker } from '../../scripts/neo4j-bulk/exportWorker.js';
import { startSearchTails } from '../../scripts/neo4j-bulk/searchWorker.js';
import { generateSynthetic } from '../../scripts/synth/generate.js';

const structure = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));
const ds = generateSynthetic({ firms: 300, seed: 20240601, structure });
const odd = (i: number, f: Partial<Firm>) =>
  Object.fromEntries(Object.entries({ ...ds.firms[i]!, uscc: undefined, ...f }).filter(([, v]) => v !== undefined)) as Firm;
/** Names that exercise the encoding of the search columns: quotes, commas, line breaks, Latin, astral characters, no English name, 200 characters. */
const oddFirms: Firm[] = [
  odd(0, { id: 'bulk:Odd-1', nameZh: '无锡"引号",逗号\n换行电子有限公司', nameEn: 'Odd "Quoted", Co.' }),
  odd(1, { id: 'bulk:odd-2', nameZh: 'ABC 集成电路\r\n有限公司', nameEn: undefined, tags: [] }),
  odd(2, { id: 'bulk:odd-3', nameZh: '𠀀𪚥银行业步行街科技', nameEn: 'Ünïcode BANK' }),
  odd(3, { id: 'bulk:odd-4', nameZh: '长'.repeat(200), nameEn: 'x'.repeat(200) }),
];
const bundle: SeedBundle = {
  ...ds.base,
  firms: [...structure.firms, ...ds.firms, ...oddFirms],
  supplies: [...structure.supplies, ...ds.supplies],
  anchors: [...structure.anchors, ...ds.anchors],
  projects: structure.projects,
};

const filesOf = (exp: BulkExport) => Object.fromEntries(exp.files.map((f) => [f.name, { kind: f.kind, rows: f.rows, multiline: f.multiline, bytes: readFileSync(f.path).toString('hex') }]));

describe('bulk export in a worker, search columns on a second thread', () => {
  let dir: string;
  let plain: BulkExport;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-bulk-worker-'));
    plain = exportBulkCsv(bundle, join(dir, 'plain'));
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same files, byte for byte, taking every firm\'s search columns from the helper', async () => {
    const w = await exportInWorker({ kind: 'bundle', path: join(dir, 'bundle.json') }, join(dir, 'worker'));
    expect(w.export.files.map((f) => f.name)).toEqual(plain.files.map((f) => f.name));
    expect(filesOf(w.export)).toEqual(filesOf(plain));
    expect(w.searchTails).toEqual({ fromHelper: bundle.firms.length, missed: 0 });
    // The odd names made the firm file a multiline one (\n and \r\n inside quotes).
    expect(plain.files.find((f) => f.name === 'Firm')!.multiline).toBe(true);
    const firmCsv = readFileSync(plain.files.find((f) => f.name === 'Firm')!.path, 'utf8');
    // nameZhLower of the first odd firm: quotes doubled, the line break kept inside the quotes.
    expect(firmCsv).toContain('"无锡""引号"",逗号\n换行电子有限公司","odd ""quoted"", co.","bulk:odd-1",');
  });

  it('uses a helper result only for the firm it was computed for', async () => {
    // The helper sees other names for two firms than the ones validated (as if
    // the input had changed): their columns are computed on the export thread.
    const raw = bundle.firms.map((f) => ({ ...f }));
    const changed = [structure.firms.length + 7, raw.length - 1];
    raw[changed[0]!]!.nameZh = '别的名字';
    raw[changed[1]!]!.id = 'someone-else';
    const tails = startSearchTails(raw)!;
    let exp: BulkExport;
    try {
      exp = exportBulkCsv(bundle, join(dir, 'mixed'), { firmSearchTails: tails.tailFor });
    } finally {
      await tails.stop();
    }
    expect(tails.stats).toEqual({ fromHelper: bundle.firms.length - 2, missed: 2 });
    expect(filesOf(exp)).toEqual(filesOf(plain));
  });

  it('rejects bad input as the plain export does, listing every bad row, and writes no file', async () => {
    const firms = [...bundle.firms];
    firms[3] = { ...firms[3]!, confidence: 2 };
    firms[10] = { ...firms[10]!, segments: [{ segmentId: 'no.such-segment', primary: true }] };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...bundle, firms }));
    const err = await exportInWorker({ kind: 'bundle', path: join(dir, 'bad.json') }, join(dir, 'bad')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('IMPORT_REJECTED');
    expect((err as AppError).fields.map((f) => f.path).sort()).toEqual(['firms.10.segments.0.segmentId', 'firms.3.confidence']);
    expect(existsSync(join(dir, 'bad')) ? readdirSync(join(dir, 'bad')) : []).toEqual([]);
  });
});
