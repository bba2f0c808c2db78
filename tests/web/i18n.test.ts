// The message catalogue: Chinese and English carry the same keys, no empty
// label, the same {placeholders}; status words match the PDF palette.
import { describe, expect, it } from 'vitest';
import { catalogue, pick, t } from '../../web/src/i18n.js';
import { statusPalette, statusOrder } from '../../server/domain/palette.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogue', () => {
  it('has the same keys in zh and en', () => {
    expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.zh).sort());
  });

  it('has no empty label and the same placeholders in both languages', () => {
    for (const key of Object.keys(catalogue.zh)) {
      expect(catalogue.zh[key]!.trim(), key).not.toBe('');
      expect(catalogue.en[key]!.trim(), key).not.toBe('');
      if (key === 'investment') continue; // 亿元 vs CNY million: different units on purpose
      expect(placeholders(catalogue.en[key]!), key).toEqual(placeholders(catalogue.zh[key]!));
    }
  });

  it('takes status words from the palette shared with the PDF export', () => {
    for (const s of statusOrder) {
      expect(t('zh', `status_${s}`)).toBe(statusPalette[s].labelZh);
      expect(t('en', `status_${s}`)).toBe(statusPalette[s].labelEn);
    }
    expect(t('zh', 'stage_SUPPORT')).toBe('支撑');
    expect(t('zh', 'action_FILL')).toBe('补链');
  });

  it('fills placeholders and picks names by language', () => {
    expect(t('zh', 'segmentsCount', { n: 17 })).toBe('17 个环节');
    expect(t('en', 'segmentsCount', { n: 17 })).toBe('17 segments');
    expect(t('zh', 'illustrativeBanner')).toBe('含示例数据');
    expect(pick('en', '集成电路', 'Integrated Circuits')).toBe('Integrated Circuits');
    expect(pick('en', '集成电路', null)).toBe('集成电路');
    expect(pick('zh', '集成电路', 'Integrated Circuits')).toBe('集成电路');
  });
});
