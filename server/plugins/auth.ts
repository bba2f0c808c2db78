// Who each request acts as (`request.principal`), from its bearer token; the
// token store as `app.tokens`. Registered before the routes and the rate
// limiter, so limits key on a verified token and every route sees the role.
import fp from 'fastify-plugin';
import { principalFromHeader } from '../auth/bearer.js';
import { anonymous, requireRole, type Principal } from '../auth/roles.js';
import { routeNeeds } from '../auth/routeRoles.js';
import { TokenStore } from '../auth/tokenStore.js';
import { AppError } from '../domain/errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenStore;
  }
  interface FastifyRequest {
    principal: Principal;
    /** Set when the request carried a bad token; thrown after rate limiting (see below). */
    authError: AppError | null;
  }
}

export default fp(
  async (app) => {
    const tokens = TokenStore.open(app.config.dataDir);
    app.decorate('tokens', tokens);
    app.addHook('onClose', async () => tokens.close());
    app.decorateRequest('principal', null as never);
    app.decorateRequest('authError', null as never);

    // Callback-style hooks (not async): every request runs them, and an async hook costs
    // a promise and a microtask turn each.
    app.addHook('onRequest', (request, _reply, done) => {
      try {
        request.principal = principalFromHeader(request.headers.authorization, tokens);
        request.authError = null;
      } catch (e) {
        if (!(e instanceof AppError)) return done(e as Error);
        // Not thrown here: the rate limiter (route-level onRequest, after this hook) must
        // still count the request, keyed by IP, so guessing tokens is throttled too.
        request.principal = anonymous;
        request.authError = e;
      }
      done();
    });
    app.addHook('preHandler', (request, _reply, done) => {
      if (request.authError) return done(request.authError);
      const needs = routeNeeds(request.method, request.routeOptions.url);
      try {
        if (needs !== 'open' && needs !== 'graphql') requireRole(request.principal, needs, app.config.access.publicRead);
      } catch (e) {
        return done(e as Error);
      }
      done();
    });
  },
  { name: 'auth', dependencies: ['config'] },
);
