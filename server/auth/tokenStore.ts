// API tokens, stored hashed in their own small SQLite file, DATA_DIR/tokens.sqlite,
// whichever graph store runs (embedded or Neo4j). A separate file because the
// embedded store holds its database exclusively while the server runs, and
// `npm run token` must be able to issue and revoke tokens meanwhile.
//
// A token reads `ca_<id>_<secret>`: the id (12 hex) finds the row, the secret
// (32 random bytes, base64url) is never stored; only SHA-256 of the whole
// token is, compared in constant time.
import Database from 'better-sqlite3';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../domain/errors.js';
import { roles, type Role } from './roles.js';

export const TOKEN_DB_FILE = 'tokens.sqlite';
const TOKEN_PATTERN = /^ca_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface IssuedToken {
  info: TokenInfo;
  /** The token itself: shown once, never stored. */
  token: string;
}

interface Row {
  id: string;
  name: string;
  role: Role;
  hash: Buffer;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const toInfo = (r: Row): TokenInfo => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

/** Token names: what the audit log shows as "who". */
export function checkTokenName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 80 || /[\u0000-\u001f]/.test(trimmed)) {
    throw new AppError('BAD_INPUT', '令牌名称须为 1–80 个字符', 'a token name must be 1–80 characters', [
      { path: 'name', messageZh: '须为 1–80 个字符', messageEn: 'must be 1–80 characters' },
    ]);
  }
  return trimmed;
}

export function checkRole(role: string): Role {
  if (!(roles as readonly string[]).includes(role)) {
    throw new AppError('BAD_INPUT', `角色须为 ${roles.join(' / ')} 之一`, `role must be one of ${roles.join(', ')}`, [
      { path: 'role', messageZh: `须为 ${roles.join(' / ')} 之一`, messageEn: `must be one of ${roles.join(', ')}` },
    ]);
  }
  return role as Role;
}

export class TokenStore {
  private constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS tokens (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, hash BLOB NOT NULL,
      created_at TEXT NOT NULL, revoked_at TEXT, last_used_at TEXT)`);
  }

  /** Opens (creating) DATA_DIR/tokens.sqlite; shared safely by the server and the CLI (WAL). */
  static open(dataDir: string): TokenStore {
    const path = join(dataDir, TOKEN_DB_FILE);
    try {
      mkdirSync(dataDir, { recursive: true });
      const db = new Database(path, { timeout: 5000 });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      return new TokenStore(db);
    } catch (e) {
      const err = new AppError('STORE_UNAVAILABLE', `无法打开令牌文件 ${path}`, `cannot open the token file ${path}`);
      err.cause = e;
      throw err;
    }
  }

  create(name: string, role: string, now = new Date()): IssuedToken {
    const row: Row = {
      id: randomBytes(6).toString('hex'),
      name: checkTokenName(name),
      role: checkRole(role),
      hash: Buffer.alloc(0),
      created_at: now.toISOString(),
      revoked_at: null,
      last_used_at: null,
    };
    const token = `ca_${row.id}_${randomBytes(32).toString('base64url')}`;
    row.hash = sha256(token);
    this.db
      .prepare(`INSERT INTO tokens (id, name, role, hash, created_at) VALUES (@id, @name, @role, @hash, @created_at)`)
      .run(row);
    return { info: toInfo(row), token };
  }

  list(): TokenInfo[] {
    // rowid breaks ties within one millisecond in creation order (ids are random).
    return (this.db.prepare(`SELECT * FROM tokens ORDER BY created_at, rowid`).all() as Row[]).map(toInfo);
  }

  get(id: string): TokenInfo | null {
    const row = this.db.prepare(`SELECT * FROM tokens WHERE id = ?`).get(id) as Row | undefined;
    return row ? toInfo(row) : null;
  }

  /** Revokes the token; returns it, or null when the id is unknown. Revoking twice keeps the first time. */
  revoke(id: string, now = new Date()): TokenInfo | null {
    this.db.prepare(`UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).run(now.toISOString(), id);
    return this.get(id);
  }

  /** The live token this string is, or null (malformed, unknown, wrong secret or revoked). */
  verify(token: string, now = new Date()): TokenInfo | null {
    const m = TOKEN_PATTERN.exec(token);
    if (!m) return null;
    const row = this.db.prepare(`SELECT * FROM tokens WHERE id = ?`).get(m[1]) as Row | undefined;
    if (!row || row.revoked_at !== null) return null;
    const given = sha256(token);
    if (row.hash.length !== given.length || !timingSafeEqual(row.hash, given)) return null;
    // At most one write a minute per token: "last used" is for humans, not an access log.
    const last = row.last_used_at ? Date.parse(row.last_used_at) : 0;
    if (now.getTime() - last > 60_000) {
      row.last_used_at = now.toISOString();
      this.db.prepare(`UPDATE tokens SET last_used_at = ? WHERE id = ?`).run(row.last_used_at, row.id);
    }
    return toInfo(row);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
