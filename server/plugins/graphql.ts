// GraphQL via Mercurius: POST /graphql, GraphiQL at /graphiql. Registered
// encapsulated (no fastify-plugin) so Mercurius' error handler answers only
// for its own routes, not for /healthz or static files. Limits: depth
// (MAX_QUERY_DEPTH, graphql/limits/queryDepth.ts) and static cost
// (MAX_QUERY_COST, graphql/limits/queryCost.ts); page sizes are capped in the resolvers.
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { DocumentNode } from 'graphql';
import mercurius from 'mercurius';
import { actorName } from '../auth/roles.js';
import { RequestMemo } from '../graphql/context.js';
import { formatGraphQLErrors } from '../graphql/errors.js';
import { queryCostRule, SIZE_ARGS } from '../graphql/limits/queryCost.js';
import { queryDepthRule } from '../graphql/limits/queryDepth.js';
import { buildResolvers } from '../graphql/resolvers/index.js';
import { registerResponseCache } from '../graphql/responseCache.js';
import { loadSchemaSdl } from '../graphql/schema.js';
import { graphiqlCsp } from '../http/csp.js';

// graphql's validate as mercurius loads it (CommonJS): the schema is mercurius' object, and
// the ESM copy of graphql (what `import` gives under vitest) refuses it as "from another realm".
// The server bundle turns these two calls into require() of its own bundled copies (scripts/bundle-server.mjs).
const { Kind, buildSchema, validate, visit } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** Mercurius' own validation error, so a cost refusal is formatted like every other validation error. */
const { MER_ERR_GQL_VALIDATION } = createRequire(import.meta.url)('mercurius/lib/errors.js') as {
  MER_ERR_GQL_VALIDATION: new () => Error & { errors: readonly unknown[] };
};

/** Every variable reads as 0: the cheapest the query can be, a lower bound of its cost. */
const variablesAsZero = new Proxy({}, { get: (_target, key) => (typeof key === 'string' && key !== 'then' && key !== 'toJSON' ? 0 : undefined) }) as Record<string, unknown>;

/** Per parsed query (mercurius caches them): whether a variable sets a list size. */
const variableSized = new WeakMap<DocumentNode, boolean>();

/** True when a `first` or `limit` argument takes a variable: only then do the variables change the cost. */
function sizedByVariable(document: DocumentNode): boolean {
  let sized = false;
  visit(document, {
    Argument(node) {
      if (SIZE_ARGS.includes(node.name.value) && node.value.kind === Kind.VARIABLE) sized = true;
    },
  });
  return sized;
}

export default async function graphqlPlugin(app: FastifyInstance): Promise<void> {
  const { resolvers, loaders } = buildResolvers();
  const { maxQueryDepth, maxQueryCost } = app.config.limits;
  // Before mercurius, so its hooks wrap the GraphQL route.
  registerResponseCache(app);
  await app.register(mercurius, {
    // Built here rather than by mercurius, without re-checking the SDL's own rules (~0.03 s of
    // the start): the SDL is fixed at build time and tests/api/schema.test.ts checks it in full.
    // Mercurius still validates the schema as a type system when the server gets ready.
    schema: buildSchema(loadSchemaSdl(), { assumeValidSDL: true }),
    resolvers,
    loaders,
    graphiql: true,
    // Parsed and validated documents are cached per query text and, from the second
    // request on, compiled by graphql-jit: with the cache off every request re-parsed
    // and re-validated its query and ran in graphql-js, which cost cached chain maps
    // about ten times their throughput (issue 8, BENCHMARKS.md).
    jit: 1,
    // Depth: not mercurius' queryDepth, which counts the introspection query (depth 15) that
    // GraphiQL sends. Cost with every variable taken as 0, checked once per query text; the
    // exact cost with the request's variables is checked below, before execution.
    validationRules: [queryDepthRule(maxQueryDepth), queryCostRule({ maxCost: maxQueryCost, variables: variablesAsZero })],
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
  // The cost rule needs each request's variables (a `first: $n`), which mercurius passes
  // only to a validationRules function, and that is incompatible with its query cache:
  // so with variables it runs again here, per request, before execution; a refusal is
  // the same validation error (QUERY_TOO_COSTLY).
  app.graphql.addHook('preExecution', async (schema, document, _context, variables) => {
    if (!variables || Object.keys(variables).length === 0) return;
    // Most queries' variables are ids and flags, not sizes: their cost was checked exactly at validation.
    let sized = variableSized.get(document);
    if (sized === undefined) variableSized.set(document, (sized = sizedByVariable(document)));
    if (!sized) return;
    const errors = validate(schema, document, [queryCostRule({ maxCost: maxQueryCost, variables: (variables ?? null) as Record<string, unknown> | null })]);
    if (errors.length > 0) {
      const err = new MER_ERR_GQL_VALIDATION();
      err.errors = errors;
      throw err;
    }
  });
  // GraphiQL loads React and GraphiQL from unpkg.com: its pages get their own, wider CSP.
  // Callback style: it runs on every answer of these routes, and an async hook costs a promise each.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/graphiql')) reply.header('content-security-policy', graphiqlCsp);
    done(null, payload);
  });
}
