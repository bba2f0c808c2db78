// The deterministic stream of writes the crash test's child process performs,
// and what the store must hold after the first k of them. Shared by the child
// (writer.ts) and the test so both agree on every record.
import { Firm, type FirmInput } from '../../../server/domain/model.js';

export type CrashWrite =
  | { kind: 'upsert'; firm: Firm }
  | { kind: 'batch'; firms: Firm[] }
  | { kind: 'delete'; id: string };

const segments = ['ic.design', 'ic.fab', 'ic.packaging', 'ic.equipment', 'iot.module', 'iot.app'];
const regions = ['cn-js-wx-xinwu', 'cn-js-wx-jiangyin', 'cn-sh-pudong', 'jp'];

function firm(id: string, n: number, version: number): Firm {
  const input: FirmInput = {
    id,
    nameZh: `崩溃测试企业${id}第${version}版`,
    nameEn: `Crash test firm ${id} v${version}`,
    regionId: regions[n % regions.length]!,
    ownership: n % 3 === 0 ? 'foreign' : 'private',
    originId: n % 3 === 0 ? 'jp' : 'cn',
    listed: n % 2 === 0,
    revenueBand: (['XS', 'S', 'M', 'L', 'XL'] as const)[n % 5],
    segments: [
      { segmentId: segments[n % segments.length]!, primary: true },
      { segmentId: segments[(n + version) % segments.length]!, primary: false },
    ].filter((s, i, all) => all.findIndex((x) => x.segmentId === s.segmentId) === i),
    // a long-ish record, so a torn page would cut through it
    tags: Array.from({ length: 12 }, (_, t) => `tag-${version}-${t}-${'x'.repeat(20)}`),
    sourceId: 'src.test',
    confidence: 0.5,
  };
  return Firm.parse(input);
}

/**
 * Write j of round r, in a cycle of six: new firm, new firm, update of the
 * firm from two writes back, a batch of three new firms, delete of the firm
 * from three writes back, new firm.
 */
export function crashWrite(round: number, j: number): CrashWrite {
  const id = (k: number) => `r${round}-${String(k).padStart(5, '0')}`;
  switch (j % 6) {
    case 2:
      return { kind: 'upsert', firm: firm(id(j - 2), j - 2, 2) };
    case 3:
      return { kind: 'batch', firms: ['a', 'b', 'c'].map((s, i) => firm(`${id(j)}-${s}`, j + i, 1)) };
    case 4:
      return { kind: 'delete', id: id(j - 3) };
    default:
      return { kind: 'upsert', firm: firm(id(j), j, 1) };
  }
}

/** The round's firms after its first k writes committed. */
export function expectedAfter(round: number, k: number): Map<string, Firm> {
  const state = new Map<string, Firm>();
  for (let j = 0; j < k; j++) {
    const w = crashWrite(round, j);
    if (w.kind === 'upsert') state.set(w.firm.id, w.firm);
    else if (w.kind === 'batch') for (const f of w.firms) state.set(f.id, f);
    else state.delete(w.id);
  }
  return state;
}
