// Part of `npm run build:server`: bundles the compiled server (dist/server/**,
// from tsc) and its pure-JS dependencies into one module,
// dist/server/main.bundle.mjs, which `npm start` runs. Why: at start-up Node
// otherwise resolves, reads and compiles several hundred small modules one by
// one (~0.2–0.3 s of a 2 s start at 100k firms; see BENCHMARKS.md).
//
// Left outside the bundle, loaded from node_modules as before:
// - better-sqlite3 (native addon);
// - graphql and mercurius: server/plugins/graphql.ts takes graphql's validate
//   through require() so that it is the copy mercurius uses ("from another
//   realm" otherwise), so both must stay the one CommonJS copy in node_modules;
// - whatever the code loads lazily with createRequire (PDF, XLSX, fonts, pinyin).
//
// `import.meta.dirname` is rewritten in each module to the directory that module
// has in dist/server/, so the files read next to a module (the GraphQL SDL, the
// seed fingerprint's sources) are found as they are without the bundle.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distServer = join(root, 'dist', 'server');
const outfile = join(distServer, 'main.bundle.mjs');

const moduleDirname = {
  name: 'module-dirname',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]server[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.dirname')) return undefined;
      const rel = relative(distServer, dirname(args.path)).split(sep).join('/');
      const expr = rel ? `__atlasJoin(import.meta.dirname, ${JSON.stringify(rel)})` : 'import.meta.dirname';
      return { contents: source.replaceAll('import.meta.dirname', expr), loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: [join(distServer, 'main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // neo4j-driver is inside, with the Neo4j store: imported dynamically (STORE=neo4j only), so esbuild
  // evaluates them on that import, not at start-up (an external one would be imported up front).
  external: ['better-sqlite3', 'graphql', 'graphql/*', 'mercurius', 'mercurius/*'],
  // CommonJS dependencies inside an ES module bundle call require() for Node's own modules.
  banner: {
    js: [
      "import { createRequire as __atlasCreateRequire } from 'node:module';",
      "import { join as __atlasJoin } from 'node:path';",
      'const require = __atlasCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  plugins: [moduleDirname],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`bundled the server into ${relative(root, outfile)} (${(bytes / 1e6).toFixed(1)} MB with its source map)`);
