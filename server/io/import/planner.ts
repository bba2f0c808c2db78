// The contract between the generic row loop (plan.ts) and the per-kind
// planners (firms, firm-segments, supplies, projects).
import type { ImportBatch } from '../../store/GraphStore.js';
import type { ImportContext } from './context.js';
import type { RowFate } from './report.js';
import type { RowCheck } from './rowCheck.js';

export interface PlanEnv {
  ctx: ImportContext;
  /** Who imports (audit, project history). */
  actor: string;
  now: Date;
  /** Source record that imported facts cite unless a row names its own. */
  sourceId: string;
  /** Confidence of imported facts unless a row gives one. */
  confidence: number;
  filename?: string;
}

export interface RowOutcome {
  fate: Exclude<RowFate, 'rejected'>;
  key: string;
  changes?: string[];
}

export interface KindPlanner {
  /** Checks one row; undefined when it is rejected (its issues are on the check). */
  row(check: RowCheck): RowOutcome | undefined;
  /** The records to write, built from the accepted rows. */
  batch(): ImportBatch;
}
