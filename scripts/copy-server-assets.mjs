// Part of `npm run build:server`: tsc compiles only .ts, so copy the GraphQL
// SDL files next to their compiled modules (server/** → dist/server/**).
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'server');
const to = join(root, 'dist', 'server');

function walk(dir, visit) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, visit);
    else visit(p);
  }
}

// Stale SDL from a deleted source file would silently stay in the schema.
if (existsSync(to)) walk(to, (p) => p.endsWith('.graphql') && rmSync(p));
let copied = 0;
walk(from, (p) => {
  if (!p.endsWith('.graphql')) return;
  cpSync(p, join(to, relative(from, p)));
  copied++;
});
console.log(`copied ${copied} GraphQL schema file(s) to dist/server`);
