// Side panel with no segment selected: the cluster at a glance — status
// counts, the weak links (断点) listed, the top 补链/强链/延链 priorities and
// every segment as a keyboard-reachable list.
import { actionPalette } from '../../../server/domain/palette.js';
import type { Gaps, SegmentAssessment } from '../api/queries.js';
import { formatPercent, pick, t, type Lang } from '../i18n.js';
import { h, pressable } from '../ui/dom.js';
import { statusChip } from './clusterPicker.js';

export interface OverviewHandlers {
  onSelect(segmentId: string): void;
}

export function segmentName(lang: Lang, gaps: Gaps, id: string): string {
  const s = gaps.segments.find((x) => x.segmentId === id) ?? gaps.neighborSegments.find((x) => x.segmentId === id);
  if (!s) return id;
  const name = pick(lang, s.segment.nameZh, s.segment.nameEn);
  return s.clusterId === gaps.clusterId ? name : `${pick(lang, s.segment.cluster.nameZh, s.segment.cluster.nameEn)}·${name}`;
}

export function renderOverview(lang: Lang, gaps: Gaps, handlers: OverviewHandlers): HTMLElement {
  const c = gaps.counts;
  const root = h('div.panel-body');
  const desc = pick(lang, gaps.cluster.descriptionZh ?? '', gaps.cluster.descriptionEn);
  root.append(h('h2.panel-title', null, pick(lang, gaps.cluster.nameZh, gaps.cluster.nameEn)));
  if (desc) root.append(h('p.muted.desc', null, desc));

  root.append(
    h('section.block', null, h('h3', null, t(lang, 'countsTitle')), h('div.chips.big', null, statusChip(lang, 'MISSING', c.missing), statusChip(lang, 'WEAK', c.weak), statusChip(lang, 'POTENTIAL', c.potential), statusChip(lang, 'STRONG', c.strong))),
  );

  const wl = h('ul.rows.weak-links');
  for (const w of gaps.weakLinks) {
    const row = pressable(
      h(
        'li.row',
        { dataset: { from: w.from, to: w.to }, title: w.reasons.map((r) => r[lang]).join('\n') },
        h('span.wl-mark', { 'aria-hidden': 'true' }),
        h('span.row-main', null, t(lang, 'weakLinkRow', { from: segmentName(lang, gaps, w.from), to: segmentName(lang, gaps, w.to) })),
        h('span.row-side', null, t(lang, `status_${w.fromStatus}`), w.localSourcingRatio !== null ? ` · ${t(lang, 'sourcingRatio', { pct: formatPercent(w.localSourcingRatio) })}` : ''),
      ),
      () => handlers.onSelect(w.from),
    );
    wl.append(row);
  }
  root.append(h('section.block', null, h('h3', null, t(lang, 'weakLinksTitle'), h('span.count', null, String(gaps.weakLinks.length))), gaps.weakLinks.length ? wl : h('p.muted', null, t(lang, 'weakLinksNone'))));

  const acts = h('ol.rows.actions');
  for (const a of gaps.actions.slice(0, 8)) {
    acts.append(
      pressable(
        h(
          'li.row',
          { dataset: { segment: a.segmentId }, title: a.reasons.map((r) => r[lang]).join('\n') },
          h('span.action-tag', { style: { background: actionPalette[a.kind].color } }, t(lang, `action_${a.kind}`)),
          h('span.row-main', null, segmentName(lang, gaps, a.segmentId)),
          h('span.row-side', null, t(lang, 'priority', { p: Math.round(a.priority) })),
        ),
        () => handlers.onSelect(a.segmentId),
      ),
    );
  }
  root.append(h('section.block', null, h('h3', null, t(lang, 'actionsTitle')), acts));

  const byStage = new Map<string, SegmentAssessment[]>();
  for (const s of gaps.segments) byStage.set(s.segment.stage, [...(byStage.get(s.segment.stage) ?? []), s]);
  const list = h('div.segment-list');
  for (const stage of ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM', 'SUPPORT'] as const) {
    const segs = byStage.get(stage);
    if (!segs) continue;
    const ul = h('ul.rows.compact');
    for (const s of segs) {
      ul.append(
        pressable(
          h('li.row', { dataset: { segment: s.segmentId, status: s.status } }, h('span.dot', { dataset: { status: s.status }, 'aria-hidden': 'true' }), h('span.row-main', null, pick(lang, s.segment.nameZh, s.segment.nameEn)), h('span.row-side', null, t(lang, `status_${s.status}`))),
          () => handlers.onSelect(s.segmentId),
        ),
      );
    }
    list.append(h('h4', null, t(lang, `stage_${stage}`)), ul);
  }
  root.append(h('section.block', null, h('h3', null, t(lang, 'segmentListTitle')), list));
  return root;
}
