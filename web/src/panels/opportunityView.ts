// Opportunity view: a plain-SVG scatter of the opportunity model, quadrants
// labelled 优势 / 机会 / 薄弱 / 威胁 / 潜在进入. Each point is a button: click,
// Enter or Space focuses that segment on the chain map.
import { statusPalette } from '../../../server/domain/palette.js';
import { pick, t, type Lang } from '../i18n.js';
import { h, s } from '../ui/dom.js';
import { DENSITY_CUT, ENTRANT_STRIP, RCA_CUT, RCA_MAX, RCA_MIN, opportunityPoints, quadrantAreas, rcaToU, type OpportunityPoint } from './opportunityModel.js';
import type { SegmentAssessment } from '../api/queries.js';

const W = 1000;
const H = 600;
const PAD = { l: 70, r: 24, t: 20, b: 58 };

const quadrantTint: Record<string, string> = {
  STRENGTH: '#E8F5EF',
  OPPORTUNITY: '#EAF4FB',
  WEAKNESS: '#FBF3E4',
  THREAT: '#F9ECEF',
  POSSIBLE_ENTRANT: '#F2F4F7',
};

export function renderOpportunityView(lang: Lang, own: readonly SegmentAssessment[], neighbours: readonly SegmentAssessment[], selectedId: string | null, onPick: (p: OpportunityPoint) => void): HTMLElement {
  const points = opportunityPoints(own, neighbours);
  const pw = W - PAD.l - PAD.r;
  const ph = H - PAD.t - PAD.b;
  const X = (u: number) => PAD.l + u * pw;
  const Y = (v: number) => PAD.t + (1 - v) * ph;

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'opp-svg', role: 'group', 'aria-label': t(lang, 'oppTitle') });
  for (const q of quadrantAreas()) {
    svg.append(s('rect', { x: X(q.u0), y: Y(q.v1), width: X(q.u1) - X(q.u0), height: Y(q.v0) - Y(q.v1), fill: quadrantTint[q.quadrant] }));
    // Labels in the outer corners, away from the cut-off lines where points gather.
    const top = q.v1 === 1;
    const words = t(lang, `quadrant_${q.quadrant}` as 'quadrant_STRENGTH').split(' ');
    const lines = q.quadrant === 'POSSIBLE_ENTRANT' ? words : [words.join(' ')];
    const label = s('text', { x: X(q.u0) + 10, y: top ? Y(q.v1) + 22 : Y(q.v0) - 10 - (lines.length - 1) * 17, class: 'opp-quadrant', 'data-quadrant': q.quadrant });
    lines.forEach((l, i) => label.append(s('tspan', { x: X(q.u0) + 10, dy: i === 0 ? 0 : 17 }, l)));
    svg.append(label);
  }
  // Axes and cut-off lines.
  const cutU = rcaToU(RCA_CUT).u;
  svg.append(
    s('line', { x1: X(cutU), x2: X(cutU), y1: Y(0), y2: Y(1), class: 'opp-cut' }),
    s('line', { x1: X(ENTRANT_STRIP), x2: X(1), y1: Y(DENSITY_CUT), y2: Y(DENSITY_CUT), class: 'opp-cut' }),
    s('line', { x1: X(0), x2: X(1), y1: Y(0), y2: Y(0), class: 'opp-axis' }),
    s('line', { x1: X(0), x2: X(0), y1: Y(0), y2: Y(1), class: 'opp-axis' }),
  );
  for (let r = RCA_MIN; r <= RCA_MAX; r *= 2) {
    const u = rcaToU(r).u;
    svg.append(s('text', { x: X(u), y: Y(0) + 18, class: 'opp-tick', 'text-anchor': 'middle' }, r < 1 ? `1/${1 / r}` : String(r)));
  }
  svg.append(s('text', { x: X(ENTRANT_STRIP / 2), y: Y(0) + 18, class: 'opp-tick', 'text-anchor': 'middle' }, t(lang, 'oppEntrantStrip')));
  for (const v of [0, 0.25, 0.5, 0.75, 1]) svg.append(s('text', { x: PAD.l - 8, y: Y(v) + 4, class: 'opp-tick', 'text-anchor': 'end' }, v.toFixed(2)));
  svg.append(
    s('text', { x: X(0.57), y: H - 12, class: 'opp-axis-label', 'text-anchor': 'middle' }, t(lang, 'oppAxisX')),
    s('text', { x: 18, y: Y(0.5), class: 'opp-axis-label', 'text-anchor': 'middle', transform: `rotate(-90 18 ${Y(0.5)})` }, t(lang, 'oppAxisY')),
  );

  // Labels: most critical first, each on the first free side of its point; one that fits nowhere is left to the tooltip.
  const taken: { x0: number; y0: number; x1: number; y1: number }[] = [];
  const free = (b: { x0: number; y0: number; x1: number; y1: number }) =>
    b.x0 >= PAD.l && b.x1 <= W - 4 && b.y0 >= PAD.t && b.y1 <= H - PAD.b && !taken.some((o) => b.x0 < o.x1 && b.x1 > o.x0 && b.y0 < o.y1 && b.y1 > o.y0);
  const labelSpot = (cx: number, cy: number, r: number, text: string): { x: number; y: number; anchor: string } | null => {
    const w = [...text].reduce((a, ch) => a + (/[\u2E80-\u9FFF]/.test(ch) ? 11.5 : 6.4), 0);
    const tries = [
      { x: cx + r + 4, y: cy + 4, anchor: 'start', b: { x0: cx + r + 3, y0: cy - 8, x1: cx + r + 5 + w, y1: cy + 7 } },
      { x: cx - r - 4, y: cy + 4, anchor: 'end', b: { x0: cx - r - 5 - w, y0: cy - 8, x1: cx - r - 3, y1: cy + 7 } },
      { x: cx, y: cy - r - 5, anchor: 'middle', b: { x0: cx - w / 2, y0: cy - r - 18, x1: cx + w / 2, y1: cy - r - 3 } },
      { x: cx, y: cy + r + 14, anchor: 'middle', b: { x0: cx - w / 2, y0: cy + r + 2, x1: cx + w / 2, y1: cy + r + 17 } },
    ];
    for (const c of tries) if (free(c.b)) return (taken.push(c.b), { x: c.x, y: c.y, anchor: c.anchor });
    return null;
  };
  // Spread points that share a spot (RCA 0 strip) a little so each stays clickable.
  const seen = new Map<string, number>();
  const placedPoints: { p: OpportunityPoint; g: SVGGElement; cx: number; cy: number; r: number; name: string }[] = [];
  const sorted = [...points].sort((a, b) => Number(a.own) - Number(b.own) || a.criticality - b.criticality);
  for (const p of sorted) {
    const key = `${Math.round(p.u * 60)}:${Math.round(p.v * 40)}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const jitter = k === 0 ? 0 : ((k % 2 ? 1 : -1) * Math.ceil(k / 2) * 9);
    const cx = X(p.u) + jitter;
    const cy = Y(p.v);
    const pal = statusPalette[p.status];
    const r = 5 + 8 * p.criticality;
    const name = pick(lang, p.name.zh, p.name.en);
    const label = p.own ? name : `${pick(lang, p.clusterName.zh, p.clusterName.en)} · ${name}`;
    const desc = `${label} — ${t(lang, `status_${p.status}`)}, RCA ${p.rca.toFixed(2)}, ${t(lang, 'density')} ${p.density.toFixed(2)}`;
    const g = s('g', { class: `opp-point${p.own ? ' own' : ' neighbor'}${p.id === selectedId ? ' selected' : ''}`, tabindex: 0, role: 'button', 'aria-label': desc, 'data-id': p.id });
    g.append(
      s('title', {}, desc),
      s('circle', { cx, cy, r, fill: pal.fill, stroke: pal.stroke, 'stroke-width': p.own ? 1.8 : 1.4, 'stroke-dasharray': p.own ? undefined : '3 2', 'fill-opacity': p.own ? 1 : 0.55 }),
    );
    placedPoints.push({ p, g, cx, cy, r, name });
    const press = (e: Event) => {
      e.preventDefault();
      onPick(p);
    };
    g.addEventListener('click', press);
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') press(e);
    });
    svg.append(g);
  }
  for (const q of placedPoints) taken.push({ x0: q.cx - q.r, y0: q.cy - q.r, x1: q.cx + q.r, y1: q.cy + q.r });
  for (const q of [...placedPoints].filter((x) => x.p.own).sort((a, b) => b.p.criticality - a.p.criticality)) {
    const spot = labelSpot(q.cx, q.cy, q.r, q.name);
    if (spot) q.g.append(s('text', { x: spot.x, y: spot.y, 'text-anchor': spot.anchor, class: 'opp-label' }, q.name));
  }

  const legend = h(
    'div.opp-legend',
    null,
    h('span.opp-key.own', null, t(lang, 'oppOwn')),
    h('span.opp-key.neighbor', null, t(lang, 'oppNeighbor')),
    h('span.opp-key-size', null, t(lang, 'legendSize')),
  );
  return h('div.opp-view', null, h('h2.opp-title', null, t(lang, 'oppTitle')), h('p.opp-hint', null, t(lang, 'oppHint')), legend, h('div.opp-plot', null, svg));
}
