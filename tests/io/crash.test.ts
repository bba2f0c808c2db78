// A crash in the middle of an import's commit: a child process imports a
// 20,000-row firm file into the embedded store and is SIGKILLed while
// store.importBatch() is writing (detected by SQLite's WAL file growing
// during the batch). Reopened, the store holds all of the file or none of it,
// never part; a run left to finish holds all of it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../server/store/embedded/index.js';
import { DB_FILE } from '../../server/store/embedded/recordDb.js';

const root = join(import.meta.dirname, '../..');
const importer = join(import.meta.dirname, 'crash/importer.ts');
const ROWS = 20_000;
const FIXTURE_FIRMS = 8;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type When = 'before-batch' | 'during-batch' | 'never';

/** Runs the importer on a fresh directory; kills it at `when`; returns what it printed. */
async function run(when: When, seed: number): Promise<{ dataDir: string; lines: string[]; killed: boolean; walGrewBy: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-import-crash-'));
  dirs.push(dataDir);
  const wal = join(dataDir, `${DB_FILE}-wal`);
  const child = spawn(process.execPath, ['--import', 'tsx', importer, dataDir, String(ROWS), String(seed)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_c, signal) => resolve(signal)));
  const lines: string[] = [];
  let walGrewBy = 0;
  let poll: NodeJS.Timeout | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    lines.push(line);
    if (line === 'ready' && when === 'before-batch') child.kill('SIGKILL');
    if (line.startsWith('batch') && when === 'during-batch') {
      const base = existsSync(wal) ? statSync(wal).size : 0;
      // The batch's pages spill into the WAL while the transaction runs; the commit record comes last.
      poll = setInterval(() => {
        const size = existsSync(wal) ? statSync(wal).size : 0;
        if (size > base + 512 * 1024) {
          walGrewBy = size - base;
          child.kill('SIGKILL');
          clearInterval(poll);
        }
      }, 2);
    }
  }
  clearInterval(poll);
  const signal = await exited;
  if (when !== 'never' && signal !== 'SIGKILL') throw new Error(`importer was not killed (${signal}): ${stderr}`);
  if (when === 'never' && signal !== null) throw new Error(`importer died (${signal}): ${stderr}`);
  return { dataDir, lines, killed: signal === 'SIGKILL', walGrewBy };
}

async function reopen(dataDir: string): Promise<{ firms: number; imported: number; version: number }> {
  const db = new Database(join(dataDir, DB_FILE), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
  const store = createEmbeddedStore({ dataDir });
  await store.init();
  try {
    const total = (await store.findFirms({}, 1, null)).totalCount;
    const imported = (await store.findFirms({ text: '崩溃测试' }, 1, null)).totalCount;
    return { firms: total, imported, version: await store.dataVersion() };
  } finally {
    await store.close();
  }
}

describe('import commit survives SIGKILL: all rows or none', () => {
  it('killed while importBatch writes: nothing of the file, the seed intact, version unchanged', { timeout: 120_000 }, async () => {
    const r = await run('during-batch', 1);
    expect(r.lines).toContain(`batch ${ROWS}`);
    expect(r.lines.some((l) => l.startsWith('done'))).toBe(false);
    // The kill landed inside the write transaction: part of the batch had reached the WAL.
    expect(r.walGrewBy).toBeGreaterThan(512 * 1024);
    const after = await reopen(r.dataDir);
    expect(after).toEqual({ firms: FIXTURE_FIRMS, imported: 0, version: 1 });
  });

  it('killed before the batch: nothing written', { timeout: 120_000 }, async () => {
    const r = await run('before-batch', 2);
    expect(await reopen(r.dataDir)).toEqual({ firms: FIXTURE_FIRMS, imported: 0, version: 1 });
  });

  it('left to finish: every row, in one write (version + 1)', { timeout: 120_000 }, async () => {
    const r = await run('never', 3);
    expect(r.lines).toContain('done true');
    expect(await reopen(r.dataDir)).toEqual({ firms: FIXTURE_FIRMS + ROWS, imported: ROWS, version: 2 });
  });
});
