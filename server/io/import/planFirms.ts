// Rows of a 企业名录 → Firm records. De-duplication: by USCC, then by firm id,
// then by normalised name (normaliseFirmName), within the file and against
// the store; a matched firm is updated with the non-blank cells of the row.
import { createHash } from 'node:crypto';
import { Firm, type FirmSegment } from '../../domain/model.js';
import { isValidUscc } from '../../domain/uscc.js';
import { markParsed } from '../../store/parsedLists.js';
import type { KindPlanner, PlanEnv, RowOutcome } from './planner.js';
import { normaliseFirmName } from './normalize.js';
import { changedFields, SeenKeys, slugPattern, type RowCheck } from './rowCheck.js';
import { parseBand, parseBool, parseList, parseOwnership } from './values.js';

/** Record fields compared to tell `updated` from `unchanged` (provenance only when the row gives it). */
const COMPARED = [
  'nameZh', 'nameEn', 'uscc', 'regionId', 'ownership', 'originId', 'listed', 'highTech', 'specialized',
  'revenueBand', 'employeesBand', 'segments', 'tags',
] as const satisfies readonly (keyof Firm)[];

/** Record field → template column, to put schema errors on the right column. */
const FIELD_OF: Record<string, string> = {
  id: 'id', uscc: 'uscc', nameZh: 'name_zh', nameEn: 'name_en', regionId: 'region', ownership: 'ownership',
  originId: 'origin', segments: 'segments', tags: 'tags', sourceId: 'source', confidence: 'confidence',
  revenueBand: 'revenue', employeesBand: 'employees',
};

/** Stable id for a firm without USCC or given id: derived from its normalised name. */
export function generatedFirmId(normalisedName: string): string {
  return 'firm.' + createHash('sha1').update(normalisedName).digest('hex').slice(0, 12);
}

export function firmsPlanner(env: PlanEnv): KindPlanner {
  const { ctx } = env;
  const out: Firm[] = [];
  const seenUscc = new SeenKeys();
  const seenId = new SeenKeys();
  const seenTarget = new SeenKeys();
  // Normalised name → rows with that name and their USCC (two firms may share a name if their codes differ).
  // Mostly one row per name: a single entry, an array only from the second.
  type NameEntry = { row: number; uscc: string | undefined };
  const seenNames = new Map<string, NameEntry | NameEntry[]>();

  function row(c: RowCheck): RowOutcome | undefined {
    const nameZh = c.required('name_zh');
    const uscc = c.uscc('uscc');
    const idText = c.get('id');
    if (idText && !slugPattern.test(idText) && !isValidUscc(idText)) {
      c.fail('id', 'BAD_ID', `企业编号「${idText}」只能含小写字母、数字和 . _ : -`, `firm id "${idText}" must be a lower-case slug (a-z 0-9 . _ : -)`);
    }
    const regionText = c.get('region');
    const region = regionText ? c.resolved('region', regionText, ctx.resolveRegion(regionText), 'REGION', '地区', 'region') : undefined;
    const ownership = c.parse('ownership', parseOwnership);
    const originText = c.get('origin');
    const origin = originText ? c.resolved('origin', originText, ctx.resolveRegion(originText), 'REGION', '资本来源地', 'origin') : undefined;
    const cluster = c.cluster();
    let segments: FirmSegment[] | undefined;
    if (c.has('segments')) {
      segments = [];
      for (const text of parseList(c.get('segments'))) {
        const s = c.segment('segments', text, cluster?.id);
        if (!s) continue;
        if (segments.some((x) => x.segmentId === s.id)) {
          c.fail('segments', 'BAD_VALUE', `环节「${text}」重复填写`, `segment "${text}" is listed twice`);
        } else segments.push({ segmentId: s.id, primary: segments.length === 0 });
      }
    }
    const listed = c.parse('listed', parseBool);
    const highTech = c.parse('high_tech', parseBool);
    const specialized = c.parse('specialized', parseBool);
    const revenueBand = c.parse('revenue', (t) => parseBand(t, 'yi', c.scale('revenue')));
    const employeesBand = c.parse('employees', (t) => parseBand(t, 'persons', c.scale('employees')));
    const tags = c.has('tags') ? parseList(c.get('tags')) : undefined;
    const sourceId = c.source();
    const confidence = c.confidence();

    // Duplicates within the file: same USCC, same explicit id, or same name (unless both rows carry different codes).
    if (uscc) {
      const prior = seenUscc.check(uscc, c.row);
      if (prior !== undefined) c.fail('uscc', 'DUPLICATE_IN_FILE', `与第 ${prior} 行的信用代码重复`, `same USCC as row ${prior}`);
    }
    if (idText) {
      const prior = seenId.check(idText, c.row);
      if (prior !== undefined) c.fail('id', 'DUPLICATE_IN_FILE', `与第 ${prior} 行的企业编号重复`, `same firm id as row ${prior}`);
    }
    const nameKey = nameZh ? normaliseFirmName(nameZh) : '';
    if (nameZh) {
      const prior = seenNames.get(nameKey);
      const entry = { row: c.row, uscc };
      if (prior === undefined) seenNames.set(nameKey, entry);
      else {
        const rows = Array.isArray(prior) ? prior : [prior];
        const clash = rows.find((r) => !(uscc && r.uscc && r.uscc !== uscc));
        if (clash && !(uscc && clash.uscc === uscc)) {
          c.fail('name_zh', 'DUPLICATE_IN_FILE', `与第 ${clash.row} 行是同一企业名称`, `same firm name as row ${clash.row}`);
        }
        seenNames.set(nameKey, [...rows, entry]);
      }
    }
    if (c.failed || !nameZh) return undefined;

    // Match against the store.
    let existing = uscc ? ctx.firmsByUscc.get(uscc) ?? ctx.firmsById.get(uscc) : undefined;
    if (!existing && idText) existing = ctx.firmsById.get(idText);
    if (!existing) {
      const named = (ctx.firmsByName.get(nameKey) ?? []).filter((f) => !(uscc && f.uscc && f.uscc !== uscc));
      if (named.length > 1) {
        return c.fail(
          'name_zh',
          'AMBIGUOUS_FIRM',
          `库中有多家同名企业(${named.map((f) => f.id).join('、')}),请填写统一社会信用代码`,
          `several firms of this name in the store (${named.map((f) => f.id).join(', ')}); give the USCC`,
        );
      }
      existing = named[0];
    }
    if (existing) {
      if (idText && idText !== existing.id) {
        return c.fail('id', 'CONFLICT', `该企业在库中的编号是 ${existing.id},与「${idText}」不符`, `this firm's id in the store is ${existing.id}, not "${idText}"`);
      }
      if (uscc && existing.uscc && existing.uscc !== uscc) {
        return c.fail('uscc', 'CONFLICT', `企业 ${existing.id} 在库中的信用代码是 ${existing.uscc}`, `firm ${existing.id} has USCC ${existing.uscc} in the store`);
      }
      const prior = seenTarget.check(existing.id, c.row);
      if (prior !== undefined) {
        return c.fail('name_zh', 'DUPLICATE_IN_FILE', `与第 ${prior} 行对应库中同一企业 ${existing.id}`, `matches the same stored firm ${existing.id} as row ${prior}`);
      }
    } else {
      const requiredForNew = (field: string) => c.fail(field, 'REQUIRED', `新企业须填写「${c.column(field)}」`, `"${c.column(field)}" is required for a new firm`);
      if (region === undefined) requiredForNew('region');
      if (ownership === undefined) requiredForNew('ownership');
      if (!segments?.length && !c.has('segments')) requiredForNew('segments');
      if (!origin && ownership === 'foreign') {
        c.fail('origin', 'REQUIRED', '外资企业须填写「资本来源」', 'a foreign-owned firm needs its country of origin');
      }
      if (c.failed) return undefined;
    }

    const id = existing?.id ?? uscc ?? (idText || generatedFirmId(nameKey));
    if (!existing) {
      if (ctx.firmsById.has(id)) {
        return c.fail(idText ? 'id' : 'name_zh', 'CONFLICT', `编号 ${id} 已被库中另一企业使用`, `id ${id} is already used by another firm in the store`);
      }
      const prior = seenTarget.check(id, c.row);
      if (prior !== undefined) return c.fail('name_zh', 'DUPLICATE_IN_FILE', `与第 ${prior} 行生成相同编号 ${id}`, `gives the same id ${id} as row ${prior}`);
    }
    const regionId = region?.id ?? existing?.regionId;
    const originId = origin?.id ?? existing?.originId ?? (regionId ? ctx.countryOf(regionId)?.id : undefined);
    if (!originId) return c.fail('origin', 'REQUIRED', '无法从所在地区推出资本来源国,请填写「资本来源」', 'cannot infer the country of origin from the region; fill in the origin column');

    const candidate = {
      id,
      // A spelling that differs only in width, case or legal suffix is not a rename.
      nameZh: existing && normaliseFirmName(existing.nameZh) === nameKey ? existing.nameZh : nameZh,
      nameEn: c.get('name_en') || existing?.nameEn,
      uscc: uscc ?? existing?.uscc,
      regionId,
      ownership: ownership ?? existing?.ownership,
      originId,
      listed: listed ?? existing?.listed ?? false,
      highTech: highTech ?? existing?.highTech ?? false,
      specialized: specialized ?? existing?.specialized ?? false,
      revenueBand: revenueBand ?? existing?.revenueBand,
      employeesBand: employeesBand ?? existing?.employeesBand,
      segments: segments ?? existing?.segments,
      tags: tags ?? existing?.tags ?? [],
      illustrative: existing?.illustrative ?? false,
      sourceId: sourceId ?? existing?.sourceId ?? env.sourceId,
      confidence: confidence ?? existing?.confidence ?? env.confidence,
    };
    const parsed = Firm.safeParse(candidate);
    if (!parsed.success) {
      c.schemaIssues(parsed.error, FIELD_OF);
      return undefined;
    }
    let firm = parsed.data;
    if (!existing) {
      out.push(firm);
      return { fate: 'created', key: firm.id };
    }
    const changes = changedFields(existing, firm, COMPARED);
    if (sourceId !== undefined && sourceId !== existing.sourceId) changes.push('sourceId');
    if (confidence !== undefined && confidence !== existing.confidence) changes.push('confidence');
    if (changes.length === 0) return { fate: 'unchanged', key: firm.id };
    // Changed by this import: cite it unless the row names its own source (parsed again: the batch holds parse results only).
    const cited = Firm.safeParse({ ...firm, sourceId: sourceId ?? env.sourceId, confidence: confidence ?? env.confidence });
    if (!cited.success) {
      c.schemaIssues(cited.error, FIELD_OF);
      return undefined;
    }
    firm = cited.data;
    out.push(firm);
    return { fate: 'updated', key: firm.id, changes };
  }

  // Every firm in `out` is a Firm.safeParse result: the store need not parse them again.
  return { row, batch: () => ({ firms: markParsed(out) }) };
}
