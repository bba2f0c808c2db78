// Shared by the import/export tests: a store seeded with the tiny fixture
// graph (tests/fixtures/seeds), valid USCCs, and CSV / XLSX files built in
// memory with the same libraries users' files come from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { usccCheckCharacter } from '../../server/domain/uscc.js';
import { createEmbeddedStore, type EmbeddedStore } from '../../server/store/embedded/index.js';

export const fixtureSeeds = join(import.meta.dirname, '../fixtures/seeds');

export async function openFixtureStore(): Promise<{ store: EmbeddedStore; dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-io-'));
  const store = createEmbeddedStore({ dataDir });
  await store.init();
  await store.seed(loadSeedDir(fixtureSeeds));
  return {
    store,
    dataDir,
    cleanup: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid USCC for n (91 = enterprise, 320214 = 新吴区, 9-character organisation code from n). */
export function makeUscc(n: number): string {
  let org = '';
  for (let i = 0, x = n; i < 9; i++, x = Math.floor(x / 31)) org = ORG_CHARS[x % 31] + org;
  const first17 = `91320214${org}`;
  return first17 + usccCheckCharacter(first17);
}

/** The same code with a wrong check character. */
export function breakUscc(code: string): string {
  const last = code[17]!;
  return code.slice(0, 17) + (last === '0' ? '1' : '0');
}

export function csvText(rows: (string | number)[][]): string {
  return stringify(rows);
}

export function csvBytes(rows: (string | number)[][], encoding: 'utf8' | 'utf8-bom' | 'gbk' | 'gb18030' = 'utf8'): Buffer {
  const text = csvText(rows);
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return iconv.encode(text, encoding);
}

export async function xlsxBytes(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
