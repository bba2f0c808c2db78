// The synthetic dataset in the import format of server/io/import (the 企业名录
// and 企业供应关系 templates, Chinese headers from columns.ts), so the same
// files exercise the product's import path: `npm run import -- firms.csv`.
// Anchors (链主) have no import template; they are loaded directly.
//
// The template has no "illustrative" column: imported rows cite the
// `synthetic` source (register it first — loadStructure does) and are
// recognisable by it; the direct load path marks them `illustrative: true`.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Firm, SupplyTie } from '../../server/domain/model.js';
import { columnSpecs } from '../../server/io/import/columns.js';
import type { SyntheticDataset } from './generate.js';

const OWNERSHIP_ZH: Record<Firm['ownership'], string> = { foreign: '外资', private: '民营', state: '国有', mixed: '混合所有制' };
const yesNo = (b: boolean) => (b ? '是' : '否');
const CHUNK = 20_000;

function headerZh(kind: 'firms' | 'supplies'): string[] {
  return columnSpecs[kind].map((c) => c.headerZh);
}

function firmRow(f: Firm): Record<string, string> {
  return {
    name_zh: f.nameZh,
    uscc: f.uscc ?? '',
    id: f.uscc ? '' : f.id,
    name_en: f.nameEn ?? '',
    region: f.regionId,
    ownership: OWNERSHIP_ZH[f.ownership],
    origin: f.originId,
    segments: f.segments.map((s) => s.segmentId).join(';'),
    cluster: '',
    listed: yesNo(f.listed),
    high_tech: yesNo(f.highTech),
    specialized: yesNo(f.specialized),
    revenue: f.revenueBand ?? '',
    employees: f.employeesBand ?? '',
    tags: f.tags.join(';'),
    source: f.sourceId,
    confidence: String(f.confidence),
  };
}

function supplyRow(t: SupplyTie, usccOf: Map<string, string | undefined>): Record<string, string> {
  const from = usccOf.get(t.from);
  const to = usccOf.get(t.to);
  return {
    supplier: from ? '' : t.from,
    supplier_uscc: from ?? '',
    buyer: to ? '' : t.to,
    buyer_uscc: to ?? '',
    segment: t.segmentId ?? '',
    cluster: '',
    source: t.sourceId,
    confidence: String(t.confidence),
  };
}

function* csvChunks<T>(kind: 'firms' | 'supplies', rows: readonly T[], toRow: (x: T) => Record<string, string>): Generator<string> {
  const keys = columnSpecs[kind].map((c) => c.key);
  yield '\ufeff' + stringify([headerZh(kind)]);
  for (let i = 0; i < rows.length; i += CHUNK) {
    yield stringify(rows.slice(i, i + CHUNK).map((x) => {
      const r = toRow(x);
      return keys.map((k) => r[k] ?? '');
    }));
  }
}

const usccMap = (ds: SyntheticDataset) => new Map(ds.firms.map((f) => [f.id, f.uscc]));

/** 企业名录 CSV (UTF-8 with BOM, as the downloadable template). */
export function firmsCsv(ds: SyntheticDataset): Buffer {
  return Buffer.from([...csvChunks('firms', ds.firms, firmRow)].join(''), 'utf8');
}

/** 企业供应关系 CSV; firms named by USCC when they have one, else by id. */
export function suppliesCsv(ds: SyntheticDataset): Buffer {
  const m = usccMap(ds);
  return Buffer.from([...csvChunks('supplies', ds.supplies, (t) => supplyRow(t, m))].join(''), 'utf8');
}

/** Writes firms.csv, supplies.csv and anchors.json into `dir`; returns the paths. */
export function writeDataset(ds: SyntheticDataset, dir: string): { firms: string; supplies: string; anchors: string } {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, chunks: Iterable<string>) => {
    const path = join(dir, name);
    const fd = openSync(path, 'w');
    try {
      for (const c of chunks) writeSync(fd, c);
    } finally {
      closeSync(fd);
    }
    return path;
  };
  const m = usccMap(ds);
  return {
    firms: write('firms.csv', csvChunks('firms', ds.firms, firmRow)),
    supplies: write('supplies.csv', csvChunks('supplies', ds.supplies, (t) => supplyRow(t, m))),
    anchors: write('anchors.json', [JSON.stringify({ sources: [ds.source], anchors: ds.anchors }, null, 1)]),
  };
}
