// pinyinKeys (server/store/nameSearch.ts) takes a per-character fast path for
// bulk imports; it must give exactly what the full pinyin-pro computation gives.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { pinyinKeys, pinyinKeysFull } from '../../server/store/nameSearch.js';
import { generateSynthetic } from '../../scripts/synth/generate.js';

describe('pinyinKeys fast path', () => {
  it('equals the full computation on seed names, synthetic names and awkward ones', () => {
    const b = loadSeedDir(join(import.meta.dirname, '../../graph-seeds'));
    const names = [
      ...b.firms.map((f) => f.nameZh),
      ...b.segments.map((s) => s.nameZh),
      ...b.regions.map((r) => r.nameZh),
      ...generateSynthetic({ firms: 5000, structure: b }).firms.map((f) => f.nameZh),
      '无锡SK海力士(中国)有限公司', '中国银行股份有限公司', '步行街行业协会', '重庆长安汽车', 'A-B 科技 (无锡) Co., Ltd.',
      'ＡＢＣ全角', '〇一二', '𠀀字', '绿色能源', '',
    ];
    for (const n of names) expect(pinyinKeys(n), n).toEqual(pinyinKeysFull(n));
  });
});
