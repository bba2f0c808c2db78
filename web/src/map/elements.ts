// The chain-map view-model: the API's chainMap answer → Cytoscape element
// definitions (plain data, no Cytoscape import), with what the stylesheet and
// the layout read: label in the page language, box size by 关键度 criticality,
// status class, stage partition, which side a cross-cluster stub sits on.
import type { ChainMap, ChainMapEdgeData, ChainMapNodeData, StageName, Status } from '../api/queries.js';
import { pick, type Lang } from '../i18n.js';
import { cachedMeasure, estimateMeasure, neighborBox, segmentBox, segmentMinSize, type TextMeasure } from './labelBox.js';

/** Columns of the main row, left to right; 支撑 support goes in a row beneath. */
export const PARTITION = { inflowStub: 1, UPSTREAM: 2, MIDSTREAM: 3, DOWNSTREAM: 4, outflowStub: 5 } as const;
/** More stubs than this on one side go in two columns (partitions 0/1 or 5/6), so the map stays wider than tall. */
export const STUBS_PER_COLUMN = 6;

/** Where a node goes: a column of the main row (ELK partition) or the support row. */
export type Placement = { row: 'main'; partition: number } | { row: 'support'; side: 'in' | 'out' | 'own' };

export interface NodeDataOut {
  id: string;
  kind: 'segment' | 'neighbor' | 'firm';
  label: string;
  /** Full name for tooltips and the export. */
  name: string;
  status: Status | null;
  stage: StageName | null;
  clusterId: string | null;
  order: number;
  criticality: number;
  w: number;
  h: number;
  /** Label wrap width. */
  tw: number;
  anchor: boolean;
  placement: Placement | null;
  /** Firm nodes: the segment they are drawn around. */
  hostId?: string;
  firmId?: string;
}

export interface EdgeDataOut {
  id: string;
  source: string;
  target: string;
  kind: 'feeds' | 'operates';
  weakLink: boolean;
  weight: number;
  localSourcingRatio: number | null;
}

export interface ElementDef<D> {
  group: 'nodes' | 'edges';
  data: D;
  classes: string;
}

export interface MapModel {
  nodes: ElementDef<NodeDataOut>[];
  edges: ElementDef<EdgeDataOut>[];
}

export interface ElementOptions {
  lang: Lang;
  /** Cluster names by id, for the stubs' labels. */
  clusterNames: ReadonlyMap<string, { nameZh: string; nameEn?: string | null }>;
  /** What-if statuses replacing the chainMap's (segment id → status). */
  statusOverride?: ReadonlyMap<string, Status>;
  /** What-if weak links replacing the chainMap's (`from>to`); undefined = as the chainMap says. */
  weakLinkOverride?: ReadonlySet<string>;
  /** Segments whose status the what-if changed (drawn with a ring). */
  changed?: ReadonlySet<string>;
  /** Label widths for box sizes (labelBox.ts): the page passes a canvas measure; default a conservative estimate. */
  measure?: TextMeasure;
}

/** Least box size of a segment by criticality (0–1); a long name makes the box bigger (labelBox.ts, in the page language). */
export const segmentSize = segmentMinSize;

const estimate = cachedMeasure(estimateMeasure);
export const FIRM_SIZE = { normal: 11, anchor: 17 } as const;
/** Up to this many firm dots carry their name; beyond, names show on hover and in the panel (thousands of labels cost seconds). */
export const FIRM_LABELS_MAX = 150;

/**
 * Stage partition of an own segment and the side of each neighbour stub: a
 * stub that feeds this cluster sits left (inflow), one fed by it right
 * (outflow); a stub linked only to 支撑 segments joins the support row.
 */
export function placements(map: Pick<ChainMap, 'nodes' | 'edges'>): Map<string, Placement> {
  const out = new Map<string, Placement>();
  const kindOf = new Map(map.nodes.map((n) => [n.data.id, n.data]));
  for (const { data: n } of map.nodes) {
    if (n.kind !== 'SEGMENT') continue;
    if (n.stage === 'SUPPORT' || n.stage === null) out.set(n.id, { row: 'support', side: 'own' });
    else out.set(n.id, { row: 'main', partition: PARTITION[n.stage] });
  }
  for (const { data: n } of map.nodes) {
    if (n.kind !== 'NEIGHBOR') continue;
    let inflow = 0;
    let outflow = 0;
    let toMain = 0;
    for (const { data: e } of map.edges) {
      if (e.kind !== 'FEEDS') continue;
      const other = e.source === n.id ? e.target : e.target === n.id ? e.source : null;
      if (!other) continue;
      if (e.source === n.id) inflow++;
      else outflow++;
      const o = kindOf.get(other);
      if (o?.kind === 'SEGMENT' && o.stage !== 'SUPPORT') toMain++;
    }
    const side = outflow > 0 || inflow === 0 ? 'out' : 'in';
    if (toMain === 0 && inflow + outflow > 0) out.set(n.id, { row: 'support', side });
    else out.set(n.id, { row: 'main', partition: side === 'in' ? PARTITION.inflowStub : PARTITION.outflowStub });
  }
  // Split a long stub column in two: alternate stubs go one column further out.
  for (const [col, further] of [
    [PARTITION.inflowStub, PARTITION.inflowStub - 1],
    [PARTITION.outflowStub, PARTITION.outflowStub + 1],
  ] as const) {
    const ids = [...out].filter(([, p]) => p.row === 'main' && p.partition === col).map(([id]) => id);
    if (ids.length > STUBS_PER_COLUMN) ids.forEach((id, i) => i % 2 === 1 && out.set(id, { row: 'main', partition: further }));
  }
  return out;
}

/** The stub's label: other cluster · segment, with an arrow for the direction of flow. */
function stubLabel(n: ChainMapNodeData, placement: Placement | undefined, opts: ElementOptions): string {
  const cluster = n.clusterId ? opts.clusterNames.get(n.clusterId) : undefined;
  const clusterName = cluster ? pick(opts.lang, cluster.nameZh, cluster.nameEn) : (n.clusterId ?? '');
  const name = pick(opts.lang, n.labelZh, n.labelEn);
  const inflow = placement?.row === 'main' ? placement.partition <= PARTITION.inflowStub : placement?.side === 'in';
  return inflow ? `${clusterName} →\n${name}` : `→ ${clusterName}\n${name}`;
}

export function toElements(map: Pick<ChainMap, 'nodes' | 'edges'>, opts: ElementOptions): MapModel {
  const place = placements(map);
  const nodes: ElementDef<NodeDataOut>[] = [];
  const edges: ElementDef<EdgeDataOut>[] = [];
  const hostOf = new Map<string, string>();
  for (const { data: e } of map.edges) if (e.kind === 'OPERATES_IN' && !hostOf.has(e.source)) hostOf.set(e.source, e.target);
  const firmLabels = map.nodes.filter((n) => n.data.kind === 'FIRM').length <= FIRM_LABELS_MAX;
  const measure = opts.measure ?? estimate;

  for (const { data: n } of map.nodes) {
    const name = pick(opts.lang, n.labelZh, n.labelEn);
    const status = n.kind === 'FIRM' ? null : (opts.statusOverride?.get(n.id) ?? n.status);
    const criticality = n.criticality ?? 0;
    const base = {
      id: n.id,
      name,
      status,
      stage: n.stage,
      clusterId: n.clusterId,
      order: n.order ?? Number.MAX_SAFE_INTEGER,
      criticality,
      anchor: n.anchor,
      placement: place.get(n.id) ?? null,
    };
    if (n.kind === 'SEGMENT') {
      const classes = ['segment', `status-${status ?? 'MISSING'}`];
      if (opts.lang === 'en') classes.push('en');
      if (n.anchor) classes.push('anchor');
      if (opts.changed?.has(n.id)) classes.push('changed');
      const label = n.anchor ? `★ ${name}` : name;
      nodes.push({ group: 'nodes', data: { ...base, kind: 'segment', label, ...segmentBox(criticality, label, opts.lang, measure) }, classes: classes.join(' ') });
    } else if (n.kind === 'NEIGHBOR') {
      const classes = ['neighbor', `status-${status ?? 'MISSING'}`];
      if (opts.lang === 'en') classes.push('en');
      if (opts.changed?.has(n.id)) classes.push('changed');
      const label = stubLabel(n, place.get(n.id), opts);
      nodes.push({ group: 'nodes', data: { ...base, kind: 'neighbor', label, ...neighborBox(label, opts.lang, measure) }, classes: classes.join(' ') });
    } else {
      const size = n.anchor ? FIRM_SIZE.anchor : FIRM_SIZE.normal;
      const host = hostOf.get(n.id);
      nodes.push({
        group: 'nodes',
        data: { ...base, kind: 'firm', label: n.anchor ? `★ ${name}` : name, w: size, h: size, tw: 90, ...(host ? { hostId: host } : {}), ...(n.firmId ? { firmId: n.firmId } : {}) },
        classes: ['firm', ...(n.anchor ? ['anchor'] : []), ...(firmLabels ? ['labelled'] : [])].join(' '),
      });
    }
  }

  for (const { data: e } of map.edges) edges.push(edgeElement(e, opts));
  return { nodes, edges };
}

function edgeElement(e: ChainMapEdgeData, opts: ElementOptions): ElementDef<EdgeDataOut> {
  if (e.kind === 'OPERATES_IN') {
    return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, kind: 'operates', weakLink: false, weight: 0, localSourcingRatio: null }, classes: 'operates' };
  }
  const weakLink = opts.weakLinkOverride ? opts.weakLinkOverride.has(`${e.source}>${e.target}`) : e.weakLink;
  return {
    group: 'edges',
    data: { id: e.id, source: e.source, target: e.target, kind: 'feeds', weakLink, weight: e.weight ?? 0, localSourcingRatio: e.localSourcingRatio },
    classes: weakLink ? 'feeds weak-link' : 'feeds',
  };
}

/** Own segments in reading order (stage, then chain-map order): keyboard navigation and the segment list. */
export function readingOrder(nodes: readonly ElementDef<NodeDataOut>[]): NodeDataOut[] {
  const rank = (d: NodeDataOut): number =>
    d.placement?.row === 'main' ? d.placement.partition : d.placement?.row === 'support' ? 10 + (d.placement.side === 'in' ? 0 : d.placement.side === 'own' ? 1 : 2) : 20;
  return nodes
    .map((n) => n.data)
    .filter((d) => d.kind !== 'firm')
    .sort((a, b) => rank(a) - rank(b) || a.order - b.order);
}
