// The embedded store's durable records: one SQLite table per entity kind
// (id + JSON body), a meta table holding the data version, and the audit log.
// Durability comes from SQLite itself (WAL + synchronous=FULL: a commit is on
// disk when it returns); we write no journal or snapshot files of our own.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../domain/errors.js';
import type { AuditEntry } from '../GraphStore.js';

export const recordKinds = ['sources', 'regions', 'clusters', 'segments', 'feeds', 'firms', 'supplies', 'anchors', 'projects'] as const;
export type RecordKind = (typeof recordKinds)[number];

export const DB_FILE = 'chain-atlas.sqlite';
const SCHEMA_VERSION = 1;

/** Writes inside one transaction; `changed` counts rows actually written. */
export interface RecordTx {
  put(kind: RecordKind, id: string, body: unknown, search?: unknown): void;
  /** Inserts unless the id exists; true when inserted. */
  insertIfAbsent(kind: RecordKind, id: string, body: unknown, search?: unknown): boolean;
  delete(kind: RecordKind, id: string): boolean;
  readonly changed: number;
}

interface Statements {
  put: Database.Statement;
  insertIfAbsent: Database.Statement;
  delete: Database.Statement;
  bodies: Database.Statement<[], string>;
  bodyText: Database.Statement<[string, number, number], [number, string | null]>;
  bodiesAndSearch: Database.Statement<[], [string, string | null]>;
  searchKeys: Database.Statement<[], [string, string]>;
  setSearch: Database.Statement<[string | null, string]>;
}

function unavailable(path: string, e: unknown): AppError {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AppError(
      'STORE_UNAVAILABLE',
      `数据目录正被另一个进程使用:${path}`,
      `the data directory is in use by another process: ${path}`,
    );
  }
  const err = new AppError(
    'STORE_UNAVAILABLE',
    `无法打开数据文件 ${path}(${code || (e as Error).message})`,
    `cannot open the data file ${path} (${code || (e as Error).message})`,
  );
  err.cause = e;
  return err;
}

export class RecordDb {
  private readonly statements = new Map<RecordKind, Statements>();
  private version: number;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    for (const kind of recordKinds) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${kind} (id TEXT PRIMARY KEY, body TEXT NOT NULL, search TEXT)`);
      this.statements.set(kind, {
        // ON CONFLICT … DO UPDATE keeps the rowid, so load order (= first insertion order) is stable.
        put: db.prepare(
          `INSERT INTO ${kind} (id, body, search) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, search = excluded.search`,
        ),
        insertIfAbsent: db.prepare(`INSERT OR IGNORE INTO ${kind} (id, body, search) VALUES (?, ?, ?)`),
        delete: db.prepare(`DELETE FROM ${kind} WHERE id = ?`),
        // Start-up reads: bare column values (no row objects), in load order.
        bodies: db.prepare<[], string>(`SELECT body FROM ${kind} ORDER BY rowid`).pluck(),
        bodyText: db
          .prepare<[string, number, number], [number, string | null]>(
            // The subquery yields its rows in rowid order and the aggregate takes them as they come
            // (SQLite runs such a subquery as a co-routine). `group_concat(body, ? ORDER BY rowid)`
            // would say so, but SQLite then sorts a copy of every body again (~0.1 s at 100k
            // firms); tests/store/firmTable.test.ts checks the order of a store read back.
            `SELECT max(rowid), group_concat(body, ?) FROM (SELECT rowid, body FROM ${kind} WHERE rowid > ? ORDER BY rowid LIMIT ?)`,
          )
          .raw(),
        bodiesAndSearch: db.prepare<[], [string, string | null]>(`SELECT body, search FROM ${kind} ORDER BY rowid`).raw(),
        searchKeys: db.prepare<[], [string, string]>(`SELECT id, search FROM ${kind} WHERE search IS NOT NULL`).raw(),
        setSearch: db.prepare<[string | null, string]>(`UPDATE ${kind} SET search = ? WHERE id = ?`),
      });
    }
    db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    db.exec(`CREATE TABLE IF NOT EXISTS audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
      action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT)`);
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?), ('data_version', '0')`).run(
      String(SCHEMA_VERSION),
    );
    const schema = Number(this.meta('schema_version'));
    if (schema !== SCHEMA_VERSION) {
      throw new AppError(
        'STORE_UNAVAILABLE',
        `数据文件版本 ${schema} 与程序版本 ${SCHEMA_VERSION} 不符:${path}`,
        `data file schema version ${schema} does not match this program (${SCHEMA_VERSION}): ${path}`,
      );
    }
    this.version = Number(this.meta('data_version'));
  }

  /** Opens (creating if needed) `dataDir/chain-atlas.sqlite` and takes the exclusive lock. */
  static open(dataDir: string): RecordDb {
    const path = join(dataDir, DB_FILE);
    let db: Database.Database | undefined;
    try {
      mkdirSync(dataDir, { recursive: true });
      db = new Database(path, { timeout: 2000 });
      db.pragma('journal_mode = WAL');
      // FULL: the WAL is fsynced at every commit, so an acknowledged write survives power loss, not only a crash.
      db.pragma('synchronous = FULL');
      // One process owns the data directory: a second server on the same
      // DATA_DIR would hold a diverging in-memory graph, so it must fail to start.
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; COMMIT');
      return new RecordDb(db, path);
    } catch (e) {
      db?.close();
      if (e instanceof AppError) throw e;
      throw unavailable(path, e);
    }
  }

  private meta(key: string): string | undefined {
    return (this.db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value;
  }

  /**
   * Calls `apply` with every record body (JSON) of `kind` in load order, one
   * row at a time (a cursor, not an array of all rows): each string dies young
   * instead of all 100k firms' bodies living (and being copied by the GC)
   * until the last is parsed. `apply` must not use this connection.
   */
  forEachBody(kind: RecordKind, apply: (body: string) => void): void {
    for (const body of this.statements.get(kind)!.bodies.iterate()) apply(body);
  }

  /**
   * Calls `apply` with the record bodies of `kind` in load order, `rows` at a
   * time as one string: the bodies joined by `separator` (a character that JSON
   * text never holds raw, such as a control character). One string per chunk
   * instead of one per record: the garbage collector does not copy large
   * strings, and the text is decoded from UTF-8 in one go.
   */
  forEachBodyText(kind: RecordKind, rows: number, separator: string, apply: (text: string) => void): void {
    const st = this.statements.get(kind)!.bodyText;
    for (let after = 0; ; ) {
      const [last, text] = st.get(separator, after, rows)!;
      if (text === null) return;
      apply(text);
      after = last;
    }
  }

  /** Every [body, search keys] of `kind` in load order. */
  bodiesAndSearch(kind: RecordKind): [string, string | null][] {
    return this.statements.get(kind)!.bodiesAndSearch.all();
  }

  /** id → stored search keys (JSON) of every record of `kind` that has them. */
  searchKeys(kind: RecordKind): Map<string, string> {
    return new Map(this.statements.get(kind)!.searchKeys.all());
  }

  /**
   * Stores search keys computed after the write (lazily, on the first search).
   * They are derived from the record, not data: no data-version bump, and a
   * record written since (its keys reset to NULL) is never given stale ones
   * because callers save in the same tick as they compute.
   */
  saveSearchKeys(kind: RecordKind, keys: readonly (readonly [id: string, search: string])[]): void {
    const st = this.statements.get(kind)!.setSearch;
    this.db.transaction(() => {
      for (const [id, search] of keys) st.run(search, id);
    })();
  }

  dataVersion(): number {
    return this.version;
  }

  /**
   * Runs `fn` in one transaction; when it wrote anything, the data version is
   * bumped in the same transaction. Returns after COMMIT, i.e. once on disk.
   */
  transaction<T>(fn: (tx: RecordTx) => T): T {
    let changed = 0;
    const st = (kind: RecordKind) => this.statements.get(kind)!;
    const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
    const tx: RecordTx = {
      put(kind, id, body, search) {
        st(kind).put.run(id, JSON.stringify(body), json(search));
        changed++;
      },
      insertIfAbsent(kind, id, body, search) {
        const inserted = st(kind).insertIfAbsent.run(id, JSON.stringify(body), json(search)).changes > 0;
        if (inserted) changed++;
        return inserted;
      },
      delete(kind, id) {
        const deleted = st(kind).delete.run(id).changes > 0;
        if (deleted) changed++;
        return deleted;
      },
      get changed() {
        return changed;
      },
    };
    let next = this.version;
    const run = this.db.transaction(() => {
      const result = fn(tx);
      if (changed > 0) {
        next = this.version + 1;
        this.db.prepare(`UPDATE meta SET value = ? WHERE key = 'data_version'`).run(String(next));
      }
      return result;
    });
    try {
      const result = run();
      this.version = next;
      return result;
    } catch (e) {
      if (e instanceof AppError) throw e;
      const err = new AppError(
        'STORE_UNAVAILABLE',
        `写入数据文件失败,未做任何更改(${(e as { code?: string }).code ?? (e as Error).message})`,
        `writing the data file failed; nothing was changed (${(e as { code?: string }).code ?? (e as Error).message})`,
      );
      err.cause = e;
      throw err;
    }
  }

  appendAudit(entry: Omit<AuditEntry, 'id'>): void {
    this.db
      .prepare(`INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)`)
      .run(entry.at, entry.actor, entry.action, entry.target, entry.detail ?? null);
  }

  listAudit(first: number, before?: number): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT id, at, actor, action, target, detail FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?`,
      )
      .all(before ?? Number.MAX_SAFE_INTEGER, first) as (Omit<AuditEntry, 'detail'> & { detail: string | null })[];
    return rows.map(({ detail, ...r }) => (detail === null ? r : { ...r, detail }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
