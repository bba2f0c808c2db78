// The importer's cell parsers and name keys take short cuts for the common
// spellings (a CJK-only firm name, a band letter, a plain decimal, a valid
// USCC as typed). Each short cut must give exactly what the general path
// gives: the general path, written out here as first implemented, is the
// oracle, over the spellings people use and the edge cases of each short cut.
import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckCharacter } from '../../server/domain/uscc.js';
import { halfWidth, normaliseFirmName } from '../../server/io/import/normalize.js';
import { parseBand, parseConfidence, parseUscc } from '../../server/io/import/values.js';

const LEGAL_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '股份公司', '公司', 'coltd', 'corporation', 'limited', 'company', 'corp', 'gmbh', 'inc', 'ltd', 'llc', 'plc', 'co', 'ag', 'sa'];

function firmNameByRule(name: string): string {
  let key = halfWidth(name).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, key.length - (suffix === '集团有限公司' ? 4 : suffix.length));
        changed = true;
        break;
      }
    }
  }
  return key;
}

const key = (text: string) => halfWidth(text).trim().toLowerCase().replace(/\s+/g, '');

function confidenceByRule(text: string): number | null {
  const t = key(text);
  const pct = /^(\d+(\.\d+)?)%$/.exec(t);
  const n = pct ? Number(pct[1]) / 100 : /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
  return n >= 0 && n <= 1 ? n : null;
}

describe('normaliseFirmName', () => {
  it('gives the same key as the general rule for CJK-only names and for the others', () => {
    const names = [
      '', '公司', '有限公司', '股份有限公司', '无锡示例微电子有限公司', '无锡示例微电子股份有限公司', '江苏示例集团有限公司',
      '示例集团股份有限公司', '示例有限责任公司', '示例公司公司', '示例股份公司', '南京彩禾江网络技术有限公司', '美国众林川人工智能公司',
      '无锡ＡＢＣ科技有限公司 ', '无锡abc科技', 'Wuxi Example Co., Ltd.', 'Example Corporation', 'ACME GmbH', '示例（无锡）有限公司',
      '示例(无锡)有限公司', '　示例有限公司', '示例有限公司co', '鿿有限公司', '一', 'co', 'sa有限公司',
    ];
    for (const name of names) expect([name, normaliseFirmName(name)]).toEqual([name, firmNameByRule(name)]);
  });

  it('every CJK unified ideograph (U+4E00–U+9FFF) is a letter here, so a CJK-only name needs no letters-only pass', () => {
    let notLetters = 0;
    for (let c = 0x4e00; c <= 0x9fff; c++) if (!/\p{L}/u.test(String.fromCharCode(c))) notLetters++;
    expect(notLetters).toBe(0);
  });
});

describe('parseBand', () => {
  it('a band letter as the template writes it, and every other spelling, gives what the folded lookup gives', () => {
    const expected: Record<string, string | null> = {
      XS: 'XS', S: 'S', M: 'M', L: 'L', XL: 'XL', xs: 'XS', xl: 'XL', ' m ': 'M', 'Ｍ': 'M', 中型: 'M', 特大型: 'XL',
      X: null, XXL: null, '': null,
      // amounts: revenue in 亿元
      '0.1': 'XS', '5': 'M', '3000万元': 'S', '250': 'XL', // 3000万元 = 0.3 亿元: S (0.2–2)
    };
    for (const [text, band] of Object.entries(expected)) {
      const r = parseBand(text, 'yi', 1);
      expect([text, r.ok ? r.value : null]).toEqual([text, band]);
    }
  });
});

describe('parseConfidence', () => {
  it('plain decimals and every other spelling give what the folded rule gives', () => {
    const texts = ['0', '1', '0.5', '0.80', '1.0', '1.5', '2', '00.3', '80%', '100%', '101%', ' 0.5', '0.5 ', '０.５', '.5', '5.', '-0.1', '1e-1', 'abc', ''];
    for (const text of texts) {
      const r = parseConfidence(text);
      expect([text, r.ok ? r.value : null]).toEqual([text, confidenceByRule(text)]);
    }
  });
});

describe('parseUscc', () => {
  it('a valid code as typed is taken as it is; spaced, dashed, lower-case or full-width spellings are folded to it', () => {
    const code = '91320214MA1N2P3Q4H';
    expect(isValidUscc(code)).toBe(true);
    for (const text of [code, ` ${code} `, '9132-0214-MA1N-2P3Q-4H', code.toLowerCase(), '９１３２０２１４ＭＡ１Ｎ２Ｐ３Ｑ４Ｈ']) {
      expect([text, parseUscc(text)]).toEqual([text, { ok: true, value: code }]);
    }
    const wrongCheck = '91320214MA1N2P3Q4' + (usccCheckCharacter('91320214MA1N2P3Q4') === 'J' ? 'K' : 'J');
    const r = parseUscc(wrongCheck);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.en).toBe(`USCC "${wrongCheck}" has a wrong check character: expected H, found J`);
  });
});
