// The import's record schemas are compiled (model.ts, recordSchema): for every
// input, valid or not, the compiled parser must answer as zod's own parser
// does: the same accept/reject, the same value (key order included, which is
// what gets stored as JSON), the same issues (which become the rejected-row
// reports). zod's runtime parser is reached through safeParseAsync: the
// compiled fast path only takes synchronous parses.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Anchor, Firm, Project, Source, SupplyTie } from '../../server/domain/model.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { generateSynthetic } from '../../scripts/synth/generate.js';

const structure = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));
const ds = generateSynthetic({ firms: 300, seed: 20240601, structure });

/** A key present with the value undefined shows as such (JSON text would drop it). */
const keepUndefined = (_key: string, v: unknown) => (v === undefined ? '<undefined>' : v);

/** Both parsers' answers in a comparable form: the value as JSON text (key order counts), or the issues. */
async function both(schema: z.ZodType, input: unknown) {
  const show = (r: z.ZodSafeParseResult<unknown>) =>
    r.success ? { ok: true, json: JSON.stringify(r.data, keepUndefined) } : { ok: false, issues: JSON.stringify(r.error.issues, keepUndefined) };
  return { compiled: show(schema.safeParse(input)), runtime: show(await schema.safeParseAsync(input)) };
}

/** Variants of a valid record: each field left out, set to a value of the wrong kind or out of range, an extra key. */
function variants(record: Record<string, unknown>): unknown[] {
  const wrong = [null, undefined, 0, 1.5, -1, '', ' ', 'X'.repeat(250), 'Bad Slug!', true, [], {}, ['x'], [{}]];
  const out: unknown[] = [record, { ...record, extra: 'dropped' }, null, 'text', []];
  for (const key of Object.keys(record)) {
    const { [key]: _, ...without } = record;
    out.push(without);
    for (const v of wrong) out.push({ ...record, [key]: v });
  }
  return out;
}

describe('compiled record schemas answer as zod does', () => {
  const firm = ds.firms.find((f) => f.uscc && f.segments.length > 1)!;

  it('gives the same parsed firms and ties for the synthetic data set, key order included', async () => {
    for (const f of [...structure.firms, ...ds.firms]) {
      const r = await both(Firm, f);
      expect(r.compiled).toEqual(r.runtime);
      expect(r.compiled.ok).toBe(true);
    }
    for (const t of ds.supplies) {
      const r = await both(SupplyTie, t);
      expect(r.compiled).toEqual(r.runtime);
      expect(r.compiled.ok).toBe(true);
    }
  });

  it('applies defaults in the schema key order and drops unknown keys', () => {
    const input = { sourceId: 's', confidence: 1, segments: [{ segmentId: 'a' }], originId: 'cn', ownership: 'private', regionId: 'r', nameZh: '甲', id: 'f', junk: 1 };
    const parsed = Firm.parse(input);
    expect(JSON.stringify(parsed)).toBe(
      '{"id":"f","nameZh":"甲","regionId":"r","ownership":"private","originId":"cn","listed":false,"highTech":false,"specialized":false,' +
        '"segments":[{"segmentId":"a","primary":false}],"tags":[],"illustrative":false,"sourceId":"s","confidence":1}',
    );
  });

  it('rejects a repeated segment and a malformed USCC with the schema messages', () => {
    const twice = Firm.safeParse({ ...firm, segments: [firm.segments[0], firm.segments[0]] });
    expect(twice.success).toBe(false);
    expect(twice.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['segments', 'each segment at most once per firm (同一环节重复)']]);
    // The last character of a USCC is a check character: changing it breaks the code.
    const last = firm.uscc!.at(-1) === '0' ? '1' : '0';
    const bad = Firm.safeParse({ ...firm, uscc: firm.uscc!.slice(0, 17) + last });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['uscc']);
  });

  it.each([
    ['Firm', Firm, firm],
    ['SupplyTie', SupplyTie, ds.supplies[0]!],
    ['Anchor', Anchor, ds.anchors[0]!],
    ['Source', Source, { id: 'src.x', kind: 'news', titleZh: '标题', titleEn: 'Title', url: 'https://example.org/a', date: '2024-06-01', note: 'n' }],
    [
      'Project',
      Project,
      {
        id: 'p.x', nameZh: '项目', firmId: firm.id, segmentIds: ['ic.design'], status: 'signed', investmentYi: 2, signedOn: '2024-06-01', owner: '张',
        history: [{ at: '2024-06-01T00:00:00Z', by: 'a', from: null, to: 'signed', note: 'x' }], sourceId: 's', confidence: 0.5,
      },
    ],
  ] as const)('%s: the same answer for every variant of a valid record', async (_name, schema, record) => {
    const inputs = variants(record as Record<string, unknown>);
    for (const [key, value] of Object.entries(record)) {
      // One level down as well: the firm's segments and tags, the project's segment ids and history.
      if (Array.isArray(value) && value.length) {
        for (const inner of variants(typeof value[0] === 'object' ? value[0] : { v: value[0] })) {
          const element = typeof value[0] === 'object' ? inner : (inner as { v?: unknown } | null)?.v;
          inputs.push({ ...record, [key]: [element, ...value.slice(1)] });
        }
      }
    }
    let rejected = 0;
    for (const input of inputs) {
      const r = await both(schema, input);
      expect(r.compiled, JSON.stringify(input)).toEqual(r.runtime);
      if (!r.compiled.ok) rejected++;
    }
    // The variants are mostly bad: both parsers must have been asked about rejections, not only valid rows.
    expect(rejected).toBeGreaterThan(inputs.length / 2);
  });
});
