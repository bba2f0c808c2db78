// Loads and validates graph-seeds/: every record through its zod schema, then
// every reference, id and USCC across files. Errors name the file and record.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Anchor, Cluster, Feed, Firm, PlanTarget, Project, Region, Segment, Source, SupplyTie, regionLevels, slugId, confidence } from './model.js';
import type { SeedBundle } from '../store/GraphStore.js';

export interface SeedIssue {
  file: string;
  /** id of the record, or its position (`segments[3]`) when it has no usable id. */
  record: string;
  message: string;
}

export class SeedValidationError extends Error {
  constructor(readonly issues: SeedIssue[]) {
    super(
      `graph-seeds 校验失败 / seed validation failed (${issues.length}):\n` +
        issues.map((i) => `  ${i.file} › ${i.record}: ${i.message}`).join('\n'),
    );
    this.name = 'SeedValidationError';
  }
}

const Defaults = z.object({ sourceId: slugId.optional(), confidence: confidence.optional() }).strict();

/** A cluster file: the cluster, its segments, flows out of / into them, and its sample firms. */
const ClusterFile = z
  .object({
    defaults: Defaults.optional(),
    cluster: z.unknown(),
    segments: z.array(z.unknown()).default([]),
    feeds: z.array(z.unknown()).default([]),
    firms: z.array(z.unknown()).default([]),
    anchors: z.array(z.unknown()).default([]),
    supplies: z.array(z.unknown()).default([]),
    projects: z.array(z.unknown()).default([]),
  })
  .strict();

const ListFile = z.object({ defaults: Defaults.optional() }).catchall(z.array(z.unknown()));

function formatZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`).join('; ');
}

function recordLabel(raw: unknown, list: string, index: number): string {
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    if (typeof r.id === 'string') return r.id;
    if (typeof r.from === 'string' && typeof r.to === 'string') return `${list}[${index}] ${r.from}→${r.to}`;
    if (typeof r.firmId === 'string') return `${list}[${index}] ${r.firmId}`;
  }
  return `${list}[${index}]`;
}

/** A file directly or indirectly under a `clusters` folder holds one cluster (either path separator). */
function isClusterFile(path: string): boolean {
  return path.split(/[\\/]/).slice(0, -1).includes('clusters');
}

interface RawFile {
  path: string;
  text: string;
}

/** Validates seed files given as text (used by the loader and by tests with broken seeds). */
export function parseSeedFiles(files: RawFile[]): SeedBundle {
  const issues: SeedIssue[] = [];
  const bundle: SeedBundle = {
    sources: [], regions: [], clusters: [], segments: [], feeds: [], firms: [], supplies: [], anchors: [], projects: [], planTargets: [],
  };
  const origin = new Map<object, { file: string; record: string }>();
  /** The cluster of the file each feed was written in: a feed lives in its `from` segment's cluster file. */
  const feedFileCluster = new Map<Feed, string>();
  /** Likewise a firm lives in the file of its primary segment's cluster (firms in list files are free). */
  const firmFileCluster = new Map<Firm, string>();

  function take<T extends object>(
    schema: z.ZodType<T>,
    raw: unknown,
    file: string,
    list: string,
    index: number,
    defaults: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): T | null {
    const record = recordLabel(raw, list, index);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      issues.push({ file, record, message: 'record must be a mapping / 记录必须是键值对象' });
      return null;
    }
    const result = schema.safeParse({ ...defaults, ...extra, ...(raw as object) });
    if (!result.success) {
      issues.push({ file, record, message: formatZodError(result.error) });
      return null;
    }
    // A field the schema does not know is dropped by zod: say so instead. In a YAML flow
    // mapping an unquoted comma ends the value (`nameEn: Foo Co., Ltd.` gives `Ltd.: null`).
    const unknown = Object.keys(raw).filter((k) => !(k in result.data));
    if (unknown.length > 0) {
      issues.push({
        file,
        record,
        message:
          `未知字段 / unknown field(s): ${unknown.map((k) => JSON.stringify(k)).join(', ')}` +
          ' — 花括号 { } 内含逗号的值须加引号 / a value with a comma inside { } must be quoted',
      });
      return null;
    }
    origin.set(result.data, { file, record });
    return result.data;
  }

  for (const { path: file, text } of files) {
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (e) {
      issues.push({ file, record: '(file)', message: `YAML syntax error: ${(e as Error).message}` });
      continue;
    }
    if (isClusterFile(file)) {
      const parsed = ClusterFile.safeParse(doc);
      if (!parsed.success) {
        issues.push({ file, record: '(file)', message: formatZodError(parsed.error) });
        continue;
      }
      const f = parsed.data;
      const defaults = f.defaults ?? {};
      const cluster = take(Cluster, f.cluster, file, 'cluster', 0, defaults);
      if (!cluster) continue;
      bundle.clusters.push(cluster);
      f.segments.forEach((raw, i) => {
        const s = take(Segment, raw, file, 'segments', i, defaults, { clusterId: cluster.id });
        if (s && s.clusterId !== cluster.id) {
          issues.push({ file, record: s.id, message: `segment clusterId ${s.clusterId} differs from the file's cluster ${cluster.id}` });
        } else if (s) bundle.segments.push(s);
      });
      f.feeds.forEach((raw, i) => {
        const x = take(Feed, raw, file, 'feeds', i, defaults);
        if (x) {
          bundle.feeds.push(x);
          feedFileCluster.set(x, cluster.id);
        }
      });
      f.firms.forEach((raw, i) => {
        const x = take(Firm, raw, file, 'firms', i, defaults);
        if (x) {
          bundle.firms.push(x);
          firmFileCluster.set(x, cluster.id);
        }
      });
      f.anchors.forEach((raw, i) => {
        const x = take(Anchor, raw, file, 'anchors', i, defaults, { clusterId: cluster.id });
        if (x) bundle.anchors.push(x);
      });
      f.supplies.forEach((raw, i) => { const x = take(SupplyTie, raw, file, 'supplies', i, defaults); if (x) bundle.supplies.push(x); });
      f.projects.forEach((raw, i) => { const x = take(Project, raw, file, 'projects', i, defaults); if (x) bundle.projects.push(x); });
    } else {
      const parsed = ListFile.safeParse(doc);
      if (!parsed.success) {
        issues.push({ file, record: '(file)', message: formatZodError(parsed.error) });
        continue;
      }
      const { defaults = {}, ...lists } = parsed.data as { defaults?: Record<string, unknown> } & Record<string, unknown[]>;
      const schemas: Record<string, [z.ZodType<object>, object[]]> = {
        sources: [Source, bundle.sources],
        regions: [Region, bundle.regions],
        firms: [Firm, bundle.firms],
        supplies: [SupplyTie, bundle.supplies],
        anchors: [Anchor, bundle.anchors],
        projects: [Project, bundle.projects],
        planTargets: [PlanTarget, bundle.planTargets!],
      };
      for (const [key, list] of Object.entries(lists)) {
        const target = schemas[key];
        if (!target) {
          issues.push({ file, record: key, message: `unknown list "${key}" (expected one of ${Object.keys(schemas).join(', ')})` });
          continue;
        }
        list.forEach((raw, i) => {
          const x = take(target[0], raw, file, key, i, defaults);
          if (x) target[1].push(x);
        });
      }
    }
  }

  checkReferences(bundle, issues, (r) => origin.get(r) ?? { file: '?', record: '?' }, feedFileCluster, firmFileCluster);
  if (issues.length) throw new SeedValidationError(issues);
  return bundle;
}

function checkReferences(
  b: SeedBundle,
  issues: SeedIssue[],
  where: (r: object) => { file: string; record: string },
  feedFileCluster: Map<Feed, string>,
  firmFileCluster: Map<Firm, string>,
): void {
  const report = (r: object, message: string) => issues.push({ ...where(r), message });

  function uniqueIds<T extends { id: string }>(list: T[], what: string): Map<string, T> {
    const seen = new Map<string, T>();
    for (const x of list) {
      const prior = seen.get(x.id);
      if (prior) report(x, `duplicate ${what} id "${x.id}" (first in ${where(prior).file}) / 重复的编号`);
      else seen.set(x.id, x);
    }
    return seen;
  }
  const sources = uniqueIds(b.sources, 'source');
  const regions = uniqueIds(b.regions, 'region');
  const clusters = uniqueIds(b.clusters, 'cluster');
  const segments = uniqueIds(b.segments, 'segment');
  const firms = uniqueIds(b.firms, 'firm');
  uniqueIds(b.projects, 'project');

  const usccs = new Map<string, Firm>();
  for (const f of b.firms) {
    if (!f.uscc) continue;
    const prior = usccs.get(f.uscc);
    if (prior) report(f, `duplicate USCC ${f.uscc} (also firm ${prior.id})`);
    else usccs.set(f.uscc, f);
    if (f.id !== f.uscc && /^[0-9A-Z]{18}$/.test(f.id)) report(f, `firm id looks like a USCC but differs from uscc ${f.uscc}`);
  }

  const needSource = (r: object & { sourceId?: string }) => {
    if (r.sourceId && !sources.has(r.sourceId)) report(r, `unknown source "${r.sourceId}"`);
  };
  // The region tree: country > province > city > district, each parent strictly higher, no cycles.
  for (const r of b.regions) {
    if (!r.parentId) continue;
    const parent = regions.get(r.parentId);
    if (!parent) {
      report(r, `unknown parent region "${r.parentId}"`);
      continue;
    }
    if (regionLevels.indexOf(parent.level) >= regionLevels.indexOf(r.level)) {
      report(r, `region of level ${r.level} cannot sit under ${parent.id} of level ${parent.level}`);
    }
  }
  reportCycles(b.regions, (r) => r.parentId, (r) => report(r, `region parent chain loops back to "${r.id}"`));
  for (const c of b.clusters) needSource(c);
  for (const s of b.segments) {
    needSource(s);
    if (!clusters.has(s.clusterId)) report(s, `unknown cluster "${s.clusterId}"`);
    if (s.parentId) {
      const parent = segments.get(s.parentId);
      if (!parent) report(s, `unknown parent segment "${s.parentId}"`);
      else if (parent.clusterId !== s.clusterId) {
        report(s, `parent segment "${s.parentId}" belongs to cluster ${parent.clusterId}, not ${s.clusterId} (PART_OF stays inside a cluster)`);
      }
    }
  }
  reportCycles(b.segments, (s) => s.parentId, (s) => report(s, `segment parent chain (PART_OF) loops back to "${s.id}"`));
  const feedKeys = new Set<string>();
  for (const f of b.feeds) {
    needSource(f);
    const from = segments.get(f.from);
    if (!from) report(f, `unknown segment "${f.from}" (feeds.from)`);
    else {
      const fileCluster = feedFileCluster.get(f);
      if (fileCluster && from.clusterId !== fileCluster) {
        report(f, `feed from ${f.from} belongs in the file of cluster ${from.clusterId}, not ${fileCluster}`);
      }
    }
    if (!segments.has(f.to)) report(f, `unknown segment "${f.to}" (feeds.to)`);
    if (f.from === f.to) report(f, 'a segment cannot feed itself');
    const key = `${f.from}>${f.to}`;
    if (feedKeys.has(key)) report(f, `duplicate feed ${f.from}→${f.to}`);
    feedKeys.add(key);
  }
  for (const f of b.firms) {
    needSource(f);
    if (!regions.has(f.regionId)) report(f, `unknown region "${f.regionId}"`);
    if (!regions.has(f.originId)) report(f, `unknown origin country "${f.originId}"`);
    const primaries = f.segments.filter((s) => s.primary);
    if (primaries.length > 1) report(f, 'more than one primary segment');
    const primary = primaries[0] && segments.get(primaries[0].segmentId);
    const fileCluster = firmFileCluster.get(f);
    if (primary && fileCluster && primary.clusterId !== fileCluster) {
      report(f, `firm with primary segment ${primary.id} belongs in the file of cluster ${primary.clusterId}, not ${fileCluster}`);
    }
    const source = sources.get(f.sourceId);
    if (source && f.illustrative !== (source.kind === 'illustrative')) {
      report(
        f,
        f.illustrative
          ? `illustrative firm cites source "${f.sourceId}" of kind ${source.kind}; cite an illustrative source`
          : `firm cites the illustrative source "${f.sourceId}" but is not marked illustrative: true`,
      );
    }
    const seen = new Set<string>();
    for (const s of f.segments) {
      if (!segments.has(s.segmentId)) report(f, `unknown segment "${s.segmentId}"`);
      if (seen.has(s.segmentId)) report(f, `segment "${s.segmentId}" listed twice`);
      seen.add(s.segmentId);
    }
  }
  const anchorKeys = new Set<string>();
  for (const a of b.anchors) {
    needSource(a);
    const key = `${a.firmId}>${a.clusterId}`;
    if (anchorKeys.has(key)) report(a, `duplicate anchor ${a.firmId} of ${a.clusterId}`);
    anchorKeys.add(key);
    if (!firms.has(a.firmId)) report(a, `unknown firm "${a.firmId}" (anchor)`);
    if (!clusters.has(a.clusterId)) report(a, `unknown cluster "${a.clusterId}" (anchor)`);
  }
  const tieKeys = new Set<string>();
  for (const t of b.supplies) {
    needSource(t);
    if (t.from === t.to) report(t, 'a firm cannot supply itself');
    const key = `${t.from}>${t.to}>${t.segmentId ?? ''}`;
    if (tieKeys.has(key)) report(t, `duplicate supply tie ${t.from}→${t.to}`);
    tieKeys.add(key);
    if (!firms.has(t.from)) report(t, `unknown firm "${t.from}" (supplies.from)`);
    if (!firms.has(t.to)) report(t, `unknown firm "${t.to}" (supplies.to)`);
    if (t.segmentId && !segments.has(t.segmentId)) report(t, `unknown segment "${t.segmentId}"`);
    else if (t.segmentId) {
      const supplier = firms.get(t.from);
      if (supplier && !supplier.segments.some((s) => s.segmentId === t.segmentId)) {
        report(t, `supplier ${t.from} does not operate in segment "${t.segmentId}" (add it to the firm's segments)`);
      }
    }
  }
  for (const p of b.projects) {
    needSource(p);
    if (!firms.has(p.firmId)) report(p, `unknown firm "${p.firmId}" (project)`);
    for (const s of p.segmentIds) if (!segments.has(s)) report(p, `unknown segment "${s}" (project)`);
  }
  uniqueIds(b.planTargets ?? [], 'plan target');
  for (const t of b.planTargets ?? []) {
    needSource(t);
    if (t.clusterId && !clusters.has(t.clusterId)) report(t, `unknown cluster "${t.clusterId}" (plan target)`);
    for (const c of t.filter.clusterIds ?? []) if (!clusters.has(c)) report(t, `unknown cluster "${c}" (plan target filter)`);
    for (const s of t.filter.segmentIds ?? []) if (!segments.has(s)) report(t, `unknown segment "${s}" (plan target filter)`);
  }
}

/** Calls `report` once for each record whose parent chain comes back to itself. */
function reportCycles<T extends { id: string }>(list: T[], parentOf: (x: T) => string | undefined, report: (x: T) => void): void {
  const byId = new Map(list.map((x) => [x.id, x] as const));
  for (const x of list) {
    const seen = new Set<string>([x.id]);
    let cur = parentOf(x);
    while (cur !== undefined) {
      if (cur === x.id) {
        report(x);
        break;
      }
      if (seen.has(cur)) break; // a loop further up: reported for its own members
      seen.add(cur);
      const next = byId.get(cur);
      cur = next ? parentOf(next) : undefined;
    }
  }
}

/** Reads every *.yaml under `dir` (cluster files under `dir/clusters/`). */
export function loadSeedDir(dir: string): SeedBundle {
  if (!existsSync(dir)) throw new Error(`graph-seeds directory not found: ${dir}`);
  const files: RawFile[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(entry.name)) files.push({ path: relative(dir, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return parseSeedFiles(files);
}
