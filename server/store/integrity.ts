// Validation every store applies before a write: the record's zod schema, then
// its references into the graph. Shared by both stores so that the same bad
// input gives the same error (code + Chinese and English message) everywhere.
import type { z } from 'zod';
import { AppError, type FieldError } from '../domain/errors.js';
import { Anchor, Firm, Project, Source, SupplyTie } from '../domain/model.js';
import { isParsed } from './parsedLists.js';

/** What reference checks need to know about the stored graph. */
export interface GraphLookup {
  hasSource(id: string): boolean;
  hasRegion(id: string): boolean;
  hasCluster(id: string): boolean;
  hasSegment(id: string): boolean;
  hasFirm(id: string): boolean;
  /** The firm that holds this USCC, if any. */
  firmIdByUscc(uscc: string): string | undefined;
}

export const field = (path: string, messageZh: string, messageEn: string): FieldError => ({ path, messageZh, messageEn });

/** The all-or-nothing rejection of an import: how many rows have errors, the first few named, every problem in `fields`. */
export function importRejected(problems: FieldError[]): AppError {
  const rows = new Set(problems.map((p) => p.path.split('.').slice(0, 2).join('.'))).size;
  return new AppError(
    'IMPORT_REJECTED',
    `导入被拒绝:${rows} 行有错误,未写入任何数据。${problems.slice(0, 5).map((p) => `${p.path}:${p.messageZh}`).join(';')}`,
    `import rejected: ${rows} row(s) have errors; nothing was written. ${problems.slice(0, 5).map((p) => `${p.path}: ${p.messageEn}`).join('; ')}`,
    problems,
  );
}

/** zod issues → field errors; zod messages are English, the Chinese side says which field is wrong. */
export function zodFieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    return field(path || '(record)', `取值无效(${i.message})`, i.message);
  });
}

export function badInput(what: string, whatZh: string, fields: FieldError[]): AppError {
  const detailEn = fields.map((f) => `${f.path}: ${f.messageEn}`).join('; ');
  const detailZh = fields.map((f) => `${f.path}:${f.messageZh}`).join(';');
  return new AppError('BAD_INPUT', `${whatZh}无效:${detailZh}`, `invalid ${what}: ${detailEn}`, fields);
}

/** Parses with the schema (applying defaults) or throws BAD_INPUT naming each bad field. */
export function parseRecord<T>(schema: z.ZodType<T>, value: unknown, what: string, whatZh: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badInput(what, whatZh, zodFieldErrors(result.error));
  return result.data;
}

function sourceProblem(sourceId: string, g: GraphLookup, prefix: string): FieldError[] {
  return g.hasSource(sourceId)
    ? []
    : [field(`${prefix}sourceId`, `未知的来源:${sourceId}`, `unknown source: ${sourceId}`)];
}

export function firmProblems(f: Firm, g: GraphLookup, prefix = ''): FieldError[] {
  // Called for every row of a 100k-row import: no allocation unless something is wrong.
  const out: FieldError[] = sourceProblem(f.sourceId, g, prefix);
  if (!g.hasRegion(f.regionId)) out.push(field(`${prefix}regionId`, `未知的区域:${f.regionId}`, `unknown region: ${f.regionId}`));
  if (!g.hasRegion(f.originId)) out.push(field(`${prefix}originId`, `未知的来源国:${f.originId}`, `unknown origin country: ${f.originId}`));
  const segments = f.segments;
  for (let i = 0; i < segments.length; i++) {
    const id = segments[i]!.segmentId;
    if (!g.hasSegment(id)) {
      out.push(field(`${prefix}segments.${i}.segmentId`, `未知的产业链环节:${id}`, `unknown segment: ${id}`));
    }
    // A firm lists a handful of segments: a scan of the earlier ones is cheaper than a Set.
    for (let j = 0; j < i; j++) {
      if (segments[j]!.segmentId === id) {
        out.push(field(`${prefix}segments.${i}.segmentId`, `环节重复:${id}`, `segment listed twice: ${id}`));
        break;
      }
    }
  }
  if (f.uscc) {
    const holder = g.firmIdByUscc(f.uscc);
    if (holder !== undefined && holder !== f.id) {
      out.push(field(`${prefix}uscc`, `统一社会信用代码 ${f.uscc} 已属于企业 ${holder}`, `USCC ${f.uscc} already belongs to firm ${holder}`));
    }
    if (f.id !== f.uscc && /^[0-9A-Z]{18}$/.test(f.id)) {
      out.push(field(`${prefix}id`, `编号形似统一社会信用代码,但与 uscc ${f.uscc} 不同`, `id looks like a USCC but differs from uscc ${f.uscc}`));
    }
  }
  return out;
}

export function supplyProblems(t: SupplyTie, g: GraphLookup, prefix = ''): FieldError[] {
  const out: FieldError[] = sourceProblem(t.sourceId, g, prefix);
  if (!g.hasFirm(t.from)) out.push(field(`${prefix}from`, `未知的供货企业:${t.from}`, `unknown supplier firm: ${t.from}`));
  if (!g.hasFirm(t.to)) out.push(field(`${prefix}to`, `未知的采购企业:${t.to}`, `unknown buyer firm: ${t.to}`));
  if (t.from === t.to) out.push(field(`${prefix}to`, '企业不能向自身供货', 'a firm cannot supply itself'));
  if (t.segmentId && !g.hasSegment(t.segmentId)) {
    out.push(field(`${prefix}segmentId`, `未知的产业链环节:${t.segmentId}`, `unknown segment: ${t.segmentId}`));
  }
  return out;
}

export function anchorProblems(a: Anchor, g: GraphLookup, prefix = ''): FieldError[] {
  const out: FieldError[] = sourceProblem(a.sourceId, g, prefix);
  if (!g.hasFirm(a.firmId)) out.push(field(`${prefix}firmId`, `未知的企业:${a.firmId}`, `unknown firm: ${a.firmId}`));
  if (!g.hasCluster(a.clusterId)) out.push(field(`${prefix}clusterId`, `未知的产业集群:${a.clusterId}`, `unknown cluster: ${a.clusterId}`));
  return out;
}

export function projectProblems(p: Project, g: GraphLookup, prefix = ''): FieldError[] {
  const out: FieldError[] = sourceProblem(p.sourceId, g, prefix);
  if (!g.hasFirm(p.firmId)) out.push(field(`${prefix}firmId`, `未知的企业:${p.firmId}`, `unknown firm: ${p.firmId}`));
  p.segmentIds.forEach((s, i) => {
    if (!g.hasSegment(s)) out.push(field(`${prefix}segmentIds.${i}`, `未知的产业链环节:${s}`, `unknown segment: ${s}`));
  });
  return out;
}

export const schemas = { Firm, SupplyTie, Anchor, Project, Source } as const;

export interface ParsedImportBatch {
  sources: Source[];
  firms: Firm[];
  supplies: SupplyTie[];
  anchors: Anchor[];
  projects: Project[];
}

/**
 * Validates a whole import batch against the stored graph plus the batch's own
 * rows (a tie may name a firm of the same batch). Throws IMPORT_REJECTED
 * listing every bad row, so a store can then write all rows or none.
 */
export function validateImportBatch(
  batch: { sources?: unknown[]; firms?: unknown[]; supplies?: unknown[]; anchors?: unknown[]; projects?: unknown[] },
  g: GraphLookup,
): ParsedImportBatch {
  const problems: FieldError[] = [];
  /**
   * Per list, the batch index of each parsed row when rows were dropped (a row
   * failing its schema), so the checks below name rows as the caller numbered them.
   */
  const rowAt = new Map<string, number[]>();
  const path = (name: string, i: number) => `${name}.${rowAt.get(name)?.[i] ?? i}`;

  function parseList<T>(list: unknown[] | undefined, name: string, schema: z.ZodType<T>): T[] {
    // Rows the importer already parsed with this schema (markParsed) are not parsed again,
    // and the list (frozen) is used as it is; their references below are checked all the same.
    if (isParsed(list)) return list as T[];
    const out: T[] = [];
    const at: number[] = [];
    (list ?? []).forEach((row, i) => {
      const r = schema.safeParse(row);
      if (r.success) {
        out.push(r.data);
        at.push(i);
      } else problems.push(...zodFieldErrors(r.error, `${name}.${i}`));
    });
    if (out.length < (list?.length ?? 0)) rowAt.set(name, at);
    return out;
  }
  const parsed: ParsedImportBatch = {
    sources: parseList(batch.sources, 'sources', Source),
    firms: parseList(batch.firms, 'firms', Firm),
    supplies: parseList(batch.supplies, 'supplies', SupplyTie),
    anchors: parseList(batch.anchors, 'anchors', Anchor),
    projects: parseList(batch.projects, 'projects', Project),
  };

  /** The rows' keys; a key seen before in the list is a problem. */
  const dupes = <T>(rows: T[], name: string, key: (r: T) => string): Set<string> => {
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const k = key(rows[i]!);
      const before = seen.size;
      seen.add(k);
      if (seen.size === before) problems.push(field(path(name, i), `批次内重复:${k}`, `duplicate in batch: ${k}`));
    }
    return seen;
  };
  const batchSources = dupes(parsed.sources, 'sources', (s) => s.id);
  const batchFirms = dupes(parsed.firms, 'firms', (f) => f.id);
  dupes(parsed.supplies, 'supplies', (t) => `${t.from}>${t.to}`);
  dupes(parsed.anchors, 'anchors', (a) => `${a.firmId}>${a.clusterId}`);
  dupes(parsed.projects, 'projects', (p) => p.id);

  const batchUscc = new Map<string, string>();
  for (const f of parsed.firms) if (f.uscc && !batchUscc.has(f.uscc)) batchUscc.set(f.uscc, f.id);
  const overlay: GraphLookup = {
    hasSource: (id) => batchSources.has(id) || g.hasSource(id),
    hasRegion: (id) => g.hasRegion(id),
    hasCluster: (id) => g.hasCluster(id),
    hasSegment: (id) => g.hasSegment(id),
    hasFirm: (id) => batchFirms.has(id) || g.hasFirm(id),
    firmIdByUscc: (uscc) => {
      const stored = g.firmIdByUscc(uscc);
      // A stored firm rewritten by this batch no longer holds its old USCC.
      if (stored !== undefined && !batchFirms.has(stored)) return stored;
      return batchUscc.get(uscc);
    },
  };
  const check = <T>(rows: T[], name: string, problemsOf: (r: T, g: GraphLookup, prefix: string) => FieldError[]) => {
    for (let i = 0; i < rows.length; i++) {
      // The row's path prefix is built only for a row with problems (checked again with it).
      if (problemsOf(rows[i]!, overlay, '').length) problems.push(...problemsOf(rows[i]!, overlay, `${path(name, i)}.`));
    }
  };
  check(parsed.firms, 'firms', firmProblems);
  check(parsed.supplies, 'supplies', supplyProblems);
  check(parsed.anchors, 'anchors', anchorProblems);
  check(parsed.projects, 'projects', projectProblems);

  if (problems.length) throw importRejected(problems);
  return parsed;
}
