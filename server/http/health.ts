// GET /healthz: liveness plus which store answers and its data version (a
// store that cannot answer makes the service unhealthy: 503).
import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.js';

export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', async (_req, reply) => {
    try {
      const background = app.store.backgroundWork?.() ?? [];
      // `building`: still ready to answer, but what it lists is being built (e.g. the search index after start-up).
      return { status: 'ok', store: app.store.kind, dataVersion: await app.store.dataVersion(), ...(background.length ? { building: background } : {}) };
    } catch (e) {
      app.log.error({ err: e }, 'health check: store not answering');
      const err = e instanceof AppError ? e : null;
      return reply.code(503).send({
        status: 'unavailable',
        store: app.store.kind,
        code: 'STORE_UNAVAILABLE',
        messageZh: err?.messageZh ?? '存储无响应',
        messageEn: err?.messageEn ?? 'the store is not answering',
      });
    }
  });
}
