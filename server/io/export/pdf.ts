// The printable 产业招引地图: per cluster an A3 landscape page with the chain
// map (segments in stage columns 上游 / 中游 / 下游 and a 支撑 band beneath,
// FEEDS edges, status colours and legend), then the 招引指导目录 table. Drawn
// with pdfkit vector primitives from the catalogue view-model; Chinese text in
// the embedded Noto Sans SC font (fonts.ts).
import { pdfKit } from '../lazyModules.js';
import { actionPalette, linkPalette, statusOrder, statusPalette } from '../../domain/palette.js';
import type { Catalogue, CatalogueRow, ChainMapNode } from './catalogue.js';
import { cjkFont } from './fonts.js';

type Doc = PDFKit.PDFDocument;

const M = 36; // page margin (0.5 in)
const INK = '#102A43';
const MUTED = '#52606D';
const RULE = '#BCCCDC';
const FOOTER = 22;

export interface MapPdfOptions {
  /** Printed in the footer, e.g. "数据版本 42". */
  footerNote?: string;
}

export async function renderMapPdf(catalogues: readonly Catalogue[], opts: MapPdfOptions = {}): Promise<Buffer> {
  if (catalogues.length === 0) throw new Error('renderMapPdf: no catalogue');
  const first = catalogues[0]!;
  const PDFDocument = pdfKit();
  const doc = new PDFDocument({
    size: 'A3',
    layout: 'landscape',
    margin: M,
    autoFirstPage: false,
    bufferPages: true,
    info: {
      Title: catalogues.length === 1 ? first.titleZh : `产业招引地图(${catalogues.length}个产业集群)`,
      Author: 'Chain Atlas 产业链图谱',
      Subject: `${first.homeRegion.nameZh} ${first.generatedOn}`,
      CreationDate: new Date(`${first.generatedOn}T00:00:00Z`),
    },
  });
  doc.registerFont('zh', cjkFont('regular'));
  doc.registerFont('zh-bold', cjkFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const pageTitles: string[] = [];
  const addPage = (title: string) => {
    doc.addPage();
    pageTitles.push(title);
  };
  if (catalogues.length > 1) {
    addPage('产业招引地图');
    coverPage(doc, catalogues);
  }
  for (const c of catalogues) {
    addPage(c.titleZh);
    mapPage(doc, c);
    cataloguePages(doc, c, () => addPage(c.titleZh));
  }
  footers(doc, pageTitles, opts.footerNote);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

// ------------------------------------------------------------ cover (all clusters)

function coverPage(doc: Doc, catalogues: readonly Catalogue[]): void {
  const c0 = catalogues[0]!;
  const W = doc.page.width;
  doc.font('zh-bold').fontSize(30).fillColor(INK).text(`${c0.homeRegion.nameZh}产业招引地图`, M, M + 40, { width: W - 2 * M, align: 'center' });
  doc.font('zh').fontSize(14).fillColor(MUTED).text(`Investment attraction maps of ${catalogues.length} industry clusters · ${c0.homeRegion.nameEn}`, { width: W - 2 * M, align: 'center' });
  doc.text(`生成日期 Date: ${c0.generatedOn}`, { width: W - 2 * M, align: 'center' });

  const cols = [
    { title: '产业集群 Cluster', w: 300 },
    ...statusOrder.map((s) => ({ title: `${statusPalette[s].labelZh} ${statusPalette[s].labelEn}`, w: 90 })),
    { title: '首要招引方向 Top action', w: 458 },
  ];
  const tableW = cols.reduce((a, c) => a + c.w, 0);
  let x0 = (W - tableW) / 2;
  let y = M + 160;
  doc.rect(x0, y, tableW, 26).fill(INK);
  let x = x0;
  for (const col of cols) {
    doc.font('zh-bold').fontSize(11).fillColor('#FFFFFF').text(col.title, x + 6, y + 7, { width: col.w - 12, lineBreak: false });
    x += col.w;
  }
  y += 26;
  catalogues.forEach((c, i) => {
    const top = c.rows.filter((r) => r.action).sort((a, b) => a.action!.rank - b.action!.rank)[0];
    const cells = [
      c.clusterNameEn === c.clusterNameZh ? c.clusterNameZh : `${c.clusterNameZh}  ${c.clusterNameEn}`,
      ...statusOrder.map((s) => String(c.counts[s])),
      top ? `${top.action!.labelZh}:${top.nameZh}(优先级 ${top.action!.priority})` : '—',
    ];
    if (i % 2 === 1) doc.rect(x0, y, tableW, 24).fill('#F0F4F8');
    x = x0;
    cells.forEach((text, j) => {
      doc.font('zh').fontSize(11).fillColor(INK).text(text, x + 6, y + 6, { width: cols[j]!.w - 12, lineBreak: false, ellipsis: true });
      x += cols[j]!.w;
    });
    y += 24;
  });
  doc.moveTo(x0, y).lineTo(x0 + tableW, y).lineWidth(0.5).strokeColor(RULE).stroke();
  x0 = 0;
}

// ------------------------------------------------------------ the chain map page

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  band: boolean;
}

function mapPage(doc: Doc, c: Catalogue): void {
  const W = doc.page.width;
  const H = doc.page.height;
  doc.font('zh-bold').fontSize(26).fillColor(INK).text(c.titleZh, M, M, { lineBreak: false });
  doc.font('zh').fontSize(12).fillColor(MUTED).text(c.titleEn, M, M + 36, { lineBreak: false });
  const summary = statusOrder.map((s) => `${statusPalette[s].labelZh} ${c.counts[s]}`).join('  ·  ');
  doc.text(`本地区域 Home region: ${c.homeRegion.nameZh}    生成日期 Date: ${c.generatedOn}    环节现状: ${summary}${c.noLocalBase ? '    本地尚无基础,需造链' : ''}`, M, M + 54, {
    lineBreak: false,
  });
  legend(doc, W - M - 490, M);

  const top = M + 84;
  const bottom = H - M - FOOTER;
  const main = c.map.nodes.filter((n) => n.column < 3);
  const support = c.map.nodes.filter((n) => n.column === 3);
  const perRow = 6;
  const bandRows = Math.ceil(support.length / perRow);
  const bandH = support.length ? 34 + bandRows * 62 : 0;
  const mainTop = top;
  const mainBottom = bottom - (bandH ? bandH + 14 : 0);
  const colW = (W - 2 * M) / 3;
  const boxes = new Map<string, Box>();

  // Stage columns with their headers.
  c.map.stages.slice(0, 3).forEach((s, i) => {
    const x = M + i * colW;
    doc.rect(x + 4, mainTop, colW - 8, mainBottom - mainTop).fill(i % 2 === 0 ? '#F5F7FA' : '#EEF2F6');
    doc.font('zh-bold').fontSize(14).fillColor(INK).text(`${s.zh}  `, x + 14, mainTop + 8, { continued: true, lineBreak: false });
    doc.font('zh').fontSize(10).fillColor(MUTED).text(s.en, { lineBreak: false });
  });
  const rowsTop = mainTop + 32;
  for (let col = 0; col < 3; col++) {
    const nodes = main.filter((n) => n.column === col).sort((a, b) => a.order - b.order);
    const slot = (mainBottom - rowsTop - 8) / Math.max(nodes.length, 1);
    const h = Math.min(64, slot - 10);
    const w = Math.min(250, colW - 90);
    nodes.forEach((n, i) => {
      boxes.set(n.segmentId, { x: M + col * colW + (colW - w) / 2, y: rowsTop + i * slot + (slot - h) / 2, w, h, band: false });
    });
  }
  if (support.length) {
    const bandTop = bottom - bandH;
    doc.rect(M + 4, bandTop, W - 2 * M - 8, bandH).fill('#F0EDF6');
    const s = c.map.stages[3]!;
    doc.font('zh-bold').fontSize(14).fillColor(INK).text(`${s.zh}  `, M + 14, bandTop + 8, { continued: true, lineBreak: false });
    doc.font('zh').fontSize(10).fillColor(MUTED).text(`${s.en}(设备、材料、服务)`, { lineBreak: false });
    const sorted = [...support].sort((a, b) => a.order - b.order);
    const slotW = (W - 2 * M - 40) / Math.min(perRow, sorted.length);
    const w = Math.min(220, slotW - 24);
    sorted.forEach((n, i) => {
      const row = Math.floor(i / perRow);
      const col = i % perRow;
      boxes.set(n.segmentId, { x: M + 20 + col * slotW + (slotW - w) / 2, y: bandTop + 32 + row * 62, w, h: 50, band: true });
    });
  }

  for (const e of c.map.edges) {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    if (a && b) edge(doc, a, b, e.weakLink, e.weight);
  }
  const ranks = new Map(c.rows.filter((r) => r.action).map((r) => [r.segmentId, r.action!.rank]));
  for (const n of c.map.nodes) {
    const b = boxes.get(n.segmentId);
    if (b) node(doc, n, b, ranks.get(n.segmentId));
  }
}

function legend(doc: Doc, x: number, y: number): void {
  doc.font('zh-bold').fontSize(10).fillColor(INK).text('图例 Legend', x, y, { lineBreak: false });
  let cx = x;
  const row1 = y + 18;
  for (const s of statusOrder) {
    const st = statusPalette[s];
    swatch(doc, cx, row1, 26, 14, st.fill, st.stroke, st.dashed);
    doc.font('zh').fontSize(10).fillColor(INK).text(`${st.labelZh} ${st.labelEn}`, cx + 31, row1 + 1, { lineBreak: false });
    cx += 112;
  }
  const row2 = y + 40;
  const wl = linkPalette.weakLink;
  doc.save().moveTo(x, row2 + 7).lineTo(x + 26, row2 + 7).lineWidth(wl.width).dash(5, { space: 3 }).strokeColor(wl.color).stroke().restore();
  doc.font('zh').fontSize(10).fillColor(INK).text(`${wl.labelZh}`, x + 31, row2 + 1, { lineBreak: false });
  cx = x + 140;
  for (const kind of ['FILL', 'STRENGTHEN', 'EXTEND', 'CREATE'] as const) {
    const a = actionPalette[kind];
    doc.roundedRect(cx, row2, 30, 15, 3).fill(a.color);
    doc.font('zh-bold').fontSize(8.5).fillColor('#FFFFFF').text(a.labelZh, cx, row2 + 2.5, { width: 30, align: 'center', lineBreak: false });
    doc.font('zh').fontSize(9).fillColor(INK).text(a.labelEn, cx + 34, row2 + 2, { lineBreak: false });
    cx += 34 + doc.widthOfString(a.labelEn) + 14;
  }
}

function swatch(doc: Doc, x: number, y: number, w: number, h: number, fill: string, stroke: string, dashed: boolean): void {
  doc.save();
  doc.roundedRect(x, y, w, h, 3).fillColor(fill).fill();
  doc.roundedRect(x, y, w, h, 3).lineWidth(1.2).strokeColor(stroke);
  if (dashed) doc.dash(3, { space: 2 });
  doc.stroke();
  doc.restore();
}

function node(doc: Doc, n: ChainMapNode, b: Box, rank: number | undefined): void {
  const st = statusPalette[n.status];
  doc.save();
  doc.roundedRect(b.x, b.y, b.w, b.h, 6).fillColor(st.fill).fill();
  doc.roundedRect(b.x, b.y, b.w, b.h, 6).lineWidth(st.dashed ? 1.6 : 1).strokeColor(st.stroke);
  if (st.dashed) doc.dash(4, { space: 3 });
  doc.stroke();
  doc.restore();
  // The largest size (13 → 9 pt) at which the name fits on one line, else two lines.
  let size = 13;
  doc.font('zh-bold');
  while (size > 9 && doc.fontSize(size).widthOfString(n.nameZh) > b.w - 12) size -= 0.5;
  const nameH = Math.min(doc.heightOfString(n.nameZh, { width: b.w - 12 }), size * 2.6);
  const detail = `本地 ${n.localFirmCount} 家 · ${st.labelZh}`;
  const total = nameH + 13;
  const ty = b.y + Math.max(3, (b.h - total) / 2);
  doc.fillColor(st.text).text(n.nameZh, b.x + 6, ty, { width: b.w - 12, align: 'center', height: size * 2.6, ellipsis: true });
  doc.font('zh').fontSize(8.5).fillColor(st.text).text(detail, b.x + 6, ty + nameH + 1, { width: b.w - 12, align: 'center', lineBreak: false });
  if (n.action) {
    const a = actionPalette[n.action];
    const label = `${a.labelZh}${rank ? ` #${rank}` : ''}`;
    const w = 50;
    doc.roundedRect(b.x + b.w - w + 6, b.y - 8, w, 16, 4).fill(a.color);
    doc.font('zh-bold').fontSize(8.5).fillColor('#FFFFFF').text(label, b.x + b.w - w + 6, b.y - 5.5, { width: w, align: 'center', lineBreak: false });
  }
}

function edge(doc: Doc, a: Box, b: Box, weak: boolean, weight: number): void {
  let p0: [number, number];
  let p3: [number, number];
  let c1: [number, number];
  let c2: [number, number];
  if (a.band && !b.band) {
    p0 = [a.x + a.w / 2, a.y];
    p3 = [b.x + b.w / 2, b.y + b.h];
    c1 = [p0[0], p0[1] - 60];
    c2 = [p3[0], p3[1] + 60];
  } else if (!a.band && b.band) {
    p0 = [a.x + a.w / 2, a.y + a.h];
    p3 = [b.x + b.w / 2, b.y];
    c1 = [p0[0], p0[1] + 60];
    c2 = [p3[0], p3[1] - 60];
  } else if (a.band && b.band) {
    p0 = [a.x + a.w / 2, a.y];
    p3 = [b.x + b.w / 2, b.y];
    c1 = [p0[0], p0[1] - 24];
    c2 = [p3[0], p3[1] - 24];
  } else if (a.x + a.w < b.x) {
    p0 = [a.x + a.w, a.y + a.h / 2];
    p3 = [b.x, b.y + b.h / 2];
    const dx = (p3[0] - p0[0]) / 2;
    c1 = [p0[0] + dx, p0[1]];
    c2 = [p3[0] - dx, p3[1]];
  } else if (Math.abs(a.x - b.x) < 1) {
    // Same column: loop out to the right.
    p0 = [a.x + a.w, a.y + a.h / 2];
    p3 = [b.x + b.w, b.y + b.h / 2];
    c1 = [p0[0] + 40, p0[1]];
    c2 = [p3[0] + 40, p3[1]];
  } else {
    // Against the flow (downstream feeding upstream): over the top.
    p0 = [a.x + a.w / 2, a.y];
    p3 = [b.x + b.w / 2, b.y];
    c1 = [p0[0], p0[1] - 50];
    c2 = [p3[0], p3[1] - 50];
  }
  const style = weak ? linkPalette.weakLink : linkPalette.feed;
  const width = weak ? style.width : style.width * (0.6 + 0.8 * weight);
  doc.save();
  doc.moveTo(...p0).bezierCurveTo(...c1, ...c2, ...p3).lineWidth(width).strokeColor(style.color);
  if (weak) doc.dash(6, { space: 4 });
  doc.stroke();
  doc.restore();
  // Arrowhead along the last tangent.
  const angle = Math.atan2(p3[1] - c2[1], p3[0] - c2[0]);
  const len = 8;
  const spread = Math.PI / 7;
  doc
    .save()
    .moveTo(...p3)
    .lineTo(p3[0] - len * Math.cos(angle - spread), p3[1] - len * Math.sin(angle - spread))
    .lineTo(p3[0] - len * Math.cos(angle + spread), p3[1] - len * Math.sin(angle + spread))
    .closePath()
    .fillColor(style.color)
    .fill()
    .restore();
}

// ------------------------------------------------------------ the 招引指导目录 table

interface Column {
  titleZh: string;
  titleEn: string;
  w: number;
  cell: (r: CatalogueRow) => { text: string; sub?: string; bold?: boolean; color?: string };
}

const KEY_ACTION_REASONS = new Set(['DOWNSTREAM_REACH', 'ANCHOR_DEPENDENCE', 'BOTTLENECK', 'WEAK_LINK']);

/**
 * Reasons printed in the table: the segment's own, then the action's dependence reasons (the
 * lead reason of 补链 / 强链 restates the status; that of 延链 / 造链 says why, so it stays).
 */
export function printedReasons(r: CatalogueRow): string[] {
  const lead = r.action && (r.action.kind === 'EXTEND' || r.action.kind === 'CREATE') ? r.action.reasons.slice(0, 1) : [];
  const key = r.action?.reasons.slice(1).filter((x) => KEY_ACTION_REASONS.has(x.code)) ?? [];
  return [...r.reasons.map((x) => x.zh), ...lead.map((x) => x.zh), ...key.map((x) => x.zh)];
}

const columns: Column[] = [
  { titleZh: '序', titleEn: '#', w: 30, cell: (r) => ({ text: r.action ? String(r.action.rank) : '' }) },
  { titleZh: '环节', titleEn: 'Segment', w: 128, cell: (r) => ({ text: r.nameZh, sub: r.nameEn, bold: true }) },
  { titleZh: '阶段', titleEn: 'Stage', w: 44, cell: (r) => ({ text: r.stageZh, sub: r.adjacent ? '相邻集群' : undefined }) },
  {
    titleZh: '现状',
    titleEn: 'Status',
    w: 66,
    cell: (r) => ({ text: r.statusZh, sub: `本地 ${r.localFirmCount} 家\n区外 ${r.outsideFirmCount} 家`, bold: true, color: statusPalette[r.status].stroke }),
  },
  { titleZh: '本地企业', titleEn: 'Local firms', w: 140, cell: (r) => ({ text: r.localFirmsZh.join('\n') || '—' }) },
  { titleZh: '原因', titleEn: 'Reasons', w: 318, cell: (r) => ({ text: printedReasons(r).map((x) => `• ${x}`).join('\n') }) },
  {
    titleZh: '招引方向',
    titleEn: 'Priority action',
    w: 70,
    cell: (r) => (r.action ? { text: r.action.labelZh, sub: `优先级 ${r.action.priority}`, bold: true, color: actionPalette[r.action.kind].color } : { text: '—' }),
  },
  {
    titleZh: '推荐招引对象(地区 · 得分)',
    titleEn: 'Recommended targets (region · score)',
    w: 322.55,
    cell: (r) => ({
      text: !r.action
        ? '—'
        : r.targets.length
          ? r.targets.map((t, i) => `${i + 1}. ${t.nameZh}(${t.regionZh} · ${t.score}分)${t.reasonsZh.length ? `\n    ${t.reasonsZh.join(';')}` : ''}`).join('\n')
          : '库中暂无区外候选企业',
    }),
  },
];

const PAD = 5;
const FS = 9;

function cellHeight(doc: Doc, col: Column, r: CatalogueRow): number {
  const c = col.cell(r);
  doc.font(c.bold ? 'zh-bold' : 'zh').fontSize(FS);
  let h = doc.heightOfString(c.text, { width: col.w - 2 * PAD });
  if (c.sub) h += doc.font('zh').fontSize(FS - 1.5).heightOfString(c.sub, { width: col.w - 2 * PAD }) + 1;
  return h;
}

function tableHeader(doc: Doc, y: number): number {
  const W = doc.page.width;
  doc.rect(M, y, W - 2 * M, 30).fill(INK);
  let x = M;
  for (const col of columns) {
    doc.font('zh-bold').fontSize(9.5).fillColor('#FFFFFF').text(col.titleZh, x + PAD, y + 4, { width: col.w - 2 * PAD, lineBreak: false, ellipsis: true });
    doc.font('zh').fontSize(7.5).fillColor('#D9E2EC').text(col.titleEn, x + PAD, y + 17, { width: col.w - 2 * PAD, lineBreak: false, ellipsis: true });
    x += col.w;
  }
  return y + 30;
}

function cataloguePages(doc: Doc, c: Catalogue, newPage: () => void): void {
  newPage();
  const W = doc.page.width;
  const bottom = doc.page.height - M - FOOTER;
  doc.font('zh-bold').fontSize(18).fillColor(INK).text(`${c.clusterNameZh} · 招引指导目录`, M, M, { lineBreak: false });
  doc.font('zh').fontSize(10).fillColor(MUTED).text(`${c.clusterNameEn}: investment attraction catalogue — ${c.homeRegion.nameZh} · ${c.generatedOn}`, M, M + 24, { lineBreak: false });
  let y = tableHeader(doc, M + 44);
  let shaded = false;
  let inAdjacent = false;
  for (const r of c.rows) {
    if (r.adjacent && !inAdjacent) {
      inAdjacent = true;
      if (y + 60 > bottom) {
        newPage();
        y = tableHeader(doc, M);
      }
      doc.font('zh-bold').fontSize(10).fillColor(INK).text('延链方向:相邻产业集群中本地尚无的环节  Extension: adjacent segments of other clusters', M + PAD, y + 6, { lineBreak: false });
      y += 22;
    }
    const h = Math.max(...columns.map((col) => cellHeight(doc, col, r))) + 2 * PAD;
    if (y + h > bottom) {
      newPage();
      y = tableHeader(doc, M);
    }
    if (shaded) doc.rect(M, y, W - 2 * M, h).fill('#F5F7FA');
    shaded = !shaded;
    let x = M;
    for (const col of columns) {
      const cell = col.cell(r);
      doc.font(cell.bold ? 'zh-bold' : 'zh').fontSize(FS).fillColor(cell.color ?? INK);
      doc.text(cell.text, x + PAD, y + PAD, { width: col.w - 2 * PAD });
      if (cell.sub) doc.font('zh').fontSize(FS - 1.5).fillColor(MUTED).text(cell.sub, x + PAD, doc.y + 1, { width: col.w - 2 * PAD });
      x += col.w;
    }
    // A status chip in the status column's left edge, so colour and label travel together.
    const statusX = M + columns.slice(0, 3).reduce((a, col) => a + col.w, 0);
    const st = statusPalette[r.status];
    doc.save().rect(statusX, y + 3, 3, h - 6).fill(st.dashed ? st.stroke : st.fill).restore();
    y += h;
    doc.moveTo(M, y).lineTo(W - M, y).lineWidth(0.4).strokeColor(RULE).stroke();
  }
}

// ------------------------------------------------------------ footers

function footers(doc: Doc, titles: string[], note: string | undefined): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const W = doc.page.width;
    const H = doc.page.height;
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const y = H - M - 12;
    doc.moveTo(M, y - 6).lineTo(W - M, y - 6).lineWidth(0.4).strokeColor(RULE).stroke();
    const left = `Chain Atlas 产业链图谱 · ${titles[i - range.start] ?? ''}${note ? ` · ${note}` : ''}`;
    doc.font('zh').fontSize(8).fillColor(MUTED).text(left, M, y, { lineBreak: false });
    const right = `第 ${i - range.start + 1} / ${range.count} 页`;
    doc.text(right, W - M - 200, y, { width: 200, align: 'right', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
}
