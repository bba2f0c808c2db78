// The Cytoscape instance of the chain map: owns the canvas, turns user input
// on it into callbacks, and redraws from a MapModel. It keeps no UI state of
// its own beyond what Cytoscape holds (positions, selection); the page's
// choices live in state.ts.
import cytoscape, { type Core, type EventObject, type NodeSingular } from 'cytoscape';
import elk from 'cytoscape-elk';
import { readingOrder, type MapModel, type NodeDataOut } from './elements.js';
import { runChainLayout } from './layout.js';
import { usePanSnapshot } from './panTexture.js';
import { chainMapStyle } from './stylesheet.js';

cytoscape.use(elk);

export interface MapHandlers {
  onSelect(segmentId: string | null): void;
  /** A cross-cluster stub was activated: open that cluster at that segment. */
  onOpenCluster(clusterId: string, segmentId: string): void;
  onHover(node: NodeDataOut | null, x: number, y: number): void;
}

/** Above this many elements, pan and zoom draw a bitmap of the frame on screen (smooth pan on software rendering; panTexture.ts). */
const BIG_GRAPH = 400;

export class ChainMapView {
  readonly cy: Core;
  private order: NodeDataOut[] = [];
  private kbdIndex = -1;

  constructor(
    readonly container: HTMLElement,
    private handlers: MapHandlers,
  ) {
    this.cy = cytoscape({
      container,
      style: chainMapStyle(),
      minZoom: 0.15,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autoungrabify: true,
      selectionType: 'single',
    });
    usePanSnapshot(this.cy);
    this.bindEvents();
  }

  /**
   * Replaces the elements and lays them out (one ELK run); resolves once the map is drawn and interactive.
   * Calls run one after another (a language switch may lay out again while a load still runs).
   */
  show(model: MapModel, stageLabels: Readonly<Record<string, string>>): Promise<void> {
    const run = this.showing.then(() => this.showNow(model, stageLabels));
    this.showing = run.catch(() => undefined);
    return run;
  }

  private showing: Promise<void> = Promise.resolve();

  private async showNow(model: MapModel, stageLabels: Readonly<Record<string, string>>): Promise<void> {
    const cy = this.cy;
    const big = model.nodes.length + model.edges.length > BIG_GRAPH;
    // Renderer options that only matter for big graphs (firm layer at scale).
    const r = (cy as unknown as { renderer(): { textureOnViewport: boolean; hideEdgesOnViewport: boolean } }).renderer();
    r.textureOnViewport = big;
    r.hideEdgesOnViewport = false;
    // Segments and FEEDS now; firm nodes and their edges once the layout has placed their segments.
    const isFirm = (d: { kind: string }) => d.kind === 'firm' || d.kind === 'operates';
    const defs = [...model.nodes, ...model.edges] as cytoscape.ElementDefinition[];
    cy.startBatch();
    cy.elements().remove();
    cy.add(defs.filter((d) => !isFirm(d.data as { kind: string })));
    cy.endBatch();
    performance.mark('chain-map:elements-added');
    this.order = readingOrder(model.nodes);
    this.kbdIndex = -1;
    await runChainLayout(cy, stageLabels, defs.filter((d) => isFirm(d.data as { kind: string })));
    performance.mark('chain-map:laid-out');
    this.fit();
    performance.mark('chain-map:fitted');
  }

  /** Whether some box of the model has another size than on the map (a language switch, a stub's cluster name arriving): then `show` it, not `update`. */
  needsLayout(model: MapModel): boolean {
    return model.nodes.some(({ data: d }) => {
      const el = this.cy.getElementById(d.id);
      return el.nonempty() && (el.data('w') !== d.w || el.data('h') !== d.h);
    });
  }

  /** Updates labels and classes in place (what-if recolouring): no new layout (see `needsLayout`). */
  update(model: MapModel, stageLabels: Readonly<Record<string, string>>): void {
    const cy = this.cy;
    cy.batch(() => {
      for (const def of [...model.nodes, ...model.edges]) {
        const el = cy.getElementById(def.data.id);
        if (el.empty()) continue;
        const selected = el.selected();
        const kbd = el.hasClass('kbd-focus');
        el.data(def.data as unknown as Record<string, unknown>);
        el.classes(def.classes);
        if (kbd) el.addClass('kbd-focus');
        if (selected) el.select();
      }
      for (const [stage, text] of Object.entries(stageLabels)) cy.getElementById(`band:${stage}:label`).data('label', text);
    });
    this.order = readingOrder(model.nodes);
  }

  fit(): void {
    // The bands enclose every segment and stub; firm rings reach a little beyond. Measuring
    // these few boxes instead of every element keeps a 2,000-firm map from a second of bounds work.
    const frame = this.cy.nodes('.band, .segment, .neighbor');
    const firms = this.cy.nodes('.firm').nonempty();
    this.cy.fit(frame.nonempty() ? frame : this.cy.elements(), firms ? 48 : 28);
  }

  /** Selects a node (or clears the selection) and highlights its flows; `center` pans it into view. */
  select(id: string | null, center = false): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().unselect().removeClass('dimmed neighborhood');
      if (!id) return;
      const node = cy.getElementById(id);
      if (node.empty()) return;
      node.select();
      const near = node.closedNeighborhood().union(node.closedNeighborhood('node.firm').connectedEdges());
      cy.elements()
        .not(near)
        .not('.band, .band-label')
        .addClass('dimmed');
      node.connectedEdges('.feeds').addClass('neighborhood');
    });
    if (center && id) this.reveal(id);
  }

  /** Pans the node into view when it is outside it (or zooms in when the map is drawn too small to read). */
  reveal(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    const ext = this.cy.extent();
    const bb = node.boundingBox({});
    const inside = bb.x1 >= ext.x1 && bb.x2 <= ext.x2 && bb.y1 >= ext.y1 && bb.y2 <= ext.y2;
    if (inside && this.cy.zoom() >= 0.5) return;
    this.cy.animate({ center: { eles: node }, zoom: Math.max(this.cy.zoom(), 0.6) }, { duration: 250 });
  }

  nodeData(id: string): NodeDataOut | null {
    const n = this.cy.getElementById(id);
    return n.nonempty() ? (n.data() as NodeDataOut) : null;
  }

  destroy(): void {
    this.cy.destroy();
  }

  // ---------------------------------------------------------------- input

  private bindEvents(): void {
    const cy = this.cy;
    cy.on('tap', 'node.segment', (e: EventObject) => this.handlers.onSelect(e.target.id()));
    cy.on('tap', 'node.firm', (e: EventObject) => {
      const host = (e.target.data() as NodeDataOut).hostId;
      if (host) this.handlers.onSelect(host);
    });
    cy.on('tap', 'node.neighbor', (e: EventObject) => {
      const d = e.target.data() as NodeDataOut;
      if (d.clusterId) this.handlers.onOpenCluster(d.clusterId, d.id);
    });
    cy.on('tap', (e: EventObject) => {
      this.handlers.onHover(null, 0, 0);
      if (e.target === cy) this.handlers.onSelect(null);
    });
    cy.on('mouseover', 'node.segment, node.neighbor, node.firm', (e: EventObject) => {
      const n = e.target as NodeSingular;
      const p = n.renderedPosition();
      this.container.style.cursor = 'pointer';
      if (n.hasClass('neighbor') || n.hasClass('firm')) n.addClass('hover');
      this.handlers.onHover(n.data() as NodeDataOut, p.x, p.y - n.renderedOuterHeight() / 2);
    });
    cy.on('mouseout', 'node', (e: EventObject) => {
      this.container.style.cursor = '';
      (e.target as NodeSingular).removeClass('hover');
      this.handlers.onHover(null, 0, 0);
    });
    cy.on('viewport', () => this.handlers.onHover(null, 0, 0));

    // Keyboard: arrows move a focus ring through the segments in reading order, Enter/Space selects.
    this.container.tabIndex = 0;
    this.container.addEventListener('keydown', (e) => this.onKey(e));
    this.container.addEventListener('blur', () => cy.nodes('.kbd-focus').removeClass('kbd-focus'));
  }

  private onKey(e: KeyboardEvent): void {
    const n = this.order.length;
    if (n === 0) return;
    const move = (i: number) => {
      this.kbdIndex = (i + n) % n;
      const id = this.order[this.kbdIndex]!.id;
      this.cy.batch(() => {
        this.cy.nodes('.kbd-focus').removeClass('kbd-focus');
        this.cy.getElementById(id).addClass('kbd-focus');
      });
      const node = this.cy.getElementById(id);
      const ext = this.cy.extent();
      const p = node.position();
      if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) this.reveal(id);
      const rp = node.renderedPosition();
      this.handlers.onHover(node.data() as NodeDataOut, rp.x, rp.y - node.renderedOuterHeight() / 2);
    };
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        e.preventDefault();
        move(this.kbdIndex + 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        e.preventDefault();
        move(this.kbdIndex < 0 ? n - 1 : this.kbdIndex - 1);
        break;
      case 'Home':
        e.preventDefault();
        move(0);
        break;
      case 'End':
        e.preventDefault();
        move(n - 1);
        break;
      case 'Enter':
      case ' ': {
        e.preventDefault();
        const d = this.order[this.kbdIndex];
        if (!d) return move(0);
        if (d.kind === 'neighbor' && d.clusterId) this.handlers.onOpenCluster(d.clusterId, d.id);
        else this.handlers.onSelect(d.id);
        break;
      }
      case 'Escape':
        this.handlers.onSelect(null);
        break;
      case '+':
      case '=':
        this.cy.zoom({ level: this.cy.zoom() * 1.2, renderedPosition: { x: this.cy.width() / 2, y: this.cy.height() / 2 } });
        break;
      case '-':
        this.cy.zoom({ level: this.cy.zoom() / 1.2, renderedPosition: { x: this.cy.width() / 2, y: this.cy.height() / 2 } });
        break;
      case '0':
        this.fit();
        break;
    }
  }
}
