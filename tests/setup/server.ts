// The built product (`node dist/server/main.bundle.mjs`, what `npm start` runs) on a
// free loopback port, for the browser suites: resolves once /healthz answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../scripts/lib/freePort.js';
import { root } from './build.js';

export interface BuiltServer {
  child: ChildProcess;
  base: string;
  output: () => string;
}

export async function startBuiltServer(dataDir: string, env: Record<string, string> = {}, timeoutMs = 30_000): Promise<BuiltServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['dist/server/main.bundle.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', STORE: 'embedded', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, base, output: () => output };
}
