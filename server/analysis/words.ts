// Number formatting and the bilingual labels the gap finder's explanations use.
import type { Segment } from '../domain/model.js';
import type { Explanation, SegmentStatus } from './types.js';

export function explain(code: string, zh: string, en: string): Explanation {
  return { code, zh, en };
}

/** 2 decimals at most, no trailing zeros: 1.75, 0.5, 3. */
export function num(x: number): string {
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
