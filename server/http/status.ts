// HTTP status of each error code, shared by the plain routes and /graphql.
import type { ErrorCode } from '../domain/errors.js';

const statusOf: Partial<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  QUERY_TOO_DEEP: 400,
  QUERY_TOO_COSTLY: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  IMPORT_REJECTED: 422,
  RATE_LIMITED: 429,
  STORE_UNAVAILABLE: 503,
};

export const httpStatusOf = (code: ErrorCode): number => statusOf[code] ?? 500;
