// Cluster picker: the 12 clusters grouped by tier (国际影响力 / 国内领先 /
// 高成长), each card showing its missing / weak / strong counts before it is
// opened. Cards are links (#/c/<id>), so Tab + Enter and middle-click work.
import { statusPalette } from '../../../server/domain/palette.js';
import type { ClusterRow, ClusterSummary, Status, Tier } from '../api/queries.js';
import { pick, t, type Lang } from '../i18n.js';
import { h } from '../ui/dom.js';
import { formatHash } from '../state.js';

const tiers: Tier[] = ['INTERNATIONAL', 'NATIONAL', 'HIGH_GROWTH'];
const shownStatuses: Status[] = ['MISSING', 'WEAK', 'POTENTIAL', 'STRONG'];
const countKey = { MISSING: 'missing', WEAK: 'weak', POTENTIAL: 'potential', STRONG: 'strong' } as const;

/** A status swatch with its word and count; `n` undefined = no count, null = not known yet. */
export function statusChip(lang: Lang, status: Status, n?: number | null): HTMLElement {
  const p = statusPalette[status];
  return h(
    'span.chip',
    { dataset: { status }, title: t(lang, `status_${status}`) },
    h('span.chip-dot', { style: { background: p.fill, borderColor: p.stroke, borderStyle: p.dashed ? 'dashed' : 'solid' }, 'aria-hidden': 'true' }),
    h('span.chip-label', null, t(lang, `status_${status}`)),
    n === undefined ? null : h('b.chip-n', null, n === null ? '–' : String(n)),
  );
}

export function renderClusterPicker(
  lang: Lang,
  clusters: readonly ClusterRow[],
  summaries: ReadonlyMap<string, ClusterSummary> | null,
  segmentCounts: ReadonlyMap<string, number>,
  homeRegionName: string,
): HTMLElement {
  const root = h('div.picker', null, h('div.picker-head', null, h('h2', null, t(lang, 'pickerTitle')), h('p.muted', null, t(lang, 'pickerHint'), ' · ', t(lang, 'homeRegion', { name: homeRegionName }))));
  for (const tier of tiers) {
    const inTier = clusters.filter((c) => c.tier === tier);
    if (!inTier.length) continue;
    const list = h('ul.cluster-grid');
    for (const c of inTier) {
      const sum = summaries?.get(c.id) ?? null;
      const total = sum ? sum.counts.strong + sum.counts.potential + sum.counts.weak + sum.counts.missing : (segmentCounts.get(c.id) ?? null);
      const bar = h('div.status-bar', { 'aria-hidden': 'true' });
      if (sum && total) {
        for (const st of ['STRONG', 'POTENTIAL', 'WEAK', 'MISSING'] as Status[]) {
          const n = sum.counts[countKey[st]];
          if (!n) continue;
          const p = statusPalette[st];
          bar.append(h('span', { style: { flexGrow: String(n), background: st === 'MISSING' ? '#FBE3D4' : p.fill } }));
        }
      }
      const card = h(
        'a.cluster-card',
        { href: formatHash(c.id, null), dataset: { cluster: c.id } },
        h('div.cluster-name', null, pick(lang, c.nameZh, c.nameEn)),
        lang === 'zh' && c.nameEn ? h('div.cluster-name-en', null, c.nameEn) : null,
        bar,
        h('div.chips', null, shownStatuses.map((st) => statusChip(lang, st, sum ? sum.counts[countKey[st]] : null))),
        h('div.card-foot', null, total !== null ? t(lang, 'segmentsCount', { n: total }) : '', sum?.noLocalBase ? h('span.warn', null, ' · ', t(lang, 'noLocalBase')) : null),
      );
      list.append(h('li', null, card));
    }
    root.append(h('section.tier', { dataset: { tier } }, h('h3.tier-title', null, t(lang, `tier${tier}`), h('span.tier-n', null, String(inTier.length))), list));
  }
  return root;
}
