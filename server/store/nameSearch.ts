// Name search across firms, segments and clusters (企业 / 环节 / 集群): Chinese
// or English substring, plus pinyin so a user can type 全拼 "xinwu" or 首字母
// "wxxw" on a keyboard without an input method. Pinyin keys are computed once
// per name (pinyin-pro costs ~70 µs a name: too slow to redo per query at 100k
// firms) and stored next to the record.
import { createRequire } from 'node:module';
import type { SearchHit } from './GraphStore.js';
import { compareIds } from '../analysis/graphIndex.js';

/** Pinyin of a name: one syllable per Chinese character, non-Chinese runs kept whole (lower-case, alphanumerics only). */
export interface PinyinKeys {
  /** Syllables: `['wu','xi','shi']`; a non-Chinese run like "SK" gives `'sk'`. */
  s: string[];
  /** Initials, one per syllable: `['w','x','s']`; a non-Chinese run keeps its whole text. */
  i: string[];
}

// Loaded on first use: its dictionary costs ~60–200 ms, and a restart on an
// existing store reads the stored keys instead of computing any.
let pinyinFn: (typeof import('pinyin-pro'))['pinyin'] | null = null;
function pinyinLib(): (typeof import('pinyin-pro'))['pinyin'] {
  pinyinFn ??= (createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro')).pinyin;
  return pinyinFn;
}

const alnum = (t: string) => t.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The reference computation: pinyin-pro's full token objects (~120 µs a name). */
export function pinyinKeysFull(nameZh: string): PinyinKeys {
  const s: string[] = [];
  const i: string[] = [];
  for (const t of pinyinLib()(nameZh, { type: 'all', toneType: 'none', nonZh: 'consecutive', v: true })) {
    const syllable = alnum(t.isZh ? t.pinyin : t.origin);
    if (!syllable) continue;
    s.push(syllable);
    i.push(t.isZh ? syllable[0]! : syllable);
  }
  return { s, i };
}

/** Per character: whether pinyin-pro reads it as Chinese, and its toneless reading when it has only one. */
const charInfo = new Map<string, { zh: boolean; reading: string | null }>();
function infoOf(ch: string): { zh: boolean; reading: string | null } {
  let info = charInfo.get(ch);
  if (!info) {
    const lib = pinyinLib();
    const t = lib(ch, { type: 'all', toneType: 'none', nonZh: 'consecutive', v: true })[0];
    if (!t?.isZh) info = { zh: false, reading: null };
    else {
      const readings = new Set(lib(ch, { multiple: true, type: 'array', toneType: 'none', v: true }).map(alnum));
      info = { zh: true, reading: readings.size === 1 ? [...readings][0]! : null };
    }
    charInfo.set(ch, info);
  }
  return info;
}

/**
 * Same keys as pinyinKeysFull, faster (bulk imports of 100k firms spent most
 * of their time here): a name whose Chinese characters each have one toneless
 * reading is read from a per-character cache; otherwise context decides
 * (银行 hang, 行业 hang, 步行 xing) and pinyin-pro's cheaper `array` output is
 * aligned with the name's own split into Chinese characters and non-Chinese runs.
 */
export function pinyinKeys(nameZh: string): PinyinKeys {
  const s: string[] = [];
  const i: string[] = [];
  /** Per token: true = a Chinese character, false = a non-Chinese run. */
  const kinds: boolean[] = [];
  let run = '';
  let polyphonic = false;
  const flush = () => {
    if (!run) return;
    kinds.push(false);
    const x = alnum(run);
    if (x) {
      s.push(x);
      i.push(x);
    }
    run = '';
  };
  for (const ch of nameZh) {
    const info = infoOf(ch);
    if (!info.zh) {
      run += ch;
      continue;
    }
    flush();
    kinds.push(true);
    if (info.reading === null) polyphonic = true;
    else if (!polyphonic) {
      s.push(info.reading);
      i.push(info.reading[0]!);
    }
  }
  flush();
  if (!polyphonic) return { s, i };
  const tokens = pinyinLib()(nameZh, { type: 'array', toneType: 'none', nonZh: 'consecutive', v: true });
  if (tokens.length !== kinds.length) return pinyinKeysFull(nameZh);
  const out: PinyinKeys = { s: [], i: [] };
  tokens.forEach((t, k) => {
    const syllable = alnum(t);
    if (!syllable) return;
    out.s.push(syllable);
    out.i.push(kinds[k] ? syllable[0]! : syllable);
  });
  return out;
}

export interface SearchEntry extends SearchHit {
  /** The keys, or how to get them (at start-up the store defers parsing stored keys to the first search). */
  keys: PinyinKeys | (() => PinyinKeys);
}

interface PreparedEntry {
  hit: SearchHit;
  zh: string;
  en: string;
  id: string;
  full: string;
  fullStarts: Set<number>;
  initials: string;
}

function prepare(e: SearchEntry): PreparedEntry {
  const keys = typeof e.keys === 'function' ? e.keys() : e.keys;
  const fullStarts = new Set<number>();
  let pos = 0;
  for (const syl of keys.s) {
    fullStarts.add(pos);
    pos += syl.length;
  }
  const { keys: _keys, ...hit } = e;
  return {
    hit,
    zh: e.nameZh.toLowerCase(),
    en: (e.nameEn ?? '').toLowerCase(),
    id: e.id.toLowerCase(),
    full: keys.s.join(''),
    fullStarts,
    initials: keys.i.join(''),
  };
}

function textScore(q: string, value: string): number {
  if (!value) return 0;
  if (value === q) return 100;
  if (value.startsWith(q)) return 80;
  if (value.includes(q)) return 60;
  return 0;
}

/** Substring match that starts on a syllable boundary ("xinwu" in "wuxixinwu", not "uxi"). */
function includesAtBoundary(q: string, full: string, starts: Set<number>): boolean {
  for (let at = full.indexOf(q); at >= 0; at = full.indexOf(q, at + 1)) if (starts.has(at)) return true;
  return false;
}

function pinyinScore(q: string, e: PreparedEntry): number {
  let score = 0;
  if (e.full === q || e.initials === q) score = 75;
  else if (e.full.startsWith(q) || e.initials.startsWith(q)) score = 65;
  else if (includesAtBoundary(q, e.full, e.fullStarts)) score = 45;
  else if (q.length >= 2 && e.initials.includes(q)) score = 40;
  return score;
}

const kindRank: Record<SearchHit['kind'], number> = { cluster: 0, segment: 1, firm: 2 };

/** An in-memory name index; the embedded store keeps one in step with its records. */
export class NameIndex {
  /**
   * Entries are prepared for matching on the first search that meets them, not
   * when put: a start-up that loads 100k firms does not pay for it (~1 s).
   */
  private readonly entries = new Map<string, PreparedEntry | SearchEntry>();

  private static key(kind: SearchHit['kind'], id: string) {
    return `${kind}:${id}`;
  }

  put(entry: SearchEntry): void {
    this.entries.set(NameIndex.key(entry.kind, entry.id), entry);
  }

  remove(kind: SearchHit['kind'], id: string): void {
    this.entries.delete(NameIndex.key(kind, id));
  }

  /** Where prepareSome() goes on (entries put meanwhile are visited too: Map iterators see them). */
  private preparing: Iterator<[string, PreparedEntry | SearchEntry]> | null = null;

  /** Prepares entries ahead of the first search until `deadline` (ms, performance.now()); true when none is left. */
  prepareSome(deadline: number): boolean {
    this.preparing ??= this.entries.entries();
    for (let n = 1; ; n++) {
      const next = this.preparing.next();
      if (next.done) break;
      const [key, value] = next.value;
      if (!('hit' in value)) this.entries.set(key, prepare(value));
      if (n % 256 === 0 && performance.now() > deadline) return false;
    }
    this.preparing = null;
    return true;
  }

  /**
   * Best matches first: exact name > name prefix > pinyin > substring; then
   * clusters before segments before firms, shorter names first, then id.
   */
  search(text: string, limit: number): SearchHit[] {
    const q = text.trim().toLowerCase();
    if (!q || limit <= 0) return [];
    const compact = q.replace(/[\s']/g, '');
    const pinyinQuery = /^[a-z0-9]+$/.test(compact) ? compact : null;
    const order = (a: { score: number; e: PreparedEntry }, b: { score: number; e: PreparedEntry }) =>
      b.score - a.score ||
      kindRank[a.e.hit.kind] - kindRank[b.e.hit.kind] ||
      a.e.hit.nameZh.length - b.e.hit.nameZh.length ||
      compareIds(a.e.hit.id, b.e.hit.id);
    // The best `limit` hits, kept sorted: a common word matches most of 100k firm
    // names, and sorting every match to keep 20 cost more than the scan itself.
    const best: { score: number; e: PreparedEntry }[] = [];
    for (const [key, value] of this.entries) {
      let e: PreparedEntry;
      if ('hit' in value) e = value;
      else this.entries.set(key, (e = prepare(value)));
      let score = Math.max(textScore(q, e.zh), textScore(q, e.en), textScore(q, e.id));
      if (pinyinQuery && score < 75) score = Math.max(score, pinyinScore(pinyinQuery, e));
      if (score <= 0) continue;
      const hit = { score, e };
      if (best.length === limit && order(hit, best[limit - 1]!) >= 0) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order(best[mid]!, hit) <= 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, hit);
      if (best.length > limit) best.pop();
    }
    return best.map((x) => x.e.hit);
  }
}
