// A whole data set (a seed bundle: structure plus firms, supply ties, anchors,
// projects) as CSV files for Neo4j's offline importer (`neo4j-admin database
// import full`), for the first load of a large data set into an EMPTY
// database. The graph written is the one Neo4jStore.seed writes into an empty
// database in one transaction (see Neo4jStore.ts for the model):
//   - the same nodes, relationships and properties, the derived ones from the
//     store's own functions (records.toProps: lower-cased names, pinyin keys;
//     GraphIndex.cityLevelOf for Region.city; counters.CounterDeltas for the
//     FIRMS_IN / CO_OCCURS counters, stamped with COUNTERS_VERSION);
//   - `seq` (insertion order) numbered as seeding numbers it: sources,
//     regions, clusters, segments, FEEDS, SUPPLIES, ANCHORS, then projects
//     (which take numbers without storing them); the meta node holds the last
//     one, dataVersion 1 (one write) and one write transaction;
// so the store answers the same on either. The schema (constraints, range,
// TEXT and FULLTEXT indexes) is not written here: Neo4jStore.init creates it
// when the app first connects, and Neo4j populates the indexes then.
//
// Input is validated first, all or nothing, with the same schemas and checks
// as an import (integrity.validateImportBatch, IMPORT_REJECTED listing every
// bad row), plus the structure's own records and references; no file is
// written unless every record is good.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { AppError, type FieldError } from '../../../domain/errors.js';
import { Cluster, Feed, Region, Segment } from '../../../domain/model.js';
import type { SeedBundle } from '../../GraphStore.js';
import { GraphIndex } from '../../../analysis/graphIndex.js';
import { field, importRejected, validateImportBatch, zodFieldErrors, type ParsedImportBatch } from '../../integrity.js';
import { FIRM_NODE_PROPS, toProps } from '../records.js';
import { COUNTERS_VERSION, CounterDeltas } from '../counters.js';
import { META_ID } from '../session.js';
import { CsvFile, type Column } from './csv.js';
import { firmSearchTail, nodeColumns, PROPERTY_TYPES, SEARCH_PROPS } from './columns.js';

/** A bundle that passed validation (defaults applied): the seed records, with firms, ties, anchors and projects as the import parses them. */
export type ValidBundle = Omit<SeedBundle, 'planTargets' | keyof ParsedImportBatch> & ParsedImportBatch;

export interface BulkFile {
  kind: 'nodes' | 'relationships';
  /** Node label or relationship type. */
  name: string;
  path: string;
  rows: number;
  /** Some string value spans lines (--multiline-fields). */
  multiline: boolean;
}

export interface BulkExport {
  dir: string;
  files: BulkFile[];
  nodes: number;
  relationships: number;
  /** Input records: sources … projects. */
  records: number;
  /** Firms + supply ties + anchors (what the transactional benchmark counts as rows). */
  dataRows: number;
  ms: { validate: number; write: number };
}

/**
 * Validates a bundle for a bulk load into an empty database. Throws
 * IMPORT_REJECTED listing every bad record (structure records and
 * references first, then firms, ties, anchors and projects exactly as an
 * import checks them). Stricter than seeding, which keeps the first of
 * repeated ids and skips links to missing records: a bulk load refuses both.
 */
export function validateBulkInput(bundle: Partial<SeedBundle>): ValidBundle {
  const problems: FieldError[] = [];
  const parse = <T>(list: unknown[] | undefined, name: string, schema: z.ZodType<T>): T[] => {
    const out: T[] = [];
    (list ?? []).forEach((row, i) => {
      const r = schema.safeParse(row);
      if (r.success) out.push(r.data);
      else problems.push(...zodFieldErrors(r.error, `${name}.${i}`));
    });
    return out;
  };
  const regions = parse(bundle.regions, 'regions', Region);
  const clusters = parse(bundle.clusters, 'clusters', Cluster);
  const segments = parse(bundle.segments, 'segments', Segment);
  const feeds = parse(bundle.feeds, 'feeds', Feed);

  const ids = <T>(rows: T[], name: string, key: (r: T) => string) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const k = key(r);
      if (seen.has(k)) problems.push(field(`${name}.${i}`, `批次内重复:${k}`, `duplicate in batch: ${k}`));
      seen.add(k);
    });
    return seen;
  };
  const regionIds = ids(regions, 'regions', (r) => r.id);
  const clusterIds = ids(clusters, 'clusters', (c) => c.id);
  const segmentIds = ids(segments, 'segments', (s) => s.id);
  ids(feeds, 'feeds', (f) => `${f.from}>${f.to}`);
  // Sources are checked (schema, duplicates) with the import batch below.
  const sourceIds = new Set(
    (bundle.sources ?? []).map((s) => (s && typeof s === 'object' ? (s as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === 'string'),
  );

  const ref = (ok: boolean, path: string, zh: string, en: string) => {
    if (!ok) problems.push(field(path, zh, en));
  };
  regions.forEach((r, i) => {
    if (r.parentId !== undefined) ref(regionIds.has(r.parentId), `regions.${i}.parentId`, `未知的上级区域:${r.parentId}`, `unknown parent region: ${r.parentId}`);
  });
  const source = (id: string, path: string) => ref(sourceIds.has(id), `${path}.sourceId`, `未知的来源:${id}`, `unknown source: ${id}`);
  clusters.forEach((c, i) => source(c.sourceId, `clusters.${i}`));
  segments.forEach((s, i) => {
    source(s.sourceId, `segments.${i}`);
    ref(clusterIds.has(s.clusterId), `segments.${i}.clusterId`, `未知的产业集群:${s.clusterId}`, `unknown cluster: ${s.clusterId}`);
    if (s.parentId !== undefined) ref(segmentIds.has(s.parentId), `segments.${i}.parentId`, `未知的产业链环节:${s.parentId}`, `unknown segment: ${s.parentId}`);
  });
  feeds.forEach((f, i) => {
    source(f.sourceId, `feeds.${i}`);
    ref(segmentIds.has(f.from), `feeds.${i}.from`, `未知的产业链环节:${f.from}`, `unknown segment: ${f.from}`);
    ref(segmentIds.has(f.to), `feeds.${i}.to`, `未知的产业链环节:${f.to}`, `unknown segment: ${f.to}`);
  });

  // Firms, ties, anchors, projects (and sources): the import's own validation,
  // against an empty database holding only this structure.
  let parsed: ParsedImportBatch | null = null;
  try {
    parsed = validateImportBatch(
      { sources: bundle.sources ?? [], firms: bundle.firms ?? [], supplies: bundle.supplies ?? [], anchors: bundle.anchors ?? [], projects: bundle.projects ?? [] },
      {
        hasSource: () => false, // the batch's own sources are consulted first
        hasRegion: (id) => regionIds.has(id),
        hasCluster: (id) => clusterIds.has(id),
        hasSegment: (id) => segmentIds.has(id),
        hasFirm: () => false,
        firmIdByUscc: () => undefined,
      },
    );
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'IMPORT_REJECTED')) throw e;
    problems.push(...e.fields);
  }
  if (problems.length || !parsed) throw importRejected(problems);
  return { regions, clusters, segments, feeds, ...parsed };
}

// ---------------------------------------------------------------- columns

const ends = (from: string, to: string): Column[] => [
  { name: '', type: `START_ID(${from})` },
  { name: '', type: `END_ID(${to})` },
];

export interface BulkCsvOptions {
  /**
   * The `n`th validated firm's firmSearchTail, if already computed (by
   * another thread); undefined = compute it here. It must be exactly
   * firmSearchTail(firm): the caller checks the firm is the one it computed for.
   */
  firmSearchTails?: (n: number, firm: { id: string; nameZh: string; nameEn?: string | undefined }) => string | undefined;
}

/**
 * Writes the CSV files of a validated bundle into `dir` (created; it must not
 * hold CSV files already). Returns the files in the order the importer takes them.
 */
export function writeBulkCsv(data: ValidBundle, dir: string, options: BulkCsvOptions = {}): Omit<BulkExport, 'ms' | 'records' | 'dataRows'> {
  const out = resolve(dir);
  if (out.includes(',')) throw new AppError('BAD_INPUT', `输出目录不能含逗号:${out}`, `the output directory must not contain a comma: ${out}`);
  mkdirSync(out, { recursive: true });
  if (readdirSync(out).some((f) => f.endsWith('.csv'))) {
    throw new AppError('BAD_INPUT', `输出目录已有 CSV 文件:${out}`, `the output directory already holds CSV files: ${out}`);
  }
  const files: { kind: BulkFile['kind']; name: string; csv: CsvFile }[] = [];
  const open = (kind: BulkFile['kind'], name: string, columns: Column[]) => {
    const csv = new CsvFile(join(out, `${kind === 'nodes' ? 'node' : 'rel'}-${name}.csv`), columns);
    files.push({ kind, name, csv });
    return csv;
  };
  try {
    let seq = 0;
    /** A node file whose rows are toProps(x) (+ seq, + extra), in the order of the keys of the first row. */
    const nodes = <T>(label: string, rows: T[], props: (x: T) => Record<string, unknown>, withSeq: boolean, extra?: (x: T) => Record<string, unknown>) => {
      if (rows.length === 0) return;
      const sample = { ...props(rows[0]!), ...(extra?.(rows[0]!) ?? {}), ...(withSeq ? { seq: 0 } : {}) };
      const names = Object.keys(sample);
      const csv = open('nodes', label, nodeColumns(label, names));
      const values: unknown[] = new Array(names.length);
      for (const x of rows) {
        const p: Record<string, unknown> = { ...props(x), ...(extra?.(x) ?? {}) };
        if (withSeq) p.seq = ++seq;
        for (let i = 0; i < names.length; i++) values[i] = p[names[i]!];
        csv.row(values);
      }
    };
    const plain = (type: string, from: string, to: string, rows: [string, string][]) => {
      if (rows.length === 0) return;
      const csv = open('relationships', type, ends(from, to));
      for (const r of rows) csv.row(r);
    };

    nodes('Source', data.sources, toProps.source, true);
    const g = new GraphIndex();
    for (const r of data.regions) g.putRegion(r);
    nodes('Region', data.regions, toProps.region, true, (r) => ({ city: g.cityLevelOf(r.id) }));
    nodes('Cluster', data.clusters, toProps.cluster, true);
    nodes('Segment', data.segments, toProps.segment, true);
    plain('IN', 'Region', 'Region', data.regions.filter((r) => r.parentId).map((r) => [r.id, r.parentId!]));
    plain('HAS_SEGMENT', 'Cluster', 'Segment', data.segments.map((s) => [s.clusterId, s.id]));
    plain('PART_OF', 'Segment', 'Segment', data.segments.filter((s) => s.parentId).map((s) => [s.id, s.parentId!]));

    /** A relationship file with properties toProps(x) + seq. */
    const rels = <T>(type: string, from: string, to: string, rows: T[], endsOf: (x: T) => [string, string], props: (x: T) => Record<string, unknown>) => {
      if (rows.length === 0) return;
      const names = [...Object.keys(props(rows[0]!)), 'seq'];
      const csv = open('relationships', type, [...ends(from, to), ...names.map((name) => ({ name, type: PROPERTY_TYPES[name] ?? ('string' as const) }))]);
      const values: unknown[] = new Array(names.length + 2);
      for (const x of rows) {
        const p: Record<string, unknown> = { ...props(x), seq: ++seq };
        [values[0], values[1]] = endsOf(x);
        for (let i = 0; i < names.length; i++) values[i + 2] = p[names[i]!];
        csv.row(values);
      }
    };
    rels('FEEDS', 'Segment', 'Segment', data.feeds, (f) => [f.from, f.to], toProps.feed);

    // Firms: node, LOCATED_IN, OPERATES_IN {primary, ord}; counters from their shapes.
    // The node's properties are toProps.firm's (FIRM_NODE_PROPS: the record's
    // fields, then searchProps), read without building toProps' merged object:
    // at 100k firms that object cost as much as the pinyin keys (~2 s each).
    // The search columns (pinyin keys: most of the export's time) come
    // encoded from firmSearchTail, or from options.firmSearchTails (computed
    // on another thread meanwhile); the file is opened here, in its place in
    // the importer's order, and its rows are written last, so that the other
    // files are written while those keys are still being computed.
    let firmRows: (() => void) | undefined;
    if (data.firms.length) {
      const csv = open('nodes', 'Firm', nodeColumns('Firm', [...FIRM_NODE_PROPS]));
      const own = FIRM_NODE_PROPS.length - SEARCH_PROPS.length;
      const values: unknown[] = new Array(own);
      const tails = options.firmSearchTails;
      firmRows = () => {
        const firms = data.firms;
        for (let n = 0; n < firms.length; n++) {
          const f = firms[n]!;
          const rec = f as unknown as Record<string, unknown>;
          for (let i = 0; i < own; i++) values[i] = rec[FIRM_NODE_PROPS[i]!];
          csv.rowWithTail(values, SEARCH_PROPS.length, tails?.(n, f) ?? firmSearchTail(f));
        }
      };
    }
    plain('LOCATED_IN', 'Firm', 'Region', data.firms.map((f) => [f.id, f.regionId]));
    if (data.firms.length) {
      const op = open('relationships', 'OPERATES_IN', [...ends('Firm', 'Segment'), { name: 'primary', type: 'boolean' }, { name: 'ord', type: 'double' }]);
      const counters = new CounterDeltas();
      const row: unknown[] = new Array(4);
      for (const f of data.firms) {
        const segmentIds: string[] = [];
        for (let ord = 0; ord < f.segments.length; ord++) {
          const s = f.segments[ord]!;
          row[0] = f.id;
          row[1] = s.segmentId;
          row[2] = s.primary;
          row[3] = ord;
          op.row(row);
          segmentIds.push(s.segmentId);
        }
        counters.add({ regionId: f.regionId, segmentIds }, 1);
      }
      const { firmsIn, coOccurs } = counters.entries();
      const counter = (type: string, to: string, rows: [string, string, number][]) => {
        const csv = open('relationships', type, [...ends('Segment', to), { name: 'n', type: 'long' }]);
        for (const r of rows) csv.row(r);
      };
      counter('FIRMS_IN', 'Region', firmsIn);
      if (coOccurs.length) counter('CO_OCCURS', 'Segment', coOccurs);
    }

    rels('SUPPLIES', 'Firm', 'Firm', data.supplies, (t) => [t.from, t.to], toProps.supply);
    rels('ANCHORS', 'Firm', 'Cluster', data.anchors, (a) => [a.firmId, a.clusterId], toProps.anchor);
    nodes('Project', data.projects, toProps.project, false);
    seq += data.projects.length; // seeding numbers projects without storing the numbers
    plain('FOR_FIRM', 'Project', 'Firm', data.projects.map((p) => [p.id, p.firmId]));
    if (data.projects.some((p) => p.segmentIds.length)) {
      const fills = open('relationships', 'FILLS', [...ends('Project', 'Segment'), { name: 'ord', type: 'long' }]);
      for (const p of data.projects) p.segmentIds.forEach((s, i) => fills.row([p.id, s, i]));
    }

    firmRows?.();

    const records = Object.values(data).reduce((n, list: unknown[]) => n + list.length, 0);
    const meta = open('nodes', 'ChainAtlasMeta', [
      { name: 'id', type: 'ID(ChainAtlasMeta)' },
      ...(['dataVersion', 'seq', 'auditSeq', 'writeTransactions', 'counters'] as const).map((name) => ({ name, type: 'long' as const })),
    ]);
    meta.row([META_ID, records > 0 ? 1 : 0, seq, 0, 1, COUNTERS_VERSION]);
  } catch (e) {
    for (const f of files) {
      try {
        f.csv.close();
      } catch {
        // closing after a failure
      }
      rmSync(f.csv.path, { force: true });
    }
    throw e;
  }
  for (const f of files) f.csv.close();
  const list: BulkFile[] = files.map((f) => ({ kind: f.kind, name: f.name, path: f.csv.path, rows: f.csv.rows, multiline: f.csv.multiline }));
  return {
    dir: out,
    files: list,
    nodes: list.filter((f) => f.kind === 'nodes').reduce((n, f) => n + f.rows, 0),
    relationships: list.filter((f) => f.kind === 'relationships').reduce((n, f) => n + f.rows, 0),
  };
}

/** Validates `bundle` (all or nothing) and writes its CSV files into `dir`. */
export function exportBulkCsv(bundle: Partial<SeedBundle>, dir: string, options: BulkCsvOptions = {}): BulkExport {
  const t0 = performance.now();
  const data = validateBulkInput(bundle);
  const t1 = performance.now();
  const written = writeBulkCsv(data, dir, options);
  const t2 = performance.now();
  return {
    ...written,
    records: Object.values(data).reduce((n, list: unknown[]) => n + list.length, 0),
    dataRows: data.firms.length + data.supplies.length + data.anchors.length,
    ms: { validate: Math.round(t1 - t0), write: Math.round(t2 - t1) },
  };
}

export const bulkDirHasDatabase = (neo4jHome: string, database = 'neo4j') => {
  const db = join(neo4jHome, 'data', 'databases', database);
  return existsSync(db) && readdirSync(db).length > 0;
};
