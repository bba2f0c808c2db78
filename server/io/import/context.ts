// What an import looks rows up against: the store's clusters, segments,
// regions, sources and (for de-duplication) its firms, ties and projects,
// indexed by every name a spreadsheet may use for them.
import type { Cluster, Firm, Project, Region, Segment, Source, SupplyTie } from '../../domain/model.js';
import { isValidUscc } from '../../domain/uscc.js';
import type { GraphStore } from '../../store/GraphStore.js';
import type { HeaderMapping, ImportKind } from './columns.js';
import { normaliseFirmName, normaliseName } from './normalize.js';
import type { Table } from './table.js';
import { parseUscc, usccForm } from './values.js';

export interface ImportData {
  clusters: Cluster[];
  segments: Segment[];
  regions: Region[];
  sources: Source[];
  /**
   * Every stored firm: a list, or a Map by id (loadImportData hands over the
   * Map it builds to gather them, and the context keeps it as its firmsById
   * instead of building the same Map again).
   */
  firms: Firm[] | Map<string, Firm>;
  supplies: SupplyTie[];
  projects: Project[];
}

export type Resolution<T> =
  | { ok: true; value: T }
  | { ok: false; code: 'UNKNOWN' }
  | { ok: false; code: 'AMBIGUOUS'; candidates: string[] };

/**
 * Reads what an import of `kind` needs from the store (all firms; ties or projects only when
 * needed). Given the file (`table`, `mapping`) of a ties import, only the firms it names when
 * that is enough (namedFirms).
 */
export async function loadImportData(
  store: GraphStore,
  kind: ImportKind,
  file?: { table: Table; mapping: HeaderMapping },
): Promise<ImportData> {
  const [clusters, segments, regions, sources] = await Promise.all([
    store.listClusters(),
    store.listSegments(),
    store.listRegions(),
    store.listSources(),
  ]);
  let firms = kind === 'supplies' && file && store.kind === 'embedded' ? await namedFirms(store, file.table, file.mapping) : null;
  if (!firms) {
    // Every firm operates in at least one segment, so the firms of all segments are all firms:
    // one batched read instead of paging through findFirms.
    firms = new Map<string, Firm>();
    for (const list of await store.firmsBySegments(segments.map((s) => s.id))) {
      for (const f of list) firms.set(f.id, f);
    }
  }
  const supplies = kind === 'supplies' ? await store.listSupplies() : [];
  const projects = kind === 'projects' ? await store.listProjects() : [];
  return { clusters, segments, regions, sources, firms, supplies, projects };
}

/** A ties file's firm columns: a USCC column and a name-or-id column per side (RowCheck.firm reads them). */
const TIE_FIRM_COLUMNS = [
  ['supplier_uscc', 'supplier'],
  ['buyer_uscc', 'buyer'],
] as const;

/**
 * The stored firms a file of ties names, read by id, when every firm cell of the file names
 * a stored firm by its id or by the USCC that is its id; null when any cell needs more (a
 * name, a code or id no stored firm has as its id, a code held by a firm under another id):
 * the import then reads every stored firm, as it did before. The planner finds each firm
 * through these maps as it would through the full ones: a USCC is looked up as a stored
 * firm's code, then as an id (ImportContext.resolveFirm, RowCheck.firm), and the firm read
 * here both has it as id and holds it as its code; USCCs are unique among stored firms
 * (integrity.firmProblems). What this saves: the embedded store hands all firms over sorted
 * per segment (0.3 s at 100k firms) for a file that names a few of them.
 */
async function namedFirms(store: GraphStore, table: Table, mapping: HeaderMapping): Promise<Map<string, Firm> | null> {
  const index = new Map(mapping.columns.map((c) => [c.spec.key, c.index]));
  /** id → whether the firm must also hold it as its USCC. */
  const wanted = new Map<string, boolean>();
  for (const row of table.rows) {
    for (const [codeField, refField] of TIE_FIRM_COLUMNS) {
      const codeAt = index.get(codeField);
      const codeText = codeAt === undefined ? '' : (row.cells[codeAt] ?? '');
      if (codeText !== '') {
        const parsed = parseUscc(codeText, !!row.roundedNumbers?.includes(codeAt!));
        // A malformed code fails its row whatever the store holds.
        if (parsed.ok) wanted.set(parsed.value, true);
      }
      const refAt = index.get(refField);
      const ref = refAt === undefined ? '' : (row.cells[refAt] ?? '');
      if (ref !== '') {
        const code = usccForm(ref);
        if (code.length === 18 && isValidUscc(code)) wanted.set(code, true);
        else if (!wanted.has(ref.trim())) wanted.set(ref.trim(), false);
      }
    }
  }
  const ids = [...wanted.keys()];
  const firms = new Map<string, Firm>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const chunk = ids.slice(i, i + 10_000);
    const found = await store.getFirms(chunk);
    for (let j = 0; j < chunk.length; j++) {
      const f = found[j];
      if (!f || (wanted.get(chunk[j]!) && f.uscc !== chunk[j])) return null;
      firms.set(f.id, f);
    }
  }
  return firms;
}

const REGION_SUFFIXES = ['特别行政区', '自治区', '自治州', '新区', '省', '市', '区', '县'];

function stripRegionSuffix(name: string): string {
  for (const s of REGION_SUFFIXES) {
    if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  }
  return name;
}

const BRACKETS = /[(（]([^()（）]*)[)）]/g;

/** 新吴区(无锡高新区) → 新吴区 */
function withoutBrackets(name: string): string {
  return name.replace(BRACKETS, '').trim() || name;
}

/** 新吴区(无锡高新区) → [无锡高新区] */
function bracketed(name: string): string[] {
  return [...name.matchAll(BRACKETS)].map((m) => m[1]!.trim()).filter(Boolean);
}

function stripClusterSuffix(name: string): string {
  return name.replace(/(产业集群|产业链|产业|集群)$/, '') || name;
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function pick<T extends { id: string }>(list: T[] | undefined): Resolution<T> {
  if (!list || list.length === 0) return { ok: false, code: 'UNKNOWN' };
  if (list.length > 1) return { ok: false, code: 'AMBIGUOUS', candidates: list.map((x) => x.id) };
  return { ok: true, value: list[0]! };
}

export class ImportContext {
  readonly regionsById = new Map<string, Region>();
  readonly clustersById = new Map<string, Cluster>();
  readonly segmentsById = new Map<string, Segment>();
  readonly sourcesById = new Map<string, Source>();
  readonly firmsById: Map<string, Firm>;
  readonly firmsByUscc = new Map<string, Firm>();
  private firmNames: Map<string, Firm[]> | null = null;
  private readonly regionNames = new Map<string, Region[]>();
  private readonly clusterNames = new Map<string, Cluster[]>();
  private readonly segmentNames = new Map<string, Segment[]>();

  constructor(readonly data: ImportData) {
    for (const r of data.regions) this.regionsById.set(r.id, r);
    for (const c of data.clusters) this.clustersById.set(c.id, c);
    for (const s of data.segments) this.segmentsById.set(s.id, s);
    for (const s of data.sources) this.sourcesById.set(s.id, s);
    if (data.firms instanceof Map) {
      this.firmsById = data.firms;
      for (const f of data.firms.values()) if (f.uscc) this.firmsByUscc.set(f.uscc, f);
    } else {
      this.firmsById = new Map();
      for (const f of data.firms) this.indexFirm(f);
    }

    for (const r of data.regions) {
      // Every trailing part of the path from the country down: 江苏省无锡市新吴区, 无锡市新吴区, 新吴区 — with and without 省/市/区,
      // and with and without a bracketed other name (新吴区(无锡高新区) is also 新吴区, and 无锡高新区 on its own).
      const chain = this.regionChain(r);
      for (const name of [(x: Region) => x.nameZh, (x: Region) => withoutBrackets(x.nameZh)]) {
        for (let i = 0; i < chain.length; i++) {
          const tail = chain.slice(i);
          addTo(this.regionNames, normaliseName(tail.map(name).join('')), r);
          addTo(this.regionNames, normaliseName(tail.map((x) => stripRegionSuffix(normaliseName(name(x)))).join('')), r);
        }
      }
      for (const alias of bracketed(r.nameZh)) addTo(this.regionNames, normaliseName(alias), r);
      addTo(this.regionNames, normaliseName(r.nameEn), r);
      addTo(this.regionNames, normaliseName(withoutBrackets(r.nameEn)), r);
    }
    for (const c of data.clusters) {
      for (const n of [c.nameZh, c.nameEn]) {
        addTo(this.clusterNames, normaliseName(n), c);
        addTo(this.clusterNames, stripClusterSuffix(normaliseName(n)), c);
      }
    }
    for (const s of data.segments) {
      addTo(this.segmentNames, normaliseName(s.nameZh), s);
      addTo(this.segmentNames, normaliseName(s.nameEn), s);
    }
  }

  indexFirm(f: Firm): void {
    this.firmsById.set(f.id, f);
    if (f.uscc) this.firmsByUscc.set(f.uscc, f);
    if (this.firmNames) this.indexFirmName(this.firmNames, f);
  }

  private indexFirmName(names: Map<string, Firm[]>, f: Firm): void {
    addTo(names, normaliseFirmName(f.nameZh), f);
    if (f.nameEn) addTo(names, normaliseFirmName(f.nameEn), f);
  }

  /**
   * Stored firms by normalised name, built when first asked for: a file of
   * ties that names firms by USCC (the usual case) never needs the names of
   * 100k stored firms normalised.
   */
  get firmsByName(): ReadonlyMap<string, Firm[]> {
    if (!this.firmNames) {
      const names = new Map<string, Firm[]>();
      for (const f of this.firmsById.values()) this.indexFirmName(names, f);
      this.firmNames = names;
    }
    return this.firmNames;
  }

  /** The region and its ancestors, country first. */
  regionChain(region: Region): Region[] {
    const chain: Region[] = [];
    for (let r: Region | undefined = region; r && chain.length < 10; r = r.parentId ? this.regionsById.get(r.parentId) : undefined) {
      chain.unshift(r);
    }
    return chain;
  }

  /** The country a region lies in (its root), for a domestic firm's origin. */
  countryOf(regionId: string): Region | undefined {
    if (!this.countries.has(regionId)) {
      const r = this.regionsById.get(regionId);
      this.countries.set(regionId, r ? this.regionChain(r).find((x) => x.level === 'country') : undefined);
    }
    return this.countries.get(regionId);
  }
  private readonly countries = new Map<string, Region | undefined>();

  resolveRegion(text: string): Resolution<Region> {
    const byId = this.regionsById.get(text.trim().toLowerCase());
    if (byId) return { ok: true, value: byId };
    const n = normaliseName(text);
    return pick(this.regionNames.get(n) ?? this.regionNames.get(stripRegionSuffix(n)));
  }

  resolveCluster(text: string): Resolution<Cluster> {
    const byId = this.clustersById.get(text.trim().toLowerCase());
    if (byId) return { ok: true, value: byId };
    const n = normaliseName(text);
    return pick(this.clusterNames.get(n) ?? this.clusterNames.get(stripClusterSuffix(n)));
  }

  /** By id, else by Chinese or English name (within `clusterId` when given); "集群/环节" also works. */
  resolveSegment(text: string, clusterId?: string): Resolution<Segment> {
    const byId = this.segmentsById.get(text.trim());
    if (byId && (!clusterId || byId.clusterId === clusterId)) return { ok: true, value: byId };
    const inCluster = (list: Segment[] | undefined, cid: string | undefined) => (cid ? list?.filter((s) => s.clusterId === cid) : list);
    const direct = pick(inCluster(this.segmentNames.get(normaliseName(text)), clusterId));
    if (direct.ok || direct.code === 'AMBIGUOUS') return direct;
    const split = /^(.+?)\s*[/:：·]\s*(.+)$/.exec(text);
    if (split && !clusterId) {
      const cluster = this.resolveCluster(split[1]!);
      if (cluster.ok) return this.resolveSegment(split[2]!, cluster.value.id);
    }
    return direct;
  }

  /** A firm named by USCC, by id, or by name (normalised: suffixes, width and case do not matter). */
  resolveFirm(ref: string): Resolution<Firm> {
    const code = usccForm(ref);
    if (code.length === 18 && isValidUscc(code)) {
      const f = this.firmsByUscc.get(code) ?? this.firmsById.get(code);
      return f ? { ok: true, value: f } : { ok: false, code: 'UNKNOWN' };
    }
    const byId = this.firmsById.get(ref.trim());
    if (byId) return { ok: true, value: byId };
    return pick(this.firmsByName.get(normaliseFirmName(ref)));
  }
}
