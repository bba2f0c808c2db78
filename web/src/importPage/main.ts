// Boot of the import page (import.html): token, template download, a dry run
// of a CSV/XLSX file through POST /import (every row's fate, the encoding
// detected), then the commit — all rows or none — when nothing is rejected and
// the token's role allows it.
import '../styles.css';
import '../io/pages.css';
import { ApiError } from '../api/graphql.js';
import { t, type Key, type Lang } from '../i18n.js';
import { currentToken, downloadRoute, fetchViewer, postFile, sessionToken, setSessionToken, type Viewer } from '../io/http.js';
import { createPageHeader } from '../io/pageHeader.js';
import { initialLang, rememberLang } from '../state.js';
import { h } from '../ui/dom.js';
import { commitBlock, importUrl, kindKey, kindKeys, kindParam, neededRole, tableLines, type CommitBlock, type ImportResponse, type KindKey } from './model.js';

declare global {
  interface Window {
    /** Test hook: the last report shown. */
    chainAtlasImport?: { report: ImportResponse | null; viewer: Viewer | null };
  }
}

const ROW_LIMIT = 500;

let lang: Lang = initialLang(location.search);
let viewer: Viewer | null = null;
let viewerError: string | null = null;
let report: ImportResponse | null = null;
let reportFile: File | null = null;
let busy: 'dry' | 'commit' | null = null;
let actionError: string | null = null;
let onlyRejected = false;
window.chainAtlasImport = { report: null, viewer: null };

const errText = (e: unknown) => (e instanceof ApiError ? e.text(lang) : (e as Error).message);

const header = createPageHeader('import', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  rememberLang(lang);
  render();
});

// ---------------------------------------------------------------- controls (kept across renders)

const tokenInput = h('input', { type: 'password', name: 'token', autocomplete: 'off', spellcheck: false, value: sessionToken() ?? '' });
const tokenSave = h('button', { type: 'button', dataset: { action: 'token-save' } });
const tokenClear = h('button', { type: 'button', dataset: { action: 'token-clear' } });
const who = h('div.who', { role: 'status' });
const kindSelect = h('select', { name: 'kind' });
const formatSelect = h('select', { name: 'format' }, h('option', { value: 'csv' }, 'CSV'), h('option', { value: 'xlsx', selected: true }, 'XLSX'));
const headerLangSelect = h('select', { name: 'headerLang' });
const templateBtn = h('button', { type: 'button', dataset: { action: 'template' } });
const fileInput = h('input', { type: 'file', name: 'file', accept: '.csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
const dryRunBtn = h('button.primary', { type: 'button', dataset: { action: 'dry-run' } });
const actionStatus = h('div.error-line', { role: 'alert' });
const reportBox = h('div.report-box', { 'aria-live': 'polite' });
const title = h('h2');
const hint = h('p.muted');
const labels = {
  token: h('span'),
  tokenHint: h('p.muted.small'),
  kind: h('span'),
  format: h('span'),
  headerLang: h('span'),
  templateHint: h('p.muted.small'),
  file: h('span'),
  stepToken: h('h3'),
  stepTemplate: h('h3'),
  stepFile: h('h3'),
};

tokenSave.addEventListener('click', () => {
  setSessionToken(tokenInput.value.trim() || null);
  void loadViewer();
});
tokenClear.addEventListener('click', () => {
  tokenInput.value = '';
  setSessionToken(null);
  void loadViewer();
});
tokenInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') tokenSave.click();
});
kindSelect.addEventListener('change', () => renderControls());
fileInput.addEventListener('change', () => {
  // A new file: the old report says nothing about it.
  report = null;
  reportFile = null;
  actionError = null;
  window.chainAtlasImport = { report: null, viewer };
  renderControls();
  renderReport();
});
templateBtn.addEventListener('click', () => {
  const kind = selectedKind() ?? 'FIRMS';
  const url = `/import/template?kind=${kindParam(kind)}&format=${formatSelect.value}&lang=${headerLangSelect.value}`;
  actionError = null;
  downloadRoute(url, `chain-atlas-${kindParam(kind)}-template.${formatSelect.value}`).catch((e: unknown) => {
    actionError = errText(e);
    renderControls();
  });
});
dryRunBtn.addEventListener('click', () => void run(true));

function selectedKind(): KindKey | null {
  return (kindKeys as readonly string[]).includes(kindSelect.value) ? (kindSelect.value as KindKey) : null;
}

const page = h(
  'div.doc',
  null,
  h('div.doc-head', null, h('div', null, title, hint)),
  h(
    'div.import-steps',
    null,
    h('section.dash-section', null, labels.stepToken, labels.tokenHint, h('label.field', null, labels.token, tokenInput), h('div.actions', null, tokenSave, tokenClear), who),
    h(
      'section.dash-section',
      null,
      labels.stepTemplate,
      labels.templateHint,
      h('div.inline-fields', null, h('label.field', null, labels.kind, kindSelect), h('label.field', null, labels.format, formatSelect), h('label.field', null, labels.headerLang, headerLangSelect)),
      h('div.actions', null, templateBtn),
    ),
    h('section.dash-section', null, labels.stepFile, h('label.field', null, labels.file, fileInput), h('div.actions', null, dryRunBtn), actionStatus),
  ),
  reportBox,
);
document.getElementById('app')!.replaceChildren(header.el, h('main.app', null, h('div.doc-page', null, page)));

// ---------------------------------------------------------------- rendering

function renderControls(): void {
  title.textContent = t(lang, 'importTitle');
  hint.textContent = t(lang, 'importHint');
  labels.stepToken.textContent = `1. ${t(lang, 'importToken')}`;
  labels.stepTemplate.textContent = `2. ${t(lang, 'importTemplate')}`;
  labels.stepFile.textContent = `3. ${t(lang, 'importFile')} · ${t(lang, 'importDryRun')}`;
  labels.token.textContent = t(lang, 'importToken');
  labels.tokenHint.textContent = t(lang, 'importTokenHint');
  labels.kind.textContent = t(lang, 'importKind');
  labels.format.textContent = 'CSV / XLSX';
  labels.headerLang.textContent = t(lang, 'importTemplateLang');
  labels.templateHint.textContent = t(lang, 'importTemplateHint');
  labels.file.textContent = t(lang, 'importChoose');
  tokenSave.textContent = t(lang, 'importTokenSave');
  tokenClear.textContent = t(lang, 'importTokenClear');
  const kind = kindSelect.value || '';
  kindSelect.replaceChildren(h('option', { value: '' }, t(lang, 'importKindAuto')), ...kindKeys.map((k) => h('option', { value: k }, t(lang, `kind_${k}`))));
  kindSelect.value = kind;
  const hl = headerLangSelect.value || 'zh';
  headerLangSelect.replaceChildren(h('option', { value: 'zh' }, t(lang, 'importTemplateLangZh')), h('option', { value: 'en' }, t(lang, 'importTemplateLangEn')));
  headerLangSelect.value = hl;
  templateBtn.textContent = `${t(lang, 'importTemplate')} (${t(lang, `kind_${selectedKind() ?? 'FIRMS'}`)})`;
  dryRunBtn.textContent = busy === 'dry' ? t(lang, 'importRunning') : t(lang, 'importDryRun');
  dryRunBtn.disabled = busy !== null || !fileInput.files?.length;
  actionStatus.textContent = actionError ?? '';

  if (viewerError) {
    who.dataset.state = 'bad';
    who.textContent = viewerError;
  } else if (viewer?.authenticated && viewer.role) {
    who.dataset.state = 'ok';
    who.textContent = t(lang, 'importTokenAs', { name: viewer.name ?? '', role: t(lang, `role_${viewer.role}`) });
  } else {
    who.dataset.state = '';
    who.textContent = currentToken() ? t(lang, 'loading') : `${t(lang, 'importTokenNone')} · ${t(lang, 'importTokenAnonymous')}`;
  }
}

const blockKey: Record<Exclude<CommitBlock, null | 'done'>, Key> = {
  file: 'importCommitBlockedFile',
  rejected: 'importCommitBlockedRejected',
  role: 'importCommitBlockedRole',
  nothing: 'importCommitBlockedNothing',
};

function renderReport(): void {
  if (!report) {
    reportBox.replaceChildren();
    return;
  }
  const r = report;
  const meta = [
    h('span', null, t(lang, 'importMeta', { kind: r.kind ? t(lang, `kind_${kindKey(r.kind)}`) : '?', format: (r.format ?? '?').toUpperCase(), n: r.totalRows })),
    r.encoding ? h('span', { dataset: { meta: 'encoding' } }, t(lang, 'importEncoding', { encoding: r.encoding })) : null,
    r.sheet ? h('span', null, t(lang, 'importSheet', { sheet: r.sheet })) : null,
  ];
  const counts = h(
    'div.fate-counts',
    null,
    (['CREATED', 'UPDATED', 'UNCHANGED', 'REJECTED'] as const).map((f) =>
      h('div.fate-count', { dataset: { fate: f } }, h('b', null, String(r.counts[f.toLowerCase() as 'created'])), t(lang, `fate_${f}`)),
    ),
  );
  const block = commitBlock(r, viewer?.role ?? null);
  const commitBtn = h('button.primary', { type: 'button', dataset: { action: 'commit' }, disabled: block !== null || busy !== null }, busy === 'commit' ? t(lang, 'importCommitting') : t(lang, 'importCommit'));
  commitBtn.addEventListener('click', () => {
    const n = r.counts.created + r.counts.updated;
    if (window.confirm(t(lang, 'importCommitConfirm', { n }))) void run(false);
  });
  let outcome: HTMLElement | null = null;
  if (r.committed) outcome = h('span.commit-result', { dataset: { ok: 'true' } }, t(lang, 'importCommitted', { before: r.dataVersionBefore ?? '?', after: r.dataVersionAfter ?? '?' }));
  else if (!r.dryRun) outcome = h('span.commit-result', { dataset: { ok: 'false' } }, r.ok ? t(lang, 'importCommitBlockedNothing') : t(lang, 'importNotCommitted'));
  else if (block && block !== 'done') outcome = h('span.commit-reason', { dataset: { block } }, t(lang, blockKey[block], { role: t(lang, `role_${neededRole(r)}`) }));
  else outcome = h('span.commit-reason', null, t(lang, 'importDryRunOk'));

  const filter = h('input', { type: 'checkbox', checked: onlyRejected, name: 'onlyRejected' });
  filter.addEventListener('change', () => {
    onlyRejected = filter.checked;
    renderReport();
  });
  const { lines, total } = tableLines(r, lang, { onlyRejected, limit: ROW_LIMIT });
  const table = h(
    'table.rows-table',
    null,
    h('thead', null, h('tr', null, h('th', null, t(lang, 'importColRow')), h('th', null, t(lang, 'importColFate')), h('th', null, t(lang, 'importColKey')), h('th', null, t(lang, 'importColColumn')), h('th', null, t(lang, 'importColReason')))),
    h(
      'tbody',
      null,
      lines.map((l) =>
        h(
          'tr',
          { dataset: { row: String(l.row), fate: l.fate } },
          h('td.num', null, l.first ? String(l.row) : ''),
          h('td', null, l.first ? h('span.fate-tag', { dataset: { fate: l.fate } }, t(lang, `fate_${l.fate}`)) : ''),
          h('td.code', null, l.first ? l.key : ''),
          h('td', null, l.column),
          h('td', null, l.reason, l.code ? h('span.code', null, ` ${l.code}`) : null),
        ),
      ),
    ),
  );
  reportBox.replaceChildren(
    h(
      'section.dash-section.report',
      { dataset: { dryRun: String(r.dryRun), committed: String(r.committed), ok: String(r.ok) } },
      h('h3', null, r.dryRun ? t(lang, 'importReport') : t(lang, 'importReportCommitted'), r.filename ? h('span.muted.small', null, ` · ${r.filename}`) : null),
      h('div.report-meta', null, meta),
      counts,
      r.fileErrors.length ? h('div', null, h('h4', null, t(lang, 'importFileErrors')), h('ul.file-errors', null, r.fileErrors.map((e) => h('li', { dataset: { code: e.code } }, lang === 'zh' ? e.messageZh : e.messageEn)))) : null,
      r.ignoredColumns.length ? h('p.muted.small', null, t(lang, 'importIgnored', { cols: r.ignoredColumns.join(', ') })) : null,
      h('div.commit-bar', null, r.dryRun ? commitBtn : null, outcome),
      r.rows.length
        ? h(
            'div',
            null,
            h('div.actions', null, h('label.check', null, filter, t(lang, 'importOnlyRejected')), h('span.muted.small', null, t(lang, 'importRowsShown', { shown: lines.length, total }))),
            h('div.table-scroll', null, table),
          )
        : null,
    ),
  );
}

function render(): void {
  header.render(lang);
  document.title = `${t(lang, 'importTitle')} · ${t(lang, 'appTitle')}`;
  renderControls();
  renderReport();
}

// ---------------------------------------------------------------- actions

async function loadViewer(): Promise<void> {
  viewer = null;
  viewerError = null;
  renderControls();
  try {
    viewer = await fetchViewer();
  } catch (e) {
    viewerError = e instanceof ApiError && e.code === 'UNAUTHENTICATED' ? t(lang, 'importTokenInvalid') : errText(e);
  }
  window.chainAtlasImport = { report, viewer };
  render();
}

async function run(dryRun: boolean): Promise<void> {
  const file = dryRun ? fileInput.files?.[0] : reportFile;
  if (!file) return;
  busy = dryRun ? 'dry' : 'commit';
  actionError = null;
  render();
  try {
    const next = await postFile<ImportResponse>(importUrl({ kind: selectedKind(), dryRun, filename: file.name }), file);
    report = next;
    reportFile = dryRun ? file : null;
    if (dryRun) onlyRejected = next.counts.rejected > 0;
  } catch (e) {
    actionError = errText(e);
  } finally {
    busy = null;
  }
  window.chainAtlasImport = { report, viewer };
  render();
}

render();
void loadViewer();
