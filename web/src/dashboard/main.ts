// Boot of the plan-targets dashboard (dashboard.html): progress of every plan
// target (graph-seeds/plan/) from GET /plan/progress as of a chosen day, the
// pipeline funnel and the per-cluster breakdown, and the 产业招引地图 export of
// all 12 clusters. Chinese by default, English toggle (shared with the explorer).
import '../styles.css';
import '../io/pages.css';
import { ApiError } from '../api/graphql.js';
import { t, type Lang } from '../i18n.js';
import { downloadRoute, getJson } from '../io/http.js';
import { createPageHeader, setQueryParam } from '../io/pageHeader.js';
import { initialLang, rememberLang } from '../state.js';
import { h } from '../ui/dom.js';
import type { DashboardData } from './model.js';
import { renderClusterChart, renderFunnel, renderStats, renderTargets } from './view.js';

declare global {
  interface Window {
    /** Test hook: the data shown, once loaded. */
    chainAtlasDashboard?: { data: DashboardData | null };
  }
}

const today = () => new Date().toISOString().slice(0, 10);
const validDay = (x: string | null) => (x && /^\d{4}-\d{2}-\d{2}$/.test(x) && !Number.isNaN(Date.parse(x)) ? x : null);

let lang: Lang = initialLang(location.search);
let asOf = validDay(new URLSearchParams(location.search).get('asOf')) ?? today();
let data: DashboardData | null = null;
let error: string | null = null;
let loading: AbortController | null = null;
window.chainAtlasDashboard = { data: null };

const header = createPageHeader('dashboard', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  rememberLang(lang);
  render();
});

const title = h('h2');
const hint = h('p.muted.dash-hint');
const asOfLabel = h('span');
const asOfInput = h('input.as-of', { type: 'date', value: asOf, max: '2100-12-31', name: 'asOf' });
const todayBtn = h('button.small', { type: 'button' });
const period = h('span.period.muted');
const exportBox = h('div.export-box');
const illustrativeNote = h('p.note.illustrative-note', { hidden: true, role: 'note' });
const body = h('div.dash-body', { 'aria-live': 'polite' });

asOfInput.addEventListener('change', () => {
  const day = validDay(asOfInput.value);
  if (day && day !== asOf) {
    asOf = day;
    setQueryParam('asOf', asOf === today() ? null : asOf);
    void load();
  }
});
todayBtn.addEventListener('click', () => {
  asOf = today();
  asOfInput.value = asOf;
  setQueryParam('asOf', null);
  void load();
});

const page = h(
  'div.doc',
  null,
  h('div.doc-head', null, h('div', null, title, hint), h('div.dash-controls', null, h('label.as-of-field', null, asOfLabel, asOfInput), todayBtn, period)),
  exportBox,
  illustrativeNote,
  body,
);
document.getElementById('app')!.replaceChildren(header.el, h('main.app', null, h('div.doc-page', null, page)));

function exportButtons(): HTMLElement {
  const status = h('span.error-line.inline', { role: 'alert' });
  const button = (format: 'pdf' | 'xlsx') =>
    h(
      'a.button-link',
      {
        href: `/export/map?cluster=all&format=${format}`,
        dataset: { export: format },
        onclick: (e: Event) => {
          e.preventDefault();
          status.textContent = '';
          downloadRoute(`/export/map?cluster=all&format=${format}`, `chain-atlas-map-all.${format}`).catch((err: unknown) => {
            status.textContent = t(lang, 'exportMapFailed', { msg: err instanceof ApiError ? err.text(lang) : (err as Error).message });
          });
        },
      },
      t(lang, format === 'pdf' ? 'exportMapPdf' : 'exportMapXlsx'),
    );
  return h('div.export-row', null, h('span.export-label', null, `${t(lang, 'dashExport')} · ${t(lang, 'dashExportAll')}`), button('pdf'), button('xlsx'), status);
}

function render(): void {
  header.render(lang);
  document.title = `${t(lang, 'dashTitle')} · ${t(lang, 'appTitle')}`;
  title.textContent = t(lang, 'dashTitle');
  hint.textContent = t(lang, 'dashHint');
  asOfLabel.textContent = t(lang, 'dashAsOf');
  todayBtn.textContent = t(lang, 'dashToday');
  exportBox.replaceChildren(exportButtons());
  if (error) {
    body.replaceChildren(h('div.center-state', null, h('p.error-line', { role: 'alert' }, `${t(lang, 'loadFailed')}:${error}`), h('button', { type: 'button', onclick: () => void load() }, t(lang, 'retry'))));
    return;
  }
  if (!data) {
    body.replaceChildren(h('div.center-state', { role: 'status' }, h('span.spinner.big', { 'aria-hidden': 'true' }), t(lang, 'loading')));
    return;
  }
  const first = [...data.overall, ...data.clusters.flatMap((c) => c.targets)][0];
  period.textContent = first ? t(lang, 'dashPeriod', { start: first.period.start, end: first.period.end }) : '';
  const p = data.pipeline;
  header.badge.hidden = p.illustrative === 0;
  illustrativeNote.hidden = p.illustrative === 0;
  illustrativeNote.textContent = t(lang, 'dashIllustrative', { n: p.illustrative, total: p.total });
  body.replaceChildren(
    renderStats(data, lang),
    renderTargets(data, lang),
    h('div.dash-charts', null, renderClusterChart(data, lang), renderFunnel(data, lang)),
  );
}

async function load(): Promise<void> {
  loading?.abort();
  const ctl = new AbortController();
  loading = ctl;
  error = null;
  try {
    const next = await getJson<DashboardData>(`/plan/progress?asOf=${encodeURIComponent(asOf)}`, ctl.signal);
    if (ctl.signal.aborted) return;
    data = next;
    window.chainAtlasDashboard = { data };
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    error = e instanceof ApiError ? e.text(lang) : (e as Error).message;
  }
  render();
}

render();
void load();
