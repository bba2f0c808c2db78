// Export of the current chain map at full resolution, with title and legend:
// PNG (Cytoscape's own render of the whole graph, framed on a canvas) and SVG
// (rebuilt from node positions and computed styles, so it stays vector and
// editable). The scene → SVG step is pure and unit-tested.
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import type { LegendItem } from './legend.js';
import { isWide } from './labelBox.js';
import { swatchSvg } from './legend.js';
import { FONT_FAMILY, colors } from './stylesheet.js';

export interface SceneNode {
  id: string;
  shape: 'box' | 'ellipse' | 'text';
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  fillOpacity: number;
  stroke: string;
  strokeWidth: number;
  dashed: boolean;
  label: string;
  labelMaxWidth: number;
  fontSize: number;
  fontWeight: number;
  color: string;
  /** Label under the shape (firm dots) instead of inside. */
  labelBelow: boolean;
  ring: string | null;
}

export interface SceneEdge {
  id: string;
  /** Points of the drawn curve: start, control points, end. */
  points: { x: number; y: number }[];
  color: string;
  width: number;
  dashed: boolean;
  arrow: boolean;
}

export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
  bounds: { x1: number; y1: number; x2: number; y2: number };
}

export interface Header {
  title: string;
  subtitle: string;
  note?: string;
  footer: string;
}

// ---------------------------------------------------------------- text

/** Width of a text run in px, estimated: CJK full width, Latin about 0.56 em. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += isWide(ch) ? fontSize : ch === ' ' ? 0.3 * fontSize : 0.56 * fontSize;
  return w;
}

/** Breaks a label into lines no wider than maxWidth (explicit \n kept; Latin broken at spaces, CJK anywhere). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    const tokens = para.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]+|\s+/g) ?? [];
    for (const tok of tokens) {
      const next = line + tok;
      if (line && textWidth(next.trimEnd(), fontSize) > maxWidth) {
        lines.push(line.trimEnd());
        line = tok.trimStart();
      } else line = next;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n2 = (x: number) => Math.round(x * 10) / 10;

// ---------------------------------------------------------------- scene from Cytoscape

function num(v: unknown, fallback = 0): number {
  const x = parseFloat(String(v));
  return Number.isFinite(x) ? x : fallback;
}

const squash = (s: string) => s.replace(/[\s\u200b]+/g, '');

/**
 * The label as Cytoscape wrapped it on screen (its cached lines, ZWSP and
 * trailing spaces dropped), joined by \n; null when there are no lines or
 * they are not this label's (stale), so the export wraps it itself.
 */
export function linesAsDrawn(label: string, cached: readonly string[] | undefined): string | null {
  if (!cached?.length) return null;
  const lines = cached.map((l) => l.replace(/\u200b/g, '').trimEnd());
  return squash(lines.join('')) === squash(label) ? lines.join('\n') : null;
}

/** The drawn map as plain data: positions in model coordinates and computed styles. */
export function sceneOf(cy: Core): Scene {
  const nodes: SceneNode[] = [];
  cy.nodes().forEach((n: NodeSingular) => {
    if (n.style('display') === 'none') return;
    const d = n.data() as { w?: number; h?: number; tw?: number; label?: string };
    const isBandLabel = n.hasClass('band-label');
    const shape = isBandLabel ? 'text' : n.style('shape') === 'ellipse' ? 'ellipse' : 'box';
    // Boxes fit the label as the screen wraps it (canvas-measured): the SVG keeps those lines rather than re-wrapping by estimate.
    const cached = (n as unknown as { _private?: { rscratch?: { labelWrapCachedLines?: string[] } } })._private?.rscratch?.labelWrapCachedLines;
    const drawn = n.style('text-wrap') === 'wrap' ? linesAsDrawn(d.label ?? '', cached) : null;
    nodes.push({
      id: n.id(),
      shape,
      x: n.position('x'),
      y: n.position('y'),
      w: d.w ?? n.width(),
      h: d.h ?? n.height(),
      fill: String(n.style('background-color')),
      fillOpacity: num(n.style('background-opacity'), 1) * num(n.style('opacity'), 1),
      stroke: String(n.style('border-color')),
      strokeWidth: num(n.style('border-width')),
      dashed: n.style('border-style') === 'dashed',
      label: drawn ?? d.label ?? '',
      labelMaxWidth: drawn ? Infinity : (d.tw ?? (d.w ?? 120) - 8),
      fontSize: num(n.style('font-size'), 12),
      fontWeight: num(n.style('font-weight'), 400),
      color: String(n.style('color')),
      labelBelow: n.style('text-valign') === 'bottom',
      ring: num(n.style('outline-width')) > 0 ? String(n.style('outline-color')) : null,
    });
  });
  const edges: SceneEdge[] = [];
  cy.edges().forEach((e: EdgeSingular) => {
    const s = e.sourceEndpoint();
    const t = e.targetEndpoint();
    const cps = (e.controlPoints() as { x: number; y: number }[] | undefined) ?? [];
    edges.push({
      id: e.id(),
      points: [s, ...cps, t],
      color: String(e.style('line-color')),
      width: num(e.style('width'), 1),
      dashed: e.style('line-style') === 'dashed',
      arrow: e.style('target-arrow-shape') !== 'none',
    });
  });
  const bb = cy.elements().boundingBox({});
  return { nodes, edges, bounds: { x1: bb.x1, y1: bb.y1, x2: bb.x2, y2: bb.y2 } };
}

// ---------------------------------------------------------------- SVG

const HEADER_H = 78;
const LEGEND_ROW_H = 24;
const MARGIN = 28;

/** Legend laid out in rows that fit `width`: positions of each item. */
export function legendLayout(items: readonly LegendItem[], width: number, fontSize = 13): { x: number; row: number; item: LegendItem }[] {
  const out: { x: number; row: number; item: LegendItem }[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const w = 26 + 8 + textWidth(item.label, fontSize) + 22;
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    out.push({ x, row, item });
    x += w;
  }
  return out;
}

function pathOf(points: readonly { x: number; y: number }[]): string {
  const [a, ...rest] = points;
  if (!a) return '';
  if (rest.length === 1) return `M${n2(a.x)},${n2(a.y)} L${n2(rest[0]!.x)},${n2(rest[0]!.y)}`;
  if (rest.length === 2) return `M${n2(a.x)},${n2(a.y)} Q${n2(rest[0]!.x)},${n2(rest[0]!.y)} ${n2(rest[1]!.x)},${n2(rest[1]!.y)}`;
  return `M${n2(a.x)},${n2(a.y)} ` + rest.map((p) => `L${n2(p.x)},${n2(p.y)}`).join(' ');
}

function arrowHead(points: readonly { x: number; y: number }[], color: string, width: number): string {
  const end = points[points.length - 1]!;
  const prev = points[points.length - 2] ?? end;
  const a = Math.atan2(end.y - prev.y, end.x - prev.x);
  const len = 7 + width * 1.5;
  const half = 3.5 + width;
  const bx = end.x - Math.cos(a) * len;
  const by = end.y - Math.sin(a) * len;
  const p1 = `${n2(bx + Math.sin(a) * half)},${n2(by - Math.cos(a) * half)}`;
  const p2 = `${n2(bx - Math.sin(a) * half)},${n2(by + Math.cos(a) * half)}`;
  return `<polygon points="${n2(end.x)},${n2(end.y)} ${p1} ${p2}" fill="${color}"/>`;
}

function nodeSvg(n: SceneNode): string {
  const parts: string[] = [];
  const x = n.x - n.w / 2;
  const y = n.y - n.h / 2;
  if (n.ring) parts.push(`<rect x="${n2(x - 6)}" y="${n2(y - 6)}" width="${n2(n.w + 12)}" height="${n2(n.h + 12)}" rx="10" fill="none" stroke="${n.ring}" stroke-width="4"/>`);
  const stroke = n.strokeWidth > 0 ? ` stroke="${n.stroke}" stroke-width="${n.strokeWidth}"${n.dashed ? ' stroke-dasharray="6 3"' : ''}` : '';
  const opacity = n.fillOpacity < 1 ? ` fill-opacity="${n2(n.fillOpacity)}"` : '';
  if (n.shape === 'box') parts.push(`<rect x="${n2(x)}" y="${n2(y)}" width="${n2(n.w)}" height="${n2(n.h)}" rx="${n.h > 80 ? 14 : 7}" fill="${n.fill}"${opacity}${stroke}/>`);
  else if (n.shape === 'ellipse') parts.push(`<ellipse cx="${n2(n.x)}" cy="${n2(n.y)}" rx="${n2(n.w / 2)}" ry="${n2(n.h / 2)}" fill="${n.fill}"${opacity}${stroke}/>`);
  if (n.label) {
    const lines = wrapText(n.label, n.labelMaxWidth, n.fontSize);
    const lh = n.fontSize * 1.25;
    const y0 = n.labelBelow ? n.y + n.h / 2 + 2 + n.fontSize : n.y - ((lines.length - 1) * lh) / 2 + n.fontSize * 0.36;
    const tspans = lines.map((l, i) => `<tspan x="${n2(n.x)}" y="${n2(y0 + i * lh)}">${esc(l)}</tspan>`).join('');
    parts.push(`<text text-anchor="middle" font-size="${n.fontSize}" font-weight="${n.fontWeight}" fill="${n.color}">${tspans}</text>`);
  }
  return `<g data-id="${esc(n.id)}">${parts.join('')}</g>`;
}

/** The whole export as an SVG document: title, the map, the legend, a footer. */
export function buildSvg(scene: Scene, header: Header, legend: readonly LegendItem[]): string {
  const mapW = scene.bounds.x2 - scene.bounds.x1;
  const mapH = scene.bounds.y2 - scene.bounds.y1;
  const width = Math.max(mapW + 2 * MARGIN, 760);
  const placed = legendLayout(legend, width - 2 * MARGIN);
  const legendRows = placed.length ? placed[placed.length - 1]!.row + 1 : 0;
  const legendTop = HEADER_H + mapH + 2 * MARGIN;
  const height = legendTop + legendRows * LEGEND_ROW_H + 44;
  const dx = (width - mapW) / 2 - scene.bounds.x1;
  const dy = HEADER_H + MARGIN - scene.bounds.y1;

  const edges = scene.edges
    .map((e) => {
      const path = `<path d="${pathOf(e.points)}" fill="none" stroke="${e.color}" stroke-width="${e.width}"${e.dashed ? ' stroke-dasharray="7 4"' : ''}/>`;
      return `<g data-id="${esc(e.id)}">${path}${e.arrow ? arrowHead(e.points, e.color, e.width) : ''}</g>`;
    })
    .join('\n');
  // Bands first, then edges, then the rest: the canvas draws in this order too.
  const bands = scene.nodes.filter((n) => n.id.startsWith('band:'));
  const others = scene.nodes.filter((n) => !n.id.startsWith('band:'));
  const legendSvg = placed
    .map(
      ({ x, row, item }) =>
        `<g transform="translate(${n2(MARGIN + x)},${legendTop + row * LEGEND_ROW_H})">${swatchSvg(item)}<text x="34" y="12.5" font-size="13" fill="${colors.ink}">${esc(item.label)}</text></g>`,
    )
    .join('\n');

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n2(width)}" height="${n2(height)}" viewBox="0 0 ${n2(width)} ${n2(height)}" font-family='${FONT_FAMILY}'>`,
    `<rect width="100%" height="100%" fill="#FFFFFF"/>`,
    `<text x="${MARGIN}" y="36" font-size="22" font-weight="700" fill="${colors.ink}">${esc(header.title)}</text>`,
    `<text x="${MARGIN}" y="60" font-size="13" fill="${colors.muted}">${esc(header.subtitle)}${header.note ? ` · ${esc(header.note)}` : ''}</text>`,
    `<g transform="translate(${n2(dx)},${n2(dy)})">`,
    bands.map(nodeSvg).join('\n'),
    edges,
    others.map(nodeSvg).join('\n'),
    `</g>`,
    legendSvg,
    `<text x="${MARGIN}" y="${n2(height - 14)}" font-size="11" fill="${colors.faint}">${esc(header.footer)}</text>`,
    `</svg>`,
  ].join('\n');
}

// ---------------------------------------------------------------- PNG

function drawSwatch(ctx: CanvasRenderingContext2D, item: LegendItem, x: number, y: number): void {
  ctx.save();
  ctx.translate(x, y);
  switch (item.kind) {
    case 'status':
      ctx.fillStyle = item.fill;
      ctx.strokeStyle = item.stroke;
      ctx.lineWidth = 1.6;
      ctx.setLineDash(item.dashed ? [4, 2] : []);
      ctx.beginPath();
      ctx.roundRect(1, 1, 24, 14, 4);
      ctx.fill();
      ctx.stroke();
      break;
    case 'line':
      ctx.strokeStyle = item.color;
      ctx.lineWidth = item.width;
      ctx.setLineDash(item.dashed ? [5, 3] : []);
      ctx.beginPath();
      ctx.moveTo(1, 8);
      ctx.lineTo(25, 8);
      ctx.stroke();
      break;
    case 'mark': {
      // Reuse the SVG swatch: small and synchronous enough via Path2D is not possible for text, so draw simply.
      ctx.fillStyle = '#CBD2D9';
      if (item.id === 'anchor') {
        ctx.fillStyle = colors.ink;
        ctx.font = `14px ${FONT_FAMILY}`;
        ctx.textAlign = 'center';
        ctx.fillText('★', 13, 13);
      } else if (item.id === 'stub') {
        ctx.fillStyle = colors.stub;
        ctx.strokeStyle = colors.faint;
        ctx.setLineDash([3, 2]);
        ctx.beginPath();
        ctx.roundRect(1, 2, 24, 12, 4);
        ctx.fill();
        ctx.stroke();
      } else if (item.id === 'firm') {
        ctx.fillStyle = colors.firm;
        ctx.beginPath();
        ctx.arc(13, 8, 4.5, 0, Math.PI * 2);
        ctx.fill();
      } else if (item.id === 'changed') {
        ctx.strokeStyle = colors.changed;
        ctx.lineWidth = 3;
        ctx.strokeRect(3, 3, 20, 10);
      } else {
        ctx.fillRect(1, 5, 10, 7);
        ctx.fillRect(13, 1, 12, 14);
      }
    }
  }
  ctx.restore();
}

/** Frames Cytoscape's full-graph PNG with the title above and the legend below; returns a PNG blob. */
export async function composePng(cy: Core, header: Header, legend: readonly LegendItem[], maxSide = 8000): Promise<Blob> {
  const bb = cy.elements().boundingBox({});
  const scale = Math.max(1, Math.min(3, maxSide / Math.max(bb.w, bb.h)));
  const mapBlob = (await cy.png({ output: 'blob-promise', full: true, scale, bg: '#FFFFFF' })) as Blob;
  const img = await createImageBitmap(mapBlob);
  const s = scale;
  const width = Math.max(img.width + 2 * MARGIN * s, 760 * s);
  const placed = legendLayout(legend, width / s - 2 * MARGIN);
  const legendRows = placed.length ? placed[placed.length - 1]!.row + 1 : 0;
  const height = (HEADER_H + MARGIN) * s + img.height + (MARGIN + legendRows * LEGEND_ROW_H + 44) * s;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width);
  canvas.height = Math.round(height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#FFFFFF';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(s, s);
  ctx.fillStyle = colors.ink;
  ctx.font = `700 22px ${FONT_FAMILY}`;
  ctx.fillText(header.title, MARGIN, 36);
  ctx.fillStyle = colors.muted;
  ctx.font = `13px ${FONT_FAMILY}`;
  ctx.fillText(header.subtitle + (header.note ? ` · ${header.note}` : ''), MARGIN, 60);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(img, Math.round((canvas.width - img.width) / 2), Math.round((HEADER_H + MARGIN) * s));
  const legendTop = (HEADER_H + MARGIN) * s + img.height + MARGIN * s;
  ctx.setTransform(s, 0, 0, s, 0, legendTop);
  for (const { x, row, item } of placed) {
    drawSwatch(ctx, item, MARGIN + x, row * LEGEND_ROW_H);
    ctx.fillStyle = colors.ink;
    ctx.font = `13px ${FONT_FAMILY}`;
    ctx.textAlign = 'left';
    ctx.fillText(item.label, MARGIN + x + 34, row * LEGEND_ROW_H + 12.5);
  }
  ctx.fillStyle = colors.faint;
  ctx.font = `11px ${FONT_FAMILY}`;
  ctx.fillText(header.footer, MARGIN, legendRows * LEGEND_ROW_H + 30);
  img.close();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
