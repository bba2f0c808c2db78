// What the legend shows, composed once and drawn three ways: on the page (DOM),
// in the PNG export (canvas) and in the SVG export. Only what is on the map
// gets a line.
import { linkPalette, statusPalette, statusOrder } from '../../../server/domain/palette.js';
import type { Status } from '../api/queries.js';
import { t, type Lang } from '../i18n.js';
import { colors } from './stylesheet.js';
import { h } from '../ui/dom.js';

export type LegendItem =
  | { kind: 'status'; status: Status; label: string; fill: string; stroke: string; dashed: boolean }
  | { kind: 'line'; id: 'feed' | 'weakLink'; label: string; color: string; width: number; dashed: boolean }
  | { kind: 'mark'; id: 'anchor' | 'stub' | 'firm' | 'changed' | 'size'; label: string };

export interface LegendFlags {
  /** Statuses present on the map (all four are listed anyway when omitted). */
  statuses?: ReadonlySet<Status>;
  weakLinks: boolean;
  anchors: boolean;
  stubs: boolean;
  firms: boolean;
  changed: boolean;
}

export function legendItems(lang: Lang, flags: LegendFlags): LegendItem[] {
  const items: LegendItem[] = [];
  for (const status of statusOrder) {
    if (flags.statuses && !flags.statuses.has(status)) continue;
    const p = statusPalette[status];
    items.push({ kind: 'status', status, label: t(lang, `status_${status}`), fill: p.fill, stroke: p.stroke, dashed: p.dashed });
  }
  items.push({ kind: 'line', id: 'feed', label: t(lang, 'legendFeed'), color: linkPalette.feed.color, width: 1.5, dashed: false });
  if (flags.weakLinks) items.push({ kind: 'line', id: 'weakLink', label: t(lang, 'legendWeakLink'), color: linkPalette.weakLink.color, width: 3, dashed: true });
  if (flags.anchors) items.push({ kind: 'mark', id: 'anchor', label: t(lang, 'legendAnchor') });
  if (flags.stubs) items.push({ kind: 'mark', id: 'stub', label: t(lang, 'legendStub') });
  if (flags.firms) items.push({ kind: 'mark', id: 'firm', label: t(lang, 'legendFirm') });
  if (flags.changed) items.push({ kind: 'mark', id: 'changed', label: t(lang, 'legendChanged') });
  items.push({ kind: 'mark', id: 'size', label: t(lang, 'legendBoxSize') });
  return items;
}

/** A small SVG swatch for a legend line (shared by the DOM legend and the SVG export). */
export function swatchSvg(item: LegendItem, w = 26, h = 16): string {
  switch (item.kind) {
    case 'status':
      return `<rect x="1" y="1" width="${w - 2}" height="${h - 2}" rx="4" fill="${item.fill}" stroke="${item.stroke}" stroke-width="1.6"${item.dashed ? ' stroke-dasharray="4 2"' : ''}/>`;
    case 'line':
      return `<line x1="1" y1="${h / 2}" x2="${w - 1}" y2="${h / 2}" stroke="${item.color}" stroke-width="${item.width}"${item.dashed ? ' stroke-dasharray="5 3"' : ''}/>`;
    case 'mark':
      switch (item.id) {
        case 'anchor':
          return `<text x="${w / 2}" y="${h - 3}" text-anchor="middle" font-size="14" fill="${colors.ink}">★</text>`;
        case 'stub':
          return `<rect x="1" y="2" width="${w - 2}" height="${h - 4}" rx="4" fill="${colors.stub}" stroke="${colors.faint}" stroke-width="1.2" stroke-dasharray="3 2"/>`;
        case 'firm':
          return `<circle cx="${w / 2}" cy="${h / 2}" r="4.5" fill="${colors.firm}"/>`;
        case 'changed':
          return `<rect x="3" y="3" width="${w - 6}" height="${h - 6}" rx="3" fill="#fff" stroke="${colors.changed}" stroke-width="3"/>`;
        case 'size':
          return `<rect x="1" y="5" width="10" height="7" rx="2" fill="#CBD2D9"/><rect x="13" y="1" width="${w - 14}" height="${h - 2}" rx="3" fill="#CBD2D9"/>`;
      }
  }
}

export function renderLegend(items: readonly LegendItem[], lang: Lang): HTMLElement {
  const list = h('ul.legend-list');
  for (const item of items) {
    const sw = h('span.swatch', { 'aria-hidden': 'true' });
    sw.innerHTML = `<svg width="26" height="16" viewBox="0 0 26 16">${swatchSvg(item)}</svg>`;
    list.append(h('li', { dataset: { legend: item.kind === 'status' ? item.status : item.id } }, sw, h('span', null, item.label)));
  }
  return h('section.legend', { 'aria-label': t(lang, 'legend') }, h('h3.sr-only', null, t(lang, 'legend')), list);
}
