// Number formatting and the bilingual labels the gap finder's explanations use.
import type { Segment } from '../domain/model.js';
import type { Explanation, SegmentStatus } from './types.js';

export function explain(code: string, zh: string, en: string): Explanation {
  return { code, zh, en };
}

/**
 * 2 decimals at most, no trailing zeros: 1.75, 0.5, 3. Exactly
 * `String(Number(x.toFixed(2)))`, which is slow (toFixed works on the exact
 * decimal value), so two shortcuts give the same string: an integer prints as
 * itself; otherwise, for |x| < 10⁴, x·100 is within 10⁻⁹ of its exact value,
 * so when it is not that close to a half, Math.round picks the same n as
 * toFixed and n / 100 is the double that parsing "n/100" gives.
 */
export function num(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const y = x * 100;
  if (y < 1e6 && y > -1e6) {
    const frac = y - Math.floor(y);
    if (frac < 0.4999999 || frac > 0.5000001) return String(Math.round(y) / 100);
  }
  return String(Number(x.toFixed(2)));
}

export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export const statusZh: Record<SegmentStatus, string> = { STRONG: '优势', POTENTIAL: '潜力', WEAK: '薄弱', MISSING: '空白' };
export const statusEn: Record<SegmentStatus, string> = { STRONG: 'strong', POTENTIAL: 'potential', WEAK: 'weak', MISSING: 'missing' };

export function segZh(s: Pick<Segment, 'nameZh'> | undefined, id: string): string {
  return `「${s?.nameZh ?? id}」`;
}

export function segEn(s: Pick<Segment, 'nameEn'> | undefined, id: string): string {
  return `"${s?.nameEn ?? id}"`;
}

/** "A、B、C" / "A, B, C", at most `max` names then "等N个" / "and N more". */
export function listZh(names: string[], max = 3): string {
  const shown = names.slice(0, max).join('、');
  return names.length > max ? `${shown}等${names.length}个` : shown;
}

export function listEn(names: string[], max = 3): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
