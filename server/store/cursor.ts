// Opaque pagination cursors: base64url of the sort key. Firms are paged by id,
// so a cursor stays valid while other firms are added or removed.
import { AppError } from '../domain/errors.js';

export function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ id }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') {
      return (value as { id: string }).id;
    }
  } catch {
    // fall through: any undecodable cursor is the client's mistake, not ours
  }
  throw new AppError('BAD_INPUT', `分页游标无效:${cursor.slice(0, 40)}`, `invalid pagination cursor: ${cursor.slice(0, 40)}`);
}
