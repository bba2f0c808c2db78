// The peer baseline: the Neo4j GraphQL Library (@neo4j/graphql) serving the
// chain-map data straight from the same Neo4j, as a team would set it up
// instead of Chain Atlas: type definitions for Cluster / Segment / FEEDS /
// Firm and the auto-generated API. Served by plain node:http with graphql-js
// (parsed and validated documents cached per query text, as Mercurius does
// for us), so the numbers measure the library, not a heavier web framework.
// Child process: PORT, NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD).
import { createServer } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { execute, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';
import neo4j from 'neo4j-driver';

export const typeDefs = /* GraphQL */ `
  type Cluster @node {
    id: ID!
    nameZh: String!
    nameEn: String!
    tier: String!
    segments: [Segment!]! @relationship(type: "HAS_SEGMENT", direction: OUT)
  }
  type Segment @node {
    id: ID!
    clusterId: String!
    nameZh: String!
    nameEn: String!
    stage: String!
    feeds: [Segment!]! @relationship(type: "FEEDS", direction: OUT, properties: "Feeds")
    fedBy: [Segment!]! @relationship(type: "FEEDS", direction: IN, properties: "Feeds")
    firms: [Firm!]! @relationship(type: "OPERATES_IN", direction: IN)
  }
  type Feeds @relationshipProperties {
    weight: Float!
  }
  type Firm @node {
    id: ID!
    nameZh: String!
    regionId: String!
  }
`;

const password = process.env.NEO4J_PASSWORD;
const driver = neo4j.driver(process.env.NEO4J_URI!, password ? neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', password) : undefined);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      let body: { query: string; variables?: Record<string, unknown> };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        res.writeHead(400).end();
        return;
      }
      let doc = documents.get(body.query);
      if (!doc) {
        try {
          const parsed = parse(body.query);
          const errors = validate(schema, parsed);
          doc = errors.length ? errors : parsed;
        } catch (e) {
          doc = [e as GraphQLError];
        }
        documents.set(body.query, doc);
      }
      const result = Array.isArray(doc)
        ? { errors: doc }
        : await execute({ schema, document: doc as DocumentNode, variableValues: body.variables ?? {}, contextValue: {} });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    })().catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(e) }] }));
    });
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void driver.close().then(() => process.exit(0));
});
