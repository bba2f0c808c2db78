// The floor: a bare Fastify + Mercurius server (JIT on) whose chainMap
// resolver returns a fixed answer, captured from our server for the same
// query. Same schema, same query, no store, no analysis, no plugins: the
// throughput the GraphQL stack itself allows on this machine.
// Child process: PORT, PAYLOAD_FILE (JSON of data.chainMap).
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { loadSchemaSdl } from '../../server/graphql/schema.js';

const payload = JSON.parse(readFileSync(process.env.PAYLOAD_FILE!, 'utf8')) as unknown;
const app = Fastify({ logger: false });
await app.register(mercurius, {
  schema: loadSchemaSdl(),
  resolvers: { Query: { chainMap: () => payload } },
  jit: 1,
});
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
