// server/graphql/generated.ts (committed) is what `npm run codegen` makes from
// the SDL today: a schema change without re-generating fails here, and a
// resolver that no longer fits the regenerated types fails `npm run typecheck`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';
import { root } from './helpers.js';

describe('GraphQL Code Generator output', () => {
  it('server/graphql/generated.ts is up to date with server/graphql/*.graphql (run npm run codegen)', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const [file] = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
      expect(file!.filename).toBe('server/graphql/generated.ts');
      expect(readFileSync(join(root, 'server/graphql/generated.ts'), 'utf8')).toBe(file!.content);
    } finally {
      process.chdir(cwd);
    }
  }, 60_000);
});
