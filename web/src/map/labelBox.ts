// Box sizes from labels: a segment or stub box is made big enough for its
// name in the page language, wrapped the way Cytoscape wraps it
// (`text-wrap: wrap`, greedy, at `text-max-width`); 关键度 criticality sets
// the smallest box. Boxes are sized per language, and a language switch lays
// the map out again: English names (stubs above all) run 2–3× longer than
// Chinese, and boxes fitting both would shrink the Chinese map on a
// 1366×768 screen by a fifth (IC: fit zoom 0.54 instead of 0.66).
//
// Pure: text widths come from a `TextMeasure` — in the browser a canvas 2D
// context with the stylesheet's font (exactly what Cytoscape measures with),
// elsewhere a conservative estimate.

export interface LabelFont {
  /** px */
  size: number;
  weight: number;
  /** Multiple of the font size between baselines (Cytoscape `line-height`). */
  lineHeight: number;
  /** Cytoscape `text-overflow-wrap`: break between words only, or anywhere (CJK has no spaces). */
  overflow: 'whitespace' | 'anywhere';
}

/** Width in px of one line of text in a font. */
export type TextMeasure = (text: string, font: LabelFont) => number;

/** How one kind of box is sized (per language: its font and how many lines it may take). */
export interface BoxSpec {
  minW: number;
  minH: number;
  /** Room between the label and the box edge, each side. */
  padX: number;
  padY: number;
  /** Widen the box (in `step` px) until every language fits in this many lines... */
  maxLines: number;
  /** ...but not beyond this width (then it grows taller instead). */
  maxW: number;
  step: number;
}

export interface LabelBox {
  w: number;
  h: number;
  /** Label wrap width (`text-max-width`), at most w − 2·padX. */
  tw: number;
}

/** A label as Cytoscape draws it at a wrap width: its lines and its box (width = widest line, height by line count). */
export interface WrappedLabel {
  lines: string[];
  width: number;
  height: number;
}

const ZWSP = '\u200B';

/**
 * Cytoscape 3.x `getLabelText` (wrap) + `calculateLabelDimensions`: each
 * `\n` paragraph that is too wide is split at whitespace (with `anywhere`,
 * between every character), greedily; a line keeps its trailing separator
 * and is measured with it; a word wider than the wrap width gets a line of
 * its own and overflows. Width = ceil of the widest line; height = one font
 * size per line plus (lineHeight − 1) × size between lines.
 */
export function wrapLabel(label: string, maxWidth: number, font: LabelFont, measure: TextMeasure): WrappedLabel {
  const width = (s: string) => Math.ceil(measure(s.replaceAll(ZWSP, ''), font));
  const lines: string[] = [];
  for (const para of label.split('\n')) {
    const line = font.overflow === 'anywhere' ? [...para].join(ZWSP) : para;
    if (width(para) <= maxWidth) {
      lines.push(line);
      continue;
    }
    let sub = '';
    let prev = 0;
    for (const m of line.matchAll(/[\s\u200b]+|$/g)) {
      const word = line.substring(prev, m.index);
      const sep = m[0];
      prev = m.index + sep.length;
      const test = sub.length === 0 ? word : sub + word + sep;
      if (width(test) <= maxWidth) sub += word + sep;
      else {
        if (sub) lines.push(sub);
        sub = word + sep;
      }
    }
    if (!/^[\s\u200b]+$/.test(sub)) lines.push(sub);
  }
  const n = Math.max(lines.length, 1);
  return {
    lines: lines.map((l) => l.replaceAll(ZWSP, '')),
    width: Math.max(0, ...lines.map(width)),
    height: font.size * n + (n - 1) * (font.lineHeight - 1) * font.size,
  };
}

/**
 * The smallest box, at least minW × minH, whose width lets every label
 * (each in its font) wrap to at most `maxLines` lines with no line wider
 * than the wrap width; beyond `maxW` a box stops widening and grows taller.
 * All labels wrap at the same width (w − 2·padX); the height fits the
 * tallest.
 */
export function fitLabelBox(labels: readonly { text: string; font: LabelFont }[], spec: BoxSpec, measure: TextMeasure): LabelBox {
  const fits = (tw: number) =>
    labels.every((l) => {
      const wrapped = wrapLabel(l.text, tw, l.font, measure);
      return wrapped.lines.length <= spec.maxLines && wrapped.width <= tw;
    });
  let w = spec.minW;
  while (w < spec.maxW && !fits(w - 2 * spec.padX)) w = Math.min(spec.maxW, w + spec.step);
  // At maxW, a word wider than the wrap width still widens the box (it cannot be broken).
  let tw = w - 2 * spec.padX;
  const widest = Math.max(0, ...labels.map((l) => wrapLabel(l.text, tw, l.font, measure).width));
  if (widest > tw) {
    tw = widest;
    w = tw + 2 * spec.padX;
  }
  const textH = Math.max(0, ...labels.map((l) => wrapLabel(l.text, tw, l.font, measure).height));
  return { w, h: Math.max(spec.minH, Math.ceil(textH + 2 * spec.padY)), tw };
}

/**
 * The narrowest wrap width, at most `maxWidth`, at which the label takes no
 * more lines than at `maxWidth` (and no word overflows): the lines come out
 * about even instead of a full line and an orphan ("医疗与康养服" / "务").
 * Greedy wrapping never takes more lines at a larger width, so this is a
 * binary search.
 */
export function balancedWrapWidth(label: string, maxWidth: number, font: LabelFont, measure: TextMeasure): number {
  const full = wrapLabel(label, maxWidth, font, measure);
  // A word too wide for maxWidth overflows there already; otherwise nothing may overflow.
  const limit = (tw: number) => (full.width > maxWidth ? full.width : tw);
  const ok = (tw: number) => {
    const w = wrapLabel(label, tw, font, measure);
    return w.lines.length <= full.lines.length && w.width <= limit(tw);
  };
  let lo = 1;
  let hi = Math.max(1, Math.ceil(maxWidth));
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  if (font.overflow !== 'anywhere') return hi;
  // CJK breaks anywhere, but not inside a Latin run ("(M" / "AH)"): the next width up that keeps such runs whole.
  // The wrap changes only where some line could take the next line's first character: jump there.
  for (let tw = hi; tw < maxWidth; ) {
    const { lines } = wrapLabel(label, tw, font, measure);
    if (ok(tw) && !splitsLatin(lines)) return tw;
    let next = Infinity;
    for (let i = 1; i < lines.length; i++) next = Math.min(next, Math.ceil(measure(lines[i - 1]! + [...lines[i]!][0]!, font)));
    tw = Math.max(tw + 1, next);
  }
  return Math.max(hi, Math.floor(maxWidth));
}

const latinChar = /[!-~]/;

/** Whether a break between two wrapped lines falls between two non-space ASCII characters ("(IVD" / ")"). */
export function splitsLatin(lines: readonly string[]): boolean {
  for (let i = 1; i < lines.length; i++) {
    const before = lines[i - 1]!.at(-1) ?? '';
    const after = lines[i]![0] ?? '';
    if (latinChar.test(before) && latinChar.test(after)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- the chain map's boxes

/** Fonts of the stylesheet (stylesheet.ts reads these): segment and stub labels per language. */
export const LABEL_FONTS = {
  segment: {
    zh: { size: 14, weight: 600, lineHeight: 1.25, overflow: 'anywhere' },
    en: { size: 13, weight: 600, lineHeight: 1.15, overflow: 'whitespace' },
  },
  neighbor: {
    zh: { size: 11, weight: 400, lineHeight: 1.2, overflow: 'anywhere' },
    en: { size: 11, weight: 400, lineHeight: 1.2, overflow: 'whitespace' },
  },
} as const satisfies Record<string, Record<'zh' | 'en', LabelFont>>;

/** Smallest segment box by criticality (0–1): the more of the chain depends on it, the bigger. */
export function segmentMinSize(criticality: number): { w: number; h: number } {
  const c = Math.min(1, Math.max(0, Number.isFinite(criticality) ? criticality : 0));
  return { w: Math.round(112 + 56 * c), h: Math.round(40 + 16 * c) };
}

export const SEGMENT_SPEC = { padX: 10, padY: 7, maxLines: 3, maxW: 240, step: 8 } as const;
export const NEIGHBOR_SPEC = { minW: 116, minH: 34, padX: 8, padY: 5, maxLines: 4, maxW: 220, step: 8 } as const;

/**
 * A segment's box for its name in the page language: criticality sets the
 * least size, a long name makes it bigger; `tw` wraps the name in even
 * lines (never wider than the box allows).
 */
export function segmentBox(criticality: number, label: string, lang: 'zh' | 'en', measure: TextMeasure): LabelBox {
  const font = LABEL_FONTS.segment[lang];
  const fit = (c: number) => {
    const min = segmentMinSize(c);
    return fitLabelBox([{ text: label, font }], { ...SEGMENT_SPEC, minW: min.w, minH: min.h }, measure);
  };
  const box = fit(criticality);
  // A wider (more critical) box may need fewer lines: never let it come out lower than the least critical one.
  const h = criticality > 0 ? Math.max(box.h, fit(0).h) : box.h;
  return { w: box.w, h, tw: balancedWrapWidth(label, box.tw, font, measure) };
}

/**
 * A cross-cluster stub's box for its two-line label ('cluster →' / 'segment').
 * Not balanced: one wrap width for two paragraphs would rather leave a lone
 * arrow on a line than shorten the longer paragraph.
 */
export function neighborBox(label: string, lang: 'zh' | 'en', measure: TextMeasure): LabelBox {
  return fitLabelBox([{ text: label, font: LABEL_FONTS.neighbor[lang] }], NEIGHBOR_SPEC, measure);
}

// ---------------------------------------------------------------- measuring

/** Full-width characters: CJK, full-width forms and punctuation, ★. */
export const isWide = (ch: string) => /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F★]/.test(ch);

/**
 * Width estimate without a browser, on the generous side so boxes it sizes
 * are not too small: CJK (and ★) one em, capitals 0.72 em, other Latin 0.6 em
 * (bold Latin averages ~0.55), a space 0.3 em.
 */
export const estimateMeasure: TextMeasure = (text, font) => {
  let w = 0;
  for (const ch of text) w += isWide(ch) ? 1 : ch === ' ' ? 0.3 : /[A-Z]/.test(ch) ? 0.72 : 0.6;
  return w * font.size;
};

/** Remembers widths per font and text (the wrap search measures the same prefixes many times). */
export function cachedMeasure(measure: TextMeasure): TextMeasure {
  const cache = new Map<string, number>();
  return (text, font) => {
    const key = `${font.weight} ${font.size}\u0000${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      w = measure(text, font);
      cache.set(key, w);
    }
    return w;
  };
}

let canvasMeasureOnce: TextMeasure | null = null;

/**
 * In a browser: text measured by a canvas 2D context with the font string
 * Cytoscape builds (`normal <weight> <size>px <family>`), so wraps and widths
 * are the ones drawn. Without a canvas: the estimate. Cached per label.
 */
export function browserMeasure(family: string): TextMeasure {
  if (canvasMeasureOnce) return canvasMeasureOnce;
  const ctx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  if (!ctx) return estimateMeasure;
  canvasMeasureOnce = cachedMeasure((text, font) => {
    ctx.font = `normal ${font.weight} ${font.size}px ${family}`;
    return ctx.measureText(text).width;
  });
  return canvasMeasureOnce;
}
