// `npm start` runs this file, copied by scripts/bundle-server.mjs to
// dist/server/main.bundle.mjs (with __BUNDLE_HASH__ filled in). It runs the
// server bundle, dist/server/main.bundle.cjs, with V8's code cache: compiling
// the 7 MB bundle and the functions that run while the server starts cost
// ~0.2–0.3 s of every start (BENCHMARKS.md). Node 20 has no compile cache of
// its own for this (module.enableCompileCache came in Node 22), so the bundle
// is compiled here with vm.Script and the cached data V8 makes once the server
// listens is kept in a file, read at the next start.
//
// - The cache file is named after the bundle's SHA-256 (taken at build time):
//   V8 checks only a cache's length of source, V8 version and flags, so a cache
//   of another build of the same length would run that build's code.
// - V8 refuses a cache made by another Node version or with other V8 flags;
//   the server then starts without it and writes a new one.
// - CODE_CACHE=off starts without it; CODE_CACHE_DIR chooses the directory
//   (default: next to the bundle, else the OS temp directory when that is
//   not writable, as in the Docker image).
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, accessSync, constants } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const BUNDLE_HASH = '__BUNDLE_HASH__';
const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, 'main.bundle.cjs');
const setting = process.env.CODE_CACHE ?? 'on';
if (setting !== 'on' && setting !== 'off') {
  process.stderr.write(`配置错误:CODE_CACHE 须为 on 或 off(现为 "${setting}")\nbad configuration: CODE_CACHE must be on or off (got "${setting}")\n`);
  process.exit(1);
}
const enabled = setting === 'on';

function cacheDir() {
  if (process.env.CODE_CACHE_DIR) return process.env.CODE_CACHE_DIR;
  try {
    accessSync(here, constants.W_OK);
    return here;
  } catch {
    return join(tmpdir(), 'chain-atlas-code-cache');
  }
}

const dir = cacheDir();
const cacheName = `main.bundle.${BUNDLE_HASH.slice(0, 16)}.cache`;
const cacheFile = join(dir, cacheName);

let cachedData;
if (enabled) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet
  }
}

const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), {
  filename: bundle,
  cachedData,
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
/** 'accepted' | 'rejected' (made by another Node or with other flags: rewritten) | 'absent' | 'off'. */
const status = !enabled ? 'off' : cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';

function writeCache() {
  if (status !== 'absent' && status !== 'rejected') return;
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile); // whole or not at all, also with two servers starting at once
    // Caches of earlier builds are of no further use.
    for (const f of readdirSync(dir)) {
      if (/^main\.bundle\.[0-9a-f]{16}\.cache$/.test(f) && f !== cacheName) rmSync(join(dir, f), { force: true });
    }
  } catch {
    // A directory that cannot be written only means the next start compiles again.
  }
}

// Read by server/main.ts: it logs the status and calls started() once the server listens,
// when the functions that start-up runs are compiled and go into the cache.
globalThis[Symbol.for('chain-atlas.launcher')] = { codeCache: status, started: writeCache };

const module = new Module(bundle);
module.filename = bundle;
module.paths = Module._nodeModulePaths(here);
script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, here);
