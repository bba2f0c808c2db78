// The real app for API tests: a fresh data directory seeded from the hand-made
// fixture graph, one token per role, and a GraphQL helper over app.inject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../server/app.js';
import type { Role } from '../../server/auth/roles.js';
import { TokenStore } from '../../server/auth/tokenStore.js';
import { loadConfig } from '../../server/config.js';
import type { GraphStore } from '../../server/store/GraphStore.js';

export const root = join(import.meta.dirname, '../..');
export const fixtureSeeds = join(root, 'tests/fixtures/seeds');

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; messageZh: string; messageEn: string; fields?: { path: string; messageZh: string; messageEn: string }[] };
}

export interface GqlResponse<T> {
  status: number;
  data: T | null;
  errors?: GqlError[];
  raw: string;
  headers: Record<string, unknown>;
}

export interface TestApp {
  app: FastifyInstance;
  dataDir: string;
  /** One live token per role, named after the role ("viewer", "editor", "admin"). */
  tokens: Record<Role, string>;
  gql<T = any>(query: string, variables?: object, token?: string | null): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

/** Builds and readies the app; tokens are issued into DATA_DIR/tokens.sqlite before start, as the CLI would. */
export async function startTestApp(env: Record<string, string> = {}, options: BuildOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-api-'));
  const store = TokenStore.open(dataDir);
  const tokens = {
    viewer: store.create('viewer', 'viewer').token,
    editor: store.create('editor', 'editor').token,
    admin: store.create('admin', 'admin').token,
  };
  store.close();
  const app = buildApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEEDS_DIR: fixtureSeeds, ...env }, root), options);
  await app.ready();
  return {
    app,
    dataDir,
    tokens,
    async gql(query, variables, token) {
      const res = await app.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query, ...(variables ? { variables } : {}) },
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const body = res.json() as { data: never; errors?: GqlError[] };
      return { status: res.statusCode, data: body.data ?? null, errors: body.errors, raw: res.body, headers: res.headers };
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The codes of a response's errors. */
export const codes = (r: { errors?: GqlError[] }) => (r.errors ?? []).map((e) => e.extensions.code);

/** A store wrapper (BuildOptions.wrapStore) that reports every method call, by name, before it runs. */
export const countingStore =
  (onCall: (method: string) => void) =>
  (store: GraphStore): GraphStore =>
    new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          onCall(String(prop));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
