// The schema as a client sees it: introspection over real HTTP with a standard
// client library (graphql-request) against a listening app, rebuilt with
// graphql's buildClientSchema. Every type, field, argument and enum value has
// a description in Chinese and English; every mutation is covered by the
// role table of access.test.ts.
import type { AddressInfo } from 'node:net';
import { buildClientSchema, getIntrospectionQuery, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type IntrospectionQuery } from 'graphql';
import { GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutationCases } from './mutationCases.js';
import { startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => t.close());

const zh = /[\u4e00-\u9fff]/;
const en = /[A-Za-z]{2,}/;

describe('introspection with graphql-request', () => {
  let schema: ReturnType<typeof buildClientSchema>;
  beforeAll(async () => {
    const client = new GraphQLClient(url);
    const result = await client.request<IntrospectionQuery>(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    schema = buildClientSchema(result);
  });

  it('builds a client schema with the entry points a team uses', () => {
    const query = schema.getQueryType()!.getFields();
    for (const f of ['clusters', 'firms', 'search', 'projects', 'regions', 'gaps', 'recommendTargets', 'whatIf', 'chainMap', 'auditLog']) expect(query).toHaveProperty(f);
    expect(String(query.firms!.type)).toBe('FirmConnection!');
    expect(schema.getMutationType()!.getFields()).toHaveProperty('moveProject');
  });

  it('describes every type, field, argument and enum value in Chinese and English', () => {
    const missing: string[] = [];
    const check = (where: string, description: string | null | undefined) => {
      if (!description || !zh.test(description) || !en.test(description)) missing.push(where);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      check(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.description);
          for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) check(`${type.name}.${v.name}`, v.description);
    }
    expect(missing).toEqual([]);
  });

  it('every mutation is in the role table (access.test.ts runs each for every role)', () => {
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(mutationCases).sort());
  });

  it('errors reach the client library with their code and both messages', async () => {
    const client = new GraphQLClient(url);
    const err = await client.request('{ firms(first: 500) { totalCount } }').catch((e: unknown) => e);
    const first = (err as { response: { errors: { extensions: Record<string, unknown> }[] } }).response.errors[0]!;
    expect(first.extensions).toMatchObject({ code: 'BAD_INPUT', messageZh: expect.stringMatching(zh), messageEn: expect.stringMatching(en) });
  });
});
