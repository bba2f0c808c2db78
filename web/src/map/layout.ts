// The chain map's layout. One ELK layered run (direction RIGHT, partitions by
// stage: inflow stubs | 上游 | 中游 | 下游 | outflow stubs) places the main
// row; 支撑 support segments go in a row beneath, each under the segments it
// supplies; local firms (optional layer) ring their segment. Stage bands and
// their headers are decoration nodes added afterwards. The placement helpers
// are pure and unit-tested; `runChainLayout` applies them to a Cytoscape core.
import type { Core, ElementDefinition, LayoutOptions, NodeSingular } from 'cytoscape';
import { PARTITION, type NodeDataOut } from './elements.js';

export const SPACING = { nodeNode: 18, betweenLayers: 64, supportGap: 84, supportNode: 22, firmRing: 15 } as const;

/** ELK options of the main row (https://eclipse.dev/elk/reference/options.html). */
export function elkOptions(extraSpacing = 0): Record<string, string | number | boolean> {
  return {
    algorithm: 'layered',
    'elk.direction': 'RIGHT',
    'elk.partitioning.activate': true,
    // Partitions only order nodes within one connected component: keep one.
    'elk.separateConnectedComponents': false,
    // Keep the chain's own order among equals (stable maps); the rest are ELK's defaults.
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.spacing.nodeNode': SPACING.nodeNode + extraSpacing,
    'elk.layered.spacing.nodeNodeBetweenLayers': SPACING.betweenLayers + extraSpacing,
    'elk.layered.spacing.edgeNodeBetweenLayers': 20,
  };
}

export interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where `n` firm dots go around a w×h box: on ellipses hugging the box, 12 px
 * out, one more ring every `dot` px as needed. `depth` = how far the rings
 * reach beyond the box (the room the layout leaves between boxes).
 */
export function firmRing(n: number, w: number, h: number, dot = SPACING.firmRing): { depth: number; radius: number; offsets: { dx: number; dy: number }[] } {
  const offsets: { dx: number; dy: number }[] = [];
  let out = 12;
  let placed = 0;
  while (placed < n) {
    const rx = w / 2 + out;
    const ry = h / 2 + out;
    const perimeter = 2 * Math.PI * Math.sqrt((rx * rx + ry * ry) / 2);
    const inRing = Math.min(Math.max(6, Math.floor(perimeter / dot)), n - placed);
    for (let i = 0; i < inRing; i++) {
      // From the top, clockwise.
      const a = -Math.PI / 2 + (2 * Math.PI * i) / inRing;
      offsets.push({ dx: Math.cos(a) * rx, dy: Math.sin(a) * ry });
    }
    placed += inRing;
    if (placed < n) out += dot;
  }
  const depth = n === 0 ? 0 : out + dot / 2;
  return { depth, radius: n === 0 ? 0 : w / 2 + depth, offsets };
}

/**
 * The support row beneath the main row: items sorted by the x they want
 * (under what they supply), pushed apart to not overlap, split into two rows
 * when one would be much wider than the main row.
 */
export function placeSupportRow(items: readonly (Box & { desiredX: number })[], top: number, mainWidth: number, gap: number = SPACING.supportNode): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  if (items.length === 0) return out;
  const sorted = [...items].sort((a, b) => a.desiredX - b.desiredX || (a.id < b.id ? -1 : 1));
  const total = sorted.reduce((s, b) => s + b.w + gap, 0);
  const rows = total > mainWidth * 1.15 && sorted.length > 3 ? [sorted.filter((_, i) => i % 2 === 0), sorted.filter((_, i) => i % 2 === 1)] : [sorted];
  const rowH = Math.max(...sorted.map((b) => b.h)) + gap;
  rows.forEach((row, r) => {
    const xs = row.map((b) => b.desiredX);
    for (let i = 1; i < row.length; i++) xs[i] = Math.max(xs[i]!, xs[i - 1]! + (row[i - 1]!.w + row[i]!.w) / 2 + gap);
    // Pushing apart only moves right: re-centre the row on what it wanted.
    const want = row.reduce((s, b) => s + b.desiredX, 0) / row.length;
    const got = xs.reduce((s, x) => s + x, 0) / xs.length;
    const shift = want - got;
    row.forEach((b, i) => out.set(b.id, { x: xs[i]! + shift, y: top + r * rowH + b.h / 2 }));
  });
  return out;
}

export interface Band {
  id: string;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Header position (top-left column header, or left of the support row). */
  labelX: number;
  labelY: number;
}

/** Column bands for 上游/中游/下游 and a row band for 支撑, around the placed boxes. */
export function stageBands(boxes: readonly (Box & { band: string })[], labels: Readonly<Record<string, string>>, pad = 22): Band[] {
  const groups = new Map<string, Box[]>();
  for (const b of boxes) groups.set(b.band, [...(groups.get(b.band) ?? []), b]);
  const extent = (bs: readonly Box[]) => ({
    x0: Math.min(...bs.map((b) => b.x - b.w / 2)),
    x1: Math.max(...bs.map((b) => b.x + b.w / 2)),
    y0: Math.min(...bs.map((b) => b.y - b.h / 2)),
    y1: Math.max(...bs.map((b) => b.y + b.h / 2)),
  });
  const columns = ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM'].filter((k) => groups.has(k));
  const mainBoxes = columns.flatMap((k) => groups.get(k)!);
  const bands: Band[] = [];
  if (mainBoxes.length) {
    const all = extent(mainBoxes);
    for (const k of columns) {
      const e = extent(groups.get(k)!);
      const y = all.y0 - pad - 30;
      const h = all.y1 - all.y0 + 2 * pad + 30;
      bands.push({ id: `band:${k}`, label: labels[k] ?? k, x: (e.x0 + e.x1) / 2, y: y + h / 2, w: e.x1 - e.x0 + 2 * pad, h, labelX: (e.x0 + e.x1) / 2, labelY: y + 17 });
    }
  }
  const support = groups.get('SUPPORT');
  if (support?.length) {
    const e = extent(support);
    const left = Math.min(e.x0, mainBoxes.length ? extent(mainBoxes).x0 : e.x0) - pad - 64;
    const right = Math.max(e.x1, mainBoxes.length ? extent(mainBoxes).x1 : e.x1) + pad;
    bands.push({ id: 'band:SUPPORT', label: labels.SUPPORT ?? 'SUPPORT', x: (left + right) / 2, y: (e.y0 + e.y1) / 2, w: right - left, h: e.y1 - e.y0 + 2 * pad, labelX: left + 34, labelY: (e.y0 + e.y1) / 2 });
  }
  return bands;
}

// ---------------------------------------------------------------- running it on Cytoscape

const dataOf = (n: NodeSingular) => n.data() as NodeDataOut;

/**
 * Lays out the map (one ELK run), then support row, firm rings and stage
 * bands; resolves when positions are final. Firm nodes and their edges are
 * added here, already in place, so thousands of them are never drawn (or
 * styled) at the origin while ELK runs.
 */
export async function runChainLayout(cy: Core, stageLabelText: Readonly<Record<string, string>>, firmElements: readonly ElementDefinition[] = []): Promise<void> {
  cy.remove('node.band, node.band-label');
  const firmsByHost = new Map<string, ElementDefinition[]>();
  for (const def of firmElements) {
    if (def.group !== 'nodes') continue;
    const host = (def.data as unknown as NodeDataOut).hostId;
    if (!host) continue;
    const list = firmsByHost.get(host);
    if (list) list.push(def);
    else firmsByHost.set(host, [def]);
  }
  // Room for the firm rings between boxes (a ring rarely faces another ring at the same spot).
  let maxDepth = 0;
  for (const [host, fs] of firmsByHost) {
    const d = cy.getElementById(host).data() as NodeDataOut | undefined;
    if (d) maxDepth = Math.max(maxDepth, firmRing(fs.length, d.w, d.h).depth);
  }
  const extra = Math.round(maxDepth * 1.2);

  const main = cy.nodes().filter((n) => dataOf(n).placement?.row === 'main');
  const partitionOf = (n: NodeSingular): number => {
    const p = dataOf(n).placement;
    return p?.row === 'main' ? p.partition : PARTITION.outflowStub;
  };
  // Only left-to-right edges constrain the layering; a backward flow is drawn but not laid out.
  const mainEdges = main.edgesWith(main).filter((e) => e.hasClass('feeds') && partitionOf(e.source()) <= partitionOf(e.target()));
  if (main.nonempty()) {
    const done = new Promise<void>((resolve) => {
      const layout = main.union(mainEdges).layout({
        name: 'elk',
        fit: false,
        animate: false,
        nodeDimensionsIncludeLabels: false,
        elk: elkOptions(extra),
        nodeLayoutOptions: (n: NodeSingular) => ({ 'elk.partitioning.partition': partitionOf(n) }),
        stop: () => resolve(),
      } as unknown as LayoutOptions);
      layout.run();
    });
    await done;
  }
  performance.mark('chain-map:elk-done');

  cy.batch(() => {
    const box = (n: NodeSingular): Box => ({ id: n.id(), x: n.position('x'), y: n.position('y'), w: dataOf(n).w, h: dataOf(n).h });
    const mainBoxes = main.map(box);
    const bb = mainBoxes.length
      ? { x0: Math.min(...mainBoxes.map((b) => b.x - b.w / 2)), x1: Math.max(...mainBoxes.map((b) => b.x + b.w / 2)), y1: Math.max(...mainBoxes.map((b) => b.y + b.h / 2)) }
      : { x0: 0, x1: 800, y1: 0 };

    // Support row: under the segments each one supplies (or is supplied by).
    const supportNodes = cy.nodes().filter((n) => dataOf(n).placement?.row === 'support');
    const mainIds = new Set(main.map((n) => n.id()));
    const desired = new Map<string, number>();
    supportNodes.forEach((n) => {
      const xs = n.neighborhood('node').filter((m) => mainIds.has(m.id())).map((m) => (m as NodeSingular).position('x'));
      if (xs.length) desired.set(n.id(), xs.reduce((a, b) => a + b, 0) / xs.length);
    });
    // Linked only to other support nodes (e.g. an inflow stub of materials): next to them.
    supportNodes.forEach((n) => {
      if (desired.has(n.id())) return;
      const xs = n.neighborhood('node').map((m) => desired.get(m.id())).filter((x): x is number => x !== undefined);
      const p = dataOf(n).placement;
      const nudge = p?.row === 'support' && p.side === 'in' ? -1 : p?.row === 'support' && p.side === 'out' ? 1 : 0;
      desired.set(n.id(), xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length + nudge : (bb.x0 + bb.x1) / 2);
    });
    const supportPos = placeSupportRow(
      supportNodes.map((n) => ({ ...box(n as NodeSingular), desiredX: desired.get(n.id()) ?? 0 })),
      bb.y1 + SPACING.supportGap + extra,
      bb.x1 - bb.x0,
      SPACING.supportNode + extra,
    );
    supportNodes.forEach((n) => {
      const p = supportPos.get(n.id());
      if (p) n.position(p);
    });

    // Firm rings: the firm nodes arrive with their positions.
    const placedFirms: ElementDefinition[] = [];
    for (const [host, fs] of firmsByHost) {
      const h = cy.getElementById(host);
      if (h.empty()) continue;
      const d = h.data() as NodeDataOut;
      const { offsets } = firmRing(fs.length, d.w, d.h);
      const c = h.position();
      fs.forEach((f, i) => placedFirms.push({ ...f, position: { x: c.x + offsets[i]!.dx, y: c.y + offsets[i]!.dy } }));
    }
    cy.add([...placedFirms, ...firmElements.filter((e) => e.group === 'edges')]);

    // Stage bands behind the segments.
    const banded = cy
      .nodes('.segment')
      .map((n) => ({ ...box(n), band: dataOf(n).stage ?? 'SUPPORT' }))
      .concat(cy.nodes('.neighbor').filter((n) => dataOf(n).placement?.row === 'support').map((n) => ({ ...box(n as NodeSingular), band: 'SUPPORT' })));
    const bands = stageBands(banded, stageLabelText);
    cy.add(
      bands.flatMap((b) => [
        { group: 'nodes' as const, data: { id: b.id, w: b.w, h: b.h, label: '' }, position: { x: b.x, y: b.y }, classes: 'band', selectable: false, grabbable: false },
        { group: 'nodes' as const, data: { id: `${b.id}:label`, w: 60, h: 24, label: b.label }, position: { x: b.labelX, y: b.labelY }, classes: 'band-label', selectable: false, grabbable: false },
      ]),
    );
  });
}
