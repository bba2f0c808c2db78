// Rows of (supplier, buyer, segment?) → SUPPLIES ties between firms already in
// the store. A tie is identified by its two firms.
import type { SupplyTie } from '../../domain/model.js';
import type { KindPlanner, PlanEnv, RowOutcome } from './planner.js';
import { changedFields, SeenKeys, type RowCheck } from './rowCheck.js';

export function suppliesPlanner(env: PlanEnv): KindPlanner {
  const out: SupplyTie[] = [];
  const seen = new SeenKeys();
  const existing = new Map(env.ctx.data.supplies.map((t) => [`${t.from}>${t.to}`, t]));

  function row(c: RowCheck): RowOutcome | undefined {
    const supplier = c.firm('supplier_uscc', 'supplier');
    const buyer = c.firm('buyer_uscc', 'buyer');
    const cluster = c.cluster();
    const segmentText = c.get('segment');
    const segment = segmentText ? c.segment('segment', segmentText, cluster?.id) : undefined;
    const sourceId = c.source();
    const confidence = c.confidence();
    if (!supplier || !buyer) return undefined;
    if (supplier.id === buyer.id) {
      return c.fail('buyer', 'SELF_TIE', '供应方与采购方是同一企业', 'supplier and buyer are the same firm');
    }
    const key = `${supplier.id}>${buyer.id}`;
    const prior = seen.check(key, c.row);
    if (prior !== undefined) return c.fail('buyer', 'DUPLICATE_IN_FILE', `与第 ${prior} 行是同一供应关系`, `same supply tie as row ${prior}`);
    if (c.failed) return undefined;

    const before = existing.get(key);
    const tie: SupplyTie = {
      from: supplier.id,
      to: buyer.id,
      ...((segment?.id ?? before?.segmentId) ? { segmentId: segment?.id ?? before?.segmentId } : {}),
      sourceId: sourceId ?? env.sourceId,
      confidence: confidence ?? env.confidence,
    };
    if (!before) {
      out.push(tie);
      return { fate: 'created', key };
    }
    const changes = changedFields(before, tie, ['segmentId']);
    if (sourceId !== undefined && sourceId !== before.sourceId) changes.push('sourceId');
    if (confidence !== undefined && confidence !== before.confidence) changes.push('confidence');
    if (changes.length === 0) return { fate: 'unchanged', key };
    out.push(tie);
    return { fate: 'updated', key, changes };
  }

  return { row, batch: () => ({ supplies: out }) };
}
