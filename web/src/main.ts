// Boot of the web page: header (search, language, editor token), routing
// between the cluster picker and a cluster's page (#/ and #/c/<id>[/s/<seg>]),
// and the illustrative-data badge.
import './styles.css';
import { editorToken, setEditorToken, ApiError } from './api/graphql.js';
import { fetchClusterSummaries, fetchClusters, type ClusterList, type ClusterSummary, type SearchHit } from './api/queries.js';
import { ClusterPage, loadMapModule, rememberClusterIds } from './clusterPage.js';
import { pick, t, type Lang } from './i18n.js';
import { renderClusterPicker } from './panels/clusterPicker.js';
import { createSearchBox } from './panels/searchBox.js';
import { createPageNav } from './io/pageHeader.js';
import { Store, formatHash, initialFirmLayer, initialLang, parseHash, rememberLang } from './state.js';
import { h } from './ui/dom.js';

const fromHash = parseHash(location.hash);
const store = new Store({ lang: initialLang(location.search), clusterId: fromHash.clusterId, segmentId: fromHash.segmentId, view: 'map', firmLayer: initialFirmLayer(location.search), whatIf: false, whatIfFirms: [] });
window.chainAtlas = { view: null, ready: null, store };
if (fromHash.clusterId) void loadMapModule();

let clusterList: ClusterList | null = null;
let clusterError: string | null = null;
let summaries: Map<string, ClusterSummary> | null = null;

// ---------------------------------------------------------------- header

const brandTitle = h('h1.brand-title');
const brandSub = h('span.brand-sub');
const badge = h('span.badge.illustrative', { hidden: true, role: 'note' });
const langBtn = h('button.lang', { type: 'button', dataset: { key: 'lang' } });
const tokenBtn = h('button.token', { type: 'button', dataset: { key: 'token' } });
const search = createSearchBox(store.state.lang, (id) => {
  const c = clusterList?.clusters.find((x) => x.id === id);
  return c ? pick(store.state.lang, c.nameZh, c.nameEn) : id;
}, onSearchPick);
const pageNav = createPageNav('map');
const header = h('header.topbar', null, h('a.brand', { href: '#/' }, brandTitle, brandSub), search.el, pageNav.el, h('div.top-actions', null, badge, tokenBtn, langBtn));

langBtn.addEventListener('click', () => store.set({ lang: store.state.lang === 'zh' ? 'en' : 'zh' }));
tokenBtn.addEventListener('click', () => {
  const lang = store.state.lang;
  const value = window.prompt(t(lang, 'editorTokenPrompt'), editorToken() ?? '');
  if (value !== null) setEditorToken(value.trim() || null);
  renderHeader();
});

function renderHeader(): void {
  const lang = store.state.lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t(lang, 'appTitle')} · ${lang === 'zh' ? 'Chain Atlas' : '产业链图谱'}`;
  brandTitle.textContent = t(lang, 'appTitle');
  brandSub.textContent = t(lang, 'appSubtitle');
  badge.textContent = t(lang, 'illustrativeBanner');
  badge.title = t(lang, 'illustrativeBannerTitle');
  langBtn.textContent = t(lang, 'langToggle');
  langBtn.title = t(lang, 'langToggleTitle');
  langBtn.setAttribute('lang', lang === 'zh' ? 'en' : 'zh-CN');
  tokenBtn.textContent = editorToken() ? `✓ ${t(lang, 'editorSignedIn')}` : t(lang, 'editorToken');
  search.setLang(lang);
  pageNav.render(lang);
}

function onSearchPick(hit: SearchHit): void {
  if (hit.kind === 'CLUSTER') return store.set({ clusterId: hit.id, segmentId: null, view: 'map', whatIf: false, whatIfFirms: [] });
  if (hit.kind === 'SEGMENT' && hit.clusterId) return store.set({ clusterId: hit.clusterId, segmentId: hit.id, view: 'map', ...(hit.clusterId !== store.state.clusterId ? { whatIf: false, whatIfFirms: [] } : {}) });
  const segs = hit.firm?.segments ?? [];
  const seg = (segs.find((s) => s.primary) ?? segs[0])?.segment;
  if (seg) store.set({ clusterId: seg.clusterId, segmentId: seg.id, view: 'map', ...(seg.clusterId !== store.state.clusterId ? { whatIf: false, whatIfFirms: [] } : {}) });
}

// ---------------------------------------------------------------- pages

const main = h('main.app');
const pickerEl = h('div.picker-page');
let clustersArrived: () => void = () => {};
const clustersReady = new Promise<void>((r) => (clustersArrived = r));
const clusterPage = new ClusterPage(store, () => clusterList, () => clustersReady.then(() => clusterList), (seen) => (badge.hidden = !seen));
document.getElementById('app')!.replaceChildren(header, main);

function renderPicker(): void {
  const lang = store.state.lang;
  if (clusterError) {
    pickerEl.replaceChildren(h('div.center-state', null, h('p.error-line', { role: 'alert' }, `${t(lang, 'loadFailed')}:${clusterError}`), h('button', { type: 'button', onclick: () => void loadClusters() }, t(lang, 'retry'))));
    return;
  }
  if (!clusterList) {
    pickerEl.replaceChildren(h('div.center-state', { role: 'status' }, h('span.spinner.big', { 'aria-hidden': 'true' }), t(lang, 'loading')));
    return;
  }
  pickerEl.replaceChildren(renderClusterPicker(lang, clusterList.clusters, summaries, new Map(), pick(lang, clusterList.homeRegion.nameZh, clusterList.homeRegion.nameEn)));
}

function showPage(): void {
  const s = store.state;
  const want = s.clusterId ? clusterPage.el : pickerEl;
  if (main.firstChild !== want) main.replaceChildren(want);
  if (!s.clusterId) {
    renderPicker();
    badge.hidden = true;
    void loadSummaries();
  }
}

async function loadClusters(): Promise<void> {
  clusterError = null;
  try {
    clusterList = await fetchClusters();
    rememberClusterIds(clusterList);
  } catch (e) {
    clusterError = e instanceof ApiError ? e.text(store.state.lang) : (e as Error).message;
  }
  clustersArrived();
  if (!store.state.clusterId) renderPicker();
  else clusterPage.onClusters();
  if (!store.state.clusterId) void loadSummaries();
}

let summariesLoading = false;
/** Status counts for the picker: asked for only when the picker is shown (13 analyses on the server). */
async function loadSummaries(): Promise<void> {
  if (!clusterList || summaries || summariesLoading) return;
  summariesLoading = true;
  summaries = await fetchClusterSummaries(clusterList.clusters.map((c) => c.id)).catch(() => null);
  summariesLoading = false;
  if (!store.state.clusterId) renderPicker();
  // The map code is wanted next: fetch it while the user reads the picker.
  if (!store.state.clusterId) setTimeout(() => void loadMapModule(), 300);
}

// ---------------------------------------------------------------- routing

store.subscribe((s, prev) => {
  if (s.lang !== prev.lang) {
    rememberLang(s.lang);
    renderHeader();
  }
  const hash = formatHash(s.clusterId, s.segmentId);
  if (location.hash !== hash && !(hash === '#/' && (location.hash === '' || location.hash === '#'))) {
    if (s.clusterId !== prev.clusterId) history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
  }
  showPage();
  if (s.clusterId) clusterPage.onState(s, prev);
  else if (s.lang !== prev.lang) renderPicker();
});

window.addEventListener('hashchange', () => {
  const { clusterId, segmentId } = parseHash(location.hash);
  const patch: Partial<typeof store.state> = { clusterId, segmentId };
  if (clusterId !== store.state.clusterId) Object.assign(patch, { whatIf: false, whatIfFirms: [], view: 'map' });
  store.set(patch);
});
window.addEventListener('popstate', () => {
  const { clusterId, segmentId } = parseHash(location.hash);
  store.set({ clusterId, segmentId });
});

renderHeader();
showPage();
void loadClusters();
if (store.state.clusterId) void clusterPage.open(store.state.clusterId);

export type { Lang };
