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
  const n = scope.length;
  const rows: [string, boolean, number][] = [];
  for (const x of row[2] as SegValue[]) {
    if (typeof x === 'number') {
      const rest = Math.floor(x / n);
      rows.push([scope[x % n]!, rest % 2 === 1, Math.floor(rest / 2)]);
    } else {
      rows.push([x[0], x[1] as boolean, x[2] as number]);
    }
  }
  // As records.fromRow.firm: in the record's order (ord).
  const segments: FirmSegment[] = rows.sort((a, b) => a[2] - b[2]).map(([segmentId, primary]) => ({ segmentId, primary }));
  const firm: LocalFirm = {
    id: row[0] as string,
    regionId: homeIds[Math.floor(code / 512)]!,
    segments,
    listed: (code & 256) !== 0,
    highTech: (code & 64) !== 0,
    specialized: (code & 128) !== 0,
  };
  const revenue = code & 7;
  const employees = (code >> 3) & 7;
  if (revenue > 0) firm.revenueBand = bands[revenue - 1];
  if (employees > 0) firm.employeesBand = bands[employees - 1];
  return firm;
}

/** The ties of a row (bought by its firm), appended to `out`. */
export function pushLocalSupplies(row: unknown[], out: LocalSupplyTie[]): void {
  const to = row[0] as string;
  for (const t of row[3] as unknown[][]) {
    out.push({
      ...fromRow.supply(t[0] as string, to, t.slice(1, 1 + SUPPLY_FIELDS.length)),
      supplierRegionId: t[1 + SUPPLY_FIELDS.length] as string,
      supplierSegmentIds: [...(t[2 + SUPPLY_FIELDS.length] as [string, number][])].sort((a, b) => a[1] - b[1]).map((s) => s[0]),
    });
  }
}
