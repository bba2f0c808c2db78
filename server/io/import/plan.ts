// The row loop shared by every kind of import: each data row goes through its
// kind's planner and gets a fate; the planners' records form one batch.
import type { ImportBatch } from '../../store/GraphStore.js';
import { columnSpecs, type HeaderMapping, type ImportKind } from './columns.js';
import { ImportContext, type ImportData } from './context.js';
import { firmSegmentsPlanner } from './planFirmSegments.js';
import { firmsPlanner } from './planFirms.js';
import type { KindPlanner, PlanEnv } from './planner.js';
import { projectsPlanner } from './planProjects.js';
import { suppliesPlanner } from './planSupplies.js';
import { emptyCounts, type RowFate, type RowReport } from './report.js';
import { RowCheck } from './rowCheck.js';
import type { Table } from './table.js';

const planners: Record<ImportKind, (env: PlanEnv) => KindPlanner> = {
  firms: firmsPlanner,
  'firm-segments': firmSegmentsPlanner,
  supplies: suppliesPlanner,
  projects: projectsPlanner,
};

export interface RowsPlan {
  rows: RowReport[];
  counts: Record<RowFate, number>;
  batch: ImportBatch;
}

export type PlanSettings = Omit<PlanEnv, 'ctx'>;

/** Checks every row of `table` as `kind` against `data`; pure (no store, no clock: `now` comes in). */
export function planRows(
  table: Table,
  mapping: HeaderMapping,
  data: ImportData | ImportContext,
  settings: PlanSettings,
  onProgress?: (done: number, total: number) => void,
): RowsPlan {
  const ctx = data instanceof ImportContext ? data : new ImportContext(data);
  const planner = planners[mapping.kind]({ ...settings, ctx });
  const columns = RowCheck.columnsOf(mapping);
  const headerZh = new Map(columnSpecs[mapping.kind].map((s) => [s.key, s.headerZh]));
  const rows: RowReport[] = new Array(table.rows.length);
  const counts = emptyCounts();
  const total = table.rows.length;
  const check = new RowCheck(table.rows[0]!, columns, ctx, headerZh);
  for (let i = 0; i < total; i++) {
    check.reset(table.rows[i]!);
    let outcome;
    try {
      outcome = planner.row(check);
    } catch (e) {
      // A bug must not pass a row silently, nor crash the whole import.
      check.fail('(row)', 'INVALID', `内部错误:${(e as Error).message}`, `internal error: ${(e as Error).message}`);
    }
    if (!outcome || check.failed) {
      rows[i] = { row: check.row, fate: 'rejected', ...(outcome?.key ? { key: outcome.key } : {}), issues: check.issues };
      counts.rejected++;
    } else {
      rows[i] = { row: check.row, fate: outcome.fate, key: outcome.key, ...(outcome.changes ? { changes: outcome.changes } : {}), issues: check.issues };
      counts[outcome.fate]++;
    }
    if (onProgress && (i + 1) % 5000 === 0) onProgress(i + 1, total);
  }
  onProgress?.(total, total);
  return { rows, counts, batch: planner.batch() };
}

export function batchSize(batch: ImportBatch): number {
  return (batch.firms?.length ?? 0) + (batch.supplies?.length ?? 0) + (batch.projects?.length ?? 0) + (batch.anchors?.length ?? 0);
}
