// The pipeline at a glance (server/plan/pipeline.ts) on a hand-counted fixture,
// and on the real graph-seeds: the dashboard's sample data shows progress
// inside the plan period and signings in the current year.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../server/domain/model.js';
import { loadSeedDir } from '../../server/domain/seeds.js';
import { pipelineSummary } from '../../server/plan/pipeline.js';
import { planProgress } from '../../server/plan/progress.js';
import { loadPlanTargets } from '../../server/plan/targets.js';

const segments = [
  { id: 'a1', clusterId: 'ca' },
  { id: 'b1', clusterId: 'cb' },
];
const clusters = [
  { id: 'ca', nameZh: '甲集群', nameEn: 'Cluster A' },
  { id: 'cb', nameZh: '乙集群', nameEn: 'Cluster B' },
  { id: 'cc', nameZh: '丙集群', nameEn: 'Cluster C' },
];

function project(id: string, segmentIds: string[], status: Project['status'], extra: Partial<Project> = {}): Project {
  return { id, nameZh: id, firmId: `f-${id}`, segmentIds, status, history: [], illustrative: false, sourceId: 's', confidence: 1, ...extra };
}

const projects: Project[] = [
  project('p1', ['a1'], 'lead', { investmentYi: 1 }),
  project('p2', ['a1', 'b1'], 'negotiating', { investmentYi: 2.5, illustrative: true }), // both clusters
  project('p3', ['b1'], 'signed', { investmentYi: 3, signedOn: '2026-02-01' }), // this year
  project('p4', ['b1'], 'operating', { investmentYi: 10, signedOn: '2025-12-31' }), // last year
  project('p5', ['a1'], 'landed', { history: [{ at: '2026-06-01T08:00:00Z', by: 'x', from: 'negotiating', to: 'signed' }] }), // dated by history
  project('p6', ['a1'], 'signed', { investmentYi: 1, signedOn: '2026-12-01' }), // after asOf
  project('p7', ['b1'], 'dropped', { investmentYi: 4 }),
];

describe('pipelineSummary (hand-counted)', () => {
  const s = pipelineSummary({ projects, segments, clusters, asOf: '2026-11-26' });

  it('every project by current status, in pipeline order, with investment sums', () => {
    expect(s.byStatus).toEqual([
      { status: 'lead', projects: 1, investmentYi: 1 },
      { status: 'contacted', projects: 0, investmentYi: 0 },
      { status: 'negotiating', projects: 1, investmentYi: 2.5 },
      { status: 'signed', projects: 2, investmentYi: 4 },
      { status: 'landed', projects: 1, investmentYi: 0 },
      { status: 'operating', projects: 1, investmentYi: 10 },
      { status: 'dropped', projects: 1, investmentYi: 4 },
    ]);
    expect(s.total).toBe(7);
    expect(s.illustrative).toBe(1);
  });

  it('per cluster: a project filling two clusters counts in both; clusters without projects are listed with zeros', () => {
    expect(s.clusters.map((c) => [c.clusterId, c.total])).toEqual([
      ['ca', 4], // p1 p2 p5 p6
      ['cb', 4], // p2 p3 p4 p7
      ['cc', 0],
    ]);
    expect(s.clusters[1]!.byStatus).toEqual({ lead: 0, contacted: 0, negotiating: 1, signed: 1, landed: 0, operating: 1, dropped: 1 });
  });

  it('signed in the as-of year up to the as-of day: p3 (signedOn) and p5 (history), not p4 (2025) nor p6 (after asOf)', () => {
    expect(s.signedInYear).toEqual({ year: 2026, projects: 2, investmentYi: 3, projectIds: ['p3', 'p5'] });
  });
});

describe('the real graph-seeds on the dashboard', () => {
  const seedsDir = join(import.meta.dirname, '../../graph-seeds');
  const seeds = loadSeedDir(seedsDir);
  const input = { projects: seeds.projects, segments: seeds.segments, clusters: seeds.clusters };

  it('the sample pipeline shows progress inside the plan period 2020–2022', () => {
    const p = planProgress({ ...input, targets: loadPlanTargets(seedsDir), asOf: '2022-12-31' });
    const major = p.overall.find((t) => t.targetId === 'plan.major-projects.1yi')!;
    expect(major.achieved).toBeGreaterThanOrEqual(3);
    const biomed = p.clusters.find((c) => c.clusterId === 'biomed')!.targets.find((t) => t.targetId === 'plan.biomed.major-projects')!;
    expect(biomed.achieved).toBeGreaterThanOrEqual(1);
  });

  it('and signings in 2026, the current year of the sample data', () => {
    const s = pipelineSummary({ ...input, asOf: '2026-12-31' });
    expect(s.signedInYear.projects).toBeGreaterThanOrEqual(2);
    expect(s.illustrative).toBe(s.total);
    expect(s.clusters).toHaveLength(12);
  });
});
