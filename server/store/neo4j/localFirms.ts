// The home subtree's firms as the gap finder reads them (analysis/input.LocalFirm),
// with the SUPPLIES ties they buy: decoded from Q.homeFirms rows (cypher.ts),
// kept per home region and data version (HomeFirmsCache), and cut to one
// cluster's scope per call (localFirmsInScope). The rows carry one string per
// firm (its id); the rest is packed into integers and short lists.
import { bands, type FirmSegment } from '../../domain/model.js';
import type { LocalFirm, LocalSupplyTie } from '../../analysis/input.js';
import { compareIds } from '../../analysis/graphIndex.js';
import { SUPPLY_FIELDS, fromRow } from './records.js';

/** Firms per record of analysisHomeFirmsQuery: a few hundred keep a record within one Bolt chunk (64 KiB). */
export const LOCAL_FIRM_BATCH = 200;

/** A home firm with every tie it buys; shared by every call that reads it (read only). */
export interface HomeFirm {
  /** Without names (see Neo4jStore.analysisInput). */
  readonly firm: LocalFirm;
  /** Bought by the firm, sorted by supplier id. */
  readonly ties: readonly LocalSupplyTie[];
}

/** What a home region's cache entry holds: its firms with a segment, sorted by id. */
export interface HomeFirms {
  readonly firms: readonly HomeFirm[];
}

/** The parameters Q.homeFirms needs besides homeIds (whose order they index). */
export function homeFirmParams(homeIds: readonly string[]) {
  return { regionIndex: Object.fromEntries(homeIds.map((id, i) => [id, i])) };
}

/** Decodes the rows of analysisHomeFirmsQuery (the lists of its records, in any order). */
export function decodeHomeFirms(rows: readonly unknown[][], homeIds: readonly string[]): HomeFirms {
  const firms = rows.map((row) => ({ firm: decodeLocalFirm(row, homeIds), ties: decodeTies(row) }));
  firms.sort((a, b) => compareIds(a.firm.id, b.firm.id));
  return { firms };
}

/** One row [id, code, segs, ties] as a LocalFirm (no names). */
function decodeLocalFirm(row: unknown[], homeIds: readonly string[]): LocalFirm {
  const code = row[1] as number;
  const values = row[2] as [string, boolean | null, number | null][];
  // As records.fromRow.firm: in the record's order (ord). Most firms have one segment: no sorting.
  const segments: FirmSegment[] =
    values.length === 1
      ? [{ segmentId: values[0]![0], primary: values[0]![1] as boolean }]
      : [...values].sort((a, b) => (a[2] as number) - (b[2] as number)).map(([segmentId, primary]) => ({ segmentId, primary: primary as boolean }));
  const revenue = code & 7;
  const employees = (code >> 3) & 7;
  // The key order of input.localFirmOf (one object shape for the gap finder).
  return {
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
}

/** The ties of a row (bought by its firm), sorted by supplier id. */
function decodeTies(row: unknown[]): LocalSupplyTie[] {
  const rows = row[3] as unknown[][];
  if (rows.length === 0) return [];
  const to = row[0] as string;
  const k = SUPPLY_FIELDS.length;
  const ties = rows.map((t) => {
    const segs = t[2 + k] as [string, number][];
    const tie = fromRow.supply(t[0] as string, to, t.slice(1, 1 + k)) as LocalSupplyTie;
    tie.supplierRegionId = t[1 + k] as string;
    (tie as { supplierSegmentIds: readonly string[] }).supplierSegmentIds =
      segs.length === 1 ? [segs[0]![0]] : [...segs].sort((a, b) => a[1] - b[1]).map((s) => s[0]);
    return tie;
  });
  return ties.sort((a, b) => compareIds(a.from, b.from));
}

/**
 * One cluster's part of the home firms: the firms operating in a segment of
 * `scope` (sorted by id), and the ties bought by those operating in one of its
 * first `ownCount` segments (the cluster's own), sorted by (to, from). The
 * objects are the cache's (read only).
 */
export function localFirmsInScope(home: HomeFirms, scope: readonly string[], ownCount: number): { localFirms: LocalFirm[]; localSupplies: LocalSupplyTie[] } {
  // 1: a neighbour segment, 2: one of the cluster's own.
  const kind = new Map<string, number>();
  scope.forEach((id, i) => kind.set(id, i < ownCount ? 2 : 1));
  const localFirms: LocalFirm[] = [];
  const localSupplies: LocalSupplyTie[] = [];
  for (const { firm, ties } of home.firms) {
    let k = 0;
    for (const s of firm.segments) k = Math.max(k, kind.get(s.segmentId) ?? 0);
    if (k === 0) continue;
    localFirms.push(firm);
    if (k === 2) for (const t of ties) localSupplies.push(t);
  }
  return { localFirms, localSupplies };
}

/**
 * The home firms per (home region, data version), at most `capacity` home
 * regions (least recently used out). A load runs in the background (its own
 * read transaction, see Neo4jStore.analysisInput) and is kept once it ends,
 * unless it failed, found another data version (null), or overlapped a write
 * through the store (`current()`, the store's write generation, moved from
 * `generation`). Calls meanwhile wait for it (`pending`): not reading their
 * own part from Neo4j at the same time, which on 2 cores made every call and
 * the load slower.
 */
export class HomeFirmsCache {
  /** data null: still loading (`pending`, the load). */
  private readonly entries = new Map<string, { version: number; data: HomeFirms | null; pending: Promise<HomeFirms | null> }>();
  private readonly loads = new Set<Promise<unknown>>();

  constructor(private readonly capacity: number) {}

  /** The home region's firms at this data version, if loaded (a loaded entry of another version is dropped). */
  get(home: string, version: number): HomeFirms | null {
    const entry = this.entries.get(home);
    if (!entry?.data) return null;
    this.entries.delete(home);
    if (entry.version !== version) return null;
    this.entries.set(home, entry); // most recently used last
    return entry.data;
  }

  /**
   * The running load of the home region's firms at this data version, if any:
   * resolves to them, or to null if they are not kept (failed, another version, a write).
   */
  pending(home: string, version: number): Promise<HomeFirms | null> | null {
    const entry = this.entries.get(home);
    return entry && entry.data === null && entry.version === version ? entry.pending : null;
  }

  /** Whether a load of the home region's firms is running. */
  loading(home: string): boolean {
    return this.entries.get(home)?.data === null;
  }

  /** Registers a running load; keeps its result as said above. */
  load(home: string, version: number, data: Promise<HomeFirms | null>, generation: number, current: () => number): void {
    if (current() !== generation) return;
    const entry: { version: number; data: HomeFirms | null; pending: Promise<HomeFirms | null> } = { version, data: null, pending: data };
    this.entries.delete(home);
    this.entries.set(home, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    const drop = () => {
      if (this.entries.get(home) === entry) this.entries.delete(home);
    };
    const settled = data.then(
      (loaded) => {
        if (loaded && current() === generation) {
          entry.data = loaded;
          return loaded;
        }
        drop();
        return null;
      },
      () => {
        drop();
        return null;
      },
    );
    entry.pending = settled;
    this.loads.add(settled);
    void settled.finally(() => this.loads.delete(settled));
  }

  /** Resolves once every load registered so far has ended (kept or not). */
  async idle(): Promise<void> {
    await Promise.all([...this.loads]);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
