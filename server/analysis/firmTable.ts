// The firm records of a GraphIndex: a Map from id to Firm whose entries may
// still be text, parsed on first read.
//
// Why: at start-up the embedded store rebuilds the graph from every stored
// firm. Parsing 100k bodies into objects, and the garbage collector copying
// those objects (and before them, 100k body strings) while the heap grows, was
// about a third of a 2.3 s start. The indexes only need a firm's id, USCC,
// region and segment ids, which `addText` reads from the text without parsing
// it. The text comes in chunks of many firms (one string each, kept whole
// until all its firms are parsed, so the collector does not copy it). A record
// is parsed when something reads it, and the embedded store's background work
// (the search index reads every firm) parses the rest shortly after start-up.
import type { Firm } from '../domain/model.js';

/** What the indexes of a GraphIndex need of a firm. */
export interface FirmShape {
  id: string;
  uscc?: string | undefined;
  regionId: string;
  segments: readonly { segmentId: string }[];
}

/** Separates records in the text given to `addText` (JSON text never holds a raw control character). */
export const RECORD_SEPARATOR = '\u0001';

export class FirmTable {
  /** id → the firm, or the slot of its text while it is not parsed yet. */
  private readonly map = new Map<string, Firm | number>();
  private chunks: (string | null)[] = [];
  /** Per chunk: how many of its records are not parsed yet (the chunk is dropped at 0). */
  private chunkPending: number[] = [];
  private slotChunk: number[] = [];
  private slotStart: number[] = [];
  private slotEnd: number[] = [];
  private unparsed = 0;

  get size(): number {
    return this.map.size;
  }

  /** Records not parsed yet (0 once every one has been read). */
  get pending(): number {
    return this.unparsed;
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  get(id: string): Firm | undefined {
    const v = this.map.get(id);
    return typeof v === 'number' ? this.parse(id, v) : v;
  }

  set(id: string, firm: Firm): this {
    const v = this.map.get(id);
    if (typeof v === 'number') this.release(v);
    this.map.set(id, firm);
    return this;
  }

  delete(id: string): boolean {
    const v = this.map.get(id);
    if (typeof v === 'number') this.release(v);
    return this.map.delete(id);
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  /** Every firm in insertion order; like a Map's, the iterator sees entries added meanwhile. */
  *values(): IterableIterator<Firm> {
    for (const [id, v] of this.map) yield typeof v === 'number' ? this.parse(id, v) : v;
  }

  [Symbol.iterator](): IterableIterator<Firm> {
    return this.values();
  }

  /**
   * Adds the firms of `text`: JSON records (each JSON.stringify of a valid
   * Firm) joined by RECORD_SEPARATOR. Calls `index` with the shape of each
   * firm held as text, and `parsed` with each record whose shape could not be
   * read from the text (or whose id the table holds already), parsed: the
   * caller adds it, so the table keeps the order of the text.
   */
  addText(
    text: string,
    index: (shape: FirmShape) => void,
    parsed: (firm: Firm) => void,
    canonical: (id: string) => string | undefined = () => undefined,
  ): void {
    const chunk = this.chunks.length;
    this.chunks.push(text);
    this.chunkPending.push(0);
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf(RECORD_SEPARATOR, start);
      if (end < 0) end = text.length;
      const shape = shapeOf(text, start, end);
      if (!shape || this.map.has(shape.id)) parsed(JSON.parse(text.slice(start, end)) as Firm);
      else {
        // The values are slices of `text`: kept as they are, they would keep the whole chunk
        // alive. Region and segment ids become the graph's own strings, the others copies.
        shape.id = copy(shape.id);
        if (shape.uscc !== undefined) shape.uscc = shape.uscc === shape.id ? shape.id : copy(shape.uscc);
        shape.regionId = canonical(shape.regionId) ?? copy(shape.regionId);
        for (const s of shape.segments) s.segmentId = canonical(s.segmentId) ?? copy(s.segmentId);
        this.map.set(shape.id, this.slotChunk.length);
        this.slotChunk.push(chunk);
        this.slotStart.push(start);
        this.slotEnd.push(end);
        this.chunkPending[chunk]!++;
        this.unparsed++;
        index(shape);
      }
      start = end + 1;
    }
    if (this.chunkPending[chunk] === 0) this.chunks[chunk] = null;
  }

  private parse(id: string, slot: number): Firm {
    const text = this.chunks[this.slotChunk[slot]!]!;
    const firm = JSON.parse(text.slice(this.slotStart[slot]!, this.slotEnd[slot]!)) as Firm;
    firm.id = id; // the same characters; the key's string serves both, as when the firm was put parsed
    // Replacing the value of an existing key keeps its place in the Map (and in running iterations).
    this.map.set(id, firm);
    this.release(slot);
    return firm;
  }

  private release(slot: number): void {
    const chunk = this.slotChunk[slot]!;
    if (--this.chunkPending[chunk]! === 0) this.chunks[chunk] = null;
    if (--this.unparsed === 0) {
      this.chunks = [];
      this.chunkPending = [];
      this.slotChunk = [];
      this.slotStart = [];
      this.slotEnd = [];
    }
  }
}

/**
 * A string with the same characters that does not share storage with `s`
 * (V8 makes a substring of 13 characters or more a view into its parent; the
 * parent of this one is a fresh copy).
 */
function copy(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/** A firm's shape as read from text; its strings may still be views into the text. */
interface MutableShape {
  id: string;
  uscc?: string;
  regionId: string;
  segments: { segmentId: string }[];
}

/**
 * The shape of the firm whose JSON text is text[start, end), read without
 * parsing it: the string values of the keys "id", "uscc" and "regionId" and of
 * every "segmentId" (only the objects of the segments array have that key).
 * In JSON text every quote inside a string value is escaped, so `"regionId":"`
 * cannot occur inside a name or a tag, and the first match is the key itself.
 * A value holding a backslash (an escape: possible in an id, not in the slugs
 * and codes the Firm schema allows elsewhere) gives null, and the caller parses
 * the record instead.
 */
export function shapeOf(text: string, start: number, end: number): MutableShape | null {
  // A view of the record (no copy), so that a key missing from it is not looked for in the records after it.
  const record = text.slice(start, end);
  const id = valueOf(record, '"id":"');
  const regionId = valueOf(record, '"regionId":"');
  if (!id || !regionId) return null;
  const segments: { segmentId: string }[] = [];
  for (let at = 0; ; ) {
    const key = record.indexOf('"segmentId":"', at);
    if (key < 0) break;
    const from = key + 13;
    const to = record.indexOf('"', from);
    if (to < 0) return null;
    const segmentId = record.slice(from, to);
    if (segmentId.includes('\\')) return null;
    segments.push({ segmentId });
    at = to;
  }
  if (segments.length === 0) return null;
  const uscc = valueOf(record, '"uscc":"');
  if (uscc === '') return null;
  return uscc === null ? { id, regionId, segments } : { id, uscc, regionId, segments };
}

/** The value of the first `key` (which ends with `:"`) in `record`; '' when malformed or escaped, null when absent. */
function valueOf(record: string, key: string): string | null {
  const at = record.indexOf(key);
  if (at < 0) return null;
  const from = at + key.length;
  const to = record.indexOf('"', from);
  if (to < 0) return '';
  const value = record.slice(from, to);
  return value.includes('\\') ? '' : value;
}
