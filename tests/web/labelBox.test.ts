// Box sizes from labels (web/src/map/labelBox.ts): Cytoscape's greedy wrap
// reproduced, boxes that fit every language's label, criticality as the least
// size. A fake measure of 10 px per character (a space too) makes every
// expectation below countable by hand.
import { describe, expect, it } from 'vitest';
import { LABEL_FONTS, SEGMENT_SPEC, balancedWrapWidth, cachedMeasure, splitsLatin, estimateMeasure, fitLabelBox, segmentBox, segmentMinSize, wrapLabel, type LabelFont, type TextMeasure } from '../../web/src/map/labelBox.js';

const tenPx: TextMeasure = (text) => [...text].length * 10;
const latin: LabelFont = { size: 10, weight: 400, lineHeight: 1.2, overflow: 'whitespace' };
const cjk: LabelFont = { size: 10, weight: 400, lineHeight: 1.5, overflow: 'anywhere' };

describe('wrapLabel (as Cytoscape wraps)', () => {
  it('breaks Latin between words, greedily; a line keeps and is measured with its trailing space', () => {
    // 'aaa bbb ccc' = 110 px > 70: 'aaa ' (40), then 'aaa bbb ' = 80 > 70 → new line; 'bbb ccc' = 70 fits.
    const w = wrapLabel('aaa bbb ccc', 70, latin, tenPx);
    expect(w.lines).toEqual(['aaa ', 'bbb ccc']);
    expect(w.width).toBe(70);
    expect(w.height).toBeCloseTo(10 * 2 + 1 * 0.2 * 10); // 22: two lines, one gap of (1.2 − 1) × size
  });

  it('breaks CJK anywhere (between characters)', () => {
    const w = wrapLabel('abcdef', 25, cjk, tenPx);
    expect(w.lines).toEqual(['ab', 'cd', 'ef']);
    expect(w.width).toBe(20);
    expect(w.height).toBeCloseTo(30 + 2 * 0.5 * 10);
  });

  it('gives a word wider than the wrap width its own, overflowing line', () => {
    const w = wrapLabel('internationalisation x', 50, latin, tenPx);
    expect(w.lines).toEqual(['internationalisation ', 'x']);
    expect(w.width).toBe(210);
  });

  it('keeps explicit line breaks and leaves a short label whole', () => {
    expect(wrapLabel('ab\ncd', 100, latin, tenPx).lines).toEqual(['ab', 'cd']);
    expect(wrapLabel('ab cd', 100, latin, tenPx)).toEqual({ lines: ['ab cd'], width: 50, height: 10 });
  });
});

describe('balancedWrapWidth', () => {
  it('is the narrowest width that keeps the line count: even lines, no orphan', () => {
    // At 70: '一二三四五六七' / '八'. Two lines down to 40 ('一二三四' / '五六七八'); at 39 three.
    expect(wrapLabel('一二三四五六七八', 70, cjk, tenPx).lines).toEqual(['一二三四五六七', '八']);
    expect(balancedWrapWidth('一二三四五六七八', 70, cjk, tenPx)).toBe(40);
    // At 80: 'aaa bbb ' / 'ccc'. At 70: 'aaa ' / 'bbb ccc'; at 69 three lines.
    expect(balancedWrapWidth('aaa bbb ccc', 80, latin, tenPx)).toBe(70);
    // One line stays one line: its own width.
    expect(balancedWrapWidth('aaa bbb ccc', 200, latin, tenPx)).toBe(110);
  });

  it('does not break a Latin run inside a CJK label when a wider line avoids it', () => {
    // '体外诊断(IVD)试剂' (12 characters) at 100: '体外诊断(IVD)试剂' → 10 + 2: two lines.
    // Balanced at 60 ('体外诊断(I' / 'VD)试剂') splits 'IVD'; 70 ('体外诊断(IV' / 'D)试剂') too;
    // 80 ('体外诊断(IVD' / ')试剂') splits 'IVD)'; 90 ('体外诊断(IVD)' / '试剂') keeps it whole.
    expect(splitsLatin(wrapLabel('体外诊断(IVD)试剂', 60, cjk, tenPx).lines)).toBe(true);
    expect(balancedWrapWidth('体外诊断(IVD)试剂', 100, cjk, tenPx)).toBe(90);
    expect(splitsLatin(['生产外包服务', '(CMO)'])).toBe(false);
  });
});

describe('fitLabelBox', () => {
  const spec = { minW: 60, minH: 20, padX: 5, padY: 3, maxLines: 2, maxW: 200, step: 10 };

  it('is the least size when the label fits in it', () => {
    expect(fitLabelBox([{ text: 'ab', font: latin }], spec, tenPx)).toEqual({ w: 60, h: 20, tw: 50 });
  });

  it('widens in steps until the label takes at most maxLines lines, then fits the height to the lines', () => {
    // tw 50 and 60: three lines; tw 70: 'aaa ' / 'bbb ccc' → w 80, h = ceil(22 + 2 × 3) = 28.
    expect(fitLabelBox([{ text: 'aaa bbb ccc', font: latin }], spec, tenPx)).toEqual({ w: 80, h: 28, tw: 70 });
  });

  it('fits every language at one wrap width: the wider label sets the width, the taller the height', () => {
    // The CJK label at tw 70 is 'abcdefg' / 'h': 2 lines at line-height 1.5 = 25 px → h = ceil(25 + 6) = 31.
    const box = fitLabelBox(
      [
        { text: 'aaa bbb ccc', font: latin },
        { text: 'abcdefgh', font: cjk },
      ],
      spec,
      tenPx,
    );
    expect(box).toEqual({ w: 80, h: 31, tw: 70 });
  });

  it('stops widening at maxW and grows taller instead', () => {
    // At tw 90 a word pair with its trailing space is 100 px, but the last pair has none ('dddd eeee' = 90):
    // 'aaaa ' / 'bbbb ' / 'cccc ' / 'dddd eeee', 4 × 10 + 3 × 2 = 46 px → h = 46 + 6 = 52.
    expect(fitLabelBox([{ text: 'aaaa bbbb cccc dddd eeee', font: latin }], { ...spec, maxW: 100 }, tenPx)).toEqual({ w: 100, h: 52, tw: 90 });
  });

  it('widens beyond maxW for a word that cannot be broken', () => {
    expect(fitLabelBox([{ text: 'supercalifragilistic', font: latin }], { ...spec, maxW: 100 }, tenPx)).toEqual({ w: 210, h: 20, tw: 200 });
  });
});

describe('segment boxes', () => {
  it('are at least the criticality size (bigger for more critical), for short names exactly that', () => {
    expect(segmentMinSize(0)).toEqual({ w: 112, h: 40 });
    expect(segmentMinSize(1)).toEqual({ w: 168, h: 56 });
    expect(segmentMinSize(Number.NaN)).toEqual(segmentMinSize(0));
    // The box is the least one; the wrap width is the name's own (one line: its width).
    expect(segmentBox(0.5, '封测', 'zh', tenPx)).toEqual({ w: 140, h: 48, tw: 20 });
    expect(segmentBox(0.5, 'Test', 'en', tenPx)).toEqual({ w: 140, h: 48, tw: 40 });
  });

  it('fit a long name in three lines inside the box, in its language', () => {
    const zh = '上市许可持有人(MAH)与产业化服务';
    const en = 'Marketing-authorisation holders (MAH) & commercialisation services';
    for (const [lang, text] of [
      ['en', en],
      ['zh', zh],
    ] as const) {
      const box = segmentBox(0, text, lang, estimateMeasure);
      const boxTw = box.w - 2 * SEGMENT_SPEC.padX;
      expect(box.tw).toBeLessThanOrEqual(boxTw);
      // As Cytoscape wraps it at the box's wrap width: at most three lines, none wider, all inside with the padding.
      const wrapped = wrapLabel(text, box.tw, LABEL_FONTS.segment[lang], estimateMeasure);
      expect(wrapped.lines.length).toBeLessThanOrEqual(3);
      expect(wrapped.width).toBeLessThanOrEqual(box.tw);
      expect(wrapped.height + 2 * SEGMENT_SPEC.padY).toBeLessThanOrEqual(box.h);
      // A more critical segment with the same name is never smaller.
      const critical = segmentBox(1, text, lang, estimateMeasure);
      expect(critical.w).toBeGreaterThanOrEqual(box.w);
      expect(critical.h).toBeGreaterThanOrEqual(box.h);
    }
    // The English name is the longer one: its box is wider than the least size and than the Chinese one.
    expect(segmentBox(0, en, 'en', estimateMeasure).w).toBeGreaterThan(Math.max(segmentMinSize(0).w, segmentBox(0, zh, 'zh', estimateMeasure).w));
  });
});

describe('measuring', () => {
  it('estimates CJK at one em and Latin narrower', () => {
    expect(estimateMeasure('产业', LABEL_FONTS.segment.zh)).toBe(28);
    expect(estimateMeasure('ab c', { ...latin, size: 10 })).toBeCloseTo(6 + 6 + 3 + 6);
  });

  it('asks the real measure once per text and font', () => {
    let calls = 0;
    const m = cachedMeasure((t) => (calls++, t.length));
    m('abc', latin);
    m('abc', latin);
    m('abc', { ...latin, size: 12 });
    expect(calls).toBe(2);
  });
});
