// Entry point: `npm start` (node dist/server/main.bundle.mjs, which runs the bundle of this
// module and its imports, see scripts/bundle-server.mjs) or `npm run dev` (tsx).
// Bad configuration or a failed start prints a clear message and exits 1;
// SIGTERM / SIGINT close the server and the store before exiting.
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { AppError } from './domain/errors.js';
import { SeedValidationError } from './domain/seeds.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function describeStartError(e: unknown): string {
  if (e instanceof AppError) return `启动失败:${e.messageZh}\nstart-up failed: ${e.messageEn}`;
  if (e instanceof SeedValidationError) return `启动失败 / start-up failed: ${e.message}`;
  if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return `启动失败:端口已被占用(请更换 PORT)\nstart-up failed: the port is already in use (choose another PORT): ${(e as Error).message}`;
  }
  return `启动失败 / start-up failed: ${(e as Error).stack ?? String(e)}`;
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }

  const app = buildApp(config);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await app.close().catch(() => {});
    fail(describeStartError(e));
  }

  // Set by the launcher `npm start` runs (scripts/server-launcher.mjs): its V8 code cache is
  // written now that the start-up code has run.
  const launcher = (globalThis as Record<symbol, { codeCache: string; started: () => void } | undefined>)[Symbol.for('chain-atlas.launcher')];
  if (launcher) {
    app.log.info({ codeCache: launcher.codeCache }, `V8 code cache: ${launcher.codeCache}`);
    launcher.started();
  }

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => fail('关闭超时 / shutdown timed out'), SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (e: unknown) => fail(`关闭失败 / shutdown failed: ${(e as Error).message}`),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((e: unknown) => fail(describeStartError(e)));
