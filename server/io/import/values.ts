// Cell text → typed values, accepting the spellings Chinese spreadsheets use
// (是/否, 民营, 签约, 2021年3月5日, 3000万元 …). Each parser returns the value or
// a bilingual reason; none throws.
import type { Band, Ownership, ProjectStatus } from '../../domain/model.js';
import { isValidUscc, usccCheckCharacter } from '../../domain/uscc.js';
import { halfWidth } from './normalize.js';
import type { AmountUnit } from './columns.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; zh: string; en: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (zh: string, en: string): Parsed<never> => ({ ok: false, zh, en });

const key = (text: string) => halfWidth(text).trim().toLowerCase().replace(/\s+/g, '');

function lookup<T>(table: Record<string, T>, what: { zh: string; en: string }, allowed: string): (text: string) => Parsed<T> {
  const index = new Map(Object.entries(table).map(([k, v]) => [key(k), v]));
  for (const [k, v] of Object.entries(table)) index.set(k, v);
  return (text) => {
    // Exact spelling first (the common case), then the folded one.
    const v = index.get(text) ?? index.get(key(text));
    return v === undefined ? bad(`无法识别的${what.zh}「${text}」,可填:${allowed}`, `unrecognised ${what.en} "${text}"; use ${allowed}`) : ok(v);
  };
}

export const parseBool = lookup<boolean>(
  {
    是: true, 否: false, 有: true, 无: false, 对: true, 错: false, '√': true, '×': false, '✓': true, '✗': false,
    y: true, n: false, yes: true, no: false, true: true, false: false, t: true, f: false, 1: true, 0: false,
  },
  { zh: '是/否值', en: 'yes/no value' },
  '是 / 否',
);

export const parseOwnership = lookup<Ownership>(
  {
    foreign: 'foreign', 外资: 'foreign', 外资企业: 'foreign', 外商投资: 'foreign', 外商投资企业: 'foreign', 外商独资: 'foreign',
    外商独资企业: 'foreign', 中外合资: 'foreign', 中外合资企业: 'foreign', 中外合作: 'foreign', 港澳台: 'foreign', 港澳台投资: 'foreign',
    港澳台商投资企业: 'foreign',
    private: 'private', 民营: 'private', 民营企业: 'private', 民企: 'private', 私营: 'private', 私营企业: 'private', 内资: 'private',
    state: 'state', 国有: 'state', 国有企业: 'state', 国企: 'state', 央企: 'state', 国有控股: 'state', 地方国企: 'state',
    mixed: 'mixed', 混合所有制: 'mixed', 混合: 'mixed', 混合所有制企业: 'mixed',
  },
  { zh: '企业性质', en: 'ownership' },
  '外资 / 民营 / 国有 / 混合所有制',
);

export const parseStatus = lookup<ProjectStatus>(
  {
    lead: 'lead', 线索: 'lead', 信息: 'lead', 在库: 'lead',
    contacted: 'contacted', 接洽: 'contacted', 已接洽: 'contacted', 对接: 'contacted', 对接中: 'contacted',
    negotiating: 'negotiating', 洽谈: 'negotiating', 在谈: 'negotiating', 洽谈中: 'negotiating', 谈判: 'negotiating',
    signed: 'signed', 签约: 'signed', 已签约: 'signed',
    landed: 'landed', 落地: 'landed', 已落地: 'landed', 开工: 'landed', 在建: 'landed', 注册: 'landed', 已注册: 'landed',
    operating: 'operating', 投产: 'operating', 已投产: 'operating', 运营: 'operating', 竣工投产: 'operating',
    dropped: 'dropped', 终止: 'dropped', 中止: 'dropped', 放弃: 'dropped', 已终止: 'dropped',
  },
  { zh: '项目状态', en: 'project status' },
  '线索 / 接洽 / 洽谈 / 签约 / 落地 / 投产 / 终止',
);

const BAND_WORDS: Record<string, Band> = {
  xs: 'XS', s: 'S', m: 'M', l: 'L', xl: 'XL',
  微型: 'XS', 小型: 'S', 中型: 'M', 大型: 'L', 特大型: 'XL', 超大型: 'XL',
};

const BAND_LETTERS: ReadonlySet<string> = new Set(['XS', 'S', 'M', 'L', 'XL']);

/** Upper bounds (exclusive) of the bands XS … L; anything above is XL. See Band in model.ts. */
const BAND_LIMITS: Record<AmountUnit, number[]> = {
  yi: [0.2, 2, 20, 200],
  persons: [50, 300, 2000, 10000],
};

export function bandOf(amount: number, unit: AmountUnit): Band {
  const limits = BAND_LIMITS[unit];
  const i = limits.findIndex((l) => amount < l);
  return (['XS', 'S', 'M', 'L', 'XL'] as const)[i < 0 ? 4 : i]!;
}

/** A band letter/word, or an amount (revenue in 亿元, head count) turned into its band. */
export function parseBand(text: string, unit: AmountUnit, scale: number): Parsed<Band> {
  // A band written as the template shows it (XS … XL) is its own folded key's band.
  if (BAND_LETTERS.has(text)) return ok(text as Band);
  const word = BAND_WORDS[key(text)];
  if (word) return ok(word);
  const amount = parseAmount(text, unit, scale);
  if (!amount.ok) {
    return bad(`无法识别的规模「${text}」,可填 XS/S/M/L/XL 或数值`, `unrecognised size "${text}"; use XS/S/M/L/XL or a number`);
  }
  return ok(bandOf(amount.value, unit));
}

const UNIT_SUFFIX: Record<AmountUnit, [RegExp, number][]> = {
  yi: [
    [/亿元?$/, 1],
    [/万元?$/, 1e-4],
    [/元$/, 1e-8],
  ],
  persons: [[/[人名]$/, 1]],
};

/** A non-negative number, "1,200", or with a unit suffix (12.5亿, 3000万元) converted to the base unit. */
export function parseAmount(text: string, unit: AmountUnit, scale: number): Parsed<number> {
  let t = key(text).replace(/,/g, '');
  let factor = scale;
  for (const [re, f] of UNIT_SUFFIX[unit]) {
    if (re.test(t)) {
      t = t.replace(re, '');
      factor = f;
      break;
    }
  }
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(t)) {
    return bad(`「${text}」不是有效的非负数`, `"${text}" is not a non-negative number`);
  }
  return ok(Number(t) * factor);
}

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

export function parseConfidence(text: string): Parsed<number> {
  // A plain decimal ("0.8", "1") is its own folded key: skip the folding.
  const t = PLAIN_DECIMAL.test(text) ? text : key(text);
  const pct = /^(\d+(\.\d+)?)%$/.exec(t);
  const n = pct ? Number(pct[1]) / 100 : PLAIN_DECIMAL.test(t) ? Number(t) : NaN;
  if (!(n >= 0 && n <= 1)) return bad(`可信度「${text}」须在 0–1 之间`, `confidence "${text}" must be between 0 and 1`);
  return ok(n);
}


function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || y > 2200) return null;
  return date.toISOString().slice(0, 10);
}

/** 2021-03-05, 2021/3/5, 2021.3.5, 2021年3月5日, 20210305, or an Excel date serial (44260). */
export function parseDate(text: string): Parsed<string> {
  const t = key(text);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:t.*|\d{1,2}:\d{2}(:\d{2})?)?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  let iso: string | null = null;
  if (m) iso = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = /^(\d{5})(\.\d+)?$/.exec(t))) {
    // Excel's day count from 1899-12-30 (its 1900 leap-year bug included).
    const d = new Date(Date.UTC(1899, 11, 30) + Number(m[1]) * 86_400_000);
    iso = validDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return iso ? ok(iso) : bad(`无法识别的日期「${text}」,请写作 2021-03-05`, `unrecognised date "${text}"; write it as 2021-03-05`);
}

/** Splits a multi-value cell on ; ； 、 | , ， and line breaks. */
export function parseList(text: string): string[] {
  return text
    .split(/[;；、|,，\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A USCC as written in a cell, in normal form: half-width, upper case, spaces and dashes removed (not checked). */
export const usccForm = (text: string): string => halfWidth(text).toUpperCase().replace(/[\s-]+/g, '');

/** A USCC cell: in normal form (usccForm), then checked (GB 32100-2015). */
export function parseUscc(text: string, roundedNumber = false): Parsed<string> {
  // A valid code as typed (ASCII digits and capitals only) is its own normal form.
  if (isValidUscc(text)) return ok(text);
  const code = usccForm(text);
  if (isValidUscc(code)) return ok(code);
  if (roundedNumber || /^\d(\.\d+)?E\+\d+$/.test(code)) {
    return bad(
      `统一社会信用代码「${text}」被表格存成了数字,末位已丢失;请把该列设为文本后重新填写`,
      `USCC "${text}" was stored as a number and lost its last digits; format the column as text and re-enter it`,
    );
  }
  if (code.length !== 18) {
    return bad(`统一社会信用代码「${text}」应为 18 位,实为 ${code.length} 位`, `USCC "${text}" must have 18 characters, it has ${code.length}`);
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (!expected || !/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}/.test(code)) {
    return bad(
      `统一社会信用代码「${text}」含非法字符(不可含 I、O、S、V、Z,第 3–8 位须为数字)`,
      `USCC "${text}" has characters outside the code set (no I, O, S, V, Z; characters 3–8 are digits)`,
    );
  }
  return bad(
    `统一社会信用代码「${text}」校验位错误:应为 ${expected},实为 ${code[17]}`,
    `USCC "${text}" has a wrong check character: expected ${expected}, found ${code[17]}`,
  );
}
