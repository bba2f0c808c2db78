// Rows of a 招商项目台账 → Project records. A project is matched by its id, else
// by its firm and normalised name; a status change is appended to its history.
import { createHash } from 'node:crypto';
import { Project, type ProjectChange } from '../../domain/model.js';
import { markParsed } from '../../store/parsedLists.js';
import type { KindPlanner, PlanEnv, RowOutcome } from './planner.js';
import { normaliseFirmName } from './normalize.js';
import { changedFields, SeenKeys, slugPattern, type RowCheck } from './rowCheck.js';
import { parseAmount, parseDate, parseList, parseStatus } from './values.js';

const COMPARED = ['nameZh', 'nameEn', 'firmId', 'segmentIds', 'status', 'investmentYi', 'signedOn', 'owner'] as const satisfies readonly (keyof Project)[];

const FIELD_OF: Record<string, string> = {
  id: 'id', nameZh: 'name_zh', nameEn: 'name_en', firmId: 'firm', segmentIds: 'segments', status: 'status',
  investmentYi: 'investment', signedOn: 'signed_on', owner: 'owner', sourceId: 'source', confidence: 'confidence',
};

export function generatedProjectId(firmId: string, nameZh: string): string {
  return 'prj.' + createHash('sha1').update(`${firmId}|${normaliseFirmName(nameZh)}`).digest('hex').slice(0, 12);
}

export function projectsPlanner(env: PlanEnv): KindPlanner {
  const out: Project[] = [];
  const byId = new Map(env.ctx.data.projects.map((p) => [p.id, p]));
  const byFirmName = new Map(env.ctx.data.projects.map((p) => [`${p.firmId}|${normaliseFirmName(p.nameZh)}`, p]));
  const seenId = new SeenKeys();
  const seenTarget = new SeenKeys();
  const note = `批量导入 / import${env.filename ? ` ${env.filename}` : ''}`;

  function row(c: RowCheck): RowOutcome | undefined {
    const nameZh = c.required('name_zh');
    const idText = c.get('id');
    if (idText && !slugPattern.test(idText)) {
      c.fail('id', 'BAD_ID', `项目编号「${idText}」只能含小写字母、数字和 . _ : -`, `project id "${idText}" must be a lower-case slug (a-z 0-9 . _ : -)`);
    }
    const firm = c.firm('uscc', 'firm');
    const cluster = c.cluster();
    let segmentIds: string[] | undefined;
    if (c.has('segments')) {
      segmentIds = [];
      for (const text of parseList(c.get('segments'))) {
        const s = c.segment('segments', text, cluster?.id);
        if (s && !segmentIds.includes(s.id)) segmentIds.push(s.id);
      }
    }
    const status = c.parse('status', parseStatus);
    const investmentYi = c.parse('investment', (t) => parseAmount(t, 'yi', c.scale('investment')));
    const signedOn = c.parse('signed_on', parseDate);
    const sourceId = c.source();
    const confidence = c.confidence();
    if (idText) {
      const prior = seenId.check(idText, c.row);
      if (prior !== undefined) c.fail('id', 'DUPLICATE_IN_FILE', `与第 ${prior} 行的项目编号重复`, `same project id as row ${prior}`);
    }
    if (c.failed || !nameZh || !firm) return undefined;

    const existing = idText ? byId.get(idText) : byFirmName.get(`${firm.id}|${normaliseFirmName(nameZh)}`);
    const id = existing?.id ?? (idText || generatedProjectId(firm.id, nameZh));
    const prior = seenTarget.check(id, c.row);
    if (prior !== undefined) return c.fail('name_zh', 'DUPLICATE_IN_FILE', `与第 ${prior} 行是同一项目`, `same project as row ${prior}`);
    if (!existing) {
      if (!segmentIds) c.fail('segments', 'REQUIRED', `新项目须填写「${c.column('segments')}」`, `"${c.column('segments')}" is required for a new project`);
      if (!status) c.fail('status', 'REQUIRED', `新项目须填写「${c.column('status')}」`, `"${c.column('status')}" is required for a new project`);
      if (c.failed) return undefined;
    }

    const newStatus = status ?? existing!.status;
    let history: ProjectChange[] = existing?.history ?? [];
    if (!existing) history = [{ at: env.now.toISOString(), by: env.actor, from: null, to: newStatus, note }];
    else if (newStatus !== existing.status) history = [...history, { at: env.now.toISOString(), by: env.actor, from: existing.status, to: newStatus, note }];

    const candidate = {
      id,
      nameZh,
      nameEn: c.get('name_en') || existing?.nameEn,
      firmId: firm.id,
      segmentIds: segmentIds ?? existing?.segmentIds,
      status: newStatus,
      investmentYi: investmentYi ?? existing?.investmentYi,
      signedOn: signedOn ?? existing?.signedOn,
      owner: c.get('owner') || existing?.owner,
      history,
      illustrative: existing?.illustrative ?? false,
      sourceId: sourceId ?? existing?.sourceId ?? env.sourceId,
      confidence: confidence ?? existing?.confidence ?? env.confidence,
    };
    const parsed = Project.safeParse(candidate);
    if (!parsed.success) {
      c.schemaIssues(parsed.error, FIELD_OF);
      return undefined;
    }
    const project = parsed.data;
    if (!existing) {
      out.push(project);
      return { fate: 'created', key: id };
    }
    const changes = changedFields(existing, project, COMPARED);
    if (sourceId !== undefined && sourceId !== existing.sourceId) changes.push('sourceId');
    if (confidence !== undefined && confidence !== existing.confidence) changes.push('confidence');
    if (changes.length === 0) return { fate: 'unchanged', key: id };
    // Cited as changed by this import (parsed again: the batch holds parse results only).
    const cited = Project.safeParse({ ...project, sourceId: sourceId ?? env.sourceId, confidence: confidence ?? env.confidence });
    if (!cited.success) {
      c.schemaIssues(cited.error, FIELD_OF);
      return undefined;
    }
    out.push(cited.data);
    return { fate: 'updated', key: id, changes };
  }

  // Every project in `out` is a Project.safeParse result: the store need not parse them again.
  return { row, batch: () => ({ projects: markParsed(out) }) };
}
