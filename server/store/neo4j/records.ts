// Domain records ⇄ Neo4j property maps. Scalars are stored flat on the node or
// relationship; lists of strings (tags, segmentIds) as list properties; a
// project's history as a JSON string (a list of maps is not a Neo4j property
// type). Absent optional fields are written as null, which removes them under
// `SET n += $props`, and read back as absent, so records round-trip exactly.
import type { Anchor, Cluster, Feed, Firm, Project, Region, Segment, Source, SupplyTie } from '../../domain/model.js';
import { pinyinKeys } from '../nameSearch.js';

type Props = Record<string, unknown>;

/** Field lists per record kind, as stored. */
const fields = {
  source: ['id', 'kind', 'titleZh', 'titleEn', 'publisher', 'url', 'date', 'note'],
  region: ['id', 'nameZh', 'nameEn', 'level', 'parentId', 'yrd'],
  cluster: ['id', 'nameZh', 'nameEn', 'tier', 'descriptionZh', 'descriptionEn', 'sourceId', 'confidence'],
  segment: ['id', 'clusterId', 'nameZh', 'nameEn', 'stage', 'parentId', 'descriptionZh', 'nationalFirmCount', 'sourceId', 'confidence'],
  feed: ['weight', 'sourceId', 'confidence'],
  firm: [
    'id', 'uscc', 'nameZh', 'nameEn', 'regionId', 'ownership', 'originId', 'listed', 'highTech', 'specialized',
    'revenueBand', 'employeesBand', 'tags', 'illustrative', 'sourceId', 'confidence',
  ],
  supply: ['segmentId', 'sourceId', 'confidence'],
  anchor: ['sourceId', 'confidence'],
  project: [
    'id', 'nameZh', 'nameEn', 'firmId', 'segmentIds', 'status', 'investmentYi', 'signedOn', 'owner', 'illustrative',
    'sourceId', 'confidence',
  ],
} as const;

/** The stored fields of a supply tie (Q.localFirms returns them in this order). */
export const SUPPLY_FIELDS: readonly string[] = fields.supply;

/** The stored fields of a firm record (what a firm map returns; see cypher.firmMap). */
export const FIRM_FIELDS: readonly string[] = fields.firm;

function write(record: object, names: readonly string[]): Props {
  const r = record as Props;
  const out: Props = {};
  for (const k of names) out[k] = r[k] === undefined ? null : r[k];
  return out;
}

function read<T>(props: Props, names: readonly string[]): T {
  const out: Props = {};
  for (const k of names) {
    const v = props[k];
    if (v !== null && v !== undefined) out[k] = v;
  }
  return out as T;
}

/**
 * Search keys kept next to a name (see nameSearch.ts): lower-cased names and id
 * for substring matching through TEXT indexes, and pinyin (全拼 / 首字母) with
 * the syllable start offsets, so Cypher scores a match exactly as the embedded
 * NameIndex does.
 */
export function searchProps(r: { id: string; nameZh: string; nameEn?: string | undefined }): Props {
  const keys = pinyinKeys(r.nameZh);
  const starts: number[] = [];
  let pos = 0;
  for (const s of keys.s) {
    starts.push(pos);
    pos += s.length;
  }
  return {
    nameZhLower: r.nameZh.toLowerCase(),
    nameEnLower: (r.nameEn ?? '').toLowerCase(),
    idLower: r.id.toLowerCase(),
    // JS string length (UTF-16 code units), the search tie-breaker.
    nameZhLength: r.nameZh.length,
    pyFull: keys.s.join(''),
    pyInitials: keys.i.join(''),
    pyStarts: starts,
  };
}

export const toProps = {
  source: (x: Source) => write(x, fields.source),
  region: (x: Region) => write(x, fields.region),
  cluster: (x: Cluster) => ({ ...write(x, fields.cluster), ...searchProps(x) }),
  segment: (x: Segment) => ({ ...write(x, fields.segment), ...searchProps(x) }),
  feed: (x: Feed) => write(x, fields.feed),
  firm: (x: Firm) => ({ ...write(x, fields.firm), ...searchProps(x) }),
  supply: (x: SupplyTie) => write(x, fields.supply),
  anchor: (x: Anchor) => write(x, fields.anchor),
  project: (x: Project) => ({ ...write(x, fields.project), history: JSON.stringify(x.history) }),
};

/** The properties of a firm node, in the order of `firmValues` (record fields, then search keys). */
export const FIRM_NODE_PROPS: readonly string[] = [
  ...fields.firm,
  'nameZhLower', 'nameEnLower', 'idLower', 'nameZhLength', 'pyFull', 'pyInitials', 'pyStarts',
];

/** toProps.firm as a list in FIRM_NODE_PROPS order (createFirms: the driver encodes no key strings). */
export function firmValues(x: Firm): unknown[] {
  const props = toProps.firm(x);
  return FIRM_NODE_PROPS.map((k) => props[k]);
}

/** A firm's OPERATES_IN rows, in the record's order. */
export const firmSegmentRows = (f: Firm) => f.segments.map((s, ord) => ({ segmentId: s.segmentId, primary: s.primary, ord }));

/** Records returned as lists of their field values (Q.localFirms). */
export const fromRow = {
  firm: (row: unknown[]): Firm => {
    const firm: Props = {};
    const names = fields.firm;
    for (let i = 0; i < names.length; i++) {
      const v = row[i];
      if (v !== null && v !== undefined) firm[names[i]!] = v;
    }
    const segs = (row[names.length] as [string, boolean, number][] | null) ?? [];
    firm.segments = [...segs].sort((a, b) => a[2] - b[2]).map(([segmentId, primary]) => ({ segmentId, primary }));
    firm.tags = (firm.tags as string[] | undefined) ?? [];
    return firm as unknown as Firm;
  },
  /** A supply tie from its ends and its SUPPLY_FIELDS values in order (Q.localFirms). */
  supply: (from: string, to: string, values: unknown[]): SupplyTie => {
    const tie: Props = { from, to };
    const names = fields.supply;
    for (let i = 0; i < names.length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) tie[names[i]!] = v;
    }
    return tie as unknown as SupplyTie;
  },
};

export const fromProps = {
  source: (p: Props) => read<Source>(p, fields.source),
  region: (p: Props) => read<Region>(p, fields.region),
  cluster: (p: Props) => read<Cluster>(p, fields.cluster),
  segment: (p: Props) => read<Segment>(p, fields.segment),
  /** `p` carries the node's properties plus `segs`: [{segmentId, primary, ord}]. */
  firm: (p: Props): Firm => {
    const firm = read<Firm>(p, fields.firm);
    const segs = (p.segs as { segmentId: string; primary: boolean; ord: number }[] | null) ?? [];
    firm.segments = [...segs].sort((a, b) => a.ord - b.ord).map((s) => ({ segmentId: s.segmentId, primary: s.primary }));
    firm.tags = (p.tags as string[] | null) ?? [];
    return firm;
  },
  /** `p` carries the relationship's properties plus `from` and `to`. */
  feed: (p: Props): Feed => ({ from: p.from as string, to: p.to as string, ...read<Omit<Feed, 'from' | 'to'>>(p, fields.feed) }),
  supply: (p: Props): SupplyTie => ({
    from: p.from as string,
    to: p.to as string,
    ...read<Omit<SupplyTie, 'from' | 'to'>>(p, fields.supply),
  }),
  anchor: (p: Props): Anchor => ({
    firmId: p.firmId as string,
    clusterId: p.clusterId as string,
    ...read<Omit<Anchor, 'firmId' | 'clusterId'>>(p, fields.anchor),
  }),
  project: (p: Props): Project => {
    const project = read<Project>(p, fields.project);
    project.history = typeof p.history === 'string' ? (JSON.parse(p.history) as Project['history']) : [];
    return project;
  },
};
