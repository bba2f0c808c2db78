// Plan-target progress against a hand-computed fixture (numbers worked out in
// the comments), and the real plan targets file (graph-seeds/plan/).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanTarget, type Project } from '../../server/domain/model.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { achievedOn, elapsedShare, planProgress } from '../../server/plan/progress.js';
import { loadPlanTargets } from '../../server/plan/targets.js';

const segments = [
  { id: 'a1', clusterId: 'ca' },
  { id: 'a2', clusterId: 'ca' },
  { id: 'b1', clusterId: 'cb' },
];
const clusters = [
  { id: 'ca', nameZh: '甲集群', nameEn: 'Cluster A' },
  { id: 'cb', nameZh: '乙集群', nameEn: 'Cluster B' },
  { id: 'cc', nameZh: '丙集群', nameEn: 'Cluster C' },
];

function project(id: string, firmId: string, segmentIds: string[], status: Project['status'], extra: Partial<Project> = {}): Project {
  return { id, nameZh: id, firmId, segmentIds, status, history: [], illustrative: false, sourceId: 's', confidence: 1, ...extra };
}

const projects: Project[] = [
  project('p1', 'f1', ['a1'], 'signed', { investmentYi: 2, signedOn: '2021-03-01' }),
  project('p2', 'f1', ['a1'], 'operating', { investmentYi: 0.5, signedOn: '2020-05-01' }),
  // No signedOn: dated by the history entry that reached an achieved status (2021-06-01).
  project('p3', 'f2', ['a2', 'b1'], 'landed', {
    investmentYi: 12,
    history: [
      { at: '2021-01-05T09:00:00Z', by: 'x', from: null, to: 'negotiating' },
      { at: '2021-06-01T10:00:00Z', by: 'x', from: 'negotiating', to: 'signed' },
      { at: '2021-09-01T10:00:00Z', by: 'x', from: 'signed', to: 'landed' },
    ],
  }),
  project('p4', 'f3', ['b1'], 'negotiating', { investmentYi: 30 }),
  project('p5', 'f4', ['b1'], 'signed', { investmentYi: 1, signedOn: '2023-02-01' }), // after the period
  project('p6', 'f5', ['a2'], 'dropped', { investmentYi: 5 }),
  project('p7', 'f6', ['a1'], 'signed'), // no amount, no date
  project('p8', 'f2', ['b1'], 'lead', { investmentYi: 1 }),
];

const period = { start: '2020-01-01', end: '2022-12-31' };
const target = (raw: object) => PlanTarget.parse({ sourceId: 's', confidence: 1, period, ...raw });

const targets = [
  target({ id: 't1', nameZh: '超亿元项目', nameEn: 'T1', metric: 'projects.count', filter: { minInvestmentYi: 1 }, target: 3, stretchTarget: 4 }),
  target({ id: 't2', nameZh: '甲企业', nameEn: 'T2', clusterId: 'ca', metric: 'projects.firms', target: 10, unitZh: '家', unitEn: 'firms' }),
  target({ id: 't3', nameZh: '乙投资', nameEn: 'T3', clusterId: 'cb', metric: 'projects.investmentYi', filter: { undated: 'exclude' }, target: 100 }),
  target({ id: 't4', nameZh: 'a2项目', nameEn: 'T4', metric: 'projects.count', filter: { clusterIds: ['ca', 'cb'], segmentIds: ['a2'] }, target: 1 }),
  target({ id: 't5', nameZh: '甲项目(有日期)', nameEn: 'T5', clusterId: 'ca', metric: 'projects.count', filter: { undated: 'exclude' }, target: 6 }),
];

describe('plan progress (hand-computed)', () => {
  const asOf = '2021-12-31';
  const progress = planProgress({ targets, projects, segments, clusters, asOf });
  const byId = new Map([...progress.overall, ...progress.clusters.flatMap((c) => c.targets)].map((t) => [t.targetId, t]));

  it('elapsed share: 2020 (366 days) + 2021 (365) of 1,096 days', () => {
    expect(elapsedShare(period, asOf)).toBeCloseTo(731 / 1096, 12);
    expect(elapsedShare(period, '2019-06-01')).toBe(0);
    expect(elapsedShare(period, '2024-01-01')).toBe(1);
    expect(elapsedShare(period, '2022-12-31')).toBe(1);
  });

  it('dating: signedOn, else the history entry into an achieved status', () => {
    expect(achievedOn(projects[0]!, ['signed'])).toBe('2021-03-01');
    expect(achievedOn(projects[2]!, ['signed', 'landed', 'operating'])).toBe('2021-06-01');
    expect(achievedOn(projects[6]!, ['signed'])).toBeNull();
  });

  it('T1 district-wide, ≥ 1 亿元: p1 and p3 achieved; p4, p8 and p5 (signed only in 2023, after the as-of day) in the pipeline', () => {
    const t1 = byId.get('t1')!;
    expect(t1.achieved).toBe(2);
    expect(t1.achievedProjectIds).toEqual(['p1', 'p3']);
    expect(t1.ratio).toBeCloseTo(2 / 3, 12);
    expect(t1.stretchRatio).toBe(0.5);
    // 2/3 = 0.66667 < 731/1096 = 0.66697: just behind the pace of time.
    expect(t1.onTrack).toBe(false);
    expect(t1.inPipeline).toBe(3);
    expect(t1.potentialRatio).toBeCloseTo(5 / 3, 12);
    expect(t1.byStatus).toEqual({ lead: 1, contacted: 0, negotiating: 1, signed: 2, landed: 1, operating: 0, dropped: 1 });
    expect(t1.undatedCounted).toBe(0);
  });

  it('T2 cluster A, distinct firms: f1 (p1, p2), f2 (p3), f6 (p7, undated, counted) = 3', () => {
    const t2 = byId.get('t2')!;
    expect(t2.achieved).toBe(3);
    expect(t2.undatedCounted).toBe(1);
    expect(t2.inPipeline).toBe(0);
    expect(t2.ratio).toBeCloseTo(0.3, 12);
    expect(t2.onTrack).toBe(false);
    expect(t2.byStatus).toEqual({ lead: 0, contacted: 0, negotiating: 0, signed: 2, landed: 1, operating: 1, dropped: 1 });
  });

  it('T3 cluster B, investment: p3 12 亿元 achieved; p4 30 + p8 1 + p5 1 in the pipeline', () => {
    const t3 = byId.get('t3')!;
    expect(t3.achieved).toBe(12);
    expect(t3.inPipeline).toBe(32);
    expect(t3.potentialRatio).toBeCloseTo(0.44, 12);
    expect(t3.byStatus).toEqual({ lead: 1, contacted: 0, negotiating: 30, signed: 1, landed: 12, operating: 0, dropped: 0 });
  });

  it('T4 segment filter a2: p3 achieved (p6 dropped); T5 excludes undated p7: p1, p2, p3', () => {
    expect(byId.get('t4')!.achieved).toBe(1);
    expect(byId.get('t4')!.onTrack).toBe(true);
    expect(byId.get('t5')!.achievedProjectIds).toEqual(['p1', 'p2', 'p3']);
    expect(byId.get('t5')!.undatedCounted).toBe(0);
  });

  it('as of a day before a signing, that project is not achieved yet but in the pipeline (p3, signed 2021-06-01)', () => {
    const early = planProgress({ targets, projects, segments, clusters, asOf: '2021-05-31' });
    const at = new Map([...early.overall, ...early.clusters.flatMap((c) => c.targets)].map((t) => [t.targetId, t]));
    // T1: p1 only; pipeline p4, p8, p5 and now p3.
    expect(at.get('t1')).toMatchObject({ achieved: 1, achievedProjectIds: ['p1'], inPipeline: 4 });
    expect(at.get('t1')!.potentialRatio).toBeCloseTo(5 / 3, 12);
    // T2 distinct firms: f1 (p1, p2) and f6 (p7, undated); f2 (p3) is in the pipeline.
    expect(at.get('t2')).toMatchObject({ achieved: 2, inPipeline: 1 });
    // T3 investment: nothing yet; pipeline 30 + 1 + 12 + 1.
    expect(at.get('t3')).toMatchObject({ achieved: 0, inPipeline: 44 });
    expect(at.get('t5')!.achievedProjectIds).toEqual(['p1', 'p2']);
    // By status is today's status, whatever the as-of day.
    expect(at.get('t1')!.byStatus).toEqual(byId.get('t1')!.byStatus);
  });

  it('after the period: p5 (signed 2023) is neither achieved nor in the pipeline', () => {
    const late = planProgress({ targets, projects, segments, clusters, asOf: '2024-01-01' });
    expect(late.overall.find((t) => t.targetId === 't1')).toMatchObject({ achieved: 2, achievedProjectIds: ['p1', 'p3'], inPipeline: 2, elapsed: 1 });
  });

  it('grouping: district-wide targets, then clusters with targets in cluster order', () => {
    expect(progress.asOf).toBe(asOf);
    expect(progress.overall.map((t) => t.targetId)).toEqual(['t1', 't4']);
    expect(progress.clusters.map((c) => [c.clusterId, c.targets.map((t) => t.targetId)])).toEqual([
      ['ca', ['t2', 't5']],
      ['cb', ['t3']],
    ]);
  });
});

describe('the plan targets as data', () => {
  const seeds = join(import.meta.dirname, '../../graph-seeds');

  it('graph-seeds/plan/targets.yaml holds the plan’s numbers and passes the seed loader’s reference checks', () => {
    const targets = loadPlanTargets(seeds);
    const byId = new Map(targets.map((t) => [t.id, t]));
    expect(byId.get('plan.major-projects.1yi')).toMatchObject({ target: 300, stretchTarget: 400, filter: { minInvestmentYi: 1 } });
    expect(byId.get('plan.major-projects.10yi')!.target).toBe(50);
    expect(byId.get('plan.major-projects.50yi')!.target).toBe(10);
    expect(byId.get('plan.major-projects.100yi')!.target).toBe(2);
    expect(byId.get('plan.digital.firms')).toMatchObject({ target: 1500, metric: 'projects.firms' });
    expect(byId.get('plan.iot.firms')).toMatchObject({ target: 600, clusterId: 'iot' });
    expect(byId.get('plan.software.firms')).toMatchObject({ target: 600, clusterId: 'software' });
    expect(byId.get('plan.biomed.projects')).toMatchObject({ target: 150, clusterId: 'biomed' });
    expect(byId.get('plan.biomed.major-projects')).toMatchObject({ target: 5, filter: { minInvestmentYi: 1 } });
    expect(byId.get('plan.ic.firms')).toMatchObject({ target: 300, clusterId: 'ic' });
    for (const t of targets) expect(t.period).toEqual({ start: '2020-01-01', end: '2022-12-31' });
    expect(loadSeedDir(seeds).planTargets!.map((t) => t.id)).toEqual(targets.map((t) => t.id));
  });

  it('a broken target is refused with its place named', () => {
    expect(() => PlanTarget.parse({ id: 'x', nameZh: 'x', nameEn: 'x', metric: 'projects.count', target: 5, stretchTarget: 3, period, sourceId: 's', confidence: 1 })).toThrow(
      /stretchTarget/,
    );
    expect(() => PlanTarget.parse({ id: 'x', nameZh: 'x', nameEn: 'x', metric: 'firms.count', target: 5, period, sourceId: 's', confidence: 1 })).toThrow();
  });
});
