// The page of one open cluster: toolbar, chain map (or opportunity view),
// legend, tooltip and side panel, and the what-if. Data comes from the API per
// cluster; what the user chose lives in the Store; the Cytoscape instance is
// owned by ChainMapView and only redrawn from a MapModel.
import { ApiError, editorToken } from './api/graphql.js';
import {
  createLeadProject,
  fetchChainMap,
  fetchGaps,
  fetchProjects,
  fetchTargets,
  fetchWhatIf,
  type ChainMap,
  type ClusterList,
  type Gaps,
  type ProjectRow,
  type Status,
  type Target,
  type TargetList,
  type WhatIf,
} from './api/queries.js';
import { pick, t, type Lang } from './i18n.js';
import { toElements, type MapModel, type NodeDataOut } from './map/elements.js';
import { browserMeasure } from './map/labelBox.js';
import { legendItems, renderLegend, type LegendFlags } from './map/legend.js';
import { FONT_FAMILY } from './map/stylesheet.js';
import type { ChainMapView } from './map/chainMapView.js';
import type { Store, UiState } from './state.js';
import { download, h } from './ui/dom.js';
import { statusChip } from './panels/clusterPicker.js';
import { renderOverview } from './panels/overviewPanel.js';
import { renderSegmentPanel, type Async } from './panels/segmentPanel.js';
import { mapExportButtons } from './io/mapExport.js';

type MapModule = typeof import('./map/chainMapView.js');
let mapModule: Promise<MapModule> | null = null;
/** The map code (Cytoscape + ELK) is its own chunk: started early when a cluster is in the URL. */
export function loadMapModule(): Promise<MapModule> {
  return (mapModule ??= import('./map/chainMapView.js').then((m) => (performance.mark('chain-map:module'), m)));
}

const CLUSTER_IDS_KEY = 'chain-atlas.cluster-ids';

/** Remembers the cluster ids the API listed, so a later visit opens a known cluster without waiting for the list. */
export function rememberClusterIds(list: ClusterList): void {
  try {
    localStorage.setItem(CLUSTER_IDS_KEY, JSON.stringify(list.clusters.map((c) => c.id)));
  } catch {
    // storage disabled: the list is awaited each time
  }
}

function rememberedClusterId(id: string): boolean {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(CLUSTER_IDS_KEY) ?? '[]');
    return Array.isArray(ids) && ids.includes(id);
  } catch {
    return false;
  }
}

function errorText(e: unknown, lang: Lang): string {
  return e instanceof ApiError ? e.text(lang) : (e as Error).message;
}

export function stageLabelTexts(lang: Lang): Record<string, string> {
  return { UPSTREAM: t(lang, 'stage_UPSTREAM'), MIDSTREAM: t(lang, 'stage_MIDSTREAM'), DOWNSTREAM: t(lang, 'stage_DOWNSTREAM'), SUPPORT: t(lang, 'stage_SUPPORT') };
}

export interface ReadyInfo {
  clusterId: string;
  at: number;
  nodes: number;
  edges: number;
}

declare global {
  interface Window {
    /** Test and benchmark hooks: the map instance and when it became interactive. */
    chainAtlas?: { view: ChainMapView | null; ready: ReadyInfo | null; store: Store };
  }
}

export class ClusterPage {
  readonly el: HTMLElement;
  private toolbar = h('div.toolbar');
  private stage = h('div.stage');
  private cyHost = h('div.cy', { 'aria-roledescription': 'chain map' });
  private oppHost = h('div.opp-host', { hidden: true });
  private legendHost = h('div.legend-host');
  private tooltip = h('div.tooltip', { role: 'tooltip', hidden: true });
  private overlay = h('div.map-overlay', { role: 'status' });
  private keysHint = h('div.keys-hint');
  private panel = h('aside.side-panel', { 'aria-live': 'polite' });

  private view: ChainMapView | null = null;
  private clusterId: string | null = null;
  private openToken = 0;
  private chainMap: ChainMap | null = null;
  private gaps: Gaps | null = null;
  private gapsError: string | null = null;
  private mapError: string | null = null;
  private model: MapModel | null = null;
  private targets = new Map<string, Async<TargetList>>();
  private projects = new Map<string, Async<ProjectRow[]>>();
  private pipeline = new Map<string, { ok: boolean; message: string }>();
  private whatIfResult: WhatIf | null = null;
  private whatIfPending = false;
  private whatIfCtrl: AbortController | null = null;
  private sawIllustrative = false;
  /** The open id is not in the cluster list: nothing is asked for, the page says so. */
  private missing = false;
  /** Resolves once the newly opened cluster's map is drawn (or failed). */
  private mapSettled: Promise<void> = Promise.resolve();

  constructor(
    private store: Store,
    private clusters: () => ClusterList | null,
    /** Resolves with the cluster list once it has arrived (null when it could not be loaded). */
    private clustersLoaded: () => Promise<ClusterList | null>,
    private onIllustrative: (seen: boolean) => void,
  ) {
    this.stage.append(this.cyHost, this.oppHost, this.legendHost, this.keysHint, this.tooltip, this.overlay);
    this.el = h('section.cluster-page', null, this.toolbar, h('div.workspace', null, this.stage, this.panel));
    this.cyHost.setAttribute('role', 'application');
  }

  private get lang(): Lang {
    return this.store.state.lang;
  }

  // ---------------------------------------------------------------- state changes

  onState(s: UiState, prev: UiState): void {
    if (s.clusterId !== this.clusterId) {
      if (s.clusterId) void this.open(s.clusterId);
      return;
    }
    if (s.firmLayer !== prev.firmLayer) void this.loadMap(false);
    if (s.whatIf !== prev.whatIf || s.whatIfFirms !== prev.whatIfFirms) this.runWhatIf();
    if (s.segmentId !== prev.segmentId) {
      this.view?.select(s.segmentId, true);
      if (s.segmentId) this.loadSegmentExtras(s.segmentId);
    }
    if (s.lang !== prev.lang) {
      if (this.missing) this.setOverlay('missing');
      this.redrawMap();
      this.renderLegend();
    }
    if (s.view !== prev.view) this.showView();
    this.renderToolbar();
    this.renderPanel();
    if (s.view === 'opportunity') this.renderOpportunity();
  }

  async open(clusterId: string): Promise<void> {
    this.clusterId = clusterId;
    this.chainMap = null;
    this.gaps = null;
    this.gapsError = null;
    this.model = null;
    this.whatIfResult = null;
    this.targets.clear();
    this.projects.clear();
    this.pipeline.clear();
    this.sawIllustrative = false;
    this.missing = false;
    this.onIllustrative(false);
    const token = ++this.openToken;
    let settle: () => void = () => {};
    this.mapSettled = new Promise<void>((r) => (settle = r));
    this.renderToolbar();
    this.renderPanel();
    this.showView();
    // An id the cluster list does not have is not asked for (the API would answer 404, which the
    // browser logs as an error): the page says there is no such cluster. A known id does not wait.
    if (!rememberedClusterId(clusterId)) {
      this.setOverlay('loading');
      const list = this.clusters() ?? (await this.clustersLoaded());
      if (token !== this.openToken) return settle();
      if (list && !list.clusters.some((c) => c.id === clusterId)) {
        this.missing = true;
        this.setOverlay('missing');
        this.renderToolbar();
        this.renderPanel();
        return settle();
      }
    }
    // The chain map is asked first; the assessment once it has arrived, so the server answers the map alone.
    await this.loadMap(true, () => void this.loadGaps(token));
    settle();
    if (token !== this.openToken) return;
    const segmentId = this.store.state.segmentId;
    // A segment the map does not have (a stale link) is dropped rather than asked for.
    const map = this.chainMap as ChainMap | null; // set by loadMap
    if (segmentId && map && !map.nodes.some((n) => n.data.id === segmentId)) this.store.set({ segmentId: null });
    else if (segmentId) this.loadSegmentExtras(segmentId);
    if (this.store.state.whatIfFirms.length) this.runWhatIf();
  }

  private async loadGaps(token: number): Promise<void> {
    const id = this.clusterId!;
    try {
      const gaps = await fetchGaps(id);
      if (token !== this.openToken) return;
      this.gaps = gaps;
      this.noteIllustrative(gaps.segments.some((s) => s.localFirms.some((f) => f.illustrative)));
    } catch (e) {
      if (token !== this.openToken) return;
      this.gapsError = errorText(e, this.lang);
    }
    // The panel waits for the map's first paint: building it meanwhile would slow the layout down.
    await this.mapSettled;
    if (token !== this.openToken) return;
    this.renderToolbar();
    this.renderPanel();
    if (this.store.state.view === 'opportunity') this.renderOpportunity();
  }

  /** Fetches the chain map (with or without firms) and lays it out; `first` = a newly opened cluster. */
  private async loadMap(first: boolean, afterFetch?: () => void): Promise<void> {
    const id = this.clusterId!;
    const token = this.openToken;
    this.mapError = null;
    this.setOverlay('loading');
    try {
      const mapData = fetchChainMap(id, this.store.state.firmLayer);
      mapData.then(afterFetch, afterFetch);
      const [map, mod] = await Promise.all([mapData, loadMapModule()]);
      if (token !== this.openToken) return;
      performance.mark('chain-map:data');
      this.chainMap = map;
      this.view ??= new mod.ChainMapView(this.cyHost, {
        onSelect: (segmentId) => this.store.set({ segmentId }),
        onOpenCluster: (clusterId, segmentId) => this.store.set({ clusterId, segmentId, view: 'map', whatIf: false, whatIfFirms: [] }),
        onHover: (node, x, y) => this.showTooltip(node, x, y),
      });
      this.model = this.buildModel();
      await this.view.show(this.model, stageLabelTexts(this.lang));
      if (token !== this.openToken) return;
      this.view.select(this.store.state.segmentId, !first);
      this.setOverlay(null);
      this.renderLegend();
      this.keysHint.textContent = t(this.lang, 'mapKeysHint');
      performance.mark('chain-map:shown');
      // Interactive once a frame with the laid-out map has been painted.
      await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      if (token !== this.openToken) return;
      window.chainAtlas = { ...(window.chainAtlas ?? { store: this.store }), view: this.view, ready: { clusterId: id, at: performance.now(), nodes: this.model.nodes.length, edges: this.model.edges.length } };
      document.documentElement.dataset.mapReady = id;
      window.dispatchEvent(new CustomEvent('chain-atlas:ready', { detail: id }));
    } catch (e) {
      if (token !== this.openToken) return;
      this.mapError = errorText(e, this.lang);
      this.setOverlay('error');
    }
  }

  private buildModel(): MapModel {
    const clusterNames = new Map((this.clusters()?.clusters ?? []).map((c) => [c.id, c]));
    const w = this.store.state.whatIf ? this.whatIfResult : null;
    return toElements(this.chainMap!, {
      lang: this.lang,
      clusterNames,
      measure: browserMeasure(FONT_FAMILY),
      ...(w
        ? {
            statusOverride: new Map<string, Status>(w.after.segments.map((s) => [s.segmentId, s.status])),
            weakLinkOverride: new Set(w.after.weakLinks.map((l) => `${l.from}>${l.to}`)),
            changed: new Set(w.statusChanges.map((c) => c.segmentId)),
          }
        : {}),
    });
  }

  /** The cluster list arrived (names of stubs and of the open cluster). */
  onClusters(): void {
    this.redrawMap();
    this.renderToolbar();
    this.renderPanel();
  }

  /**
   * Labels, colours and classes again from the data (language, what-if). The layout stays unless a
   * box changed size (boxes fit the page language's names; a stub's cluster name arrived late):
   * then the map is laid out again, and `data-map-ready` is off meanwhile.
   */
  private redrawMap(): void {
    if (!this.view || !this.chainMap) return;
    this.model = this.buildModel();
    const view = this.view;
    if (!view.needsLayout(this.model)) {
      view.update(this.model, stageLabelTexts(this.lang));
      view.select(this.store.state.segmentId);
      this.renderLegend();
      return;
    }
    const id = this.clusterId;
    const token = this.openToken;
    delete document.documentElement.dataset.mapReady;
    void view.show(this.model, stageLabelTexts(this.lang)).then(() => {
      if (token !== this.openToken) return;
      view.select(this.store.state.segmentId);
      if (id) document.documentElement.dataset.mapReady = id;
    });
    this.renderLegend();
  }

  private noteIllustrative(seen: boolean): void {
    if (seen && !this.sawIllustrative) {
      this.sawIllustrative = true;
      this.onIllustrative(true);
    }
  }

  // ---------------------------------------------------------------- segment data

  private loadSegmentExtras(segmentId: string, force = false): void {
    const signalFor = () => new AbortController().signal;
    if (force || !this.targets.has(segmentId) || this.targets.get(segmentId)!.state === 'error') {
      this.targets.set(segmentId, { state: 'loading' });
      fetchTargets(segmentId, 10, signalFor()).then(
        (value) => {
          this.targets.set(segmentId, { state: 'done', value });
          this.noteIllustrative(value.targets.some((x) => x.firm.illustrative));
          if (this.store.state.segmentId === segmentId) this.renderPanel();
        },
        (e) => {
          this.targets.set(segmentId, { state: 'error', message: errorText(e, this.lang) });
          if (this.store.state.segmentId === segmentId) this.renderPanel();
        },
      );
    }
    if (force || !this.projects.has(segmentId) || this.projects.get(segmentId)!.state === 'error') {
      this.projects.set(segmentId, { state: 'loading' });
      fetchProjects(segmentId, signalFor()).then(
        (value) => {
          this.projects.set(segmentId, { state: 'done', value });
          this.noteIllustrative(value.some((p) => p.illustrative));
          if (this.store.state.segmentId === segmentId) this.renderPanel();
        },
        (e) => {
          this.projects.set(segmentId, { state: 'error', message: errorText(e, this.lang) });
          if (this.store.state.segmentId === segmentId) this.renderPanel();
        },
      );
    }
  }

  private async addToPipeline(target: Target): Promise<void> {
    const segmentId = this.store.state.segmentId;
    if (!segmentId) return;
    if (!editorToken()) {
      this.pipeline.set(target.firmId, { ok: false, message: t(this.lang, 'addToPipelineTitle') });
      this.renderPanel();
      return;
    }
    const seg = this.gaps?.segments.find((s) => s.segmentId === segmentId) ?? this.gaps?.neighborSegments.find((s) => s.segmentId === segmentId);
    try {
      await createLeadProject({
        nameZh: `${target.firm.nameZh}·${seg?.segment.nameZh ?? segmentId}`,
        ...(target.firm.nameEn ? { nameEn: `${target.firm.nameEn} — ${seg?.segment.nameEn ?? segmentId}` } : {}),
        firmId: target.firmId,
        segmentIds: [segmentId],
      });
      this.pipeline.set(target.firmId, { ok: true, message: '' });
      this.loadSegmentExtras(segmentId, true);
    } catch (e) {
      this.pipeline.set(target.firmId, { ok: false, message: errorText(e, this.lang) });
    }
    this.renderPanel();
  }

  // ---------------------------------------------------------------- what-if

  private runWhatIf(): void {
    this.whatIfCtrl?.abort();
    const s = this.store.state;
    if (!s.whatIf || s.whatIfFirms.length === 0 || !this.clusterId) {
      this.whatIfResult = null;
      this.whatIfPending = false;
      this.redrawMap();
      this.renderToolbar();
      this.renderPanel();
      return;
    }
    const ctrl = (this.whatIfCtrl = new AbortController());
    this.whatIfPending = true;
    this.renderPanel();
    fetchWhatIf(this.clusterId, s.whatIfFirms, ctrl.signal).then(
      (result) => {
        if (ctrl.signal.aborted) return;
        this.whatIfResult = result;
        this.whatIfPending = false;
        this.redrawMap();
        this.renderToolbar();
        this.renderPanel();
      },
      (e) => {
        if ((e as Error).name === 'AbortError') return;
        this.whatIfPending = false;
        this.whatIfResult = null;
        this.renderPanel();
        this.panel.prepend(h('p.error-line', { role: 'alert' }, errorText(e, this.lang)));
      },
    );
  }

  private whatIfBlock(): HTMLElement | null {
    const s = this.store.state;
    if (!s.whatIf) return null;
    const lang = this.lang;
    const block = h('section.whatif', { 'aria-live': 'polite' }, h('h3', null, t(lang, 'whatIfTitle')));
    if (s.whatIfFirms.length === 0) {
      block.append(h('p.muted.small', null, t(lang, 'whatIfHint')));
      return block;
    }
    block.append(
      h('div.whatif-head', null, h('span', null, t(lang, 'whatIfSelected', { n: s.whatIfFirms.length })), h('button.link', { type: 'button', onclick: () => this.store.set({ whatIfFirms: [] }) }, t(lang, 'whatIfClear'))),
    );
    if (this.whatIfPending) {
      block.append(h('p.loading-line', null, h('span.spinner', { 'aria-hidden': 'true' }), t(lang, 'whatIfRunning')));
      return block;
    }
    const w = this.whatIfResult;
    if (!w) return block;
    if (!w.statusChanges.length) block.append(h('p.muted', null, t(lang, 'whatIfNoChange')));
    else {
      const ul = h('ul.rows.changes');
      for (const c of w.statusChanges) {
        const seg = this.gaps?.segments.find((x) => x.segmentId === c.segmentId) ?? this.gaps?.neighborSegments.find((x) => x.segmentId === c.segmentId);
        ul.append(
          h(
            'li.row',
            { dataset: { segment: c.segmentId, from: c.from, to: c.to } },
            h('span.row-main', null, seg ? pick(lang, seg.segment.nameZh, seg.segment.nameEn) : c.segmentId),
            h('span.row-side', null, statusChip(lang, c.from), ' → ', statusChip(lang, c.to)),
          ),
        );
      }
      block.append(h('h4', null, t(lang, 'whatIfChanges')), ul);
    }
    block.append(h('p.muted.small', null, t(lang, 'whatIfClosed', { n: w.weakLinksClosed.length }), ' · ', t(lang, 'whatIfOpened', { n: w.weakLinksOpened.length })));
    return block;
  }

  // ---------------------------------------------------------------- rendering

  private setOverlay(kind: 'loading' | 'error' | 'missing' | null): void {
    const lang = this.lang;
    this.overlay.replaceChildren();
    this.overlay.hidden = kind === null;
    if (kind === 'loading') this.overlay.append(h('span.spinner.big', { 'aria-hidden': 'true' }), h('span', null, t(lang, 'loading')));
    if (kind === 'error')
      this.overlay.append(
        h('p.error-line', { role: 'alert' }, `${t(lang, 'loadFailed')}:${this.mapError ?? ''}`),
        h('button', { type: 'button', onclick: () => void this.loadMap(this.model === null) }, t(lang, 'retry')),
      );
    this.keysHint.hidden = kind === 'missing' || this.store.state.view !== 'map';
    if (kind === 'missing') this.overlay.append(...this.missingNote());
  }

  /** "No such cluster" and the way back: in the map's place (an alert) and in the panel. */
  private missingNote(alert = true): HTMLElement[] {
    const lang = this.lang;
    const text = t(lang, 'clusterNotFound', { id: this.clusterId ?? '' });
    return [alert ? h('p.error-line', { role: 'alert', dataset: { key: 'cluster-not-found' } }, text) : h('p.muted', null, text), h('a.button-link', { href: '#/' }, t(lang, 'back'))];
  }

  private showView(): void {
    const opp = this.store.state.view === 'opportunity';
    this.cyHost.hidden = opp;
    this.legendHost.hidden = opp;
    this.keysHint.hidden = opp;
    this.oppHost.hidden = !opp;
    if (opp) this.renderOpportunity();
    else requestAnimationFrame(() => this.view?.cy.resize());
  }

  private renderOpportunity(): void {
    if (this.store.state.view !== 'opportunity') return;
    const lang = this.lang;
    if (!this.gaps) {
      this.oppHost.replaceChildren(h('p.loading-line', null, h('span.spinner', { 'aria-hidden': 'true' }), this.gapsError ?? t(lang, 'loading')));
      return;
    }
    void import('./panels/opportunityView.js').then(({ renderOpportunityView }) => {
      if (!this.gaps) return;
      this.oppHost.replaceChildren(
        renderOpportunityView(lang, this.gaps.segments, this.gaps.neighborSegments, this.store.state.segmentId, (p) => {
          this.store.set({ view: 'map', segmentId: p.id });
          requestAnimationFrame(() => this.view?.reveal(p.id));
        }),
      );
    });
  }

  private legendFlags(): LegendFlags {
    const nodes = this.model?.nodes ?? [];
    return {
      statuses: new Set(nodes.filter((n) => n.data.kind === 'segment' && n.data.status).map((n) => n.data.status!)),
      weakLinks: (this.model?.edges ?? []).some((e) => e.data.weakLink),
      anchors: nodes.some((n) => n.data.kind === 'segment' && n.data.anchor),
      stubs: nodes.some((n) => n.data.kind === 'neighbor'),
      firms: nodes.some((n) => n.data.kind === 'firm'),
      changed: nodes.some((n) => n.classes.includes('changed')),
    };
  }

  private renderLegend(): void {
    this.legendHost.replaceChildren(renderLegend(legendItems(this.lang, this.legendFlags()), this.lang));
  }

  private renderToolbar(): void {
    const lang = this.lang;
    const s = this.store.state;
    const cluster = this.clusters()?.clusters.find((c) => c.id === this.clusterId);
    const counts = this.whatIfResult && s.whatIf ? this.whatIfResult.after.counts : (this.gaps?.counts ?? this.chainMap?.counts ?? null);
    const tab = (view: UiState['view'], label: string) =>
      h('button.tab', { type: 'button', role: 'tab', 'aria-selected': String(s.view === view), dataset: { key: `tab-${view}`, view }, onclick: () => this.store.set({ view }) }, label);
    const toggle = (key: 'firmLayer' | 'whatIf', label: string) =>
      h('button.toggle', { type: 'button', 'aria-pressed': String(s[key]), dataset: { key: `toggle-${key}` }, onclick: () => this.store.set(key === 'whatIf' ? { whatIf: !s.whatIf, whatIfFirms: s.whatIf ? [] : s.whatIfFirms } : { firmLayer: !s.firmLayer }) }, h('span.toggle-box', { 'aria-hidden': 'true' }), label);
    const mapOnly = s.view === 'map';
    if (this.missing) {
      this.toolbar.replaceChildren(
        h('a.back', { href: '#/', title: t(lang, 'back'), 'aria-label': t(lang, 'back'), dataset: { key: 'back' } }, '‹'),
        h('div.tb-title', null, h('h2', { title: this.clusterId ?? '' }, this.clusterId ?? '')),
      );
      return;
    }
    this.toolbar.replaceChildren(
      ...[
      h('a.back', { href: '#/', title: t(lang, 'back'), 'aria-label': t(lang, 'back'), dataset: { key: 'back' } }, '‹'),
      h('div.tb-title', null, h('h2', { title: cluster ? pick(lang, cluster.nameZh, cluster.nameEn) : (this.clusterId ?? '') }, cluster ? pick(lang, cluster.nameZh, cluster.nameEn) : (this.clusterId ?? '')), counts ? h('div.chips', null, statusChip(lang, 'MISSING', counts.missing), statusChip(lang, 'WEAK', counts.weak), statusChip(lang, 'POTENTIAL', counts.potential), statusChip(lang, 'STRONG', counts.strong)) : null),
      h('div.tabs', { role: 'tablist' }, tab('map', t(lang, 'viewMap')), tab('opportunity', t(lang, 'viewOpportunity'))),
      h('div.tb-group', null, mapOnly ? toggle('firmLayer', t(lang, 'firmLayer')) : null, toggle('whatIf', t(lang, 'whatIfMode'))),
      mapOnly
        ? h(
            'div.tb-group',
            null,
            h('button.icon-btn', { type: 'button', dataset: { key: 'fit' }, title: t(lang, 'fit'), 'aria-label': t(lang, 'fit'), onclick: () => this.view?.fit() }, '⤢'),
            h('button', { type: 'button', dataset: { key: 'export-png', export: 'png' }, onclick: () => void this.export('png') }, t(lang, 'exportPng')),
            h('button', { type: 'button', dataset: { key: 'export-svg', export: 'svg' }, onclick: () => void this.export('svg') }, t(lang, 'exportSvg')),
          )
        : null,
      mapExportButtons(lang, this.clusterId),
      ].filter((x): x is HTMLDivElement | HTMLAnchorElement => x !== null),
    );
    this.cyHost.setAttribute('aria-label', t(lang, 'mapAria'));
    this.keysHint.textContent = t(lang, 'mapKeysHint');
  }

  renderPanel(): void {
    const lang = this.lang;
    const s = this.store.state;
    const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
    const scroll = this.panel.scrollTop;
    const sameSegment = this.panel.dataset.segment === (s.segmentId ?? '');
    let body: Node;
    if (this.missing) {
      body = h('div.panel-body', null, ...this.missingNote(false));
    } else if (!this.gaps) {
      body = this.gapsError
        ? h('div.panel-body', null, h('p.error-line', { role: 'alert' }, `${t(lang, 'loadFailed')}:${this.gapsError}`), h('button', { type: 'button', onclick: () => void this.loadGaps(this.openToken) }, t(lang, 'retry')))
        : h('div.panel-body', null, h('p.loading-line', { role: 'status' }, h('span.spinner', { 'aria-hidden': 'true' }), t(lang, 'loading')));
    } else {
      const seg = s.segmentId ? (this.gaps.segments.find((x) => x.segmentId === s.segmentId) ?? this.gaps.neighborSegments.find((x) => x.segmentId === s.segmentId)) : undefined;
      body = seg
        ? renderSegmentPanel(
            {
              lang,
              gaps: this.gaps,
              segment: seg,
              targets: this.targets.get(seg.segmentId) ?? { state: 'loading' },
              projects: this.projects.get(seg.segmentId) ?? { state: 'loading' },
              whatIf: s.whatIf,
              whatIfFirms: new Set(s.whatIfFirms),
              pipeline: this.pipeline,
            },
            {
              onClose: () => this.store.set({ segmentId: null }),
              onOpenCluster: (clusterId, segmentId) => this.store.set({ clusterId, segmentId, view: 'map', whatIf: false, whatIfFirms: [] }),
              onToggleWhatIf: (firmId, on) => {
                const cur = this.store.state.whatIfFirms.filter((x) => x !== firmId);
                this.store.set({ whatIfFirms: on ? [...cur, firmId] : cur });
              },
              onAddToPipeline: (target) => void this.addToPipeline(target),
              onRetry: () => this.loadSegmentExtras(seg.segmentId, true),
            },
          )
        : renderOverview(lang, this.gaps, { onSelect: (segmentId) => this.store.set({ segmentId }) });
    }
    this.panel.replaceChildren(...[this.whatIfBlock(), body].filter((x): x is HTMLElement => !!x));
    this.panel.dataset.segment = s.segmentId ?? '';
    if (sameSegment) this.panel.scrollTop = scroll;
    if (focusKey) (this.panel.querySelector(`[data-key="${CSS.escape(focusKey)}"]`) as HTMLElement | null)?.focus({ preventScroll: true });
  }

  private showTooltip(node: NodeDataOut | null, x: number, y: number): void {
    if (!node) {
      this.tooltip.hidden = true;
      return;
    }
    const lang = this.lang;
    const lines: (string | HTMLElement)[] = [h('strong', null, node.name)];
    if (node.kind === 'neighbor') {
      const c = this.clusters()?.clusters.find((x) => x.id === node.clusterId);
      lines.push(h('span', null, t(lang, 'otherCluster', { name: c ? pick(lang, c.nameZh, c.nameEn) : (node.clusterId ?? '') })));
    }
    if (node.status) lines.push(h('span', null, `${t(lang, 'status')}:${t(lang, `status_${node.status}`)}`));
    if (node.kind === 'segment') lines.push(h('span', null, `${t(lang, 'criticality')}:${node.criticality.toFixed(2)}`));
    this.tooltip.replaceChildren(...lines);
    this.tooltip.hidden = false;
    this.tooltip.style.left = `${Math.round(x)}px`;
    this.tooltip.style.top = `${Math.round(y)}px`;
  }

  // ---------------------------------------------------------------- export

  private async export(kind: 'png' | 'svg'): Promise<void> {
    const view = this.view;
    if (!view || !this.clusterId) return;
    const lang = this.lang;
    const btn = this.toolbar.querySelector<HTMLButtonElement>(`[data-export="${kind}"]`);
    const label = btn?.textContent ?? '';
    if (btn) {
      btn.disabled = true;
      btn.textContent = t(lang, 'exporting');
    }
    const selected = this.store.state.segmentId;
    try {
      const { composePng, buildSvg, sceneOf } = await import('./map/exportImage.js');
      const cluster = this.clusters()?.clusters.find((c) => c.id === this.clusterId);
      const region = this.clusters()?.homeRegion;
      const header = {
        title: t(lang, 'exportTitle', { cluster: cluster ? pick(lang, cluster.nameZh, cluster.nameEn) : this.clusterId }),
        subtitle: t(lang, 'exportSubtitle', { region: region ? pick(lang, region.nameZh, region.nameEn) : '', date: new Date().toISOString().slice(0, 10) }),
        ...(this.store.state.whatIf && this.whatIfResult ? { note: t(lang, 'whatIfExportNote', { n: this.store.state.whatIfFirms.length }) } : {}),
        footer: t(lang, 'exportFooter'),
      };
      const legend = legendItems(lang, this.legendFlags());
      view.select(null); // export the whole map, not a dimmed selection
      const name = `chain-map-${this.clusterId}-${lang}`;
      if (kind === 'png') download(await composePng(view.cy, header, legend), `${name}.png`);
      else download(new Blob([buildSvg(sceneOf(view.cy), header, legend)], { type: 'image/svg+xml' }), `${name}.svg`);
    } finally {
      view.select(selected);
      if (btn) {
        btn.disabled = false;
        btn.textContent = label;
      }
    }
  }
}
