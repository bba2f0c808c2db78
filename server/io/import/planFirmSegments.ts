// Rows of (firm, segment, primary?) → the firms' OPERATES_IN lists. Rows add
// assignments or change their primary flag; they never remove one.
import type { Firm } from '../../domain/model.js';
import type { KindPlanner, PlanEnv, RowOutcome } from './planner.js';
import { SeenKeys, type RowCheck } from './rowCheck.js';
import { parseBool } from './values.js';

export function firmSegmentsPlanner(env: PlanEnv): KindPlanner {
  const changed = new Map<string, Firm>();
  const seen = new SeenKeys();

  function row(c: RowCheck): RowOutcome | undefined {
    const firm = c.firm('uscc', 'firm');
    const cluster = c.cluster();
    const segmentText = c.required('segment');
    const segment = segmentText ? c.segment('segment', segmentText, cluster?.id) : undefined;
    const primary = c.parse('primary', parseBool);
    if (!firm || !segment) return undefined;
    const key = `${firm.id}>${segment.id}`;
    const prior = seen.check(key, c.row);
    if (prior !== undefined) {
      return c.fail('segment', 'DUPLICATE_IN_FILE', `与第 ${prior} 行是同一企业的同一环节`, `same firm and segment as row ${prior}`);
    }
    if (c.failed) return undefined;

    const current = changed.get(firm.id) ?? firm;
    const at = current.segments.findIndex((s) => s.segmentId === segment.id);
    if (at >= 0) {
      if (primary === undefined || current.segments[at]!.primary === primary) return { fate: 'unchanged', key };
      const segments = current.segments.map((s, i) => (i === at ? { ...s, primary } : s));
      changed.set(firm.id, { ...current, segments });
      return { fate: 'updated', key, changes: ['primary'] };
    }
    changed.set(firm.id, { ...current, segments: [...current.segments, { segmentId: segment.id, primary: primary ?? false }] });
    return { fate: 'created', key };
  }

  void env;
  return { row, batch: () => ({ firms: [...changed.values()] }) };
}
