// Part of `npm run build:server`: bundles the compiled server (dist/server/**,
// from tsc) and its pure-JS dependencies into one CommonJS file,
// dist/server/main.bundle.cjs, and writes dist/server/main.bundle.mjs (from
// scripts/server-launcher.mjs), which `npm start` runs: it runs the bundle with
// V8's code cache. Why: at start-up Node otherwise resolves, reads and
// compiles several hundred small modules one by one, and then compiles the
// functions that start the server (see BENCHMARKS.md). CommonJS because Node 20
// can give cached code only to a vm.Script; the bundle is in strict mode, as the
// ES modules it is made of.
//
// Left outside the bundle, loaded from node_modules as before:
// - better-sqlite3 (native addon);
// - whatever the code loads lazily with createRequire (PDF, XLSX, fonts, pinyin).
//
// `import.meta.dirname` is rewritten in each module to the directory that module
// has in dist/server/, so the files read next to a module (the GraphQL SDL, the
// seed fingerprint's sources) are found as they are without the bundle.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distServer = join(root, 'dist', 'server');
const outfile = join(distServer, 'main.bundle.cjs');
const launcher = join(distServer, 'main.bundle.mjs');

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

// mercurius and graphql are inside the bundle (one copy of graphql for mercurius and for us):
// server/plugins/graphql.ts reaches graphql and mercurius' errors through createRequire (so that
// under vitest it gets mercurius' CommonJS copy); here those calls become plain require() calls,
// which esbuild resolves to the bundled modules. Mercurius serves GraphiQL's files from its own
// directory (`__dirname`), which is node_modules/mercurius/lib relative to the bundle.
const rewrites = [
  {
    filter: /[\\/]dist[\\/]server[\\/]plugins[\\/]graphql\.js$/,
    replace: [
      [/createRequire\(import\.meta\.url\)\((['"])(graphql|mercurius\/lib\/errors\.js)\1\)/g, "require('$2')", 2],
    ],
  },
  {
    filter: /[\\/]node_modules[\\/]mercurius[\\/]lib[\\/]routes\.js$/,
    replace: [[/__dirname/g, () => `__atlasJoin(__atlasBundleDir, ${JSON.stringify(relative(distServer, join(root, 'node_modules', 'mercurius', 'lib')).split(sep).join('/'))})`, 1]],
  },
];
const cjsRewrites = {
  name: 'cjs-rewrites',
  setup(b) {
    for (const rewrite of rewrites) {
      const { filter, replace } = rewrite;
      b.onLoad({ filter }, async (args) => {
        rewrite.done = true;
        let source = await readFile(args.path, 'utf8');
        for (const [pattern, by, count] of replace) {
          const found = source.match(pattern)?.length ?? 0;
          if (found !== count) throw new Error(`bundle: expected ${count} × ${pattern} in ${args.path}, found ${found}`);
          source = source.replace(pattern, by);
        }
        return { contents: source, loader: 'js' };
      });
    }
  },
};

const result = await build({
  entryPoints: [join(distServer, 'main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // What the ES modules read from import.meta, in a CommonJS file (see the banner).
  define: { 'import.meta.url': '__atlasMetaUrl', 'import.meta.dirname': '__dirname' },
  // neo4j-driver is inside, with the Neo4j store: imported dynamically (STORE=neo4j only), so esbuild
  // evaluates them on that import, not at start-up (an external one would be imported up front).
  external: ['better-sqlite3'],
  banner: {
    js: [
      "'use strict';",
      "const { join: __atlasJoin } = require('node:path');",
      "const __atlasMetaUrl = require('node:url').pathToFileURL(__filename).href;",
      'const __atlasBundleDir = __dirname;',
    ].join('\n'),
  },
  plugins: [moduleDirname, cjsRewrites],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// A rewrite that did not run (a file moved, or another plugin loaded it first) would leave a
// second graphql or a wrong GraphiQL directory in the bundle: fail the build instead.
for (const r of rewrites) if (!r.done) throw new Error(`bundle: no file matched ${r.filter}`);

// The launcher names its code cache after the bundle's hash; caches of earlier builds go.
const hash = createHash('sha256').update(await readFile(outfile)).digest('hex');
const launcherSource = await readFile(join(root, 'scripts', 'server-launcher.mjs'), 'utf8');
if (!launcherSource.includes("'__BUNDLE_HASH__'")) throw new Error('bundle: the launcher has no __BUNDLE_HASH__ to fill in');
await writeFile(launcher, launcherSource.replace("'__BUNDLE_HASH__'", JSON.stringify(hash)));
await rm(`${launcher}.map`, { force: true }); // of the ES module bundle that came before the launcher
for (const f of await readdir(distServer)) if (/^main\.bundle\.[0-9a-f]{16}\.cache$/.test(f)) await rm(join(distServer, f), { force: true });

const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`bundled the server into ${relative(root, outfile)} (${(bytes / 1e6).toFixed(1)} MB with its source map), started by ${relative(root, launcher)}`);
