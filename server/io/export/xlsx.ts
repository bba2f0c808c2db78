// The 招引指导目录 as a workbook: a summary sheet over the clusters, then one
// sheet per cluster with one row per segment (status, reasons, priority
// action, top targets with region and score). Row 1 of every sheet is a plain
// header so the sheets filter, sort and re-read cleanly.
import type ExcelJS from 'exceljs';
import { excelJS } from '../lazyModules.js';
import { actionPalette, statusOrder, statusPalette } from '../../domain/palette.js';
import type { Catalogue, CatalogueRow } from './catalogue.js';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** Excel sheet names: ≤ 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function headerStyle(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb('#102A43') } };
  });
  row.height = 30;
}

export const catalogueSheetColumns = [
  { header: '序号 Rank', key: 'rank', width: 8 },
  { header: '环节编号 Segment id', key: 'segmentId', width: 18 },
  { header: '环节', key: 'nameZh', width: 18 },
  { header: 'Segment', key: 'nameEn', width: 22 },
  { header: '阶段 Stage', key: 'stage', width: 10 },
  { header: '现状', key: 'statusZh', width: 8 },
  { header: 'Status', key: 'statusEn', width: 10 },
  { header: '本地企业数 Local firms', key: 'local', width: 10 },
  { header: '区外企业数 Outside firms', key: 'outside', width: 10 },
  { header: '本地企业', key: 'localFirms', width: 28 },
  { header: '原因', key: 'reasonsZh', width: 50 },
  { header: 'Reasons', key: 'reasonsEn', width: 50 },
  { header: '招引方向 Action', key: 'action', width: 12 },
  { header: '优先级 Priority', key: 'priority', width: 10 },
  { header: '招引依据', key: 'actionReasonsZh', width: 60 },
] as const;

function rowValues(r: CatalogueRow): Record<string, string | number | null> {
  return {
    rank: r.action?.rank ?? null,
    segmentId: r.segmentId,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    stage: `${r.stageZh}${r.adjacent ? '(相邻集群)' : ''}`,
    statusZh: r.statusZh,
    statusEn: r.statusEn,
    local: r.localFirmCount,
    outside: r.outsideFirmCount,
    localFirms: r.localFirmsZh.join('\n'),
    reasonsZh: r.reasons.map((x) => x.zh).join('\n'),
    reasonsEn: r.reasons.map((x) => x.en).join('\n'),
    action: r.action ? `${r.action.labelZh} ${r.action.labelEn}` : null,
    priority: r.action?.priority ?? null,
    actionReasonsZh: r.action ? r.action.reasons.map((x) => x.zh).join('\n') : null,
  };
}

export async function renderCatalogueXlsx(catalogues: readonly Catalogue[]): Promise<Buffer> {
  const wb = new (excelJS().Workbook)();
  wb.creator = 'Chain Atlas 产业链图谱';
  const first = catalogues[0];
  if (first) wb.created = new Date(`${first.generatedOn}T00:00:00Z`);
  const taken = new Set<string>();

  // ---- summary
  const summary = wb.addWorksheet(sheetName('汇总 Summary', taken), { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.columns = [
    { header: '产业集群', key: 'nameZh', width: 16 },
    { header: 'Cluster', key: 'nameEn', width: 26 },
    { header: '集群编号 Cluster id', key: 'id', width: 14 },
    ...statusOrder.map((s) => ({ header: `${statusPalette[s].labelZh} ${statusPalette[s].labelEn}`, key: s, width: 11 })),
    ...(['FILL', 'STRENGTHEN', 'EXTEND', 'CREATE'] as const).map((k) => ({ header: `${actionPalette[k].labelZh} ${actionPalette[k].labelEn}`, key: k, width: 11 })),
    { header: '首要招引方向 Top action', key: 'top', width: 36 },
    { header: '优先级 Priority', key: 'topPriority', width: 10 },
    { header: '本地区域 Home region', key: 'home', width: 18 },
    { header: '生成日期 Date', key: 'date', width: 12 },
  ];
  headerStyle(summary.getRow(1));
  for (const c of catalogues) {
    const acts = c.rows.filter((r) => r.action);
    const top = [...acts].sort((a, b) => a.action!.rank - b.action!.rank)[0];
    summary.addRow({
      nameZh: c.clusterNameZh,
      nameEn: c.clusterNameEn,
      id: c.clusterId,
      ...c.counts,
      FILL: acts.filter((r) => r.action!.kind === 'FILL').length,
      STRENGTHEN: acts.filter((r) => r.action!.kind === 'STRENGTHEN').length,
      EXTEND: acts.filter((r) => r.action!.kind === 'EXTEND').length,
      CREATE: acts.filter((r) => r.action!.kind === 'CREATE').length,
      top: top ? `${top.action!.labelZh}:${top.nameZh}` : '',
      topPriority: top?.action!.priority ?? null,
      home: c.homeRegion.nameZh,
      date: c.generatedOn,
    });
  }
  summary.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: summary.columnCount } };

  // ---- one sheet per cluster
  for (const c of catalogues) {
    const topN = Math.max(3, ...c.rows.map((r) => r.targets.length));
    const ws = wb.addWorksheet(sheetName(c.clusterNameZh, taken), { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
    ws.columns = [
      ...catalogueSheetColumns.map((col) => ({ ...col })),
      ...Array.from({ length: topN }, (_, i) => [
        { header: `目标企业${i + 1} Target ${i + 1}`, key: `t${i}`, width: 28 },
        { header: `地区${i + 1} Region ${i + 1}`, key: `t${i}r`, width: 16 },
        { header: `得分${i + 1} Score ${i + 1}`, key: `t${i}s`, width: 9 },
      ]).flat(),
    ];
    headerStyle(ws.getRow(1));
    for (const r of c.rows) {
      const values: Record<string, string | number | null> = rowValues(r);
      r.targets.forEach((t, i) => {
        values[`t${i}`] = t.nameZh;
        values[`t${i}r`] = t.regionZh;
        values[`t${i}s`] = t.score;
      });
      const row = ws.addRow(values);
      row.alignment = { vertical: 'top', wrapText: true };
      const st = statusPalette[r.status];
      for (const key of ['statusZh', 'statusEn'] as const) {
        const cell = row.getCell(key);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(st.fill) } };
        cell.font = { bold: true, color: { argb: argb(st.dashed ? st.stroke : st.text) } };
        if (st.dashed) cell.border = { top: { style: 'dashed', color: { argb: argb(st.stroke) } }, bottom: { style: 'dashed', color: { argb: argb(st.stroke) } }, left: { style: 'dashed', color: { argb: argb(st.stroke) } }, right: { style: 'dashed', color: { argb: argb(st.stroke) } } };
      }
      if (r.action) row.getCell('action').font = { bold: true, color: { argb: argb(actionPalette[r.action.kind].color) } };
    }
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columnCount } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
