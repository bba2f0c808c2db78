// Firms kept as stored text until first read (server/analysis/firmTable.ts):
// the shape read from the text must be the parsed firm's, for any text the
// store can hold, and a store reopened from disk must hold the same firms, in
// the same order, giving the same analysis input, as the one that wrote them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FirmTable, RECORD_SEPARATOR, shapeOf, type FirmShape } from '../../server/analysis/firmTable.js';
import { GraphIndex } from '../../server/analysis/graphIndex.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { Firm as FirmSchema, type Firm, type FirmInput } from '../../server/domain/model.js';
import { usccCheckCharacter } from '../../server/domain/uscc.js';
import { createEmbeddedStore, type EmbeddedStore } from '../../server/store/embedded/index.js';

const fixture = loadSeedDir(join(import.meta.dirname, '../fixtures/seeds'));
const HOME = 'cn-js-wx-xinwu';

function uscc(n: number): string {
  const first17 = `91320214${String(n).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17)!;
}

/** Names, tags and ids that look like the keys the shape is read from, or hold escapes. */
const nasty = [
  '"regionId":"cn-sh"',
  '","regionId":"cn-bj","segments":[{"segmentId":"ic.design"',
  'back\\slash\\',
  '引号"和\\反斜杠',
  '控制符\u0001\u0002\n\t',
  '"segmentId":"iot.sensor"}]',
  '"uscc":"913202140000000000"',
  '"id":"fake"',
  '😀 emoji',
];

function makeFirm(i: number, r: () => number): Firm {
  const segs = ['ic.design', 'ic.packaging', 'ic.fab', 'iot.module'].filter(() => r() < 0.5);
  const input: FirmInput = {
    id: i % 7 === 3 ? `firm-${nasty[i % nasty.length]}-${i}` : i % 2 ? uscc(i) : `firm-${i}`,
    nameZh: `企业${i}${r() < 0.5 ? nasty[i % nasty.length] : ''}`,
    regionId: r() < 0.5 ? HOME : 'cn-sh',
    ownership: 'private',
    originId: 'cn',
    segments: (segs.length ? segs : ['ic.fab']).map((segmentId, k) => ({ segmentId, primary: k === 0 })),
    tags: r() < 0.3 ? [nasty[(i + 3) % nasty.length]!.slice(0, 40)] : [],
    sourceId: 'src.test',
    confidence: 0.5,
  };
  if (i % 2) input.uscc = uscc(i);
  if (r() < 0.3) input.nameEn = `Firm "${i}" \\ ltd`;
  return FirmSchema.parse(input);
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('shapeOf', () => {
  it('reads the id, USCC, region and segment ids of any firm as JSON.parse does, or declines', () => {
    const r = seeded(7);
    let declined = 0;
    for (let i = 0; i < 2000; i++) {
      const f = makeFirm(i, r);
      const text = `xx${RECORD_SEPARATOR}${JSON.stringify(f)}${RECORD_SEPARATOR}yy`;
      const start = 3;
      const end = text.length - 3;
      const shape = shapeOf(text, start, end);
      if (shape === null) {
        declined++;
        // Only ids holding an escape are declined (the caller parses those records).
        expect(JSON.stringify(f.id)).toContain('\\');
        continue;
      }
      expect(shape.id).toBe(f.id);
      expect(shape.uscc).toBe(f.uscc);
      expect(shape.regionId).toBe(f.regionId);
      expect(shape.segments.map((s) => s.segmentId)).toEqual(f.segments.map((s) => s.segmentId));
    }
    // The nasty ids (every 7th, some with quotes or backslashes) are declined, the rest read.
    expect(declined).toBeGreaterThan(0);
    expect(declined).toBeLessThan(2000 / 7);
  });
});

describe('FirmTable', () => {
  const r = seeded(11);
  const firms = Array.from({ length: 30 }, (_, i) => makeFirm(i, r));
  const text = (list: Firm[]) => list.map((f) => JSON.stringify(f)).join(RECORD_SEPARATOR);

  it('indexes each firm from its text, parses it on first read, and keeps the order', () => {
    const t = new FirmTable();
    const indexed: string[] = [];
    const unread: Firm[] = [];
    t.addText(text(firms.slice(0, 20)), (s) => indexed.push(s.id), (f) => unread.push(f));
    t.addText(text(firms.slice(20)), (s) => indexed.push(s.id), (f) => unread.push(f));
    // Every firm is either indexed from its text or handed back parsed (the ids with escapes), in text order.
    expect(unread.map((f) => f.id)).toEqual(firms.filter((f) => JSON.stringify(f.id).includes('\\')).map((f) => f.id));
    expect(unread.length).toBeGreaterThan(0);
    const unreadIds = new Set(unread.map((f) => f.id));
    expect(indexed).toEqual(firms.filter((f) => !unreadIds.has(f.id)).map((f) => f.id));
    expect(unread).toEqual(firms.filter((f) => unreadIds.has(f.id)));
    expect(t.size).toBe(indexed.length);
    expect(t.pending).toBe(indexed.length);
    const fifth = firms.find((f) => f.id === indexed[4])!;
    const first = t.get(fifth.id)!;
    expect(first).toEqual(fifth);
    expect(t.get(fifth.id)).toBe(first); // parsed once
    expect(t.pending).toBe(indexed.length - 1);
    expect([...t.keys()]).toEqual(indexed);
    expect([...t.values()]).toEqual(firms.filter((f) => indexed.includes(f.id)));
    expect(t.pending).toBe(0);
  });

  it('reads each shape from its own record only (a key missing from one record is not taken from the next)', () => {
    const t = new FirmTable();
    const shapes: FirmShape[] = [];
    // Every other firm has no USCC and is followed by one that has.
    t.addText(text(firms), (s) => shapes.push(s), () => {});
    expect(shapes.length).toBeGreaterThan(20);
    expect(shapes.filter((s) => s.uscc === undefined).length).toBeGreaterThan(5);
    for (const s of shapes) {
      const f = firms.find((x) => x.id === s.id)!;
      expect({ uscc: s.uscc, regionId: s.regionId, segments: s.segments.map((x) => x.segmentId) }).toEqual({
        uscc: f.uscc,
        regionId: f.regionId,
        segments: f.segments.map((x) => x.segmentId),
      });
    }
  });

  it('a write or a delete replaces a firm that was never parsed', () => {
    const plain = firms.filter((f) => shapeOf(text([f]), 0, text([f]).length) !== null).slice(0, 5);
    const t = new FirmTable();
    const unread: Firm[] = [];
    t.addText(text(plain), () => {}, (f) => unread.push(f));
    expect(unread).toEqual([]);
    expect(t.pending).toBe(5);
    const edited = { ...plain[0]!, nameZh: '改名' };
    t.set(edited.id, edited);
    expect(t.get(edited.id)).toBe(edited);
    expect(t.delete(plain[1]!.id)).toBe(true);
    expect(t.has(plain[1]!.id)).toBe(false);
    expect(t.pending).toBe(3);
    expect([...t.values()]).toEqual([edited, ...plain.slice(2)]);
    expect(t.pending).toBe(0);
  });
});

describe('embedded store reopened from disk', () => {
  const dirs: string[] = [];
  const stores: EmbeddedStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const open = async (dataDir: string) => {
    // 4 firms per chunk of text: the 8 fixture firms and the 60 below span many chunks.
    const store = createEmbeddedStore({ dataDir, warmNames: false, firmTextRows: 4 });
    stores.push(store);
    await store.init();
    return store;
  };

  it('holds the same firms in the same order and gives the same analysis input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-firmtable-'));
    dirs.push(dir);
    const r = seeded(3);
    const extra = Array.from({ length: 60 }, (_, i) => makeFirm(1000 + i, r));
    const a = await open(dir);
    await a.seed(fixture);
    await a.importBatch({ firms: extra });
    // A firm re-segmented and one deleted after the import: rows change place in the table, not in load order.
    await a.upsertFirm({ ...extra[5]!, segments: [{ segmentId: 'iot.module', primary: true }] });
    await a.deleteFirm(extra[9]!.id);
    const ids = [...fixture.firms.map((f) => f.id), ...extra.map((f) => f.id)].filter((id) => id !== extra[9]!.id);
    const before = { firms: await a.getFirms(ids), ic: await a.analysisInput('ic', HOME), iot: await a.analysisInput('iot', HOME) };
    const page = async (s: EmbeddedStore) => (await s.findFirms({}, 1000)).items.map((f) => f.id);
    const orderBefore = await page(a);
    // Load order (= the order records were first written) is what a rebuilt graph iterates firms in.
    const loadOrder = (s: EmbeddedStore) => [...(s as unknown as { g: GraphIndex }).g.firms.keys()];
    const loadOrderBefore = loadOrder(a);
    await a.close();
    stores.splice(0);

    const b = await open(dir);
    expect(await page(b)).toEqual(orderBefore);
    expect(loadOrder(b)).toEqual(loadOrderBefore);
    expect(await b.getFirms(ids)).toEqual(before.firms);
    expect(await b.analysisInput('ic', HOME)).toEqual(before.ic);
    expect(await b.analysisInput('iot', HOME)).toEqual(before.iot);
    // The same graph built from the records themselves (no text) agrees too.
    const g = GraphIndex.fromBundle({ ...fixture, firms: before.firms.filter((f): f is Firm => f !== null) });
    expect([...g.firms.keys()].sort()).toEqual([...ids].sort());
  });
});
