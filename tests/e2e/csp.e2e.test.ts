// The Content-Security-Policy lets the pages work in a real browser (headless
// chromium): the web app at / and GraphiQL at /graphiql, whose page loads React
// and GraphiQL from unpkg.com. unpkg is not reachable from a test machine, so
// its three files are served by the browser's request routing as small stand-ins
// that render into #main and run one query through GraphiQL's fetcher path:
// what is checked is that the policy lets them load, run and call /graphql.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, root, type TestApp } from '../api/helpers.js';
import { ensureBuilt } from '../setup/build.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let t: TestApp;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  await ensureBuilt();
  t = await startTestApp({}, { webRoot: join(root, 'dist/web') });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(path: string, route?: (url: string) => { body: string; contentType: string } | null) {
  // Service workers off: GraphiQL's would fetch unpkg itself, outside the routing below.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  if (route) {
    await context.route('https://unpkg.com/**', (r) => {
      const stub = route(r.request().url());
      return stub ? r.fulfill({ status: 200, body: stub.body, contentType: stub.contentType, headers: { 'access-control-allow-origin': '*' } }) : r.abort();
    });
  }
  await page.goto(`${base}${path}`);
  return { page, context, violations };
}

describe('CSP in a real browser', () => {
  it('the web app renders the cluster picker with no CSP violation', async () => {
    const { page, context, violations } = await open('/');
    await page.waitForSelector('[data-cluster="ic"]', { timeout: 30_000 });
    expect(violations).toEqual([]);
    await context.close();
  }, 60_000);

  it('GraphiQL loads its unpkg scripts and stylesheet, renders, and queries /graphql', async () => {
    const stubs: Record<string, string> = {
      'react.production.min.js': 'window.React = { createElement: function (c, p) { return { c: c, p: p }; } };',
      'react-dom.production.min.js':
        'window.ReactDOM = { render: function (el, node) { node.textContent = "GraphiQL stand-in"; ' +
        'Promise.resolve(el.p.fetcher({ query: "{ __typename homeRegion { nameZh } }" })).then(function (r) { node.dataset.result = JSON.stringify(r); }); } };',
      'graphiql.min.js':
        'window.GraphiQL = { createFetcher: function (o) { return function (params) { return fetch(o.url, { method: "POST", ' +
        'headers: { "content-type": "application/json" }, body: JSON.stringify(params) }).then(function (r) { return r.json(); }); }; } };',
    };
    const { page, context, violations } = await open('/graphiql', (url) => {
      if (url.endsWith('.css')) return { body: '.graphiql-container { display: flex }', contentType: 'text/css' };
      const name = Object.keys(stubs).find((k) => url.endsWith(k));
      return name ? { body: stubs[name]!, contentType: 'application/javascript' } : null;
    });
    await page.waitForFunction(() => document.getElementById('main')?.dataset.result, undefined, { timeout: 30_000 });
    const result = JSON.parse((await page.locator('#main').getAttribute('data-result'))!);
    expect(result).toEqual({ data: { __typename: 'Query', homeRegion: { nameZh: '新吴区' } } });
    expect(await page.locator('link[href*="graphiql.min.css"]').count()).toBe(1);
    expect(violations).toEqual([]);
    await context.close();
  }, 60_000);
});
