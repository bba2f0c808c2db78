// Text normalisation for matching what people type in spreadsheets against
// what the store holds: full-width → half-width (NFKC), case, spaces, and the
// legal-form suffixes (有限公司, 股份有限公司, Co., Ltd. …) that the same firm is
// written with and without.

/** NFKC folds full-width letters, digits and brackets (ＡＢＣ１２３（）) to ASCII. */
export function halfWidth(text: string): string {
  // ASCII and the CJK unified ideographs are NFKC-stable: skip the costly pass for them.
  return /^[\x00-\x7f\u4e00-\u9fff]*$/.test(text) ? text : text.normalize('NFKC');
}

/**
 * Trimmed, inner whitespace runs (incl. the ideographic space) collapsed to one
 * space. Not NFKC: official names keep their full-width brackets （）.
 */
export function cleanCell(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim();
}

// Longest first: the first that matches at the end is stripped, then again
// (a name may carry two, e.g. "XX集团股份有限公司" → "XX集团").
const LEGAL_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '股份公司',
  '公司',
  'coltd',
  'corporation',
  'limited',
  'company',
  'corp',
  'gmbh',
  'inc',
  'ltd',
  'llc',
  'plc',
  'co',
  'ag',
  'sa',
];

const CJK_ONLY = /^[\u4e00-\u9fff]*$/;
/** LEGAL_SUFFIXES written in CJK ideographs only, in the same order. */
const CJK_SUFFIXES = LEGAL_SUFFIXES.filter((s) => CJK_ONLY.test(s));

/**
 * The key two spellings of one firm name share: NFKC, lower case, only
 * letters and digits kept, legal-form suffixes stripped.
 * "无锡ＡＢＣ科技有限公司 " and "无锡abc科技" → "无锡abc科技".
 */
export function normaliseFirmName(name: string): string {
  // A name of CJK ideographs only (most names in a Chinese registry) is its own NFKC,
  // lower-case and letters-only form, and can end only in a Chinese suffix.
  const cjk = CJK_ONLY.test(name);
  let key = cjk ? name : halfWidth(name).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const suffixes = cjk ? CJK_SUFFIXES : LEGAL_SUFFIXES;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of suffixes) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        // "集团有限公司" keeps 集团: only the legal form goes.
        key = key.slice(0, key.length - (suffix === '集团有限公司' ? 4 : suffix.length));
        changed = true;
        break;
      }
    }
  }
  return key;
}

/** Header matching key: NFKC, lower case, no spaces, `*` (required marks), `_`, `-`, `.`. */
export function normaliseHeader(header: string): string {
  return halfWidth(header).toLowerCase().replace(/[\s*_\-.:：]+/g, '');
}

/** Splits "总投资(万元)" into the base "总投资" and the unit "万元" (after normaliseHeader). */
export function splitHeaderUnit(normalised: string): { base: string; unit: string | null } {
  const m = /^(.*?)[([]([^()[\]]*)[)\]]$/.exec(normalised);
  if (!m || !m[1]) return { base: normalised, unit: null };
  return { base: m[1], unit: m[2] ?? null };
}

/** Region / segment name key: NFKC, lower case, letters and digits only. */
export function normaliseName(name: string): string {
  return halfWidth(name).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
