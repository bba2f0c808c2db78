// The chain map's Cytoscape stylesheet, as data (STYLE.md): selectors →
// properties, colours from the palette shared with the PDF export.
import type { StylesheetJson } from 'cytoscape';
import { linkPalette, statusPalette, statusOrder } from '../../../server/domain/palette.js';
import { LABEL_FONTS } from './labelBox.js';

export const FONT_FAMILY = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif';

export const colors = {
  ink: '#1F2933',
  muted: '#52606D',
  faint: '#9AA5B1',
  band: '#F3F6F9',
  bandLabel: '#7B8794',
  stub: '#F8FAFC',
  firm: '#52606D',
  select: '#0B4F8A',
  changed: '#0072B2',
} as const;

const seg = LABEL_FONTS.segment;
const stub = LABEL_FONTS.neighbor;

export function chainMapStyle(): StylesheetJson {
  const statusRules = statusOrder.map((status) => {
    const p = statusPalette[status];
    return {
      selector: `node.segment.status-${status}`,
      style: {
        'background-color': p.fill,
        'border-color': p.stroke,
        color: p.text,
        'border-style': p.dashed ? 'dashed' : 'solid',
        'border-width': p.dashed ? 2.2 : 1.5,
      },
    };
  });
  const stubRules = statusOrder.map((status) => ({
    selector: `node.neighbor.status-${status}`,
    style: { 'border-color': statusPalette[status].stroke },
  }));

  return [
    // While a big map moves it is drawn as one bitmap (panTexture.ts); what lies beyond it is blank canvas.
    { selector: 'core', style: { 'outside-texture-bg-color': '#ffffff', 'outside-texture-bg-opacity': 1 } },
    {
      selector: 'node',
      style: {
        'font-family': FONT_FAMILY,
        label: 'data(label)',
        width: 'data(w)',
        height: 'data(h)',
        'text-valign': 'center',
        'text-halign': 'center',
        'text-wrap': 'wrap',
        // CJK names have no spaces: allow breaks anywhere.
        'text-overflow-wrap': 'anywhere',
        'min-zoomed-font-size': 7,
      },
    },
    {
      selector: 'node.segment',
      style: {
        shape: 'round-rectangle',
        // Box sizes are computed for these fonts (labelBox.ts): change them there.
        'font-size': seg.zh.size,
        'font-weight': seg.zh.weight,
        'text-max-width': 'data(tw)',
        'line-height': seg.zh.lineHeight,
        // Names stay on screen when a big map is zoomed out to fit.
        'min-zoomed-font-size': 5,
        'z-index': 10,
      },
    },
    ...statusRules,
    {
      selector: 'node.neighbor',
      style: {
        shape: 'round-rectangle',
        'background-color': colors.stub,
        'border-width': 1.2,
        'border-style': 'dashed',
        color: colors.muted,
        'font-size': stub.zh.size,
        'font-weight': stub.zh.weight,
        'text-max-width': 'data(tw)',
        'line-height': stub.zh.lineHeight,
        'z-index': 10,
      },
    },
    ...stubRules,
    // English names break between words (the boxes fit both languages' names).
    { selector: 'node.segment.en', style: { 'text-overflow-wrap': seg.en.overflow, 'font-size': seg.en.size, 'font-weight': seg.en.weight, 'line-height': seg.en.lineHeight } },
    { selector: 'node.neighbor.en', style: { 'text-overflow-wrap': stub.en.overflow, 'font-size': stub.en.size, 'font-weight': stub.en.weight, 'line-height': stub.en.lineHeight } },
    {
      selector: 'node.neighbor:active, node.neighbor.hover',
      style: { 'background-color': '#E4ECF5', 'underlay-opacity': 0 },
    },
    {
      selector: 'node.firm',
      style: {
        shape: 'ellipse',
        'background-color': colors.firm,
        'border-width': 0,
        label: '',
        'font-size': 8,
        color: colors.muted,
        'text-valign': 'bottom',
        'text-margin-y': 2,
        // One line: wrapping thousands of firm names costs seconds of text measuring.
        'text-wrap': 'none',
        'min-zoomed-font-size': 10,
        'z-index': 5,
      },
    },
    { selector: 'node.firm.labelled, node.firm.hover, node.firm:selected', style: { label: 'data(label)' } },
    { selector: 'node.firm.anchor', style: { 'background-color': '#CC8400', 'font-weight': 700 } },
    {
      selector: 'node.band',
      style: {
        shape: 'round-rectangle',
        'background-color': colors.band,
        'border-width': 0,
        label: '',
        events: 'no',
        'z-index': 0,
        'z-index-compare': 'manual',
      },
    },
    {
      selector: 'node.band-label',
      style: {
        shape: 'rectangle',
        'background-opacity': 0,
        'border-width': 0,
        color: colors.bandLabel,
        'font-size': 15,
        'font-weight': 700,
        events: 'no',
        'z-index': 1,
        'z-index-compare': 'manual',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'line-color': linkPalette.feed.color,
        'target-arrow-color': linkPalette.feed.color,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        opacity: 0.9,
        'z-index': 2,
      },
    },
    {
      selector: 'edge.weak-link',
      style: {
        width: linkPalette.weakLink.width + 0.6,
        'line-color': linkPalette.weakLink.color,
        'target-arrow-color': linkPalette.weakLink.color,
        'line-style': 'dashed',
        'line-dash-pattern': [7, 4],
        opacity: 1,
        'z-index': 4,
      },
    },
    {
      selector: 'edge.operates',
      style: { width: 0.6, 'line-color': '#CBD2D9', 'target-arrow-shape': 'none', 'curve-style': 'haystack', 'haystack-radius': 0, opacity: 0.7, 'z-index': 1 },
    },
    // what-if: a blue ring on segments whose status changed
    { selector: 'node.changed', style: { 'outline-width': 4, 'outline-color': colors.changed, 'outline-offset': 3, 'outline-opacity': 1 } },
    // focus and selection
    { selector: 'node.segment:selected, node.neighbor:selected', style: { 'underlay-color': colors.select, 'underlay-opacity': 0.22, 'underlay-padding': 7, 'underlay-shape': 'round-rectangle', 'border-width': 3, 'border-color': colors.select } },
    { selector: 'node.firm:selected', style: { 'underlay-color': colors.select, 'underlay-opacity': 0.3, 'underlay-padding': 4, 'font-size': 10, color: colors.ink, 'min-zoomed-font-size': 0 } },
    { selector: 'node.kbd-focus', style: { 'underlay-color': '#F5A623', 'underlay-opacity': 0.55, 'underlay-padding': 6, 'underlay-shape': 'round-rectangle' } },
    { selector: '.dimmed', style: { opacity: 0.25 } },
    { selector: 'edge.neighborhood', style: { opacity: 1, width: 2.4, 'z-index': 6 } },
  ] as StylesheetJson;
}
