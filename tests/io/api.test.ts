// Import, templates, map export and plan progress through the real app
// (app.inject): HTTP routes and GraphQL, on a copy of the fixture graph with a
// small plan-targets file. Imports carry API tokens: a dry run needs an editor,
// a real import IMPORT_ROLE (admin by default), and the token's name is the
// audit log's actor.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { csvBytes, fixtureSeeds, makeUscc } from './helpers.js';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'atlas-io-api-'));
const seeds = join(tmp, 'seeds');
let app: FastifyInstance;
/** Tokens of the app: admin "io-admin", editor "io-editor". */
let admin: string;
let editor: string;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  cpSync(fixtureSeeds, seeds, { recursive: true });
  mkdirSync(join(seeds, 'plan'));
  writeFileSync(
    join(seeds, 'plan', 'targets.yaml'),
    [
      'defaults: {sourceId: src.test, confidence: 1}',
      'planTargets:',
      "  - {id: t.major, nameZh: 超亿元项目, nameEn: Major projects, metric: projects.count, filter: {minInvestmentYi: 1}, target: 4, period: {start: '2021-01-01', end: '2022-12-31'}}",
      "  - {id: t.ic.firms, nameZh: 集成电路企业, nameEn: IC firms, clusterId: ic, metric: projects.firms, target: 10, unitZh: 家, unitEn: firms, period: {start: '2021-01-01', end: '2022-12-31'}}",
    ].join('\n'),
  );
  app = buildApp(loadConfig({ DATA_DIR: join(tmp, 'data'), SEEDS_DIR: seeds, LOG_LEVEL: 'silent' }, root));
  await app.ready();
  admin = app.tokens.create('io-admin', 'admin').token;
  editor = app.tokens.create('io-editor', 'editor').token;
});
afterAll(async () => {
  await app.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function gql(query: string, variables?: object, token: string | null = admin) {
  const res = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables }, ...(token ? { headers: bearer(token) } : {}) });
  return res.json() as { data: any; errors?: { extensions: { code: string } }[] };
}

const firmsCsv = csvBytes([
  ['企业名称', '统一社会信用代码', '所在地区', '企业性质', '所属环节'],
  ['无锡甲芯微电子有限公司', makeUscc(501), '新吴区', '民营', '芯片设计'],
  ['苏州乙封测有限公司', makeUscc(502), '江苏省', '民营', '封装测试'],
]);

describe('templates', () => {
  it('GET /import/template: CSV with BOM and Chinese headers; XLSX with a 说明 sheet', async () => {
    const csv = await app.inject({ method: 'GET', url: '/import/template?kind=projects&format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('chain-atlas-projects-template.csv');
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.rawPayload.subarray(3).toString('utf8').split(/\r?\n/)[0]).toBe(
      '项目名称,项目编号,英文名称,投资企业,统一社会信用代码,所属环节,所属集群,项目状态,总投资(亿元),签约日期,负责人,数据来源,可信度',
    );
    const xlsx = await app.inject({ method: 'GET', url: '/import/template?kind=firms&format=xlsx&lang=en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['企业名录 firms', '说明 Notes']);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['name_zh', 'uscc', 'id']);
    expect((await app.inject({ method: 'GET', url: '/import/template?kind=nope' })).statusCode).toBe(400);
  });

  it('a downloaded template, filled in, imports (header recognised as its kind)', async () => {
    const csv = await app.inject({ method: 'GET', url: '/import/template?kind=supplies&format=csv' });
    const filled = Buffer.concat([csv.rawPayload, Buffer.from('新吴芯片设计有限公司,,江阴封测有限公司,,芯片设计,,,\n')]);
    const res = await app.inject({ method: 'POST', url: '/import?dryRun=true', headers: { 'content-type': 'text/csv', ...bearer(editor) }, payload: filled });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'supplies', ok: true, counts: { created: 1 } });
  });

  it('GraphQL importColumns', async () => {
    const r = await gql('{ importColumns(kind: FIRMS) { key headerZh required } }');
    expect(r.data.importColumns.slice(0, 2)).toEqual([
      { key: 'name_zh', headerZh: '企业名称', required: 'ALWAYS' },
      { key: 'uscc', headerZh: '统一社会信用代码', required: null },
    ]);
  });
});

describe('import over HTTP and GraphQL', () => {
  it('GraphQL importFile: a dry run by default, rows filterable by fate', async () => {
    const bad = csvBytes([
      ['企业名称', '统一社会信用代码', '所在地区', '企业性质', '所属环节'],
      ['好企业有限公司', makeUscc(601), '新吴区', '民营', '芯片设计'],
      ['坏企业有限公司', makeUscc(602), '火星', '民营', '芯片设计'],
    ]);
    const r = await gql(
      `mutation($b: String!) { importFile(filename: "a.csv", contentBase64: $b) {
        kind encoding dryRun committed ok counts { created rejected }
        rows(fate: REJECTED) { row fate issues { column code messageZh } } } }`,
      { b: bad.toString('base64') },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.importFile).toEqual({
      kind: 'FIRMS',
      encoding: 'utf-8',
      dryRun: true,
      committed: false,
      ok: false,
      counts: { created: 1, rejected: 1 },
      rows: [{ row: 3, fate: 'REJECTED', issues: [{ column: '所在地区', code: 'UNKNOWN_REGION', messageZh: '未找到地区「火星」' }] }],
    });
    const garbage = await gql('mutation { importFile(filename: "x", contentBase64: "%%%") { ok } }');
    expect(garbage.errors![0]!.extensions.code).toBe('BAD_INPUT');
  });

  it('POST /import: dry run, then the real import bumps the data version', async () => {
    const v0 = (await app.inject({ method: 'GET', url: '/healthz' })).json().dataVersion as number;
    const dry = await app.inject({ method: 'POST', url: '/import?filename=firms.csv', headers: { 'content-type': 'text/csv', ...bearer(editor) }, payload: firmsCsv });
    expect(dry.json()).toMatchObject({ dryRun: true, committed: false, ok: true, counts: { created: 2 }, commitRole: 'admin' });
    const real = await app.inject({ method: 'POST', url: '/import?dryRun=false&filename=firms.csv', headers: { 'content-type': 'application/octet-stream', ...bearer(admin) }, payload: firmsCsv });
    expect(real.json()).toMatchObject({ committed: true, counts: { created: 2 } });
    // The audit log names the token that imported.
    const audit = await gql('{ auditLog(first: 1) { edges { node { actor action target detail } } } }');
    expect(audit.data.auditLog.edges[0].node).toMatchObject({ actor: 'io-admin', action: 'import', target: 'firms', detail: 'firms.csv created=2 updated=0 unchanged=0' });
    const v1 = (await app.inject({ method: 'GET', url: '/healthz' })).json().dataVersion as number;
    expect(v1).toBeGreaterThan(v0);
    expect((await app.inject({ method: 'POST', url: '/import?kind=bogus', headers: { 'content-type': 'text/csv', ...bearer(admin) }, payload: firmsCsv })).statusCode).toBe(400);
  });
});

describe('who may import', () => {
  const csv = csvBytes([
    ['企业名称', '统一社会信用代码', '所在地区', '企业性质', '所属环节'],
    ['无锡丙传感有限公司', makeUscc(701), '新吴区', '民营', '芯片设计'],
  ]);
  const post = (query: string, token?: string) =>
    app.inject({ method: 'POST', url: `/import?${query}`, headers: { 'content-type': 'text/csv', ...(token ? bearer(token) : {}) }, payload: csv });

  it('POST /import: a dry run needs an editor; a real import an admin (IMPORT_ROLE default)', async () => {
    expect((await post('dryRun=true')).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await post('dryRun=true')).statusCode).toBe(401);
    const viewer = app.tokens.create('io-viewer', 'viewer').token;
    expect((await post('dryRun=true', viewer)).statusCode).toBe(403);
    expect((await post('dryRun=true', editor)).json()).toMatchObject({ dryRun: true, ok: true, counts: { created: 1 } });
    const refused = await post('dryRun=false', editor);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.json().messageZh).toContain('管理员');
    // Nothing was written by the refused request.
    expect((await post('dryRun=true', editor)).json()).toMatchObject({ counts: { created: 1 } });
  });

  it('GraphQL importFile: the same rule', async () => {
    const q = (dryRun: boolean) => `mutation($b: String!) { importFile(filename: "a.csv", contentBase64: $b, dryRun: ${dryRun}) { dryRun committed counts { created } } }`;
    const b = csv.toString('base64');
    expect((await gql(q(true), { b }, null)).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect((await gql(q(true), { b }, editor)).data.importFile).toEqual({ dryRun: true, committed: false, counts: { created: 1 } });
    expect((await gql(q(false), { b }, editor)).errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('IMPORT_ROLE=editor lets editors commit; the editor token is the actor', async () => {
    const tmp2 = mkdtempSync(join(tmpdir(), 'atlas-io-api-editor-'));
    const app2 = buildApp(loadConfig({ DATA_DIR: join(tmp2, 'data'), SEEDS_DIR: seeds, LOG_LEVEL: 'silent', IMPORT_ROLE: 'editor' }, root));
    try {
      await app2.ready();
      const ed = app2.tokens.create('招商中心 张三', 'editor').token;
      const ad = app2.tokens.create('admin', 'admin').token;
      const res = await app2.inject({ method: 'POST', url: '/import?dryRun=false&filename=f.csv', headers: { 'content-type': 'text/csv', ...bearer(ed) }, payload: csv });
      expect(res.json()).toMatchObject({ committed: true, commitRole: 'editor', counts: { created: 1 } });
      const audit = await app2.inject({ method: 'POST', url: '/graphql', headers: bearer(ad), payload: { query: '{ auditLog(first: 1) { edges { node { actor action } } } }' } });
      expect(audit.json().data.auditLog.edges[0].node).toEqual({ actor: '招商中心 张三', action: 'import' });
    } finally {
      await app2.close();
      rmSync(tmp2, { recursive: true, force: true });
    }
  });
});

describe('map export', () => {
  it('GET /export/map: PDF and XLSX attachments; unknown cluster 404, bad format 400', async () => {
    const pdf = await app.inject({ method: 'GET', url: '/export/map?cluster=ic&format=pdf' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="chain-atlas-map-ic-\d{4}-\d{2}-\d{2}\.pdf"/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await app.inject({ method: 'GET', url: '/export/map?cluster=all&format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const missing = await app.inject({ method: 'GET', url: '/export/map?cluster=nope&format=pdf' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await app.inject({ method: 'GET', url: '/export/map?cluster=ic&format=docx' })).statusCode).toBe(400);
  });
});

describe('plan progress', () => {
  it('after importing projects: hand-counted progress over HTTP and GraphQL', async () => {
    const projects = csvBytes([
      ['项目名称', '投资企业', '所属环节', '项目状态', '总投资(亿元)', '签约日期'],
      ['芯片设计中心', '新吴芯片设计有限公司', '芯片设计', '签约', '3', '2021-03-05'], // counts for both targets
      ['封测扩产', '江阴封测有限公司', '封装测试', '洽谈', '15', ''], // pipeline
      ['模组基地', '新吴物联模组有限公司', '通信模组', '落地', '0.5', '2022-01-01'], // below 1 亿元; not IC
      ['晶圆三期', '新吴晶圆制造有限公司', '晶圆制造', '投产', '40', '2020-06-01'], // before the period
    ]);
    const imported = await app.inject({ method: 'POST', url: '/import?dryRun=false', headers: { 'content-type': 'text/csv', ...bearer(admin) }, payload: projects });
    expect(imported.json()).toMatchObject({ kind: 'projects', committed: true, counts: { created: 4 } });

    const res = await app.inject({ method: 'GET', url: '/plan/progress?asOf=2022-01-01' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // t.major: ≥ 1 亿元 and signed+ in 2021–22: 芯片设计中心 only → 1 of 4; pipeline: 封测扩产.
    expect(body.overall).toEqual([expect.objectContaining({ targetId: 't.major', achieved: 1, ratio: 0.25, inPipeline: 1 })]);
    // t.ic.firms: IC projects signed+ in the period: 芯片设计中心 (wx-chip-design) → 1 firm; pipeline adds jy-pack.
    expect(body.clusters).toEqual([
      { clusterId: 'ic', nameZh: '集成电路', nameEn: 'Integrated Circuits', targets: [expect.objectContaining({ targetId: 't.ic.firms', achieved: 1, inPipeline: 1 })] },
    ]);

    const r = await gql('{ planProgress(asOf: "2022-01-01") { asOf overall { targetId achieved target elapsed onTrack byStatus { status value } } } }');
    expect(r.errors).toBeUndefined();
    const major = r.data.planProgress.overall[0];
    expect(major).toMatchObject({ targetId: 't.major', achieved: 1, target: 4, onTrack: false });
    // 2021-01-01 .. 2022-01-01 = 366 of 730 days.
    expect(major.elapsed).toBeCloseTo(366 / 730, 10);
    expect(major.byStatus).toContainEqual({ status: 'NEGOTIATING', value: 1 });
    expect(major.byStatus).toContainEqual({ status: 'OPERATING', value: 1 });
    expect((await gql('{ planProgress(asOf: "yesterday") { asOf } }')).errors![0]!.extensions.code).toBe('BAD_INPUT');

    // The pipeline at a glance: the four imported projects by status and per cluster; signed in 2021 up to 2021-12-31: 芯片设计中心.
    const p = await gql('{ planProgress(asOf: "2021-12-31") { pipeline { total byStatus { status projects investmentYi } signedInYear { year projects projectIds } clusters { clusterId total byStatus { status value } } } } }');
    expect(p.errors).toBeUndefined();
    const pipeline = p.data.planProgress.pipeline;
    expect(pipeline.total).toBe(4);
    expect(pipeline.byStatus.map((x: { status: string }) => x.status)).toEqual(['LEAD', 'CONTACTED', 'NEGOTIATING', 'SIGNED', 'LANDED', 'OPERATING', 'DROPPED']);
    expect(pipeline.byStatus[2]).toEqual({ status: 'NEGOTIATING', projects: 1, investmentYi: 15 });
    expect(pipeline.signedInYear).toEqual({ year: 2021, projects: 1, projectIds: [expect.any(String)] });
    expect(pipeline.clusters.find((c: { clusterId: string }) => c.clusterId === 'ic').byStatus).toContainEqual({ status: 'SIGNED', value: 1 });
    expect((await app.inject({ method: 'GET', url: '/plan/progress?asOf=2021-12-31' })).json().pipeline.total).toBe(4);
  });
});
