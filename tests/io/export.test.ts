// The 产业招引地图 export: the catalogue view-model (hand-worked from the
// fixture graph, tests/fixtures/seeds), the PDF (text extracted with
// pdftotext, page 1 rendered with pdftoppm and checked non-blank) and the
// XLSX (re-read with exceljs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../server/io/export/catalogue.js';
import { exportMap } from '../../server/io/export/exportMap.js';
import { loadCatalogue } from '../../server/io/export/loadCatalogue.js';
import { statusPalette } from '../../server/domain/palette.js';
import type { EmbeddedStore } from '../../server/store/embedded/index.js';
import { openFixtureStore } from './helpers.js';

const HOME = 'cn-js-wx-xinwu';
const now = new Date('2024-05-01T08:00:00Z');
let store: EmbeddedStore;
let cleanup: () => Promise<void>;
let ic: Catalogue;
const tmp = mkdtempSync(join(tmpdir(), 'atlas-export-'));

beforeAll(async () => {
  ({ store, cleanup } = await openFixtureStore());
  ic = await loadCatalogue(store, 'ic', { homeRegionId: HOME, now });
});
afterAll(async () => {
  await cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

describe('catalogue view-model (fixture graph, home 新吴区)', () => {
  it('title, date, home region and status counts', () => {
    expect(ic.titleZh).toBe('集成电路产业招引地图');
    expect(ic.generatedOn).toBe('2024-05-01');
    expect(ic.homeRegion).toEqual({ id: HOME, nameZh: '无锡市新吴区', nameEn: 'Xinwu District, Wuxi' });
    // Local firms in 新吴区: wx-chip-design (design), wx-fab (fab + packaging); none in equipment.
    // Each of design / fab / packaging has exactly one local firm → WEAK (single point of failure); equipment → MISSING.
    expect(ic.counts).toEqual({ STRONG: 0, POTENTIAL: 0, WEAK: 3, MISSING: 1 });
  });

  it('chain map: one node per segment in its stage column, the three FEEDS edges inside the cluster', () => {
    expect(ic.map.nodes.map((n) => [n.segmentId, n.column, n.status])).toEqual([
      ['ic.design', 0, 'WEAK'],
      ['ic.fab', 1, 'WEAK'],
      ['ic.packaging', 2, 'WEAK'],
      ['ic.equipment', 3, 'MISSING'],
    ]);
    // ic.packaging → iot.module leaves the cluster: not on this map.
    expect(ic.map.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['ic.design>ic.fab', 'ic.equipment>ic.fab', 'ic.fab>ic.packaging']);
  });

  it('rows by stage; every action ranked; 补链 / 强链 labels; targets from outside the home region', () => {
    expect(ic.rows.map((r) => [r.segmentId, r.stageZh, r.statusZh, r.action?.labelZh ?? null])).toEqual([
      ['ic.design', '上游', '薄弱', '强链'],
      ['ic.fab', '中游', '薄弱', '强链'],
      ['ic.packaging', '下游', '薄弱', '强链'],
      ['ic.equipment', '支撑', '空白', '补链'],
    ]);
    expect(ic.rows.map((r) => r.action!.rank).sort()).toEqual([1, 2, 3, 4]);
    const equipment = ic.rows.find((r) => r.segmentId === 'ic.equipment')!;
    // Outside firms in 半导体设备: jp-equip (Japan) and js-equip (Jiangsu province level).
    expect(equipment.outsideFirmCount).toBe(2);
    expect(equipment.targets.map((t) => t.firmId).sort()).toEqual(['jp-equip', 'js-equip']);
    expect(equipment.targets.find((t) => t.firmId === 'jp-equip')!.regionZh).toBe('日本');
    expect(equipment.targets.find((t) => t.firmId === 'js-equip')!.regionZh).toBe('江苏省');
    for (const t of equipment.targets) expect(t.score).toBeGreaterThan(0);
    const fab = ic.rows.find((r) => r.segmentId === 'ic.fab')!;
    expect(fab.localFirmsZh).toEqual(['新吴晶圆制造有限公司(链主)']);
    expect(fab.targets.map((t) => [t.nameZh, t.regionZh])).toEqual([['上海晶圆有限公司', '上海市']]);
  });
});

function pdftotext(pdf: Buffer, name: string): string {
  const path = join(tmp, name);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

/** Share of pixels of page 1 (rendered at 30 dpi, grey) that are not white. */
function inkShare(pdf: Buffer, name: string): number {
  const path = join(tmp, name);
  writeFileSync(path, pdf);
  execFileSync('pdftoppm', ['-r', '30', '-gray', '-f', '1', '-l', '1', path, join(tmp, `${name}-page`)]);
  const pgm = readFileSync(join(tmp, `${name}-page-1.pgm`));
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  let ink = 0;
  for (const p of pixels) if (p < 200) ink++;
  return ink / pixels.length;
}

describe('PDF', () => {
  it('one cluster: A3 landscape, Chinese title and segment names extractable, page 1 not blank', async () => {
    const file = await exportMap(store, 'ic', 'pdf', { homeRegionId: HOME, now });
    expect(file.filename).toBe('chain-atlas-map-ic-2024-05-01.pdf');
    expect(file.contentType).toBe('application/pdf');
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [writeTmp(file.bytes, 'ic-info.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+1190\.55 x 841\.89 pts \(A3\)/);
    const text = pdftotext(file.bytes, 'ic.pdf');
    expect(text).toContain('集成电路产业招引地图');
    expect(text).toContain('无锡市新吴区');
    expect(text).toContain('2024-05-01');
    for (const name of ['芯片设计', '晶圆制造', '封装测试', '半导体设备', '上游', '中游', '下游', '支撑', '招引指导目录', '补链', '强链']) {
      expect(text).toContain(name);
    }
    // Legend and targets with region and score.
    expect(text).toContain(statusPalette.MISSING.labelZh);
    expect(text.replace(/\s+/g, '')).toMatch(/东京设备株式会社\(日本·[\d.]+分\)/);
    const ink = inkShare(file.bytes, 'ic');
    expect(ink).toBeGreaterThan(0.02);
    expect(ink).toBeLessThan(0.9);
  });

  it('all clusters: a cover page, then each cluster', async () => {
    const file = await exportMap(store, 'all', 'pdf', { homeRegionId: HOME, now });
    expect(file.clusters).toEqual(['ic', 'iot']);
    const text = pdftotext(file.bytes, 'all.pdf');
    expect(text).toContain('无锡市新吴区产业招引地图');
    expect(text).toContain('集成电路产业招引地图');
    expect(text).toContain('物联网产业招引地图');
    expect(text).toContain('通信模组');
  });

  it('an unknown cluster is NOT_FOUND', async () => {
    await expect(exportMap(store, 'nope', 'pdf', { homeRegionId: HOME, now })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

function writeTmp(bytes: Buffer, name: string): string {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}

describe('XLSX', () => {
  it('summary sheet and one sheet per cluster, re-read with exceljs', async () => {
    const file = await exportMap(store, 'all', 'xlsx', { homeRegionId: HOME, now });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总 Summary', '集成电路', '物联网']);
    const summary = wb.getWorksheet('汇总 Summary')!;
    const head = (summary.getRow(1).values as unknown[]).slice(1);
    expect(head.slice(0, 7)).toEqual(['产业集群', 'Cluster', '集群编号 Cluster id', '优势 Strong', '潜力 Potential', '薄弱 Weak', '空白 Missing']);
    expect((summary.getRow(2).values as unknown[]).slice(1, 8)).toEqual(['集成电路', 'Integrated Circuits', 'ic', 0, 0, 3, 1]);

    const sheet = wb.getWorksheet('集成电路')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [2, 3, 4, 5].map((i) => sheet.getRow(i));
    expect(rows.map((r) => r.getCell(col('环节编号 Segment id')).value)).toEqual(['ic.design', 'ic.fab', 'ic.packaging', 'ic.equipment']);
    expect(rows.map((r) => r.getCell(col('现状')).value)).toEqual(['薄弱', '薄弱', '薄弱', '空白']);
    const equipment = rows[3]!;
    expect(equipment.getCell(col('招引方向 Action')).value).toBe('补链 Fill');
    expect(equipment.getCell(col('本地企业数 Local firms')).value).toBe(0);
    const targets = [equipment.getCell(col('目标企业1 Target 1')).value, equipment.getCell(col('目标企业2 Target 2')).value].sort();
    expect(targets).toEqual(['东京设备株式会社', '江苏装备股份有限公司']);
    expect(typeof equipment.getCell(col('得分1 Score 1')).value).toBe('number');
    // Status cells carry the palette colour.
    const fill = rows[0]!.getCell(col('现状')).fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe('FFE69F00');
  });
});
