// The plan-targets dashboard's view-model (web/src/dashboard/model.ts): bar
// geometry and progress texts worked out by hand, pace states, the funnel's
// order and cumulative counts, the per-cluster stacks.
import { describe, expect, it } from 'vitest';
import type { PipelineSummary } from '../../server/plan/pipeline.js';
import type { TargetProgress } from '../../server/plan/progress.js';
import { axisTicks, clusterBars, formatPct, formatValue, funnelStages, funnelView, paceOf, summarize, targetBar, targetView, type DashboardData } from '../../web/src/dashboard/model.js';

function target(over: Partial<TargetProgress> = {}): TargetProgress {
  const base: TargetProgress = {
    targetId: 't',
    nameZh: '总投资超亿元重大项目',
    nameEn: 'Major projects',
    clusterId: null,
    metric: 'projects.count',
    unitZh: '个',
    unitEn: 'projects',
    clause: '一(三)3',
    noteZh: null,
    noteEn: null,
    sourceId: 's',
    period: { start: '2020-01-01', end: '2022-12-31' },
    target: 300,
    stretchTarget: 400,
    achieved: 120,
    ratio: 0.4,
    stretchRatio: 0.3,
    elapsed: 0.5,
    onTrack: false,
    inPipeline: 60,
    potentialRatio: 0.6,
    byStatus: { lead: 0, contacted: 0, negotiating: 60, signed: 100, landed: 20, operating: 0, dropped: 0 },
    undatedCounted: 0,
    achievedProjectIds: [],
  };
  return { ...base, ...over };
}

const zero = { lead: 0, contacted: 0, negotiating: 0, signed: 0, landed: 0, operating: 0, dropped: 0 };

const pipeline: PipelineSummary = {
  byStatus: [
    { status: 'lead', projects: 10, investmentYi: 0 },
    { status: 'contacted', projects: 6, investmentYi: 12 },
    { status: 'negotiating', projects: 4, investmentYi: 30.5 },
    { status: 'signed', projects: 3, investmentYi: 9 },
    { status: 'landed', projects: 0, investmentYi: 0 },
    { status: 'operating', projects: 1, investmentYi: 15 },
    { status: 'dropped', projects: 2, investmentYi: 4 },
  ],
  total: 26,
  illustrative: 26,
  clusters: [
    { clusterId: 'ic', nameZh: '集成电路', nameEn: 'Integrated Circuits', byStatus: { ...zero, lead: 2, signed: 1, dropped: 1 }, total: 4 },
    { clusterId: 'iot', nameZh: '物联网', nameEn: 'IoT', byStatus: { ...zero, negotiating: 2 }, total: 2 },
    { clusterId: 'ai', nameZh: '人工智能', nameEn: 'AI', byStatus: zero, total: 0 },
  ],
  signedInYear: { year: 2026, projects: 2, investmentYi: 8, projectIds: ['a', 'b'] },
};

describe('target bars and texts', () => {
  it('the bar spans the stretch target: achieved 120 of 400 = 0.3, target tick 0.75, pace 0.5 × 300 = 150 → 0.375', () => {
    expect(targetBar(target())).toEqual({ achieved: 0.3, potential: 0.45, target: 0.75, stretch: 1, pace: 0.375 });
  });

  it('over-achievement stretches the bar; the pipeline is clipped at its end', () => {
    const b = targetBar(target({ achieved: 500, inPipeline: 100, stretchTarget: null, elapsed: 1 }));
    expect(b).toEqual({ achieved: 1, potential: 1, target: 0.6, stretch: null, pace: 0.6 });
  });

  it('texts in Chinese and English, percentages rounded (small ones keep a decimal)', () => {
    const zh = targetView(target(), 'zh');
    expect(zh).toMatchObject({ name: '总投资超亿元重大项目', achievedText: '120', targetText: '300', stretchText: '400', pctText: '40%', stretchPctText: '30%', elapsedText: '50%', unit: '个', pace: 'behind' });
    const en = targetView(target({ target: 1500, achieved: 3, ratio: 3 / 1500, stretchTarget: null, stretchRatio: null }), 'en');
    expect(en).toMatchObject({ name: 'Major projects', targetText: '1,500', pctText: '0.2%', stretchText: null, unit: 'projects' });
    expect(formatPct(0)).toBe('0%');
    expect(formatPct(0.0004)).toBe('0.1%');
    expect(formatPct(1.234)).toBe('123%');
    expect(formatValue(12.3456, 'zh')).toBe('12.35');
  });

  it('pace: reached ≥ 100%, not started before the period, else on pace or behind', () => {
    expect(paceOf({ ratio: 1, onTrack: true, elapsed: 0.4 })).toBe('reached');
    expect(paceOf({ ratio: 0, onTrack: true, elapsed: 0 })).toBe('notStarted');
    expect(paceOf({ ratio: 0.5, onTrack: true, elapsed: 0.4 })).toBe('onPace');
    expect(paceOf({ ratio: 0.3, onTrack: false, elapsed: 0.4 })).toBe('behind');
  });
});

describe('funnel', () => {
  const f = funnelView(pipeline, 'zh');

  it('stages in pipeline order 线索→接洽→洽谈→签约→落地→投产, 终止 apart', () => {
    expect(f.steps.map((s) => s.status)).toEqual([...funnelStages]);
    expect(f.steps.map((s) => s.label)).toEqual(['线索', '接洽', '洽谈', '签约', '落地', '投产']);
    expect(f.dropped).toMatchObject({ status: 'dropped', label: '终止', projects: 2 });
  });

  it('reached = at this stage or later (24, 14, 8, 4, 1, 1); conversion against the previous stage; width against the first', () => {
    expect(f.steps.map((s) => s.reached)).toEqual([24, 14, 8, 4, 1, 1]);
    expect(f.steps.map((s) => s.count)).toEqual([10, 6, 4, 3, 0, 1]);
    expect(f.steps[0]!.conversion).toBeNull();
    expect(f.steps[1]!.conversion).toBeCloseTo(14 / 24, 12);
    expect(f.steps[5]!.conversion).toBe(1);
    expect(f.steps[2]!.width).toBeCloseTo(8 / 24, 12);
  });

  it('an empty pipeline has zero widths and no conversions', () => {
    const empty = funnelView({ ...pipeline, byStatus: pipeline.byStatus.map((s) => ({ ...s, projects: 0 })) }, 'en');
    expect(empty.steps.every((s) => s.width === 0 && s.conversion === null)).toBe(true);
    expect(empty.steps[0]!.label).toBe('Lead');
  });
});

describe('per-cluster stacks and summary', () => {
  it('pieces in pipeline order (dropped last), as fractions of the largest cluster; empty clusters kept', () => {
    const { rows, max } = clusterBars(pipeline, 'en');
    expect(max).toBe(4);
    expect(rows.map((r) => [r.name, r.total])).toEqual([['Integrated Circuits', 4], ['IoT', 2], ['AI', 0]]);
    expect(rows[0]!.pieces).toEqual([
      { status: 'lead', count: 2, x0: 0, x1: 0.5 },
      { status: 'signed', count: 1, x0: 0.5, x1: 0.75 },
      { status: 'dropped', count: 1, x0: 0.75, x1: 1 },
    ]);
    expect(rows[2]!.pieces).toEqual([]);
    expect(axisTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(axisTicks(23)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(axisTicks(0)).toEqual([0]);
  });

  it('summary: targets on pace or reached, active projects (lead–negotiating), the shared plan period', () => {
    const data: DashboardData = {
      asOf: '2021-07-01',
      overall: [target(), target({ targetId: 'u', ratio: 0.6, onTrack: true })],
      clusters: [{ clusterId: 'ic', nameZh: '集成电路', nameEn: 'IC', targets: [target({ targetId: 'v', ratio: 1.2, onTrack: true })] }],
      pipeline,
    };
    expect(summarize(data)).toMatchObject({ targets: 3, onPace: 2, active: 20, total: 26, illustrative: 26, period: { start: '2020-01-01', end: '2022-12-31' }, elapsed: 0.5 });
    expect(summarize({ ...data, clusters: [{ ...data.clusters[0]!, targets: [target({ period: { start: '2023-01-01', end: '2025-12-31' } })] }] }).period).toBeNull();
  });
});
