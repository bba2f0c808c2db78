// Every error a client can see: a stable code and a message in Chinese and
// English. Interfaces map these to GraphQL `extensions` / HTTP bodies; nothing
// else (stack traces, driver messages) reaches a client.
export type ErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COSTLY'
  | 'PAYLOAD_TOO_LARGE'
  | 'ILLEGAL_TRANSITION'
  | 'IMPORT_REJECTED'
  | 'STORE_UNAVAILABLE'
  | 'INTERNAL';

export interface FieldError {
  path: string;
  messageZh: string;
  messageEn: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly fields: FieldError[] = [],
  ) {
    super(`${messageEn} / ${messageZh}`);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('NOT_FOUND', `未找到${what}:${id}`, `${what} not found: ${id}`);
