// Crash recovery for real: a child process streams writes into the embedded
// store and is killed with SIGKILL mid-stream; the store reopened on the same
// directory must hold exactly the acknowledged writes (plus, at most, the one
// write in flight at the kill, whole), every record complete and valid.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Firm as FirmSchema, type Firm } from '../../server/domain/model.js';
import { createEmbeddedStore } from '../../server/store/embedded/index.js';
import { DB_FILE } from '../../server/store/embedded/recordDb.js';
import { expectedAfter } from './crash/writes.js';

const root = join(import.meta.dirname, '../..');
const writer = join(import.meta.dirname, 'crash/writer.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the writer until `killAfter` acks, SIGKILLs it, and returns every ack it printed. */
async function runAndKill(round: number, killAfter: number): Promise<{ acked: number; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, String(round)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));

  let acked = 0;
  let expectNext = 0;
  // Lines keep arriving after the kill (written before it landed): they count as acknowledged too.
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === 'ready') continue;
    const j = Number(/^ack (\d+)$/.exec(line)?.[1]);
    expect(j, `unexpected writer output: ${line}`).toBe(expectNext);
    expectNext++;
    acked++;
    if (acked === killAfter) child.kill('SIGKILL');
  }
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`writer ended without being killed (signal ${signal}): ${stderr}`);
  return { acked, signal };
}

async function roundFirms(round: number): Promise<{ firms: Map<string, Firm>; all: number; version: number }> {
  const store = createEmbeddedStore({ dataDir });
  await store.init();
  try {
    const firms = new Map<string, Firm>();
    let all = 0;
    let after: string | null = null;
    do {
      const page = await store.findFirms({}, 1000, after);
      for (const f of page.items) {
        all++;
        if (f.id.startsWith(`r${round}-`)) firms.set(f.id, f);
      }
      after = page.hasNextPage ? page.endCursor : null;
    } while (after);
    return { firms, all, version: await store.dataVersion() };
  } finally {
    await store.close();
  }
}

describe('embedded store survives SIGKILL mid-stream', () => {
  // Three rounds on one directory: each kills at a different point, and later rounds must not disturb earlier ones.
  const rounds = [25, 120, 300];
  let committedWrites = 0;
  let firmsBefore = 8; // the fixture's seeded firms

  it.each(rounds.map((killAfter, round) => ({ round, killAfter })))(
    'round $round: killed after $killAfter acks, reopens with exactly the acknowledged writes',
    async ({ round, killAfter }) => {
      const { acked } = await runAndKill(round, killAfter);
      expect(acked).toBeGreaterThanOrEqual(killAfter);

      const { firms, all, version } = await roundFirms(round);
      // Every stored record is whole: it parses back to itself under the Firm schema.
      for (const f of firms.values()) expect(FirmSchema.parse(f)).toEqual(f);

      // The store equals the state after the acknowledged writes, or after one more (the write
      // in flight when the kill landed, committed but not yet printed) — nothing else.
      const exact = expectedAfter(round, acked);
      const plusOne = expectedAfter(round, acked + 1);
      const matches = (expected: Map<string, Firm>) =>
        firms.size === expected.size && [...expected].every(([id, f]) => JSON.stringify(firms.get(id)) === JSON.stringify(f));
      const committed = matches(exact) ? acked : matches(plusOne) ? acked + 1 : -1;
      if (committed < 0) {
        const missing = [...exact.keys()].filter((id) => !firms.has(id));
        const extra = [...firms.keys()].filter((id) => !plusOne.has(id));
        expect.fail(`store differs from the acknowledged writes: missing ${missing.join(',')}; unexpected ${extra.join(',')}`);
      }

      // Earlier rounds untouched; dataVersion counts exactly the committed writes (+1 for the seed).
      committedWrites += committed;
      expect(version).toBe(1 + committedWrites);
      expect(all).toBe(firmsBefore + firms.size);
      firmsBefore = all;

      // SQLite's own check of the file after the crash.
      const db = new Database(join(dataDir, DB_FILE), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    },
  );
});
