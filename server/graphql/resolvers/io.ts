// Import, import templates and plan progress over GraphQL (io.graphql). The
// work is in server/io/import and server/plan; this module decodes arguments
// and shapes results.
import { AppError } from '../../domain/errors.js';
import { checkImportAccess } from '../../io/access.js';
import { projectStatuses } from '../../domain/model.js';
import { columnSpecs, type ImportKind } from '../../io/import/columns.js';
import { importFile } from '../../io/import/importFile.js';
import type { ImportReport, RowFate } from '../../io/import/report.js';
import type { ClusterPipeline, StatusTotal } from '../../plan/pipeline.js';
import type { TargetProgress } from '../../plan/progress.js';
import { planProgressFromStore } from '../../plan/targets.js';
import { fromGraphQLEnum, toGraphQLEnum } from '../enums.js';
import type { Resolvers } from '../generated.js';

/** Base64 text of at most this many bytes (a larger file goes to POST /import). */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

function decodeBase64(text: string): Buffer {
  const clean = text.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) {
    throw new AppError('BAD_INPUT', 'contentBase64 不是有效的 Base64 文本', 'contentBase64 is not valid base64');
  }
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件过大(上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB),请用 POST /import 上传`,
      `file too large (limit ${MAX_IMPORT_BYTES / 1024 / 1024} MB); upload it with POST /import`,
    );
  }
  return bytes;
}

export const resolvers: Resolvers = {
  Query: {
    importColumns: (_root, { kind }: { kind: string }) =>
      columnSpecs[fromGraphQLEnum<ImportKind>(kind)].map((c) => ({
        ...c,
        aliases: [...c.aliases],
        required: c.required ? String(c.required).toUpperCase() : null,
      })),
    planProgress: async (_root, { asOf }: { asOf?: string | null }, { store, config }) => {
      if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new AppError('BAD_INPUT', 'asOf 须为 YYYY-MM-DD 日期', 'asOf must be a YYYY-MM-DD date');
      return planProgressFromStore(store, config.seedsDir, asOf ?? undefined);
    },
  },
  Mutation: {
    importFile: async (
      _root,
      args: { kind?: string | null; filename: string; contentBase64: string; dryRun?: boolean | null; sheet?: string | null },
      { store, config, principal, actor },
    ) => {
      checkImportAccess(principal, args.dryRun ?? true, config.access);
      if (args.filename.length > 255) throw new AppError('BAD_INPUT', '文件名过长', 'filename too long');
      const report = await importFile(store, decodeBase64(args.contentBase64), {
        filename: args.filename,
        dryRun: args.dryRun ?? true,
        actor,
        ...(args.kind ? { kind: fromGraphQLEnum<ImportKind>(args.kind) } : {}),
        ...(args.sheet ? { sheet: args.sheet } : {}),
      });
      return report;
    },
  },
  ImportReport: {
    kind: (r) => (r.kind ? toGraphQLEnum(r.kind) : null),
    rows: (r: ImportReport, args: { fate?: string | null; first?: number | null; offset?: number | null }) => {
      const first = args.first ?? 200;
      const offset = args.offset ?? 0;
      if (first < 0 || first > 10_000 || offset < 0) throw new AppError('BAD_INPUT', 'first 须在 0–10000 之间,offset ≥ 0', 'first must be 0–10000 and offset ≥ 0');
      const fate = args.fate ? (args.fate.toLowerCase() as RowFate) : null;
      return (fate ? r.rows.filter((x) => x.fate === fate) : r.rows).slice(offset, offset + first);
    },
  },
  ImportRow: {
    fate: (r) => toGraphQLEnum(r.fate),
    changes: (r) => r.changes ?? [],
  },
  PipelineStatusTotal: {
    status: (t: StatusTotal) => toGraphQLEnum(t.status),
  },
  ClusterPipeline: {
    byStatus: (c: ClusterPipeline) => projectStatuses.map((s) => ({ status: toGraphQLEnum(s), value: c.byStatus[s] })),
  },
  PlanTargetProgress: {
    periodStart: (t: TargetProgress) => t.period.start,
    periodEnd: (t: TargetProgress) => t.period.end,
    byStatus: (t: TargetProgress) => projectStatuses.map((s) => ({ status: toGraphQLEnum(s), value: t.byStatus[s] })),
  },
};
