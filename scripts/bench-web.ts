// Benchmark of the web chain map (not a test: numbers vary by machine).
// Side by side in one run, in headless Chromium (software rendering) against
// the real server: the app (dist/web) and a bare Cytoscape.js + ELK page
// (scripts/bench-web/) drawing the same chainMap elements. For the largest
// seeded cluster and a synthetic cluster of 40 segments with 2,000 local firms
// (firm layer on), it measures
//   ready = navigation start → laid-out map painted and interactive (median of RUNS),
//   pan   = frames per second while the map is dragged with the mouse for 2 s.
//
//   npx tsx scripts/bench-web.ts [runs=5]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';

const RUNS = Number(process.argv[2] ?? 5);
const root = join(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SYNTH = { id: 'bench40', segments: 40, firms: 2000 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** graph-seeds plus one synthetic high-growth cluster: 40 segments in 4 stages, a layered FEEDS DAG, 2,000 firms in the home district. */
export function syntheticSeeds(dir: string): void {
  cpSync(join(root, 'graph-seeds'), dir, { recursive: true });
  const stages = ['upstream', 'midstream', 'downstream', 'support'];
  const segs = Array.from({ length: SYNTH.segments }, (_, i) => ({ id: `${SYNTH.id}.s${i}`, stage: stages[i % 4]! }));
  const lines: string[] = [
    `# Synthetic cluster for scripts/bench-web.ts (not product data).`,
    `defaults: {sourceId: compiled-chain, confidence: 0.5}`,
    `cluster: {id: ${SYNTH.id}, nameZh: 基准测试集群, nameEn: Benchmark cluster, tier: high-growth, sourceId: compiled-chain, confidence: 0.5}`,
    `segments:`,
    ...segs.map((s, i) => `  - {id: ${s.id}, nameZh: 测试环节${i}号, nameEn: Bench segment ${i}, stage: ${s.stage}}`),
    `feeds:`,
  ];
  const order = ['support', 'upstream', 'midstream', 'downstream'];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (const s of segs) {
    const next = order[order.indexOf(s.stage) + 1];
    const targets = segs.filter((t) => t.stage === (s.stage === 'support' ? order[1 + Math.floor(rand() * 3)] : next));
    for (let k = 0; k < 2 && targets.length; k++) {
      const t = targets[Math.floor(rand() * targets.length)]!;
      if (!lines.includes(`  - {from: ${s.id}, to: ${t.id}, weight: 0.2}`)) lines.push(`  - {from: ${s.id}, to: ${t.id}, weight: 0.2}`);
    }
  }
  lines.push('firms:');
  for (let f = 0; f < SYNTH.firms; f++) {
    const seg = segs[Math.floor(rand() * segs.length)]!;
    lines.push(`  - {id: firm:bench-${f}, nameZh: 测试企业${f}号, nameEn: Bench firm ${f}, regionId: cn-js-wx-xinwu, ownership: private, originId: cn, revenueBand: S, employeesBand: S, segments: [{segmentId: ${seg.id}, primary: true}], illustrative: true, sourceId: illustrative, confidence: 0.2}`);
  }
  writeFileSync(join(dir, 'clusters', `${SYNTH.id}.yaml`), lines.join('\n') + '\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function panFps(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  // A string, not a function: tsx would wrap inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    const tick = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  // Drag from an empty corner of the canvas back and forth for 2 s.
  const x0 = box.x + 12;
  const y0 = box.y + 12;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const start = Date.now();
  let i = 0;
  while (Date.now() - start < 2000) {
    const phase = (i++ % 80) / 80;
    const d = phase < 0.5 ? phase * 2 : 2 - phase * 2;
    await page.mouse.move(x0 + d * 300, y0 + d * 160);
  }
  await page.mouse.up();
  const elapsed = (Date.now() - start) / 1000;
  const frames = (await page.evaluate('(() => { window.__counting = false; return window.__frames; })()')) as number;
  return frames / elapsed;
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/web/index.html')) || !existsSync(join(root, 'dist/server/main.js'))) {
    const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
  const work = mkdtempSync(join(tmpdir(), 'atlas-bench-web-'));
  const bareOut = join(work, 'bare');
  await build({ root: join(root, 'scripts/bench-web'), base: '/bare/', logLevel: 'warn', build: { outDir: bareOut, emptyOutDir: true, chunkSizeWarningLimit: 4000 } });
  const seeds = join(work, 'seeds');
  syntheticSeeds(seeds);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(work, 'data'), SEEDS_DIR: seeds, LOG_LEVEL: 'warn', STORE: 'embedded', RATE_LIMIT_MAX: '100000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let t = Date.now(); ; ) {
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      if (server.exitCode !== null || Date.now() - t > 60_000) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    // The largest seeded cluster: most segments (own + neighbours) and local firms.
    const q = async (query: string) => ((await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { data: any }).data;
    const { clusters } = await q('{ clusters { id } }');
    let largest = { id: '', nodes: 0 };
    for (const c of clusters as { id: string }[]) {
      if (c.id === SYNTH.id) continue;
      const m = (await q(`{ chainMap(clusterId: "${c.id}", withFirms: true) { nodes { data { id } } } }`)).chainMap;
      if (m.nodes.length > largest.nodes) largest = { id: c.id, nodes: m.nodes.length };
    }

    const loadBefore = loadavg().map((x) => x.toFixed(1)).join(' ');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const cases = [
      { name: `largest seeded cluster (${largest.id}), segments + stubs`, cluster: largest.id, firms: false },
      { name: `largest seeded cluster (${largest.id}), firm layer on`, cluster: largest.id, firms: true },
      { name: `synthetic: ${SYNTH.segments} segments + ${SYNTH.firms} firm nodes`, cluster: SYNTH.id, firms: true },
    ];
    const rows: string[] = [];
    for (const c of cases) {
      const result: Record<string, { ready: number; fps: number; nodes: number }> = {};
      const pages = {
        app: { url: `${base}/${c.firms ? '?firms=1' : ''}#/c/${c.cluster}`, ready: () => (window as any).chainAtlas?.ready?.at as number | undefined },
        'bare (ELK on all elements)': { url: `${base}/bare/index.html?cluster=${c.cluster}&firms=${c.firms ? 1 : 0}&mode=all`, ready: () => (window as any).__ready as number | undefined },
        'bare (ELK on segments, firms on their segment)': { url: `${base}/bare/index.html?cluster=${c.cluster}&firms=${c.firms ? 1 : 0}&mode=segments`, ready: () => (window as any).__ready as number | undefined },
      };
      // Pages take turns run by run, so a load change on the machine hits all of them alike.
      const labels = Object.keys(pages).filter((label) => c.firms || !label.includes('segments,'));
      const times = new Map(labels.map((l) => [l, [] as number[]]));
      const fpss = new Map(labels.map((l) => [l, [] as number[]]));
      const nodeCount = new Map<string, number>();
      // Run -1 warms up (server caches, browser code cache) and is not counted.
      for (let run = -1; run < RUNS; run++) {
        for (const label of labels) {
          const p = pages[label as keyof typeof pages];
          const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
          const page = await ctx.newPage();
          await page.route(`${base}/bare/**`, (route) => {
            const path = new URL(route.request().url()).pathname.replace(/^\/bare\//, '');
            const file = join(bareOut, path || 'index.html');
            const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[extname(file)] ?? 'application/octet-stream';
            return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
          });
          await page.goto(p.url);
          await page.waitForFunction(p.ready, null, { timeout: 120_000, polling: 20 });
          if (run < 0) {
            await ctx.close();
            continue;
          }
          times.get(label)!.push((await page.evaluate(p.ready))!);
          nodeCount.set(label, await page.evaluate(() => ((window as any).chainAtlas?.view?.cy ?? (window as any).__cy).nodes().length as number));
          const box = (await page.locator(label === 'app' ? '.cy' : '#cy').boundingBox())!;
          fpss.get(label)!.push(await panFps(page, box));
          await ctx.close();
        }
      }
      for (const label of labels) result[label] = { ready: median(times.get(label)!), fps: median(fpss.get(label)!), nodes: nodeCount.get(label)! };
      const app = result.app!;
      const floor = Math.min(...Object.entries(result).filter(([k]) => k !== 'app').map(([, v]) => v.ready));
      rows.push(`| ${c.name} | ${app.nodes} | ${Object.entries(result).map(([k, v]) => `${k}: ${v.ready.toFixed(0)} ms, ${v.fps.toFixed(0)} FPS`).join('<br>')} | ${(app.ready / floor).toFixed(2)}× |`);
      console.log(c.name, JSON.stringify(result));
    }
    await browser.close();
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Chromium ${(spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout || '').trim()} headless, software rendering (--disable-gpu), viewport 1366×768`;
    console.log(`\nmachine: ${machine}\nload average before / after: ${loadBefore} / ${loadavg().map((x) => x.toFixed(1)).join(' ')}\nruns per page: ${RUNS} after one warm-up, pages taking turns (medians of ready time and of pan FPS)\n`);
    console.log('| case | nodes drawn by the app | ready (median) and pan FPS per page | app ÷ fastest bare |');
    console.log('| --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
  } finally {
    server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
