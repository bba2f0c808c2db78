// The Fastify application. The boot order is visible here, one plugin per
// concern, each depending only on what was registered before it.
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from './config.js';
import { httpErrorHandler } from './http/errors.js';
import healthRoutes from './http/health.js';
import ioRoutes from './http/io.js';
import authPlugin from './plugins/auth.js';
import configPlugin from './plugins/config.js';
import graphqlPlugin from './plugins/graphql.js';
import securityPlugin from './plugins/security.js';
import storePlugin, { type StoreWrapper } from './plugins/store.js';
import webPlugin from './plugins/web.js';

export interface BuildOptions {
  /** Directory of the built web app; defaults to dist/web of the project. */
  webRoot?: string;
  /** Wraps the opened store (tests: count or fail store calls on the real app). */
  wrapStore?: StoreWrapper;
}

export function buildApp(config: AppConfig, options: BuildOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: { level: config.logLevel },
    // BODY_LIMIT for /graphql and every route without its own (the import upload sets a larger one).
    bodyLimit: config.limits.bodyLimit,
    trustProxy: config.trustProxy,
    // Opening the store may take longer than Fastify's 10 s default: seeding an empty Neo4j
    // whose JVM has just started, or waiting for its indexes after a bulk load (up to 300 s).
    pluginTimeout: 600_000,
    // Route schemas are mercurius' two constant ones (request input is checked by zod): Ajv need
    // not compile the JSON Schema meta-schema to check them at every start (~0.05 s).
    ajv: { customOptions: { validateSchema: false } },
  });
  app.setErrorHandler(httpErrorHandler);

  app.register(configPlugin, { config }); // 1. validated configuration → app.config
  app.register(authPlugin); //                2. bearer token → request.principal; token store → app.tokens
  app.register(securityPlugin); //            3. helmet (CSP), CORS, rate limit per token / IP
  app.register(storePlugin, options.wrapStore ? { wrap: options.wrapStore } : {}); // 4. graph store → app.store
  app.register(healthRoutes); //              5. GET /healthz
  app.register(graphqlPlugin); //             6. POST /graphql, GET /graphiql
  app.register(ioRoutes); //                  7. import upload / templates, map export, plan progress
  app.register(webPlugin, options.webRoot ? { root: options.webRoot } : {}); // 8. the web app at /

  return app;
}
