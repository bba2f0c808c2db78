// Export composition: legend lines for what is on the map, text wrapping, and
// the SVG document (title, every node and edge, weak links dashed, legend).
import { describe, expect, it } from 'vitest';
import { legendItems } from '../../web/src/map/legend.js';
import { buildSvg, legendLayout, linesAsDrawn, textWidth, wrapText, type Scene } from '../../web/src/map/exportImage.js';
import { statusPalette } from '../../server/domain/palette.js';

const flags = { weakLinks: true, anchors: true, stubs: true, firms: false, changed: false };

describe('legend composition', () => {
  it('lists the four statuses, flows, weak links, anchors, stubs and size', () => {
    const items = legendItems('zh', flags);
    expect(items.filter((i) => i.kind === 'status').map((i) => i.label)).toEqual(['优势', '潜力', '薄弱', '空白']);
    const ids = items.map((i) => (i.kind === 'status' ? i.status : i.id));
    expect(ids).toEqual(['STRONG', 'POTENTIAL', 'WEAK', 'MISSING', 'feed', 'weakLink', 'anchor', 'stub', 'size']);
    const missing = items.find((i) => i.kind === 'status' && i.status === 'MISSING');
    expect(missing).toMatchObject({ fill: statusPalette.MISSING.fill, stroke: statusPalette.MISSING.stroke, dashed: true });
  });

  it('leaves out what the map does not show, and speaks the page language', () => {
    const items = legendItems('en', { ...flags, weakLinks: false, anchors: false, stubs: false, firms: true, changed: true, statuses: new Set(['MISSING', 'STRONG'] as const) });
    const ids = items.map((i) => (i.kind === 'status' ? i.status : i.id));
    expect(ids).toEqual(['STRONG', 'MISSING', 'feed', 'firm', 'changed', 'size']);
    expect(items[0]!.label).toBe('Strong');
  });

  it('lays the legend out in rows that fit the width', () => {
    const items = legendItems('zh', flags);
    const one = legendLayout(items, 5000);
    expect(new Set(one.map((p) => p.row))).toEqual(new Set([0]));
    const narrow = legendLayout(items, 300);
    expect(Math.max(...narrow.map((p) => p.row))).toBeGreaterThan(1);
    for (const p of narrow) expect(p.x).toBeLessThan(300);
  });
});

describe('text wrapping', () => {
  it('breaks CJK anywhere and Latin at spaces, keeping explicit newlines', () => {
    expect(textWidth('晶圆', 10)).toBe(20);
    expect(wrapText('先进封装晶圆级三维封装', 60, 12)).toEqual(['先进封装晶', '圆级三维封', '装']);
    expect(wrapText('Advanced packaging and test', 80, 12)).toEqual(['Advanced', 'packaging', 'and test']);
    expect(wrapText('→ 集群Y\n环节', 200, 12)).toEqual(['→ 集群Y', '环节']);
    // The screen's own wrap (Cytoscape's cached lines) is kept when it is this label's; a stale one is not.
    expect(linesAsDrawn('体外诊断(IVD)试剂与仪器', ['体\u200b外\u200b诊\u200b断\u200b(\u200bI\u200bV\u200bD\u200b)\u200b', '试\u200b剂\u200b与\u200b仪\u200b器'])).toBe('体外诊断(IVD)\n试剂与仪器');
    expect(linesAsDrawn('Medical imaging & therapeutic equipment', ['Medical imaging & ', 'therapeutic equipment'])).toBe('Medical imaging &\ntherapeutic equipment');
    expect(linesAsDrawn('Medical devices', ['医疗器械'])).toBeNull();
    expect(linesAsDrawn('医疗器械', undefined)).toBeNull();
    expect(wrapText('Medical imaging &\ntherapeutic equipment', Infinity, 12)).toEqual(['Medical imaging &', 'therapeutic equipment']);
  });
});

describe('SVG export', () => {
  const scene: Scene = {
    bounds: { x1: 0, y1: 0, x2: 400, y2: 200 },
    nodes: [
      { id: 'band:UPSTREAM', shape: 'box', x: 100, y: 100, w: 180, h: 180, fill: '#F3F6F9', fillOpacity: 1, stroke: '#000', strokeWidth: 0, dashed: false, label: '', labelMaxWidth: 100, fontSize: 12, fontWeight: 400, color: '#000', labelBelow: false, ring: null },
      { id: 'a', shape: 'box', x: 100, y: 100, w: 120, h: 44, fill: '#009E73', fillOpacity: 1, stroke: '#00664A', strokeWidth: 1.5, dashed: false, label: '★ 晶圆制造', labelMaxWidth: 110, fontSize: 14, fontWeight: 600, color: '#fff', labelBelow: false, ring: null },
      { id: 'b', shape: 'box', x: 300, y: 100, w: 120, h: 44, fill: '#FFFFFF', fillOpacity: 1, stroke: '#D55E00', strokeWidth: 2.2, dashed: true, label: 'A & B <test>', labelMaxWidth: 110, fontSize: 14, fontWeight: 600, color: '#B34700', labelBelow: false, ring: '#0072B2' },
    ],
    edges: [
      { id: 'feeds:b>a', points: [{ x: 240, y: 100 }, { x: 160, y: 100 }], color: '#CC79A7', width: 3, dashed: true, arrow: true },
      { id: 'feeds:a>b', points: [{ x: 160, y: 90 }, { x: 200, y: 70 }, { x: 240, y: 90 }], color: '#9AA5B1', width: 1.4, dashed: false, arrow: true },
    ],
  };
  const svg = buildSvg(scene, { title: '集成电路产业链图谱', subtitle: '本地区域:新吴区', note: '招引模拟', footer: 'Chain Atlas' }, legendItems('zh', flags));

  it('is one well-formed SVG document with title, subtitle and footer', () => {
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg.match(/<svg /g)).toHaveLength(1);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('集成电路产业链图谱');
    expect(svg).toContain('本地区域:新吴区 · 招引模拟');
    expect(svg).toContain('Chain Atlas');
    expect(svg).toContain('A &amp; B &lt;test&gt;');
  });

  it('draws every node and edge, missing dashed, weak links dashed, the what-if ring', () => {
    for (const id of ['a', 'b', 'band:UPSTREAM', 'feeds:b&gt;a', 'feeds:a&gt;b']) expect(svg).toContain(`data-id="${id}"`);
    const b = svg.slice(svg.indexOf('data-id="b"'));
    expect(b.slice(0, b.indexOf('</g>'))).toMatch(/stroke="#D55E00"[^>]*stroke-dasharray/);
    expect(b.slice(0, b.indexOf('</g>'))).toContain('stroke="#0072B2"');
    const weak = svg.slice(svg.indexOf('data-id="feeds:b&gt;a"'));
    expect(weak.slice(0, weak.indexOf('</g>'))).toMatch(/stroke="#CC79A7" stroke-width="3" stroke-dasharray/);
    expect(svg).toContain(' Q'); // curved edge through its control point
    expect(svg.indexOf('data-id="band:UPSTREAM"')).toBeLessThan(svg.indexOf('data-id="feeds:b&gt;a"'));
    expect(svg.indexOf('data-id="feeds:b&gt;a"')).toBeLessThan(svg.indexOf('data-id="a"'));
  });

  it('carries the legend', () => {
    for (const label of ['优势', '潜力', '薄弱', '空白', '断点(薄弱供给)', '链主所在环节']) expect(svg).toContain(`>${label}</text>`);
  });
});
