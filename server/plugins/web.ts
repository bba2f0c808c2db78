// The built web app (dist/web, from `npm run build:web`) served at /.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { webDistDir } from '../paths.js';

export default async function webPlugin(app: FastifyInstance, opts: { root?: string }): Promise<void> {
  const root = opts.root ?? webDistDir;
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'web app not built: run "npm run build" to serve it at /');
    app.get('/', async (_req, reply) =>
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Chain Atlas 产业链图谱</title>' +
            '<p>网页尚未构建,请运行 <code>npm run build</code>。API 可用:<a href="/graphiql">/graphiql</a></p>' +
            '<p>The web app is not built: run <code>npm run build</code>. The API works: <a href="/graphiql">/graphiql</a></p>',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/', index: ['index.html'] });
}
