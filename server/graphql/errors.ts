// Errors as clients see them: `extensions: { code, messageZh, messageEn }`.
// AppError passes through with its code; GraphQL syntax/validation errors
// become BAD_INPUT; anything else is logged and shown as INTERNAL, never with
// its message or stack (driver and runtime messages are not for clients).
import type { FastifyBaseLogger } from 'fastify';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { AppError, type ErrorCode } from '../domain/errors.js';
import { fastifyClientError } from '../http/clientErrors.js';
import { httpStatusOf } from '../http/status.js';

interface ErrorWithStatus extends Error {
  statusCode?: number;
  code?: string;
  errors?: unknown[];
}

const mercuriusCodes: Record<string, ErrorCode> = {
  MER_ERR_GQL_QUERY_DEPTH: 'QUERY_TOO_DEEP',
};

/** The AppError behind a GraphQL error, when there is one (ours, or a Fastify request error such as a too-large body). */
function appErrorOf(original: ErrorWithStatus | undefined): { error: AppError; status: number } | null {
  if (original instanceof AppError) return { error: original, status: httpStatusOf(original.code) };
  return fastifyClientError(original);
}

function formatOne(error: GraphQLError, log: FastifyBaseLogger | undefined): GraphQLFormattedError {
  const where = {
    ...(error.locations && { locations: error.locations }),
    ...(error.path && { path: error.path }),
  };
  const app = appErrorOf(error.originalError as ErrorWithStatus | undefined);
  const original = (app?.error ?? error.originalError) as ErrorWithStatus | undefined;
  if (original instanceof AppError) {
    return {
      message: original.messageEn,
      ...where,
      extensions: {
        code: original.code,
        messageZh: original.messageZh,
        messageEn: original.messageEn,
        ...(original.fields.length && { fields: original.fields }),
      },
    };
  }
  // Duck-typed, not instanceof: mercurius (CommonJS) and this module may load different copies of graphql.
  const mercuriusCode = mercuriusCodes[String(original?.code ?? '')];
  const clientError =
    !original ||
    original.name === 'GraphQLError' ||
    mercuriusCode !== undefined ||
    (typeof original.statusCode === 'number' && original.statusCode < 500 && /^(FST|MER)_/.test(String(original.code ?? '')));
  if (clientError) {
    return {
      message: error.message,
      ...where,
      extensions: { code: mercuriusCode ?? 'BAD_INPUT', messageZh: `请求无效:${error.message}`, messageEn: error.message },
    };
  }
  log?.error({ err: original }, 'unexpected error in a GraphQL request');
  return {
    message: 'internal server error',
    ...where,
    extensions: { code: 'INTERNAL', messageZh: '服务器内部错误,请稍后重试', messageEn: 'internal server error; please try again later' },
  };
}

/** Mercurius `errorFormatter`. Status codes follow mercurius' default formatter. */
export function formatGraphQLErrors(
  execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>> & { statusCode?: number },
  context: MercuriusContext,
): { statusCode: number; response: { data: ExecutionResult['data'] | null; errors: GraphQLFormattedError[] } } {
  const log = context.reply?.log ?? context.app?.log;
  // Mercurius wraps all validation errors of a request in one error's `originalError.errors`.
  const flat = execution.errors.flatMap((e) => {
    const inner = (e.originalError as ErrorWithStatus | undefined)?.errors;
    return Array.isArray(inner)
      ? inner.map((x) => ((x as Error).name === 'GraphQLError' ? (x as GraphQLError) : new GraphQLError((x as Error).message, { originalError: x as Error })))
      : [e];
  });
  let statusCode = execution.data ? 200 : (execution.statusCode ?? 200);
  if (!execution.data && execution.statusCode === undefined && execution.errors.length === 1) {
    // A request-level error (auth, rate limit, body, or a failed non-null root field): its own status.
    const original = execution.errors[0]!.originalError as ErrorWithStatus | undefined;
    const app = appErrorOf(original);
    const s = app ? app.status : original?.statusCode;
    statusCode = typeof s === 'number' ? s : 200;
  }
  return { statusCode, response: { data: execution.data ?? null, errors: flat.map((e) => formatOne(e, log)) } };
}
