// The server builds its schema with `assumeValidSDL` (server/plugins/graphql.ts:
// it skips the SDL's own rules at every start); this is where those rules are
// checked in full, on the same SDL files.
import { join } from 'node:path';
import { buildSchema, validateSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadSchemaSdl } from '../../server/graphql/schema.js';
import { root } from './helpers.js';

const sdl = loadSchemaSdl(join(root, 'server/graphql'));

describe('GraphQL SDL', () => {
  it('passes every SDL rule and the type-system validation', () => {
    const schema = buildSchema(sdl);
    expect(validateSchema(schema)).toEqual([]);
    expect(schema.getQueryType()?.getFields()).toHaveProperty('gaps');
  });

  it('the full check catches what the server start lets through', () => {
    const broken = `${sdl}\nextend type Query { broken: String @noSuchDirective }`;
    expect(() => buildSchema(broken, { assumeValidSDL: true })).not.toThrow();
    expect(() => buildSchema(broken)).toThrow(/Unknown directive "@noSuchDirective"/);
  });
});
