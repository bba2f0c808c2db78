// Error replies of the plain HTTP routes (the GraphQL route formats its own):
// { code, messageZh, messageEn }, never a stack trace.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../domain/errors.js';

const statusOf: Partial<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
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

export function httpErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    return reply.code(statusOf[error.code] ?? 500).send({ code: error.code, messageZh: error.messageZh, messageEn: error.messageEn });
  }
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return reply.code(status).send({ code: 'BAD_INPUT', messageZh: `请求无效:${error.message}`, messageEn: error.message });
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply.code(500).send({ code: 'INTERNAL', messageZh: '服务器内部错误,请稍后重试', messageEn: 'internal server error; please try again later' });
}
