// DOM of the plan-targets dashboard, drawn from the view-model (model.ts):
// stat cards, one progress bar per target, the per-cluster chart and the
// funnel (plain SVG).
import { t, type Lang } from '../i18n.js';
import { h, s } from '../ui/dom.js';
import {
  axisTicks,
  clusterBars,
  formatPct,
  formatValue,
  funnelView,
  projectStatusColors,
  statusKey,
  summarize,
  targetView,
  type DashboardData,
  type Pace,
  type TargetView,
} from './model.js';
import type { TargetProgress } from '../../../server/plan/progress.js';

const paceKey: Record<Pace, 'dashReached' | 'dashOnPace' | 'dashBehind' | 'dashNotStarted'> = {
  reached: 'dashReached',
  onPace: 'dashOnPace',
  behind: 'dashBehind',
  notStarted: 'dashNotStarted',
};

const pctStyle = (x: number) => `${(x * 100).toFixed(2)}%`;

/** 8.5 亿元 / CNY 850 m (the catalogue's `investment` words). */
const investmentText = (yi: number, lang: Lang) => t(lang, 'investment', { yi: formatValue(yi, lang), m: formatValue(yi * 100, lang) });

function statCard(label: string, value: string, key: string): HTMLElement {
  return h('div.stat-card', { dataset: { stat: key } }, h('div.stat-label', null, label), h('div.stat-value', null, value));
}

export function renderStats(d: DashboardData, lang: Lang): HTMLElement {
  const sum = summarize(d);
  return h(
    'div.stat-cards',
    null,
    statCard(t(lang, 'dashOnTrack'), t(lang, 'dashOnTrackValue', { n: sum.onPace, total: sum.targets }), 'onPace'),
    statCard(t(lang, 'dashActive'), formatValue(sum.active, lang), 'active'),
    statCard(
      t(lang, 'dashSignedYear', { year: sum.signedInYear.year }),
      t(lang, 'dashSignedYearValue', { n: sum.signedInYear.projects, amount: investmentText(sum.signedInYear.investmentYi, lang) }),
      'signedInYear',
    ),
    statCard(t(lang, 'dashProjectsTotal'), formatValue(sum.total, lang), 'total'),
  );
}

function targetBarEl(v: TargetView, lang: Lang): HTMLElement {
  const b = v.bar;
  return h(
    'div.tbar',
    { role: 'img', 'aria-label': t(lang, 'dashBarAria', { achieved: `${v.achievedText} ${v.unit}`, target: `${v.targetText} ${v.unit}`, pct: v.elapsedText }) },
    h('span.tbar-potential', { style: { width: pctStyle(b.potential) } }),
    h('span.tbar-achieved', { style: { width: pctStyle(b.achieved) } }),
    h('span.tbar-tick.tick-target', { style: { left: pctStyle(b.target) }, title: `${t(lang, 'dashLegendTarget')}: ${v.targetText}` }),
    b.stretch === null ? null : h('span.tbar-tick.tick-stretch', { style: { left: pctStyle(b.stretch) }, title: t(lang, 'dashStretch', { n: v.stretchText ?? '' }) }),
    h('span.tbar-pace', { style: { left: pctStyle(b.pace) }, title: t(lang, 'dashElapsed', { pct: v.elapsedText }) }),
  );
}

function targetRow(tp: TargetProgress, lang: Lang): HTMLElement {
  const v = targetView(tp, lang);
  const foot = [t(lang, 'dashElapsed', { pct: v.elapsedText }), t(lang, 'dashPipeline', { n: `${v.pipelineText} ${v.unit}` }), t(lang, 'dashPotential', { pct: v.potentialText })];
  if (v.undatedCounted) foot.push(t(lang, 'dashUndated', { n: v.undatedCounted }));
  return h(
    'li.target-row',
    { dataset: { targetId: v.id, pace: v.pace } },
    h(
      'div.tr-head',
      null,
      h('span.tr-name', null, v.name),
      v.clause ? h('span.tr-clause', null, t(lang, 'dashClause', { clause: v.clause })) : null,
      h('span.pace-chip', { dataset: { pace: v.pace } }, t(lang, paceKey[v.pace])),
    ),
    h(
      'div.tr-numbers',
      null,
      h('b.tr-achieved', null, v.achievedText),
      ' / ',
      h('span.tr-target', null, v.targetText),
      ` ${v.unit} · `,
      h('b.tr-pct', null, v.pctText),
      v.stretchText ? h('span.tr-stretch', null, ` · ${t(lang, 'dashStretch', { n: v.stretchText })} (${v.stretchPctText})`) : null,
    ),
    targetBarEl(v, lang),
    h('div.tr-foot', null, foot.join(' · ')),
    v.note ? h('div.tr-note', null, v.note) : null,
  );
}

export function renderBarLegend(lang: Lang): HTMLElement {
  return h(
    'ul.bar-legend',
    { 'aria-label': t(lang, 'legend') },
    h('li', null, h('span.key.achieved'), t(lang, 'dashLegendAchieved')),
    h('li', null, h('span.key.potential'), t(lang, 'dashLegendPipeline')),
    h('li', null, h('span.key.pace'), t(lang, 'dashLegendPace')),
    h('li', null, h('span.key.tick'), t(lang, 'dashLegendTarget')),
  );
}

export function renderTargets(d: DashboardData, lang: Lang): HTMLElement {
  const overall = h('section.dash-section', null, h('h3', null, t(lang, 'dashOverall')));
  overall.append(d.overall.length ? h('ul.target-list', null, d.overall.map((x) => targetRow(x, lang))) : h('p.muted', null, t(lang, 'dashNoTargets')));
  const clusters = h('section.dash-section', null, h('h3', null, t(lang, 'dashClusters')));
  for (const c of d.clusters) {
    clusters.append(
      h('h4.cluster-head', { dataset: { clusterId: c.clusterId } }, lang === 'zh' ? c.nameZh : c.nameEn),
      h('ul.target-list', null, c.targets.map((x) => targetRow(x, lang))),
    );
  }
  return h('div.targets', null, renderBarLegend(lang), overall, d.clusters.length ? clusters : null);
}

function statusLegend(lang: Lang): HTMLElement {
  return h(
    'ul.status-legend',
    null,
    (['lead', 'contacted', 'negotiating', 'signed', 'landed', 'operating', 'dropped'] as const).map((st) =>
      h('li', null, h('span.key', { style: { background: projectStatusColors[st] } }), t(lang, statusKey(st))),
    ),
  );
}

export function renderClusterChart(d: DashboardData, lang: Lang): HTMLElement {
  const { rows, max } = clusterBars(d.pipeline, lang);
  const labelW = lang === 'zh' ? 120 : 260;
  const barW = 420;
  const rowH = 26;
  const top = 22;
  const width = labelW + barW + 40;
  const height = top + rows.length * rowH + 8;
  const ticks = axisTicks(max);
  const scaleMax = ticks[ticks.length - 1] || 1;
  const x = (v: number) => labelW + (v / scaleMax) * barW;
  const svg = s('svg', { class: 'chart cluster-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t(lang, 'dashClusterChart') });
  for (const v of ticks) {
    svg.append(s('line', { class: 'grid', x1: x(v), x2: x(v), y1: top - 4, y2: height - 6 }), s('text', { class: 'tick', x: x(v), y: top - 8, 'text-anchor': 'middle' }, String(v)));
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const g = s('g', { class: 'cluster-row', 'data-cluster-id': r.clusterId });
    g.append(s('text', { class: 'row-label', x: labelW - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end' }, r.name));
    for (const p of r.pieces) {
      const x0 = x(p.x0 * max);
      const x1 = x(p.x1 * max);
      g.append(
        s(
          'rect',
          { x: x0, y: y + 4, width: Math.max(0, x1 - x0 - 1), height: rowH - 8, fill: projectStatusColors[p.status], 'data-status': p.status },
          s('title', {}, `${r.name} · ${t(lang, statusKey(p.status))}: ${p.count}`),
        ),
      );
    }
    g.append(s('text', { class: 'row-total', x: x(r.total) + 6, y: y + rowH / 2 + 4 }, String(r.total)));
    svg.append(g);
  });
  return h(
    'section.dash-section.chart-card',
    null,
    h('h3', null, t(lang, 'dashClusterChart')),
    h('p.muted.small', null, t(lang, 'dashClusterChartHint')),
    svg,
    statusLegend(lang),
  );
}

/** Stages whose fill is dark enough for white text. */
const darkFill = new Set(['negotiating', 'landed', 'operating']);

export function renderFunnel(d: DashboardData, lang: Lang): HTMLElement {
  const { steps, dropped } = funnelView(d.pipeline, lang);
  const width = 560;
  const rowH = 40;
  const labelW = lang === 'zh' ? 56 : 96;
  const convW = lang === 'zh' ? 150 : 190;
  const barW = width - labelW - convW;
  const cx = labelW + barW / 2;
  const height = steps.length * rowH + 4;
  const svg = s('svg', { class: 'chart funnel-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t(lang, 'dashFunnel') });
  steps.forEach((st, i) => {
    const y = i * rowH + 2;
    // At least wide enough for its number, so an empty stage still reads.
    const w = Math.max(34, st.width * barW);
    const g = s('g', { class: 'funnel-step', 'data-status': st.status, 'data-reached': st.reached, 'data-count': st.count });
    g.append(
      s('text', { class: 'row-label', x: labelW - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end' }, st.label),
      s('rect', { x: cx - w / 2, y: y + 3, width: w, height: rowH - 6, rx: 3, fill: projectStatusColors[st.status] }, s('title', {}, `${st.label}: ${st.count} · ${t(lang, 'dashFunnelReached', { n: st.reached })}`)),
      s('text', { class: darkFill.has(st.status) ? 'in-bar light' : 'in-bar', x: cx, y: y + rowH / 2 + 4, 'text-anchor': 'middle' }, String(st.reached)),
      s(
        'text',
        { class: 'conv', x: labelW + barW + 8, y: y + rowH / 2 + 4 },
        `${t(lang, 'dashFunnelReached', { n: st.reached })}`,
        st.conversion === null ? '' : ` · ${t(lang, 'dashFunnelConversion', { pct: formatPct(st.conversion) })}`,
      ),
    );
    svg.append(g);
  });
  const current = h(
    'table.funnel-table',
    null,
    h('caption.sr-only', null, t(lang, 'dashFunnel')),
    h('tbody', null, [...steps, { status: 'dropped' as const, label: dropped.label, count: dropped.projects, investmentYi: dropped.investmentYi }].map((st) =>
      h(
        'tr',
        { dataset: { status: st.status } },
        h('th', { scope: 'row' }, h('span.key', { style: { background: projectStatusColors[st.status] } }), st.label),
        h('td.num', null, `${st.count} ${t(lang, 'unitProjects')}`),
        h('td.num.muted', null, st.investmentYi ? investmentText(st.investmentYi, lang) : ''),
      ),
    )),
  );
  return h('section.dash-section.chart-card', null, h('h3', null, t(lang, 'dashFunnel')), h('p.muted.small', null, t(lang, 'dashFunnelHint')), svg, current);
}
