// The plan-targets dashboard, the import page and the map export in a real
// browser (playwright-core + Debian's chromium) against the real server
// (`node dist/server/main.bundle.mjs`, fresh data directory, free port, API tokens
// issued into DATA_DIR/tokens.sqlite as `npm run token` does):
// - dashboard: a target's numbers as the API computes them, the funnel in
//   pipeline order, another as-of date, English;
// - import: a GBK CSV with one bad row → the dry-run report names row and
//   reason, commit disabled; the fixed file commits, the firm is searchable,
//   the audit log names the token; an editor may dry-run but not commit;
// - export: the dashboard's all-cluster PDF link and the explorer's per-cluster
//   PDF button return PDFs.
// Screenshots go to tests/.artifacts/io/.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../server/auth/tokenStore.js';
import type { DashboardData } from '../../web/src/dashboard/model.js';
import { breakUscc, csvBytes, makeUscc } from '../io/helpers.js';
import { ensureBuilt, root } from '../setup/build.js';
import { startBuiltServer } from '../setup/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const shots = join(root, 'tests/.artifacts/io');
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-io-e2e-'));
const ADMIN_NAME = 'e2e 管理员';

let server: ChildProcess | null = null;
let base = '';
let browser: Browser;
let page: Page;
let adminToken = '';
let editorToken = '';
const consoleProblems: string[] = [];


async function graphql<T>(query: string, token?: string): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  await ensureBuilt();
  mkdirSync(shots, { recursive: true });
  const tokens = TokenStore.open(dataDir);
  adminToken = tokens.create(ADMIN_NAME, 'admin').token;
  editorToken = tokens.create('e2e-editor', 'editor').token;
  tokens.close();
  ({ child: server, base } = await startBuiltServer(dataDir, { PUBLIC_READ: 'true', IMPORT_ROLE: 'admin' }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => void d.accept());
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

const dashboardAt = (asOf: string) => page.waitForFunction((day) => window.chainAtlasDashboard?.data?.asOf === day, asOf, { timeout: 20_000 });
const row = (targetId: string) => page.locator(`li.target-row[data-target-id="${targetId}"]`);

describe('plan-targets dashboard', () => {
  it('shows each target with the numbers the API computes, as of a chosen day', async () => {
    await page.goto(`${base}/dashboard.html?asOf=2022-12-31`);
    await dashboardAt('2022-12-31');
    const api = (await (await fetch(`${base}/plan/progress?asOf=2022-12-31`)).json()) as DashboardData;

    // 生物医药新招引超亿元重大项目: the illustrative CRO base (8 亿元, signed 2021-03-12) → 1 of 5.
    const biomed = row('plan.biomed.major-projects');
    await expect.poll(() => biomed.locator('.tr-achieved').textContent()).toBe('1');
    expect(await biomed.locator('.tr-target').textContent()).toBe('5');
    expect(await biomed.locator('.tr-pct').textContent()).toBe('20%');
    expect(await biomed.getAttribute('data-pace')).toBe('behind'); // the whole period has elapsed
    expect(await biomed.locator('.tr-name').textContent()).toBe('生物医药新招引超亿元重大项目');

    const major = api.overall.find((t) => t.targetId === 'plan.major-projects.1yi')!;
    expect(major.achieved).toBeGreaterThanOrEqual(3);
    expect(await row(major.targetId).locator('.tr-achieved').textContent()).toBe(String(major.achieved));
    expect(await row(major.targetId).locator('.tr-target').textContent()).toBe('300');
    expect(await row(major.targetId).locator('.tr-stretch').textContent()).toContain('力争 400');

    // The funnel in pipeline order; "reached" = this stage or later.
    const steps = await page.locator('.funnel-step').evaluateAll((els) => els.map((e) => [e.getAttribute('data-status'), Number(e.getAttribute('data-reached'))]));
    expect(steps.map((s) => s[0])).toEqual(['lead', 'contacted', 'negotiating', 'signed', 'landed', 'operating']);
    const count = (s: string) => api.pipeline.byStatus.find((x) => x.status === s)!.projects;
    expect(steps[3]![1]).toBe(count('signed') + count('landed') + count('operating'));
    // Every cluster has a row in the breakdown chart; the sample data is flagged.
    expect(await page.locator('.cluster-row').count()).toBe(12);
    expect(await page.locator('.illustrative-note').isVisible()).toBe(true);
    expect(await page.locator('[data-stat="signedInYear"] .stat-label').textContent()).toContain('2022');
    await page.screenshot({ path: join(shots, 'dashboard-zh.png'), fullPage: true });

    // Another as-of day: mid-2021, the 2022 signing is not yet counted.
    await page.fill('input.as-of', '2021-06-30');
    await page.dispatchEvent('input.as-of', 'change');
    await dashboardAt('2021-06-30');
    const mid = (await (await fetch(`${base}/plan/progress?asOf=2021-06-30`)).json()) as DashboardData;
    const majorMid = mid.overall.find((t) => t.targetId === 'plan.major-projects.1yi')!;
    expect(majorMid.achieved).toBe(major.achieved - 1);
    await expect.poll(() => row(major.targetId).locator('.tr-achieved').textContent()).toBe(String(majorMid.achieved));
    expect(page.url()).toContain('asOf=2021-06-30');

    await page.click('button.lang');
    await expect.poll(() => biomed.locator('.tr-name').textContent()).toBe('Biomedicine major projects ≥ 100 million CNY');
    expect(await page.locator('h2').first().textContent()).toBe('Plan targets dashboard');
    await page.screenshot({ path: join(shots, 'dashboard-en.png'), fullPage: true });
    await page.click('button.lang'); // back to Chinese for the next pages (remembered)
  });

  it('links to the 产业招引地图 of all 12 clusters as a PDF', async () => {
    const href = await page.locator('a[data-export="pdf"]').getAttribute('href');
    expect(href).toBe('/export/map?cluster=all&format=pdf');
    const res = await fetch(`${base}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('import page', () => {
  const header = ['企业名称', '统一社会信用代码', '所在地区', '企业性质', '所属环节'];
  const good = ['E2E示例传感器有限公司', makeUscc(90_001), '新吴区', '民营', '芯片设计'];
  const second = ['E2E示例封测有限公司', makeUscc(90_002), '无锡市新吴区', '民营', '封装测试'];

  async function dryRun(file: Buffer, name: string): Promise<void> {
    await page.setInputFiles('input[name=file]', { name, mimeType: 'text/csv', buffer: file });
    await page.click('[data-action=dry-run]');
    await page.waitForSelector(`.report[data-dry-run="true"] h3:has-text("${name}")`, { timeout: 20_000 });
  }

  it('signs in with a token kept in sessionStorage and downloads a template', async () => {
    await page.goto(`${base}/import.html`);
    await page.fill('input[name=token]', adminToken);
    await page.click('[data-action=token-save]');
    await expect.poll(() => page.locator('.who').textContent()).toContain(ADMIN_NAME);
    expect(await page.evaluate(() => sessionStorage.getItem('chain-atlas.session-token'))).toBe(adminToken);

    await page.selectOption('select[name=kind]', 'FIRMS');
    await page.selectOption('select[name=format]', 'csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=template]')]);
    expect(download.suggestedFilename()).toBe('chain-atlas-firms-template.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/^企业名称,统一社会信用代码/);
    await page.selectOption('select[name=kind]', '');
  });

  it('a GBK file with one bad row: the report names row 3 and its reason; commit stays disabled', async () => {
    const bad = ['E2E示例坏企业有限公司', breakUscc(makeUscc(90_003)), '新吴区', '民营', '芯片设计'];
    await dryRun(csvBytes([header, good, bad], 'gbk'), 'firms-bad.csv');
    expect(await page.locator('[data-meta=encoding]').textContent()).toContain('gb18030');
    expect(await page.locator('.fate-count[data-fate=REJECTED] b').textContent()).toBe('1');
    expect(await page.locator('.fate-count[data-fate=CREATED] b').textContent()).toBe('1');
    const line = page.locator('tr[data-row="3"][data-fate=REJECTED]');
    expect(await line.count()).toBe(1);
    const cells = await line.locator('td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[3]).toBe('统一社会信用代码');
    expect(cells[4]).toMatch(/BAD_USCC/);
    expect(await page.locator('[data-action=commit]').isDisabled()).toBe(true);
    expect(await page.locator('[data-block=rejected]').isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'import-dry-run.png'), fullPage: true });
  });

  it('the fixed file commits; the firm is then searchable and the audit log names the token', async () => {
    await dryRun(csvBytes([header, good, second], 'gbk'), 'firms-fixed.csv');
    expect(await page.locator('.fate-count[data-fate=CREATED] b').textContent()).toBe('2');
    const commit = page.locator('[data-action=commit]');
    expect(await commit.isEnabled()).toBe(true);
    await commit.click();
    await page.waitForSelector('.report[data-committed="true"]', { timeout: 20_000 });
    expect(await page.locator('.commit-result').textContent()).toMatch(/已写入:数据版本 \d+ → \d+/);
    await page.screenshot({ path: join(shots, 'import-committed.png'), fullPage: true });

    const hits = await graphql<{ search: { kind: string; id: string; nameZh: string }[] }>('{ search(text: "E2E示例传感器") { kind id nameZh } }');
    expect(hits.search).toContainEqual({ kind: 'FIRM', id: good[1], nameZh: good[0] });
    const audit = await graphql<{ auditLog: { edges: { node: { actor: string; action: string; target: string } }[] } }>(
      '{ auditLog(first: 1) { edges { node { actor action target } } } }',
      adminToken,
    );
    expect(audit.auditLog.edges[0]!.node).toEqual({ actor: ADMIN_NAME, action: 'import', target: 'firms' });
  });

  it('an editor may run the dry run but not commit (IMPORT_ROLE=admin)', async () => {
    await page.fill('input[name=token]', editorToken);
    await page.click('[data-action=token-save]');
    await expect.poll(() => page.locator('.who').textContent()).toContain('e2e-editor');
    await dryRun(csvBytes([header, ['E2E示例第三家有限公司', makeUscc(90_004), '新吴区', '民营', '芯片设计']]), 'firms-editor.csv');
    expect(await page.locator('.fate-count[data-fate=CREATED] b').textContent()).toBe('1');
    expect(await page.locator('[data-action=commit]').isDisabled()).toBe(true);
    expect(await page.locator('[data-block=role]').textContent()).toContain('管理员');
  });
});

describe('map export from the explorer', () => {
  it('the cluster toolbar downloads the cluster’s 产业招引地图 as a PDF', async () => {
    await page.goto(`${base}/#/c/ic`);
    const button = page.locator('[data-export-map=pdf]');
    await button.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^chain-atlas-map-ic-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    // The page links reach the other two pages.
    expect(await page.locator('a.nav-link[data-page=dashboard]').getAttribute('href')).toBe('/dashboard.html');
  });

  it('logged no console errors', () => {
    expect(consoleProblems.filter((p) => !/Password field is not contained in a form/.test(p))).toEqual([]);
  });
});
