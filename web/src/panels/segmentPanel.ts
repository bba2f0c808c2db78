// Side panel of a selected segment: status and the reasons (zh/en), local
// firms (illustrative ones marked 示例), ranked targets with each score factor
// as a small bar, the suggested action (补链/强链/延链), projects already in
// the pipeline, and per target: land it in the what-if, add it to the pipeline.
import { actionPalette, statusPalette } from '../../../server/domain/palette.js';
import type { ChainAction, Gaps, ProjectRow, SegmentAssessment, Target, TargetList } from '../api/queries.js';
import { formatPercent, pick, t, type Key, type Lang } from '../i18n.js';
import { h } from '../ui/dom.js';

export type Async<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'done'; value: T };

export interface SegmentPanelInput {
  lang: Lang;
  gaps: Gaps;
  segment: SegmentAssessment;
  targets: Async<TargetList>;
  projects: Async<ProjectRow[]>;
  whatIf: boolean;
  whatIfFirms: ReadonlySet<string>;
  /** Per firm id: 'done' once added, or the error message. */
  pipeline: ReadonlyMap<string, { ok: boolean; message: string }>;
}

export interface SegmentPanelHandlers {
  onClose(): void;
  onOpenCluster(clusterId: string, segmentId: string): void;
  onToggleWhatIf(firmId: string, on: boolean): void;
  onAddToPipeline(target: Target): void;
  onRetry(): void;
}

function illustrativeTag(lang: Lang): HTMLElement {
  return h('span.tag.sample', { title: t(lang, 'illustrativeBannerTitle') }, t(lang, 'illustrativeTag'));
}

function metric(label: string, value: string, frac?: number): HTMLElement {
  return h(
    'div.metric',
    null,
    h('div.metric-label', null, label),
    h('div.metric-value', null, value),
    frac !== undefined ? h('div.meter', { 'aria-hidden': 'true' }, h('span', { style: { width: `${Math.round(Math.min(1, Math.max(0, frac)) * 100)}%` } })) : null,
  );
}

function asyncBlock<T>(lang: Lang, a: Async<T>, onRetry: () => void, render: (v: T) => Node): Node {
  if (a.state === 'loading') return h('p.loading-line', { role: 'status' }, h('span.spinner', { 'aria-hidden': 'true' }), t(lang, 'loading'));
  if (a.state === 'error') return h('p.error-line', { role: 'alert' }, `${t(lang, 'loadFailed')}:${a.message} `, h('button.link', { type: 'button', onclick: onRetry }, t(lang, 'retry')));
  return render(a.value);
}

function targetRow(inp: SegmentPanelInput, target: Target, rank: number, handlers: SegmentPanelHandlers): HTMLElement {
  const { lang } = inp;
  const f = target.firm;
  const factors = h('div.factors');
  for (const x of target.factors) {
    const max = x.weight * 100;
    const frac = max > 0 ? Math.min(1, x.contribution / max) : 0;
    const key = `factor_${x.factor}` as Key;
    const name = t(lang, key) === key ? x.factor : t(lang, key);
    factors.append(
      h(
        'div.factor',
        { title: x.explanation[lang], dataset: { factor: x.factor } },
        h('span.f-name', null, name),
        h('span.f-bar', { 'aria-hidden': 'true' }, h('span', { style: { width: `${Math.round(frac * 100)}%` } })),
        h('span.f-val', null, x.contribution.toFixed(1)),
      ),
    );
  }
  const added = inp.pipeline.get(target.firmId);
  const actions = h('div.t-actions');
  if (inp.whatIf) {
    const id = `wi-${target.firmId}`;
    actions.append(
      h(
        'label.check',
        { for: id },
        h('input', { type: 'checkbox', id, checked: inp.whatIfFirms.has(target.firmId), dataset: { key: id, firm: target.firmId }, onchange: (e: Event) => handlers.onToggleWhatIf(target.firmId, (e.target as HTMLInputElement).checked) }),
        t(lang, 'whatIfPick'),
      ),
    );
  }
  actions.append(
    added?.ok
      ? h('span.ok', { role: 'status' }, '✓ ', t(lang, 'addToPipelineDone'))
      : h('button.small', { type: 'button', title: t(lang, 'addToPipelineTitle'), dataset: { key: `add-${target.firmId}` }, onclick: () => handlers.onAddToPipeline(target) }, '+ ', t(lang, 'addToPipeline')),
  );
  if (added && !added.ok) actions.append(h('span.error-line.inline', { role: 'alert' }, t(lang, 'pipelineFailed', { msg: added.message })));
  return h(
    'li.target',
    { dataset: { firm: target.firmId } },
    h('div.t-head', null, h('span.rank', null, String(rank)), h('span.t-name', null, pick(lang, f.nameZh, f.nameEn), f.illustrative ? illustrativeTag(lang) : null), h('span.t-score', { title: t(lang, 'score') }, target.score.toFixed(1))),
    h('div.t-meta', null, f.region ? pick(lang, f.region.nameZh, f.region.nameEn) : ''),
    factors,
    actions,
  );
}

export function renderSegmentPanel(inp: SegmentPanelInput, handlers: SegmentPanelHandlers): HTMLElement {
  const { lang, gaps, segment: s } = inp;
  const own = s.clusterId === gaps.clusterId;
  const pal = statusPalette[s.status];
  const action: ChainAction | undefined = gaps.actions.find((a) => a.segmentId === s.segmentId);
  const root = h('div.panel-body', { dataset: { segment: s.segmentId } });

  root.append(
    h(
      'div.panel-head',
      null,
      h('div', null, h('div.eyebrow', null, own ? t(lang, `stage_${s.segment.stage}`) : `${pick(lang, s.segment.cluster.nameZh, s.segment.cluster.nameEn)} · ${t(lang, `stage_${s.segment.stage}`)}`), h('h2.panel-title', null, pick(lang, s.segment.nameZh, s.segment.nameEn))),
      h('button.icon', { type: 'button', 'aria-label': t(lang, 'close'), title: t(lang, 'close'), onclick: handlers.onClose, dataset: { key: 'close' } }, '×'),
    ),
    h(
      'div.status-line',
      null,
      h('span.status-badge', { dataset: { status: s.status }, style: { background: pal.fill, color: pal.text, borderColor: pal.stroke, borderStyle: pal.dashed ? 'dashed' : 'solid' } }, t(lang, `status_${s.status}`)),
      action ? h('span.action-tag', { style: { background: actionPalette[action.kind].color } }, t(lang, `action_${action.kind}`)) : null,
      action ? h('span.muted', null, t(lang, 'priority', { p: Math.round(action.priority) })) : null,
    ),
  );
  if (!own) {
    root.append(h('p.note', null, t(lang, 'otherCluster', { name: pick(lang, s.segment.cluster.nameZh, s.segment.cluster.nameEn) }), ' ', h('button.link', { type: 'button', onclick: () => handlers.onOpenCluster(s.clusterId, s.segmentId) }, t(lang, 'openCluster'), ' →')));
  }

  root.append(
    h('div.metrics', null, metric(t(lang, 'criticality'), s.criticality.toFixed(2), s.criticality), metric(t(lang, 'strength'), s.strength.toFixed(2), s.strength), metric('RCA', s.rca.toFixed(2)), metric(t(lang, 'density'), formatPercent(s.relatednessDensity), s.relatednessDensity)),
  );

  const reasons = h('ul.reasons');
  for (const r of s.reasons) reasons.append(h('li', null, r[lang]));
  if (action) for (const r of action.reasons) reasons.append(h('li.action-reason', null, r[lang]));
  root.append(h('section.block', null, h('h3', null, t(lang, 'reasons')), reasons));

  const firms = h('ul.firm-list');
  const anchors = new Set(s.localAnchorFirmIds);
  for (const f of s.localFirms) firms.append(h('li', { dataset: { firm: f.id } }, anchors.has(f.id) ? h('span.anchor-mark', { title: t(lang, 'anchorFirm') }, '★') : null, pick(lang, f.nameZh, f.nameEn), anchors.has(f.id) ? h('span.tag', null, t(lang, 'anchorFirm')) : null, f.illustrative ? illustrativeTag(lang) : null));
  root.append(h('section.block', null, h('h3', null, t(lang, 'localFirms', { n: s.localFirms.length })), s.localFirms.length ? firms : h('p.muted', null, t(lang, 'localFirmsNone'))));

  root.append(
    h(
      'section.block.targets',
      null,
      h('h3', null, t(lang, 'targets')),
      h('p.muted.small', null, t(lang, 'targetsHint'), inp.whatIf ? ` · ${t(lang, 'whatIfHint')}` : ''),
      asyncBlock(lang, inp.targets, handlers.onRetry, (list) => {
        if (!list.targets.length) return h('p.muted', null, t(lang, 'targetsNone'));
        const ol = h('ol.target-list');
        list.targets.forEach((x, i) => ol.append(targetRow(inp, x, i + 1, handlers)));
        const regions = list.strongRegions.slice(0, 5).map((r) => `${r.region ? pick(lang, r.region.nameZh, r.region.nameEn) : r.regionId} ${r.count}`);
        return h('div', null, ol, regions.length ? h('p.muted.small', null, `${t(lang, 'whereElse')}:${regions.join(' · ')}`) : null);
      }),
    ),
  );

  root.append(
    h(
      'section.block',
      null,
      asyncBlock(lang, inp.projects, handlers.onRetry, (projects) => {
        const ul = h('ul.rows.projects');
        for (const p of projects) {
          const inv = p.investmentYi !== null ? t(lang, 'investment', { yi: p.investmentYi, m: Math.round(p.investmentYi * 100) }) : '';
          ul.append(
            h(
              'li.row',
              { dataset: { project: p.id } },
              h('span.pstatus', { dataset: { status: p.status } }, t(lang, `project_${p.status}` as Key)),
              h('span.row-main', null, pick(lang, p.nameZh, p.nameEn), p.illustrative ? illustrativeTag(lang) : null),
              h('span.row-side', null, inv),
            ),
          );
        }
        return h('div', null, h('h3', null, t(lang, 'projects', { n: projects.length })), projects.length ? ul : h('p.muted', null, t(lang, 'projectsNone')));
      }),
    ),
  );
  return root;
}
