// The floor for scripts/bench-web.ts: a bare Cytoscape.js + ELK page drawing
// the same chainMap elements as the app, with no app code. `?cluster=ID`,
// `&firms=1` for the firm layer, `&mode=all` to run ELK over every element
// (what a minimal page does) or `&mode=segments` to run ELK over the segments
// only and put each firm on its segment (the app's approach, minus the rings),
// or `&mode=same` for the app's own ELK input (main row, stage partitions, the
// app's ELK options), support in a plain row beneath, firms on their segment.
import cytoscape from 'cytoscape';
import elk from 'cytoscape-elk';
import { placements } from '../../web/src/map/elements.js';
import { elkOptions } from '../../web/src/map/layout.js';
import type { ChainMap } from '../../web/src/api/queries.js';

cytoscape.use(elk);

declare global {
  interface Window {
    __ready?: number;
    __cy?: cytoscape.Core;
  }
}

const params = new URLSearchParams(location.search);
const clusterId = params.get('cluster') ?? 'ic';
const withFirms = params.get('firms') === '1';
const mode = params.get('mode') ?? 'all';

const query = `query ($id: ID!, $firms: Boolean) { chainMap(clusterId: $id, withFirms: $firms) {
  nodes { data { id kind labelZh stage } } edges { data { id source target kind } } } }`;

const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { id: clusterId, firms: withFirms } }) });
const { data } = (await res.json()) as { data: { chainMap: { nodes: { data: Record<string, unknown> }[]; edges: { data: Record<string, unknown> }[] } } };
const nodes = data.chainMap.nodes.map((n) => ({ data: { ...n.data, label: n.data.labelZh } }));
const edges = data.chainMap.edges;

const cy = cytoscape({
  container: document.getElementById('cy'),
  elements: [...nodes, ...edges],
  style: [
    { selector: 'node', style: { label: 'data(label)', width: 120, height: 44, shape: 'round-rectangle', 'font-size': 13, 'text-valign': 'center', 'text-halign': 'center' } },
    { selector: 'node[kind = "FIRM"]', style: { width: 11, height: 11, 'font-size': 8, 'text-valign': 'bottom' } },
    { selector: 'edge', style: { width: 1.4, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle' } },
    { selector: 'edge[kind = "OPERATES_IN"]', style: { 'curve-style': 'haystack', 'target-arrow-shape': 'none' } },
  ],
});
window.__cy = cy;
const place = placements(data.chainMap as unknown as ChainMap);
const partition = (id: string) => {
  const p = place.get(id);
  return p?.row === 'main' ? p.partition : -1;
};
const mainRow = cy.nodes().filter((n) => partition(n.id()) >= 0);
const laidOut =
  mode === 'segments'
    ? cy.elements().not('node[kind = "FIRM"], edge[kind = "OPERATES_IN"]')
    : mode === 'same'
      ? mainRow.union(mainRow.edgesWith(mainRow).filter((e) => partition(e.source().id()) <= partition(e.target().id())))
      : cy.elements();
const layout = laidOut.layout({
  name: 'elk',
  fit: mode !== 'same',
  padding: 30,
  elk: mode === 'same' ? elkOptions() : { algorithm: 'layered', 'elk.direction': 'RIGHT' },
  ...(mode === 'same' ? { nodeLayoutOptions: (n: cytoscape.NodeSingular) => ({ 'elk.partitioning.partition': partition(n.id()) }) } : {}),
} as unknown as cytoscape.LayoutOptions);
layout.one('layoutstop', () => {
  if (mode === 'same') {
    const bb = mainRow.boundingBox({});
    cy.nodes().filter((n) => n.data('kind') !== 'FIRM' && partition(n.id()) < 0).forEach((n, i) => void (n as cytoscape.NodeSingular).position({ x: bb.x1 + i * 150, y: bb.y2 + 120 }));
    cy.fit(undefined, 30);
  }
  if (mode === 'segments' || mode === 'same')
    cy.nodes('[kind = "FIRM"]').forEach((f) => {
      const host = f.connectedEdges().targets().first();
      if (host.nonempty()) f.position(host.position());
    });
  requestAnimationFrame(() => requestAnimationFrame(() => (window.__ready = performance.now())));
});
layout.run();
