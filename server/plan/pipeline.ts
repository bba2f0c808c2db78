// The attraction pipeline (招引项目库) at a glance, for the plan-targets
// dashboard: projects by current status (the funnel 线索→接洽→洽谈→签约→落地→投产,
// and 终止), the same per cluster, and what was signed in the as-of year.
// Pure, like progress.ts: projects, segments and clusters in, numbers out.
import type { Cluster, Project, ProjectStatus, Segment } from '../domain/model.js';
import { projectStatuses } from '../domain/model.js';
import { achievedOn } from './progress.js';

/** Statuses a signing has reached (签约 / 落地 / 投产). */
export const achievedStatuses: readonly ProjectStatus[] = ['signed', 'landed', 'operating'];

export interface StatusTotal {
  status: ProjectStatus;
  projects: number;
  /** Sum of the projects' total investment (亿元); projects without an amount add nothing. */
  investmentYi: number;
}

export interface ClusterPipeline {
  clusterId: string;
  nameZh: string;
  nameEn: string;
  /** Projects filling a segment of the cluster, by status (a project filling two clusters counts in both). */
  byStatus: Record<ProjectStatus, number>;
  total: number;
}

export interface PipelineSummary {
  /** Every project by current status, in pipeline order (终止 last). */
  byStatus: StatusTotal[];
  total: number;
  /** Projects marked illustrative (示例): the page says so. */
  illustrative: number;
  /** Every cluster, in the clusters' order. */
  clusters: ClusterPipeline[];
  /** Signed-or-later projects whose signing day is in the calendar year of `asOf`, up to `asOf`. */
  signedInYear: { year: number; projects: number; investmentYi: number; projectIds: string[] };
}

const roundYi = (x: number) => Math.round(x * 1e6) / 1e6;
const zeroByStatus = () => Object.fromEntries(projectStatuses.map((s) => [s, 0])) as Record<ProjectStatus, number>;

export function pipelineSummary(input: {
  projects: readonly Project[];
  segments: readonly Pick<Segment, 'id' | 'clusterId'>[];
  clusters: readonly Pick<Cluster, 'id' | 'nameZh' | 'nameEn'>[];
  /** YYYY-MM-DD */
  asOf: string;
}): PipelineSummary {
  const clusterOf = new Map(input.segments.map((s) => [s.id, s.clusterId]));
  const totals = new Map(projectStatuses.map((s) => [s, { status: s, projects: 0, investmentYi: 0 }]));
  const perCluster = new Map(input.clusters.map((c) => [c.id, zeroByStatus()]));
  const year = Number(input.asOf.slice(0, 4));
  const signed: Project[] = [];
  let illustrative = 0;
  for (const p of input.projects) {
    const t = totals.get(p.status)!;
    t.projects++;
    t.investmentYi += p.investmentYi ?? 0;
    if (p.illustrative) illustrative++;
    for (const c of new Set(p.segmentIds.map((s) => clusterOf.get(s)))) {
      const counts = c === undefined ? undefined : perCluster.get(c);
      if (counts) counts[p.status]++;
    }
    if (achievedStatuses.includes(p.status)) {
      const on = achievedOn(p, achievedStatuses);
      if (on !== null && on.startsWith(`${year}-`) && on <= input.asOf) signed.push(p);
    }
  }
  return {
    byStatus: projectStatuses.map((s) => ({ ...totals.get(s)!, investmentYi: roundYi(totals.get(s)!.investmentYi) })),
    total: input.projects.length,
    illustrative,
    clusters: input.clusters.map((c) => {
      const byStatus = perCluster.get(c.id)!;
      return { clusterId: c.id, nameZh: c.nameZh, nameEn: c.nameEn, byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) };
    }),
    signedInYear: {
      year,
      projects: signed.length,
      investmentYi: roundYi(signed.reduce((sum, p) => sum + (p.investmentYi ?? 0), 0)),
      projectIds: signed.map((p) => p.id).sort(),
    },
  };
}
