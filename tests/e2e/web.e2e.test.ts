// The web chain map in a real browser (playwright-core driving Debian's
// chromium) against the real server (`node dist/server/main.bundle.mjs`, fresh data
// directory, free port): open the IC cluster, check that a segment the API
// calls MISSING is drawn as missing, select it, read its ranked targets, run
// a what-if, switch language, export PNG and SVG, search, keyboard, an
// unknown cluster id, and no console errors. Screenshots of the main views go
// to tests/.artifacts/web/.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../setup/build.js';
import { startBuiltServer } from '../setup/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const shots = join(root, 'tests/.artifacts/web');
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-web-e2e-'));

let server: ChildProcess | null = null;
let base = '';
let browser: Browser;
let page: Page;
const consoleProblems: string[] = [];


async function graphql<T>(query: string): Promise<T> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const mapReady = (id: string) => page.waitForFunction((cid) => document.documentElement.dataset.mapReady === cid, id, { timeout: 30_000 });

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  await ensureBuilt();
  mkdirSync(shots, { recursive: true });
  ({ child: server, base } = await startBuiltServer(dataDir));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('web chain map (real server, headless chromium)', () => {
  let missing: { segmentId: string; nameZh: string; nameEn: string };

  it('shows the cluster picker by tier with status counts', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('.cluster-card[data-cluster="ic"] .chip[data-status="MISSING"] .chip-n:text-matches("\\\\d")');
    const tiers = await page.$$eval('section.tier', (els) => els.map((e) => (e as HTMLElement).dataset.tier));
    expect(tiers).toEqual(['INTERNATIONAL', 'NATIONAL', 'HIGH_GROWTH']);
    expect(await page.locator('.cluster-card').count()).toBe(12);
    const { gaps } = await graphql<{ gaps: { counts: { missing: number; weak: number; strong: number } } }>('{ gaps(clusterId: "ic") { counts { missing weak strong } } }');
    const chip = (s: string) => page.locator(`.cluster-card[data-cluster="ic"] .chip[data-status="${s}"] .chip-n`).textContent();
    expect(Number(await chip('MISSING'))).toBe(gaps.counts.missing);
    expect(Number(await chip('WEAK'))).toBe(gaps.counts.weak);
    expect(Number(await chip('STRONG'))).toBe(gaps.counts.strong);
    await page.screenshot({ path: join(shots, 'picker.png') });
  }, 60_000);

  it('opens the IC cluster and draws a MISSING segment as missing', async () => {
    const { gaps } = await graphql<{ gaps: { segments: { segmentId: string; status: string; segment: { nameZh: string; nameEn: string } }[] } }>(
      '{ gaps(clusterId: "ic") { segments { segmentId status segment { nameZh nameEn } } } }',
    );
    const m = gaps.segments.find((s) => s.status === 'MISSING');
    expect(m).toBeDefined();
    missing = { segmentId: m!.segmentId, nameZh: m!.segment.nameZh, nameEn: m!.segment.nameEn };

    await page.click('.cluster-card[data-cluster="ic"]');
    await mapReady('ic');
    const node = await page.evaluate((id) => {
      const n = window.chainAtlas!.view!.cy.getElementById(id);
      return {
        classes: n.classes(),
        label: n.data('label') as string,
        fill: n.style('background-color') as string,
        border: n.style('border-color') as string,
        borderStyle: n.style('border-style') as string,
      };
    }, missing.segmentId);
    expect(node.classes).toEqual(expect.arrayContaining(['segment', 'status-MISSING']));
    expect(node.label.replace('★ ', '')).toBe(missing.nameZh);
    expect(node.fill).toBe('rgb(255,255,255)');
    expect(node.border).toBe('rgb(213,94,0)'); // palette MISSING stroke #D55E00
    expect(node.borderStyle).toBe('dashed');
    // The same status in the panel's segment list, and the legend says what it means.
    await expect.poll(() => page.locator(`.segment-list [data-segment="${missing.segmentId}"]`).getAttribute('data-status')).toBe('MISSING');
    expect(await page.locator('.legend [data-legend="MISSING"]').textContent()).toContain('空白');
    // Laid out left to right by stage: every upstream segment left of every downstream one.
    const xs = await page.evaluate(() => {
      const cy = window.chainAtlas!.view!.cy;
      const x = (stage: string) => cy.nodes(`.segment[stage = "${stage}"]`).map((n) => n.position('x'));
      const y = (stage: string) => cy.nodes(`.segment[stage = "${stage}"]`).map((n) => n.position('y'));
      return { up: x('UPSTREAM'), down: x('DOWNSTREAM'), mainY: [...y('UPSTREAM'), ...y('MIDSTREAM'), ...y('DOWNSTREAM')], supportY: y('SUPPORT') };
    });
    expect(Math.max(...xs.up)).toBeLessThan(Math.min(...xs.down));
    expect(Math.min(...xs.supportY)).toBeGreaterThan(Math.max(...xs.mainY));
    await page.screenshot({ path: join(shots, 'chain-map-ic.png') });
  }, 90_000);

  it('selects the missing segment by clicking it and shows ranked targets with their factors', async () => {
    const pos = await page.evaluate((id) => {
      const view = window.chainAtlas!.view!;
      view.reveal(id);
      return null;
    }, missing.segmentId);
    expect(pos).toBeNull();
    await page.waitForTimeout(400);
    const p = await page.evaluate((id) => window.chainAtlas!.view!.cy.getElementById(id).renderedPosition(), missing.segmentId);
    const box = (await page.locator('.cy').boundingBox())!;
    await page.mouse.click(box.x + p.x, box.y + p.y);
    await page.waitForSelector(`.side-panel .panel-body[data-segment="${missing.segmentId}"]`);
    expect(await page.locator('.side-panel .status-badge').getAttribute('data-status')).toBe('MISSING');
    expect(await page.locator('.side-panel .panel-title').textContent()).toBe(missing.nameZh);
    await page.waitForSelector('.side-panel .target');
    const scores = await page.$$eval('.side-panel .target .t-score', (els) => els.map((e) => Number(e.textContent)));
    expect(scores.length).toBeGreaterThan(0);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(await page.locator('.side-panel .target').first().locator('.factor').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.side-panel .target').first().locator('.factor .f-bar span').count()).toBeGreaterThanOrEqual(4);
    expect(await page.evaluate(() => location.hash)).toBe(`#/c/ic/s/${missing.segmentId}`);
    await page.screenshot({ path: join(shots, 'segment-panel.png') });
  }, 60_000);

  it('what-if: landing a target recolours the map and lists the change', async () => {
    await page.click('[data-key="toggle-whatIf"]');
    await page.locator('.side-panel .target input[type="checkbox"]').first().click();
    await page.waitForSelector('.whatif .rows.changes .row');
    const change = await page.locator('.whatif .rows.changes .row').first().getAttribute('data-segment');
    expect(change).toBe(missing.segmentId);
    const after = await page.evaluate((id) => window.chainAtlas!.view!.cy.getElementById(id).classes(), missing.segmentId);
    expect(after).toContain('changed');
    expect(after).not.toContain('status-MISSING');
    await page.screenshot({ path: join(shots, 'what-if.png') });
    await page.click('[data-key="toggle-whatIf"]');
    await expect.poll(() => page.evaluate((id) => window.chainAtlas!.view!.cy.getElementById(id).hasClass('status-MISSING'), missing.segmentId)).toBe(true);
  }, 60_000);

  it('switches to English: labels, map and panel change', async () => {
    await page.click('button.lang');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await mapReady('ic'); // boxes fit the English names: laid out again
    expect(await page.locator('[data-view="map"]').textContent()).toBe('Chain map');
    expect(await page.locator('[data-export="png"]').textContent()).toBe('Export PNG');
    expect(await page.locator('.side-panel .panel-title').textContent()).toBe(missing.nameEn);
    expect(await page.locator('.side-panel .status-badge').textContent()).toBe('Missing');
    expect(await page.locator('.legend [data-legend="MISSING"]').textContent()).toContain('Missing');
    const label = await page.evaluate((id) => window.chainAtlas!.view!.cy.getElementById(id).data('label') as string, missing.segmentId);
    expect(label.replace('★ ', '')).toBe(missing.nameEn);
    await page.screenshot({ path: join(shots, 'chain-map-en.png') });
  }, 60_000);

  it('exports the map as a full-resolution PNG and as SVG with title and legend', async () => {
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="png"]')]);
    expect(png.suggestedFilename()).toBe('chain-map-ic-en.png');
    const pngPath = join(shots, 'export.png');
    await png.saveAs(pngPath);
    const bytes = readFileSync(pngPath);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    const cyWidth = await page.evaluate(() => window.chainAtlas!.view!.cy.width());
    expect(width).toBeGreaterThan(cyWidth); // the whole graph at scale, not a screenshot of the viewport
    expect(height).toBeGreaterThan(400);
    expect(bytes.length).toBeGreaterThan(20_000);

    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="svg"]')]);
    const svgPath = join(shots, 'export.svg');
    await svg.saveAs(svgPath);
    const text = readFileSync(svgPath, 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('Integrated Circuits — chain map');
    expect(text).toContain(`data-id="${missing.segmentId}"`);
    expect(text).toContain('>Missing</text>');
    expect(text).toContain('>Weak link (weak supply)</text>');
  }, 60_000);

  it('opportunity view: quadrants labelled, a click focuses the segment on the map', async () => {
    await page.click('[data-view="opportunity"]');
    await page.waitForSelector('.opp-point');
    const quadrants = await page.$$eval('.opp-quadrant', (els) => els.map((e) => (e as SVGElement).dataset.quadrant).sort());
    expect(quadrants).toEqual(['OPPORTUNITY', 'POSSIBLE_ENTRANT', 'STRENGTH', 'THREAT', 'WEAKNESS']);
    await page.screenshot({ path: join(shots, 'opportunity.png') });
    const target = await page.locator('.opp-point.own').first().getAttribute('data-id');
    await page.locator('.opp-point.own circle').first().click();
    await page.waitForSelector('.cy:not([hidden])');
    await expect.poll(() => page.evaluate(() => window.chainAtlas!.store.state.segmentId)).toBe(target);
    expect(await page.evaluate((id) => window.chainAtlas!.view!.cy.getElementById(id!).selected(), target)).toBe(true);
  }, 60_000);

  it('search (pinyin) focuses a segment; keyboard selects on the map', async () => {
    await page.click('button.lang'); // back to Chinese
    await page.fill('#search-input', 'fengce');
    await page.waitForSelector('.search-hit[data-id="ic.equip.back"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.chainAtlas!.store.state.segmentId)).toBe('ic.equip.back');
    await page.waitForSelector('.side-panel .panel-body[data-segment="ic.equip.back"]');

    await page.locator('.cy').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => window.chainAtlas!.store.state.segmentId)).toBe(null);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.chainAtlas!.store.state.segmentId)).not.toBe(null);
  }, 60_000);

  it('an unknown cluster id shows "no such cluster" and asks the API for nothing about it; a stale segment id is dropped', async () => {
    const asked: string[] = [];
    const onRequest = (r: { url(): string; postData(): string | null }) => {
      if (r.url().endsWith('/graphql')) asked.push(r.postData() ?? '');
    };
    page.on('request', onRequest);
    await page.goto(`${base}/#/c/no-such-cluster`);
    await page.waitForSelector('.map-overlay [data-key="cluster-not-found"]');
    expect(await page.locator('.map-overlay [data-key="cluster-not-found"]').textContent()).toContain('no-such-cluster');
    expect(await page.locator('.toolbar [data-export]').count()).toBe(0);
    expect(asked.some((q) => q.includes('no-such-cluster'))).toBe(false);
    await page.click('.map-overlay a[href="#/"]');
    await page.waitForSelector('.cluster-card[data-cluster="ic"]');

    await page.goto(`${base}/#/c/ic/s/ic.no-such-segment`);
    await mapReady('ic');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/c/ic');
    expect(asked.some((q) => q.includes('ic.no-such-segment'))).toBe(false);
    page.off('request', onRequest);
    await page.waitForSelector('.side-panel .segment-list');
  }, 60_000);

  it('long names fit their boxes in both languages, boxes do not overlap; a switch re-sizes and keeps the selection (biomed, 5g)', async () => {
    type Rect = { x1: number; y1: number; x2: number; y2: number };
    type Drawn = { id: string; kind: string; label: string; lines: number; box: Rect; text: Rect; pos: { x: number; y: number } };
    const drawn = () =>
      page.evaluate(() => {
        const cy = window.chainAtlas!.view!.cy;
        const only = { includeOverlays: false, includeUnderlays: false, includeOutlines: false } as const;
        return cy.nodes('.segment, .neighbor').map((n) => {
          const box = n.boundingBox({ ...only, includeLabels: false });
          const text = n.boundingBox({ ...only, includeNodes: false, includeLabels: true });
          const lines = ((n as unknown as { _private: { rscratch: { labelWrapCachedLines?: string[] } } })._private.rscratch.labelWrapCachedLines ?? []).length;
          return {
            id: n.id(),
            kind: n.hasClass('segment') ? 'segment' : 'neighbor',
            label: n.data('label') as string,
            lines,
            box: { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 },
            text: { x1: text.x1, y1: text.y1, x2: text.x2, y2: text.y2 },
            pos: n.position(),
          };
        });
      }) as Promise<Drawn[]>;
    const check = (nodes: Drawn[], lang: string) => {
      expect(nodes.filter((n) => n.kind === 'segment').length).toBeGreaterThan(5);
      for (const n of nodes) {
        // The label's drawn box (Cytoscape adds 2 px each side) inside the node's box, border included.
        expect(n.text.x2 - n.text.x1, `${lang} ${n.id} has a measured label`).toBeGreaterThan(10);
        expect(n.lines, `${lang} ${n.id} label wrapped`).toBeGreaterThan(0);
        const inside = n.text.x1 >= n.box.x1 && n.text.x2 <= n.box.x2 && n.text.y1 >= n.box.y1 && n.text.y2 <= n.box.y2;
        expect(inside, `${lang} ${n.id} "${n.label}" text ${JSON.stringify(n.text)} box ${JSON.stringify(n.box)}`).toBe(true);
        if (n.kind === 'segment') expect(n.lines, `${lang} ${n.id} "${n.label}"`).toBeLessThanOrEqual(3);
      }
      for (let i = 0; i < nodes.length; i++)
        for (let j = i + 1; j < nodes.length; j++) {
          const [a, b] = [nodes[i]!.box, nodes[j]!.box];
          const overlap = a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
          expect(overlap, `${lang}: ${nodes[i]!.id} overlaps ${nodes[j]!.id}`).toBe(false);
        }
    };
    const lang = () => page.evaluate(() => window.chainAtlas!.store.state.lang);
    const switchTo = async (to: 'zh' | 'en', cluster: string) => {
      if ((await lang()) !== to) await page.click('button.lang');
      await expect.poll(lang).toBe(to);
      await mapReady(cluster);
      await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    };
    const selected = () => page.evaluate(() => window.chainAtlas!.view!.cy.nodes(':selected').map((n) => n.id()));

    const mah = 'Marketing-authorisation holders (MAH) & commercialisation services';
    for (const cluster of ['biomed', '5g']) {
      await page.goto(`${base}/#/c/${cluster}`);
      await mapReady(cluster);
      await switchTo('zh', cluster);
      const zh = await drawn();
      check(zh, `${cluster} zh`);
      if (cluster === 'biomed') await page.screenshot({ path: join(shots, 'chain-map-biomed-zh.png') });
      // A selected segment stays selected through the switch (and the re-layout).
      const chosen = [...zh].filter((n) => n.kind === 'segment').sort((a, b) => a.id.localeCompare(b.id))[0]!.id;
      await page.evaluate((id) => window.chainAtlas!.store.set({ segmentId: id }), chosen);
      await expect.poll(selected).toEqual([chosen]);
      await switchTo('en', cluster);
      const en = await drawn();
      check(en, `${cluster} en`);
      expect(await selected()).toEqual([chosen]);
      // Boxes fit the page language's names: longer English names make some boxes wider.
      const width = (ns: Drawn[], id: string) => ns.find((n) => n.id === id)!.box.x2 - ns.find((n) => n.id === id)!.box.x1;
      expect(en.map((n) => n.id).sort()).toEqual(zh.map((n) => n.id).sort());
      expect(en.some((n) => width(en, n.id) > width(zh, n.id) + 10)).toBe(true);
      if (cluster === 'biomed') {
        expect(en.find((n) => n.id === 'biomed.mah')?.label).toBe(mah);
        expect(width(en, 'biomed.mah')).toBeGreaterThan(width(zh, 'biomed.mah'));
        await page.screenshot({ path: join(shots, 'chain-map-biomed-en.png') });
      }
      await page.evaluate(() => window.chainAtlas!.store.set({ segmentId: null }));
    }
    await switchTo('zh', '5g');
  }, 120_000);

  it('marks illustrative data and logs no console error or warning', async () => {
    expect(await page.locator('.badge.illustrative').isVisible()).toBe(true);
    expect(await page.locator('.badge.illustrative').textContent()).toBe('含示例数据');
    expect(consoleProblems).toEqual([]);
  });
});
