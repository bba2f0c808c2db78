// GraphQL via Mercurius: POST /graphql, GraphiQL at /graphiql. Registered
// encapsulated (no fastify-plugin) so Mercurius' error handler answers only
// for its own routes, not for /healthz or static files. Limits: depth
// (MAX_QUERY_DEPTH, mercurius queryDepth) and static cost (MAX_QUERY_COST,
// graphql/limits/queryCost.ts); page sizes are capped in the resolvers.
import type { FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { actorName } from '../auth/roles.js';
import { RequestMemo } from '../graphql/context.js';
import { formatGraphQLErrors } from '../graphql/errors.js';
import { queryCostRule } from '../graphql/limits/queryCost.js';
import { buildResolvers } from '../graphql/resolvers/index.js';
import { loadSchemaSdl } from '../graphql/schema.js';
import { graphiqlCsp } from '../http/csp.js';

export default async function graphqlPlugin(app: FastifyInstance): Promise<void> {
  const { resolvers, loaders } = buildResolvers();
  const { maxQueryDepth, maxQueryCost } = app.config.limits;
  await app.register(mercurius, {
    schema: loadSchemaSdl(),
    resolvers,
    loaders,
    graphiql: true,
    queryDepth: maxQueryDepth,
    // The cost rule needs each request's variables (a `first: $n`), which mercurius only
    // passes to a validationRules function, and that is incompatible with its query cache.
    cache: false,
    validationRules: ({ variables }) => [queryCostRule({ maxCost: maxQueryCost, variables: variables as Record<string, unknown> | null })],
    context: (request) => ({
      store: app.store,
      config: app.config,
      tokens: app.tokens,
      principal: request.principal,
      actor: actorName(request.principal),
      memo: new RequestMemo(app.store, app.config.homeRegionId),
    }),
    errorFormatter: formatGraphQLErrors,
  });
  // GraphiQL loads React and GraphiQL from unpkg.com: its pages get their own, wider CSP.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/graphiql')) reply.header('content-security-policy', graphiqlCsp);
    return payload;
  });
}
