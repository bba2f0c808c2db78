// Plain HTTP routes for files, simpler for browsers than base64 over GraphQL:
//   GET  /import/template?kind=firms&format=csv|xlsx&lang=zh|en   template download
//   POST /import?kind=&dryRun=true|false&filename=&sheet=         raw file bytes in, JSON report out
//                                       (dry run: editor; real import: IMPORT_ROLE, admin by default)
//   GET  /export/map?cluster=ID|all&format=pdf|xlsx&home=REGION    the 产业招引地图 file
//   GET  /plan/progress?asOf=YYYY-MM-DD                             plan-targets progress (JSON)
import type { FastifyInstance } from 'fastify';
import { actorName } from '../auth/roles.js';
import { AppError } from '../domain/errors.js';
import { checkImportAccess } from '../io/access.js';
import { exportFormats, exportMap, type ExportFormat } from '../io/export/exportMap.js';
import { importKinds, isImportKind } from '../io/import/columns.js';
import { importFile } from '../io/import/importFile.js';
import { buildTemplate, templateContentType, templateFilename } from '../io/import/template.js';
import { planProgressFromStore } from '../plan/targets.js';

/** Largest upload POST /import accepts. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const badInput = (zh: string, en: string) => new AppError('BAD_INPUT', zh, en);

/** attachment; filename="ascii"; filename*=UTF-8''utf8 (RFC 6266). */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function one(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 200) throw badInput(`参数 ${name} 无效`, `invalid parameter ${name}`);
  return value;
}

export default async function ioRoutes(app: FastifyInstance): Promise<void> {
  // Uploads arrive as raw bytes whatever their declared type.
  app.addContentTypeParser(
    ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'],
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get('/import/template', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const kind = one(q.kind, 'kind');
    const format = one(q.format, 'format') ?? 'xlsx';
    const lang = one(q.lang, 'lang') ?? 'zh';
    if (!kind || !isImportKind(kind)) throw badInput(`kind 须为 ${importKinds.join(' / ')}`, `kind must be one of ${importKinds.join(', ')}`);
    if (format !== 'csv' && format !== 'xlsx') throw badInput('format 须为 csv 或 xlsx', 'format must be csv or xlsx');
    if (lang !== 'zh' && lang !== 'en') throw badInput('lang 须为 zh 或 en', 'lang must be zh or en');
    return reply
      .type(templateContentType[format])
      .header('content-disposition', attachment(templateFilename(kind, format)))
      .send(await buildTemplate(kind, format, lang));
  });

  app.post('/import', { bodyLimit: MAX_UPLOAD_BYTES }, async (req) => {
    const q = req.query as Record<string, unknown>;
    const kind = one(q.kind, 'kind');
    if (kind !== undefined && !isImportKind(kind)) throw badInput(`kind 须为 ${importKinds.join(' / ')}`, `kind must be one of ${importKinds.join(', ')}`);
    const dryRun = one(q.dryRun, 'dryRun') ?? 'true';
    if (dryRun !== 'true' && dryRun !== 'false') throw badInput('dryRun 须为 true 或 false', 'dryRun must be true or false');
    checkImportAccess(req.principal, dryRun === 'true', app.config.access);
    if (!Buffer.isBuffer(req.body)) {
      throw badInput('请求体须为文件内容(Content-Type: text/csv、application/octet-stream 或 xlsx)', 'the body must be the file (Content-Type text/csv, application/octet-stream or xlsx)');
    }
    const filename = one(q.filename, 'filename');
    const sheet = one(q.sheet, 'sheet');
    const report = await importFile(app.store, req.body, {
      dryRun: dryRun === 'true',
      actor: actorName(req.principal),
      ...(kind ? { kind } : {}),
      ...(filename ? { filename } : {}),
      ...(sheet ? { sheet } : {}),
    });
    // The role a real import needs, so the web page can say whether this token may commit.
    return { ...report, commitRole: app.config.access.importRole };
  });

  app.get('/export/map', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const cluster = one(q.cluster, 'cluster');
    const format = one(q.format, 'format') ?? 'pdf';
    const home = one(q.home, 'home') ?? app.config.homeRegionId;
    if (!cluster) throw badInput('缺少参数 cluster(集群编号或 all)', 'missing parameter cluster (a cluster id or all)');
    if (!(exportFormats as readonly string[]).includes(format)) throw badInput('format 须为 pdf 或 xlsx', 'format must be pdf or xlsx');
    if (!(await app.store.listRegions()).some((r) => r.id === home)) throw new AppError('NOT_FOUND', `未找到区域:${home}`, `region not found: ${home}`);
    const file = await exportMap(app.store, cluster, format as ExportFormat, { homeRegionId: home });
    return reply.type(file.contentType).header('content-disposition', attachment(file.filename)).send(file.bytes);
  });

  app.get('/plan/progress', async (req) => {
    const asOf = one((req.query as Record<string, unknown>).asOf, 'asOf');
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw badInput('asOf 须为 YYYY-MM-DD 日期', 'asOf must be a YYYY-MM-DD date');
    return planProgressFromStore(app.store, app.config.seedsDir, asOf);
  });
}
