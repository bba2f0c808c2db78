// `npm run token -- create | list | revoke` (scripts/token.ts) on a data
// directory: the token is printed once, stored hashed, usable by the API, and
// revocable while the server runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { fixtureSeeds, root } from './helpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-token-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function token(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run token', () => {
  it('creates (printed once), lists, and revokes while the server runs', async () => {
    const app = buildApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEEDS_DIR: fixtureSeeds }, root));
    await app.ready();
    try {
      const created = token('create', '--role', 'editor', '--name', '招商中心 张三');
      expect(created.status).toBe(0);
      const secret = created.stdout.trim();
      expect(secret).toMatch(/^ca_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      expect(created.stderr).toContain('shown once');
      const id = /^ca_([0-9a-f]{12})_/.exec(secret)![1]!;
      // Stored as a hash: the secret part is nowhere in the token file.
      expect(readFileSync(join(dataDir, 'tokens.sqlite')).includes(Buffer.from(secret.slice(16)))).toBe(false);

      const ask = () =>
        app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${secret}` }, payload: { query: '{ viewer { name role } }' } });
      expect((await ask()).json()).toEqual({ data: { viewer: { name: '招商中心 张三', role: 'EDITOR' } } });

      const list = token('list');
      expect(list.stdout).toMatch(new RegExp(`^${id}\\teditor\\tactive\\t.*招商中心 张三$`, 'm'));
      expect(list.stdout).not.toContain(secret);

      expect(token('revoke', id).status).toBe(0);
      expect((await ask()).statusCode).toBe(401);
      expect(token('list').stdout).toMatch(new RegExp(`^${id}\\teditor\\trevoked `, 'm'));
    } finally {
      await app.close();
    }
  }, 90_000);

  it('refuses a bad role, an unknown id and a missing argument with a message and exit 1', () => {
    const badRole = token('create', '--role', 'boss', '--name', 'x');
    expect(badRole.status).toBe(1);
    expect(badRole.stderr).toContain('role must be one of viewer, editor, admin');
    expect(token('revoke', 'nope').stderr).toContain('no such token: nope');
    expect(token('create', '--role', 'viewer').stderr).toContain('usage');
    expect(token('frobnicate').status).toBe(1);
  }, 60_000);
});
