// What the plan-targets dashboard shows, computed from GET /plan/progress
// without the DOM: per target the numbers and the bar geometry (achieved,
// pipeline, target and 力争 stretch ticks, where the pace of time puts it), the
// pipeline funnel 线索→接洽→洽谈→签约→落地→投产 (终止 apart), and the
// per-cluster breakdown. Pure, so the presentation math is unit-tested.
import type { ProjectStatus } from '../../../server/domain/model.js';
import type { PipelineSummary, StatusTotal } from '../../../server/plan/pipeline.js';
import type { PlanProgress, TargetProgress } from '../../../server/plan/progress.js';
import { pick, t, type Lang } from '../i18n.js';

/** The body of GET /plan/progress. */
export type DashboardData = PlanProgress & { pipeline: PipelineSummary };

/** The funnel's stages in pipeline order; 终止 (dropped) is shown apart. */
export const funnelStages = ['lead', 'contacted', 'negotiating', 'signed', 'landed', 'operating'] as const satisfies readonly ProjectStatus[];

/** Blues before signing, greens from signing on, grey for dropped (distinct in greyscale too). */
export const projectStatusColors: Readonly<Record<ProjectStatus, string>> = {
  lead: '#c6dbef',
  contacted: '#9ecae1',
  negotiating: '#4292c6',
  signed: '#a1d99b',
  landed: '#41ab5d',
  operating: '#006d2c',
  dropped: '#bdbdbd',
};

export const statusKey = (s: ProjectStatus) => `project_${s.toUpperCase() as Uppercase<ProjectStatus>}` as const;

/** 1,234 / 12.5: counts as integers, amounts (亿元) with at most two decimals. */
export function formatValue(x: number, lang: Lang): string {
  const rounded = Math.round(x * 100) / 100;
  return rounded.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });
}

/** 37%; below 1% one decimal (0.2%) so a small start is not shown as nothing; 0 is 0%. */
export function formatPct(ratio: number): string {
  const pct = ratio * 100;
  if (pct > 0 && pct < 1) return `${Math.max(0.1, Math.round(pct * 10) / 10)}%`;
  return `${Math.round(pct)}%`;
}

export type Pace = 'reached' | 'onPace' | 'behind' | 'notStarted';

export function paceOf(tp: Pick<TargetProgress, 'ratio' | 'onTrack' | 'elapsed'>): Pace {
  if (tp.ratio >= 1) return 'reached';
  if (tp.elapsed === 0) return 'notStarted';
  return tp.onTrack ? 'onPace' : 'behind';
}

/** Positions along the bar, as fractions 0–1 of its full length. */
export interface TargetBar {
  achieved: number;
  /** Where achieved + pipeline would reach (≥ achieved). */
  potential: number;
  target: number;
  stretch: number | null;
  /** Where achievement should be now if it kept pace with time (elapsed × target). */
  pace: number;
}

export interface TargetView {
  id: string;
  name: string;
  clause: string | null;
  note: string | null;
  unit: string;
  achievedText: string;
  targetText: string;
  stretchText: string | null;
  pctText: string;
  stretchPctText: string | null;
  elapsedText: string;
  pipelineText: string;
  potentialText: string;
  pace: Pace;
  undatedCounted: number;
  bar: TargetBar;
}

/**
 * The bar spans the larger of the stretch target (or the target) and what is
 * achieved, so the target tick and an over-achievement both stay visible; the
 * pipeline is drawn up to the bar's end at most.
 */
export function targetBar(tp: Pick<TargetProgress, 'achieved' | 'inPipeline' | 'target' | 'stretchTarget' | 'elapsed'>): TargetBar {
  const full = Math.max(tp.stretchTarget ?? tp.target, tp.target, tp.achieved);
  const at = (x: number) => Math.min(1, Math.max(0, x / full));
  return {
    achieved: at(tp.achieved),
    potential: at(tp.achieved + tp.inPipeline),
    target: at(tp.target),
    stretch: tp.stretchTarget ? at(tp.stretchTarget) : null,
    pace: at(tp.elapsed * tp.target),
  };
}

export function targetView(tp: TargetProgress, lang: Lang): TargetView {
  const unit = lang === 'zh' ? tp.unitZh : tp.unitEn;
  return {
    id: tp.targetId,
    name: pick(lang, tp.nameZh, tp.nameEn),
    clause: tp.clause,
    note: lang === 'zh' ? tp.noteZh : (tp.noteEn ?? tp.noteZh),
    unit,
    achievedText: formatValue(tp.achieved, lang),
    targetText: formatValue(tp.target, lang),
    stretchText: tp.stretchTarget === null ? null : formatValue(tp.stretchTarget, lang),
    pctText: formatPct(tp.ratio),
    stretchPctText: tp.stretchRatio === null ? null : formatPct(tp.stretchRatio),
    elapsedText: formatPct(tp.elapsed),
    pipelineText: formatValue(tp.inPipeline, lang),
    potentialText: formatPct(tp.potentialRatio),
    pace: paceOf(tp),
    undatedCounted: tp.undatedCounted,
    bar: targetBar(tp),
  };
}

export interface Summary {
  targets: number;
  /** Targets reached or on pace. */
  onPace: number;
  /** Projects in 线索 / 接洽 / 洽谈. */
  active: number;
  total: number;
  illustrative: number;
  signedInYear: PipelineSummary['signedInYear'];
  /** The plan period when every target shares one (the usual case). */
  period: { start: string; end: string } | null;
  elapsed: number | null;
}

export function summarize(d: DashboardData): Summary {
  const all = [...d.overall, ...d.clusters.flatMap((c) => c.targets)];
  const periods = new Set(all.map((x) => `${x.period.start}|${x.period.end}`));
  const one = periods.size === 1 ? all[0]! : null;
  const count = (s: ProjectStatus) => d.pipeline.byStatus.find((x) => x.status === s)?.projects ?? 0;
  return {
    targets: all.length,
    onPace: all.filter((x) => paceOf(x) === 'reached' || paceOf(x) === 'onPace').length,
    active: count('lead') + count('contacted') + count('negotiating'),
    total: d.pipeline.total,
    illustrative: d.pipeline.illustrative,
    signedInYear: d.pipeline.signedInYear,
    period: one ? one.period : null,
    elapsed: one ? one.elapsed : null,
  };
}

export interface FunnelStep {
  status: ProjectStatus;
  label: string;
  /** Projects now in this status. */
  count: number;
  investmentYi: number;
  /** Projects now at this stage or a later one (dropped excluded). */
  reached: number;
  /** reached / reached of the previous stage; null for the first stage or when the previous is 0. */
  conversion: number | null;
  /** reached / reached of the first stage: the funnel's width, 0–1. */
  width: number;
}

export function funnelView(p: PipelineSummary, lang: Lang): { steps: FunnelStep[]; dropped: StatusTotal & { label: string } } {
  const byStatus = new Map(p.byStatus.map((s) => [s.status, s]));
  const counts = funnelStages.map((s) => byStatus.get(s)?.projects ?? 0);
  const reached = counts.map((_, i) => counts.slice(i).reduce((a, b) => a + b, 0));
  const top = reached[0] ?? 0;
  const steps = funnelStages.map((status, i) => ({
    status,
    label: t(lang, statusKey(status)),
    count: counts[i]!,
    investmentYi: byStatus.get(status)?.investmentYi ?? 0,
    reached: reached[i]!,
    conversion: i === 0 || reached[i - 1] === 0 ? null : reached[i]! / reached[i - 1]!,
    width: top === 0 ? 0 : reached[i]! / top,
  }));
  const dropped = byStatus.get('dropped') ?? { status: 'dropped' as const, projects: 0, investmentYi: 0 };
  return { steps, dropped: { ...dropped, label: t(lang, 'project_DROPPED') } };
}

export interface ClusterBarRow {
  clusterId: string;
  name: string;
  total: number;
  /** Stacked pieces in pipeline order (dropped last); x0/x1 are fractions of the largest cluster's total. */
  pieces: { status: ProjectStatus; count: number; x0: number; x1: number }[];
}

const stackOrder: readonly ProjectStatus[] = [...funnelStages, 'dropped'];

export function clusterBars(p: PipelineSummary, lang: Lang): { rows: ClusterBarRow[]; max: number } {
  const max = Math.max(0, ...p.clusters.map((c) => c.total));
  const rows = p.clusters.map((c) => {
    let x = 0;
    const pieces = stackOrder
      .filter((s) => c.byStatus[s] > 0)
      .map((status) => {
        const count = c.byStatus[status];
        const piece = { status, count, x0: x / max, x1: (x + count) / max };
        x += count;
        return piece;
      });
    return { clusterId: c.clusterId, name: pick(lang, c.nameZh, c.nameEn), total: c.total, pieces };
  });
  return { rows, max };
}

/** Ticks for an axis from 0 to max: whole numbers, at most about five. */
export function axisTicks(max: number): number[] {
  if (max <= 0) return [0];
  const rough = max / 5;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= rough) ?? 10 * pow);
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push(v);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}
