// Security headers (helmet, CSP in http/csp.ts), CORS (CORS_ORIGINS) and rate
// limiting per token, else per IP (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS).
// fastify-plugin wrapped: applies to every route registered after it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { AppError } from '../domain/errors.js';
import { webCspDirectives } from '../http/csp.js';

/**
 * The headers helmet sets, computed once. @fastify/helmet calls `helmet(options)` on
 * every request, re-parsing the CSP directives each time: about a tenth of a cached
 * chain map's CPU time (issue 8). Our options do not depend on the request (no nonces),
 * so the middleware runs once, here, against a response that only records headers.
 */
export function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

export default fp(
  async (app) => {
    const { corsOrigins, limits } = app.config;
    const securityHeaders = helmetHeaders({
      contentSecurityPolicy: { useDefaults: false, directives: webCspDirectives },
      // The web app and GraphiQL load nothing cross-origin that would need CORP/COEP.
      crossOriginEmbedderPolicy: false,
    });
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(securityHeaders);
      done();
    });
    if (corsOrigins.length > 0) {
      await app.register(cors, {
        origin: corsOrigins.includes('*') ? '*' : corsOrigins,
        methods: ['GET', 'POST'],
        allowedHeaders: ['content-type', 'authorization'],
        maxAge: 600,
      });
    }
    await app.register(rateLimit, {
      max: limits.rateLimitMax,
      timeWindow: limits.rateLimitWindowMs,
      // A verified token is its own client (several people behind one office IP each get the limit).
      keyGenerator: (req) => (req.principal?.kind === 'token' ? `token:${req.principal.tokenId}` : `ip:${req.ip}`),
      allowList: (req) => req.url === '/healthz',
      errorResponseBuilder: (_req, ctx) =>
        new AppError(
          'RATE_LIMITED',
          `请求过于频繁:请 ${Math.ceil(ctx.ttl / 1000) || 1} 秒后重试(上限 ${ctx.max} 次 / ${limits.rateLimitWindowMs / 1000} 秒)`,
          `too many requests: retry in ${ctx.after} (limit ${ctx.max} per ${limits.rateLimitWindowMs / 1000} s)`,
        ),
    });
  },
  { name: 'security', dependencies: ['config'] },
);
