// Colours and labels of the chain map, shared by the web page and the
// exported 产业招引地图 (PDF / XLSX) so that a printed map and the screen agree.
// Status colours come from the Okabe–Ito palette (distinguishable with the
// common colour-vision deficiencies); 空白 (MISSING) is also drawn as an empty
// dashed box, so the map still reads in grey-scale print.
// Plain data, no imports at run time: the web bundle can import this file.
import type { ActionKind, SegmentStatus } from '../analysis/types.js';
import type { Stage } from './model.js';

export interface StatusStyle {
  /** Box fill. */
  fill: string;
  /** Box border. */
  stroke: string;
  /** Text on the fill. */
  text: string;
  /** Dashed border (空白 is an empty slot). */
  dashed: boolean;
  labelZh: string;
  labelEn: string;
}

/** Strongest first: the order of legends and summaries. */
export const statusOrder: readonly SegmentStatus[] = ['STRONG', 'POTENTIAL', 'WEAK', 'MISSING'];

export const statusPalette: Readonly<Record<SegmentStatus, StatusStyle>> = {
  STRONG: { fill: '#009E73', stroke: '#00664A', text: '#FFFFFF', dashed: false, labelZh: '优势', labelEn: 'Strong' },
  POTENTIAL: { fill: '#56B4E9', stroke: '#1F78B4', text: '#102A43', dashed: false, labelZh: '潜力', labelEn: 'Potential' },
  WEAK: { fill: '#E69F00', stroke: '#9A6A00', text: '#102A43', dashed: false, labelZh: '薄弱', labelEn: 'Weak' },
  MISSING: { fill: '#FFFFFF', stroke: '#D55E00', text: '#B34700', dashed: true, labelZh: '空白', labelEn: 'Missing' },
};

export const actionOrder: readonly ActionKind[] = ['FILL', 'STRENGTHEN', 'EXTEND', 'CREATE'];

export const actionPalette: Readonly<Record<ActionKind, { color: string; labelZh: string; labelEn: string }>> = {
  FILL: { color: '#D55E00', labelZh: '补链', labelEn: 'Fill' },
  STRENGTHEN: { color: '#E69F00', labelZh: '强链', labelEn: 'Strengthen' },
  EXTEND: { color: '#0072B2', labelZh: '延链', labelEn: 'Extend' },
  CREATE: { color: '#CC79A7', labelZh: '造链', labelEn: 'Create' },
};

/** Columns of the chain map, left to right. */
export const stageOrder: readonly Stage[] = ['upstream', 'midstream', 'downstream', 'support'];

export const stageLabels: Readonly<Record<Stage, { zh: string; en: string }>> = {
  upstream: { zh: '上游', en: 'Upstream' },
  midstream: { zh: '中游', en: 'Midstream' },
  downstream: { zh: '下游', en: 'Downstream' },
  support: { zh: '支撑', en: 'Support' },
};

/** FEEDS edges: ordinary flow, and weak links (断点) where a strong segment depends on a weak or missing one. */
export const linkPalette = {
  feed: { color: '#9AA5B1', width: 1.2 },
  weakLink: { color: '#CC79A7', width: 2.4, dashed: true, labelZh: '断点(薄弱供给)', labelEn: 'Weak link' },
} as const;
