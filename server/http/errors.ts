// Error replies of the plain HTTP routes (the GraphQL route formats its own):
// { code, messageZh, messageEn }, never a stack trace.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import { fastifyClientError } from './clientErrors.js';
import { httpStatusOf } from './status.js';

export function httpErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    return reply.code(httpStatusOf(error.code)).send({ code: error.code, messageZh: error.messageZh, messageEn: error.messageEn });
  }
  const client = fastifyClientError(error as FastifyError);
  if (client) {
    return reply.code(client.status).send({ code: client.error.code, messageZh: client.error.messageZh, messageEn: client.error.messageEn });
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply.code(500).send({ code: 'INTERNAL', messageZh: '服务器内部错误,请稍后重试', messageEn: 'internal server error; please try again later' });
}
