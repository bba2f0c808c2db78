// The GraphQL SDL: every *.graphql file next to this module, schema.graphql
// first, then the others by name (features add files with `extend type …`).
// The build copies them beside the compiled module, so the same lookup works
// from server/ (tsx) and from dist/server/ (node).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadSchemaSdl(dir: string = import.meta.dirname): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'schema.graphql' ? -1 : b === 'schema.graphql' ? 1 : a.localeCompare(b)));
  if (!files.includes('schema.graphql')) {
    throw new Error(`schema.graphql not found in ${dir} (run "npm run build" so it is copied to dist)`);
  }
  return files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}
