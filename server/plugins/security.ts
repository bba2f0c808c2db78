// Security headers (helmet, CSP in http/csp.ts), CORS (CORS_ORIGINS) and rate
// limiting per token, else per IP (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS).
// fastify-plugin wrapped: applies to every route registered after it.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { AppError } from '../domain/errors.js';
import { webCspDirectives } from '../http/csp.js';

export default fp(
  async (app) => {
    const { corsOrigins, limits } = app.config;
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: webCspDirectives },
      // The web app and GraphiQL load nothing cross-origin that would need CORP/COEP.
      crossOriginEmbedderPolicy: false,
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
