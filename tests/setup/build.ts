// Makes sure dist/ holds a build of the current sources before a test runs
// the real start command: builds when dist is missing or older than any
// source file. A lock file keeps parallel test files from building at once.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../..');
const outputs = ['dist/server/main.bundle.mjs', 'dist/server/graphql/schema.graphql', 'dist/web/index.html'].map((p) => join(root, p));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  if (!outputs.every((p) => existsSync(p))) return false;
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const sources = Math.max(newestMtime(join(root, 'server')), newestMtime(join(root, 'web')), statSync(join(root, 'scripts/bundle-server.mjs')).mtimeMs);
  return built >= sources;
}

export async function ensureBuilt(): Promise<void> {
  if (isFresh()) return;
  const lockDir = join(root, 'tests/.artifacts');
  mkdirSync(lockDir, { recursive: true });
  const lock = join(lockDir, 'build.lock');
  const deadline = Date.now() + 170_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`could not take ${lock}; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (isFresh()) return; // another test file built it while we waited
    const run = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 160_000 });
    if (run.status !== 0) throw new Error(`npm run build failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  } finally {
    rmSync(lock, { force: true });
  }
}
