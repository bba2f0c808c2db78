// Decoding of Q.localFirms rows (cypher.ts): the home subtree's firms of a
// cluster's scope as the gap finder reads them (analysis/input.LocalFirm), with
// the SUPPLIES ties they buy. The rows carry one string per firm (its id); the
// rest is packed into integers that index the lists the query was given.
import { bands, type FirmSegment } from '../../domain/model.js';
import type { LocalFirm, LocalSupplyTie } from '../../analysis/input.js';
import { SUPPLY_FIELDS, fromRow } from './records.js';

/** Firms per record of analysisLocalFirmsQuery: a few hundred keep a record within one Bolt chunk (64 KiB). */
export const LOCAL_FIRM_BATCH = 200;

/** The parameters Q.localFirms needs besides homeIds and scope (whose order they index). */
export function localFirmParams(homeIds: readonly string[], scope: readonly string[], ownCount: number) {
  return {
    ownCount,
    segIndex: Object.fromEntries(scope.map((id, i) => [id, i])),
    regionIndex: Object.fromEntries(homeIds.map((id, i) => [id, i])),
  };
}

type SegValue = number | [string, boolean | null, number | null];

/** One row [id, code, segs, ties] as a LocalFirm (no names: see Neo4jStore.analysisInput). */
export function decodeLocalFirm(row: unknown[], homeIds: readonly string[], scope: readonly string[]): LocalFirm {
  const code = row[1] as number;
  const values = row[2] as SegValue[];
  let segments: FirmSegment[];
  if (values.length === 1) {
    // Most firms have one segment: no sorting.
    const [segmentId, primary] = segmentRow(values[0]!, scope);
    segments = [{ segmentId, primary }];
  } else {
    // As records.fromRow.firm: in the record's order (ord).
    segments = values
      .map((x) => segmentRow(x, scope))
      .sort((a, b) => a[2] - b[2])
      .map(([segmentId, primary]) => ({ segmentId, primary }));
  }
  const revenue = code & 7;
  const employees = (code >> 3) & 7;
  // The key order of buildInput.localFirmOf (one object shape for the gap finder).
  const firm: LocalFirm = {
    id: row[0] as string,
    regionId: homeIds[Math.floor(code / 512)]!,
    segments,
    listed: (code & 256) !== 0,
    highTech: (code & 64) !== 0,
    specialized: (code & 128) !== 0,
    revenueBand: revenue > 0 ? bands[revenue - 1] : undefined,
    employeesBand: employees > 0 ? bands[employees - 1] : undefined,
    nameZh: undefined,
    nameEn: undefined,
  };
  return firm;
}

/** [segment id, primary, ord] of one OPERATES_IN value of Q.localFirms. */
function segmentRow(x: SegValue, scope: readonly string[]): [string, boolean, number] {
  if (typeof x !== 'number') return [x[0], x[1] as boolean, x[2] as number];
  const n = scope.length;
  const rest = Math.floor(x / n);
  return [scope[x % n]!, rest % 2 === 1, Math.floor(rest / 2)];
}

/** The ties of a row (bought by its firm), appended to `out`. */
export function pushLocalSupplies(row: unknown[], out: LocalSupplyTie[]): void {
  const ties = row[3] as unknown[][];
  if (ties.length === 0) return;
  const to = row[0] as string;
  const k = SUPPLY_FIELDS.length;
  for (const t of ties) {
    const segs = t[2 + k] as [string, number][];
    const tie = fromRow.supply(t[0] as string, to, t.slice(1, 1 + k)) as LocalSupplyTie;
    tie.supplierRegionId = t[1 + k] as string;
    (tie as { supplierSegmentIds: readonly string[] }).supplierSegmentIds =
      segs.length === 1 ? [segs[0]![0]] : [...segs].sort((a, b) => a[1] - b[1]).map((s) => s[0]);
    out.push(tie);
  }
}
