// The Fastify application. The boot order is visible here, one plugin per
// concern, each depending only on what was registered before it.
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from './config.js';
import { httpErrorHandler } from './http/errors.js';
import healthRoutes from './http/health.js';
import ioRoutes from './http/io.js';
import configPlugin from './plugins/config.js';
import graphqlPlugin from './plugins/graphql.js';
import storePlugin from './plugins/store.js';
import webPlugin from './plugins/web.js';

export interface BuildOptions {
  /** Directory of the built web app; defaults to dist/web of the project. */
  webRoot?: string;
}

export function buildApp(config: AppConfig, options: BuildOptions = {}): FastifyInstance {
  const app = Fastify({ logger: { level: config.logLevel } });
  app.setErrorHandler(httpErrorHandler);

  app.register(configPlugin, { config }); // 1. validated configuration → app.config
  app.register(storePlugin); //               2. graph store, seeded when empty → app.store
  app.register(healthRoutes); //              3. GET /healthz
  app.register(graphqlPlugin); //             4. POST /graphql, GET /graphiql
  app.register(ioRoutes); //                  5. import upload / templates, map export, plan progress
  app.register(webPlugin, options.webRoot ? { root: options.webRoot } : {}); // 6. the web app at /

  return app;
}
