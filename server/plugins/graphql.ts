// GraphQL via Mercurius: POST /graphql, GraphiQL at /graphiql. Registered
// encapsulated (no fastify-plugin) so Mercurius' error handler answers only
// for its own routes, not for /healthz or static files.
import type { FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { RequestMemo } from '../graphql/context.js';
import { formatGraphQLErrors } from '../graphql/errors.js';
import { buildResolvers } from '../graphql/resolvers/index.js';
import { loadSchemaSdl } from '../graphql/schema.js';

export default async function graphqlPlugin(app: FastifyInstance): Promise<void> {
  const { resolvers, loaders } = buildResolvers();
  await app.register(mercurius, {
    schema: loadSchemaSdl(),
    resolvers,
    loaders,
    graphiql: true,
    // Deep enough for segment → feeds → firms → segments → segment …, shallow enough to stop abuse.
    queryDepth: 12,
    context: () => ({ store: app.store, config: app.config, memo: new RequestMemo(app.store, app.config.homeRegionId) }),
    errorFormatter: formatGraphQLErrors,
  });
}
