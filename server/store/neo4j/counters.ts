// Counters the gap finder reads instead of scanning firms (issue #8: `gaps` at
// 1M firms). Kept as relationships with a count property:
//
//   (s:Segment)-[:FIRMS_IN {n}]->(r:Region)   firms located exactly in r that operate in s
//   (a:Segment)-[:CO_OCCURS {n}]->(b:Segment) firms operating in both (stored once, a < b)
//
// Why relationships: the reads start from a handful of scoped segments (or the
// home subtree's regions) and expand one hop — a segment has at most one
// FIRMS_IN per region (hundreds), a region one per segment — so no index is
// needed, and Neo4j keeps a dense node's relationships grouped by type, so the
// hundred thousand OPERATES_IN of a big segment are never touched. Keyed by the
// firm's own region (not its city), the counters stay right when seeding a new
// region changes which city a region counts for; city-level counts, local
// counts and local firm–segment pairs are sums over them at read time.
//
// Every write that changes a firm's region or segments (seed, upsertFirm,
// importBatch, deleteFirm) adds the firm's old shape with sign −1 and its new
// shape with +1 in the same transaction, so a re-upsert of an unchanged firm
// nets to zero and a move moves its counts. A counter that reaches 0 is deleted.
import type { ManagedTransaction } from 'neo4j-driver';
import { compareIds } from '../../analysis/graphIndex.js';
import { toInt } from './session.js';

/** What the counters depend on: a firm's region and segment ids. */
export interface FirmShape {
  regionId: string;
  segmentIds: readonly string[];
}

/** Bumped when the counter model changes: `init` rebuilds counters stored under another version. */
export const COUNTERS_VERSION = 1;

const SEP = '\u0000';
const ROWS = 5000;

export class CounterDeltas {
  private readonly seg = new Map<string, number>();
  private readonly pair = new Map<string, number>();

  add(f: FirmShape, sign: 1 | -1): this {
    const segs = f.segmentIds;
    for (const s of segs) bump(this.seg, s + SEP + f.regionId, sign);
    for (let i = 0; i < segs.length; i++) {
      for (let j = i + 1; j < segs.length; j++) {
        const [a, b] = compareIds(segs[i]!, segs[j]!) < 0 ? [segs[i]!, segs[j]!] : [segs[j]!, segs[i]!];
        bump(this.pair, a + SEP + b, sign);
      }
    }
    return this;
  }

  /** Adds `before` with −1 and `after` with +1 (either may be absent: a new or deleted firm). */
  move(before: FirmShape | undefined, after: FirmShape | undefined): this {
    if (before) this.add(before, -1);
    if (after) this.add(after, 1);
    return this;
  }

  get empty(): boolean {
    return this.seg.size === 0 && this.pair.size === 0;
  }

  /**
   * The non-zero deltas as [segment, region, n] (FIRMS_IN) and [a, b, n]
   * (CO_OCCURS, a before b): what `apply` would add, for writers that create
   * the counters themselves (the offline bulk load, server/store/neo4j/bulk).
   */
  entries(): { firmsIn: [string, string, number][]; coOccurs: [string, string, number][] } {
    const rows = (m: Map<string, number>) =>
      [...m].filter(([, d]) => d !== 0).map(([k, d]): [string, string, number] => {
        const [x, y] = k.split(SEP);
        return [x!, y!, d];
      });
    return { firmsIn: rows(this.seg), coOccurs: rows(this.pair) };
  }

  /**
   * Applies the non-zero deltas inside the write transaction `tx`, which must
   * hold the graph write lock (Neo4jSession.write: writes are serialised, so
   * the counters read here are still the stored ones when they are written).
   *
   * The counters of the segments concerned are read first (one expand per
   * segment over its FIRMS_IN / CO_OCCURS, at most a few hundred each), then
   * written by element id: changed ones SET, emptied ones deleted, absent ones
   * created. A MERGE per delta instead had Neo4j look for the relationship
   * between two dense nodes (Expand(Into) read ~150 counters per row: 1.5M db
   * hits for 10k deltas at 100k firms). Loading 100k firms in batches of 20k,
   * the counter statements took ~16 s of Neo4j's query time that way, ~7.5 s
   * this way.
   */
  async apply(tx: ManagedTransaction): Promise<void> {
    await applyDeltas(tx, FIRMS_IN, this.seg);
    await applyDeltas(tx, CO_OCCURS, this.pair);
  }
}

function bump(m: Map<string, number>, key: string, by: number): void {
  m.set(key, (m.get(key) ?? 0) + by);
}

interface CounterKind {
  /** The counters (x)-[k]->(y) of the segments `$ids` (x), as [x id, y id, element id of k, k.n]. */
  read: string;
  /** Creates a counter per row [x id, y id, n]. */
  create: string;
}

const counterKind = (rel: string, to: string): CounterKind => ({
  read: `
    UNWIND $ids AS id
    MATCH (x:Segment {id: id})-[k:${rel}]->(y:${to})
    RETURN [x.id, y.id, elementId(k), k.n] AS c`,
  create: `
    UNWIND $rows AS row
    MATCH (x:Segment {id: row[0]}), (y:${to} {id: row[1]})
    CREATE (x)-[:${rel} {n: row[2]}]->(y)`,
});

const FIRMS_IN = counterKind('FIRMS_IN', 'Region');
const CO_OCCURS = counterKind('CO_OCCURS', 'Segment');
/** Counters changed (row: [element id, n]) or deleted (row: element id), by element id. */
const SET_COUNTERS = `
  UNWIND $rows AS row
  MATCH ()-[k]->() WHERE elementId(k) = row[0]
  SET k.n = row[1]`;
const DELETE_COUNTERS = `
  UNWIND $rows AS id
  MATCH ()-[k]->() WHERE elementId(k) = id
  DELETE k`;

async function applyDeltas(tx: ManagedTransaction, kind: CounterKind, deltas: Map<string, number>): Promise<void> {
  const changed = [...deltas].filter(([, d]) => d !== 0);
  if (changed.length === 0) return;
  const segments = [...new Set(changed.map(([k]) => k.slice(0, k.indexOf(SEP))))];
  const stored = new Map<string, { element: string; n: number }>();
  for (let i = 0; i < segments.length; i += ROWS) {
    for (const r of (await tx.run(kind.read, { ids: segments.slice(i, i + ROWS) })).records) {
      const [x, y, element, n] = r.get('c') as [string, string, string, number];
      stored.set(x + SEP + y, { element, n });
    }
  }
  const set: [string, number][] = [];
  const gone: string[] = [];
  const create: [string, string, number][] = [];
  for (const [key, d] of changed) {
    const old = stored.get(key);
    const n = (old?.n ?? 0) + d;
    if (old) {
      if (n > 0) set.push([old.element, n]);
      else gone.push(old.element);
    } else if (n > 0) {
      const [x, y] = key.split(SEP);
      create.push([x!, y!, n]);
    }
    // An absent counter with a negative delta cannot happen for writes that
    // move stored shapes; like a counter reaching 0, it leaves no relationship.
  }
  const run = async <T>(query: string, rows: T[]) => {
    for (let i = 0; i < rows.length; i += ROWS) await tx.run(query, { rows: rows.slice(i, i + ROWS) });
  };
  await run(SET_COUNTERS, set.map(([e, n]) => [e, toInt(n)]));
  await run(DELETE_COUNTERS, gone);
  await run(kind.create, create.map(([x, y, n]) => [x, y, toInt(n)]));
}

/** The shapes of the stored firms among `ids` (absent ids are left out). */
export const FIRM_SHAPES = `
  UNWIND $ids AS id
  MATCH (f:Firm {id: id})
  RETURN f.id AS id, f.regionId AS regionId, [(f)-[:OPERATES_IN]->(s:Segment) | s.id] AS segmentIds`;

export async function firmShapes(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, FirmShape>> {
  const out = new Map<string, FirmShape>();
  for (let i = 0; i < ids.length; i += 10_000) {
    for (const r of (await tx.run(FIRM_SHAPES, { ids: ids.slice(i, i + 10_000) })).records) {
      out.set(r.get('id') as string, { regionId: r.get('regionId') as string, segmentIds: r.get('segmentIds') as string[] });
    }
  }
  return out;
}

/**
 * Recounts every counter from the firms (a database written before counters
 * existed, or under another COUNTERS_VERSION). One segment at a time: each
 * reads that segment's OPERATES_IN once.
 */
export async function rebuildCounters(tx: ManagedTransaction): Promise<void> {
  await tx.run(`MATCH (:Segment)-[k:FIRMS_IN|CO_OCCURS]->() DELETE k`);
  const segments = (await tx.run(`MATCH (s:Segment) RETURN s.id AS id`)).records.map((r) => r.get('id') as string);
  for (const id of segments) {
    await tx.run(
      `MATCH (s:Segment {id: $id})<-[:OPERATES_IN]-(f:Firm)
       WITH s, f.regionId AS regionId, count(*) AS n
       MATCH (r:Region {id: regionId})
       CREATE (s)-[:FIRMS_IN {n: n}]->(r)`,
      { id },
    );
    await tx.run(
      `MATCH (a:Segment {id: $id})<-[:OPERATES_IN]-(f:Firm)-[:OPERATES_IN]->(b:Segment)
       WHERE a.id < b.id
       WITH a, b, count(f) AS n
       CREATE (a)-[:CO_OCCURS {n: n}]->(b)`,
      { id },
    );
  }
}
