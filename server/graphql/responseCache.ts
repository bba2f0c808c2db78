// Whole answers of read-only GraphQL queries, kept per data version. Many people
// open the same chain maps and gap tables between two writes; the analysis behind
// them is cached already (analysisCache.ts), and this cache also saves executing
// the query and serialising its answer (~17 KB for a chain map): a hit costs a
// map lookup and one write, which is what gives the chain-map target its headroom
// (issue 8, BENCHMARKS.md). Keyed by who asks (role), query text, operation name
// and variables; an entry is served only while the store's data version is the
// one read before the answer was computed, so any write retires every entry.
// Only queries whose every root field is a pure read of the data is cached
// (not `viewer`, tokens, audit, plan progress, which depends on today's date),
// and only answers without errors.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Principal } from '../auth/roles.js';

/** Root fields whose answer depends only on the data, the arguments, the role and the fixed configuration. */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'clusters', 'cluster', 'segment', 'firm', 'firms', 'region', 'regions', 'homeRegion', 'source', 'sources',
  'gaps', 'recommendTargets', 'whatIf', 'chainMap', 'search', 'projects', 'project', 'importColumns',
]);

export interface ResponseCacheOptions {
  /** At most this many answers (default 512). */
  maxEntries?: number;
  /** At most this many bytes of answers in all (default 64 MiB). */
  maxBytes?: number;
}

interface Entry {
  version: number;
  /** The answer as UTF-8, as it goes out: a hit is written as it is, not encoded again. */
  payload: Buffer;
  /** When it was last kept or served (a counter): the entry least recently used goes first. */
  used: number;
}

/** The one request computing an answer; identical requests arriving meanwhile wait for it. */
interface Flight {
  version: number;
  /** The answer when it may be kept, else null (the waiters then compute their own). */
  done: Promise<string | null>;
  settle: (payload: string | null) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request's answer may be kept: under which key and data version (and the flight it leads, if any). */
    responseCacheSlot: { key: string; version: number; flight: Flight | null } | null;
  }
}

/**
 * Whether a query text is a read that may be cached (one operation, a query, only cacheable
 * root fields): its number when it is, else 0. The key of an answer holds that number, not
 * the query text (hundreds of characters, copied into every request's key before): a number
 * is never given to two texts, also after `parsed` was emptied (the text then gets a new one).
 */
function cacheableQuery(query: string, parsed: Map<string, number>, next: () => number): number {
  let id = parsed.get(query);
  if (id === undefined) {
    let ok = false;
    let doc: DocumentNode | null = null;
    try {
      doc = parse(query);
    } catch {
      // not cacheable: mercurius answers the syntax error
    }
    if (doc) {
      const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      // Fragments at the root could hide a field; named operations are fine, several are not (which one runs depends on operationName).
      ok =
        ops.length === 1 &&
        ops[0]!.operation === 'query' &&
        ops[0]!.selectionSet.selections.every((s) => s.kind === 'Field' && CACHEABLE_ROOT_FIELDS.has(s.name.value));
    }
    if (parsed.size >= 1000) parsed.clear();
    id = ok ? next() : 0;
    parsed.set(query, id);
  }
  return id;
}

const roleOf = (p: Principal | null | undefined) => (p && p.kind === 'token' ? p.role : 'anonymous');

/** Adds the cache to the routes registered after it in `app` (the GraphQL route). */
export function registerResponseCache(
  app: FastifyInstance,
  options: ResponseCacheOptions = {},
): { stats: () => { hits: number; misses: number; coalesced: number; entries: number; bytes: number } } {
  const maxEntries = options.maxEntries ?? 512;
  const maxBytes = options.maxBytes ?? 64 * 2 ** 20;
  const entries = new Map<string, Entry>();
  const parsed = new Map<string, number>();
  let queries = 0;
  const nextQuery = () => ++queries;
  // A hit only marks its entry as used: moving it to the end of the map (delete + set) on
  // every hit made the map grow and rehash as it went.
  let uses = 0;
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  let coalesced = 0;
  // Identical misses at once (ten browsers opening the same page after a write)
  // are computed once: the first computes, the others wait for its answer.
  const flights = new Map<string, Flight>();
  const land = (request: FastifyRequest, payload: string | null) => {
    const slot = request.responseCacheSlot;
    if (!slot?.flight) return;
    if (flights.get(slot.key) === slot.flight) flights.delete(slot.key);
    slot.flight.settle(payload);
    slot.flight = null;
  };

  const drop = (key: string) => {
    const e = entries.get(key);
    if (e) {
      bytes -= e.payload.length;
      entries.delete(key);
    }
  };

  /** The key of the entry served or kept longest ago (a scan: only when a new answer is over the limits). */
  const leastRecentlyUsed = (): string => {
    let oldest = '';
    let used = Infinity;
    for (const [k, e] of entries) {
      if (e.used < used) {
        used = e.used;
        oldest = k;
      }
    }
    return oldest;
  };

  app.decorateRequest('responseCacheSlot', null);

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST') return;
    const body = request.body as { query?: unknown; variables?: unknown; operationName?: unknown } | null;
    if (!body || typeof body !== 'object' || typeof body.query !== 'string') return;
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const query = cacheableQuery(body.query, parsed, nextQuery);
    if (query === 0) return;
    const key = `${roleOf(request.principal)}\u0000${operationName ?? ''}\u0000${query}\u0000${JSON.stringify(body.variables ?? null)}`;
    const version = await app.store.dataVersion();
    const hit = entries.get(key);
    if (hit && hit.version === version) {
      hits++;
      hit.used = ++uses;
      return reply.type('application/json; charset=utf-8').send(hit.payload);
    }
    const flight = flights.get(key);
    if (flight && flight.version === version) {
      const payload = await flight.done;
      if (payload !== null) {
        coalesced++;
        return reply.type('application/json; charset=utf-8').send(payload);
      }
    }
    misses++;
    if (hit) drop(key);
    // A request that waited on a failed flight finds it gone and leads the next one (or computes beside a newer leader).
    const current = flights.get(key);
    let lead: Flight | null = null;
    if (!current || current.version !== version) {
      let settle!: (payload: string | null) => void;
      const done = new Promise<string | null>((resolve) => (settle = resolve));
      lead = { version, done, settle };
      flights.set(key, lead);
    }
    request.responseCacheSlot = { key, version, flight: lead };
  });

  // Callback style: it runs on every GraphQL answer, hits included (an async hook costs a promise each).
  app.addHook('onSend', (request, reply, payload, done) => {
    const slot = request.responseCacheSlot;
    if (!slot) return done(null, payload);
    // An answer with errors (even partial) is not kept; a data value that merely contains
    // the text `"errors":` is not kept either, which only costs a recomputation.
    const encoded = reply.statusCode === 200 && typeof payload === 'string' && payload.startsWith('{"data":') && !payload.includes('"errors":') ? Buffer.from(payload) : null;
    // No single answer takes more than a quarter of the cache.
    if (encoded === null || encoded.length > maxBytes / 4) {
      land(request, null);
      return done(null, payload);
    }
    land(request, payload as string);
    drop(slot.key);
    const entry: Entry = { version: slot.version, payload: encoded, used: ++uses };
    entries.set(slot.key, entry);
    bytes += entry.payload.length;
    while (entries.size > 0 && (entries.size > maxEntries || bytes > maxBytes)) drop(leastRecentlyUsed());
    done(null, payload);
  });

  // A leader that never reaches onSend (the client went away, the request failed) still releases its waiters.
  app.addHook('onResponse', (request, _reply, done) => {
    land(request, null);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    land(request, null);
    done();
  });

  return { stats: () => ({ hits, misses, coalesced, entries: entries.size, bytes }) };
}
