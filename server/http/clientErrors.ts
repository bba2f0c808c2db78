// Fastify's own request errors (body too large, wrong content type, invalid
// JSON …) as AppErrors with a stable code and a message in both languages.
// Used by the plain routes' handler and by the GraphQL error formatter.
import { AppError } from '../domain/errors.js';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
  name?: string;
}

const known: Record<string, () => AppError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new AppError('PAYLOAD_TOO_LARGE', '请求体过大(超过 BODY_LIMIT)', 'request body too large (over BODY_LIMIT)'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new AppError(
      'BAD_INPUT',
      '不支持的 Content-Type:请以 application/json 发送 GraphQL 请求',
      'unsupported Content-Type: send GraphQL requests as application/json',
    ),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new AppError('BAD_INPUT', 'Content-Length 与请求体长度不符', 'Content-Length does not match the body length'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new AppError('BAD_INPUT', 'Content-Type 为 application/json,但请求体为空', 'the body is empty but Content-Type is application/json'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => invalidJson(),
};

const invalidJson = () => new AppError('BAD_INPUT', '请求体不是有效的 JSON', 'the request body is not valid JSON');

/** A Fastify client error (4xx) as an AppError and the status to answer with; null for anything else. */
export function fastifyClientError(e: FastifyLikeError | null | undefined): { error: AppError; status: number } | null {
  if (!e || typeof e.statusCode !== 'number' || e.statusCode < 400 || e.statusCode >= 500) return null;
  const make = known[String(e.code ?? '')];
  if (make) return { error: make(), status: e.statusCode };
  // The JSON body parser's SyntaxError carries statusCode 400 and no FST_ code.
  if (e.name === 'SyntaxError') return { error: invalidJson(), status: 400 };
  if (!/^(FST|MER)_/.test(String(e.code ?? ''))) return null;
  return { error: new AppError('BAD_INPUT', `请求无效:${e.message}`, e.message), status: e.statusCode };
}
