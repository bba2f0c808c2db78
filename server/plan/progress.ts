// Progress against the plan's numeric targets (graph-seeds/plan/), computed
// from the attraction pipeline: per target the achieved value (projects in an
// achieved status dated within the plan period), what is still in the
// pipeline, and whether it keeps pace with the time elapsed. Pure: the
// projects, segments and clusters come in, nothing is read or written.
import type { Cluster, PlanMetric, PlanTarget, Project, ProjectStatus, Segment } from '../domain/model.js';
import { projectStatuses } from '../domain/model.js';

/** Not yet achieved but alive: 线索 / 接洽 / 洽谈 (and any achieved status the target does not count). */
const DROPPED: ProjectStatus = 'dropped';

export interface TargetProgress {
  targetId: string;
  nameZh: string;
  nameEn: string;
  clusterId: string | null;
  metric: PlanMetric;
  unitZh: string;
  unitEn: string;
  clause: string | null;
  noteZh: string | null;
  noteEn: string | null;
  sourceId: string;
  period: { start: string; end: string };
  target: number;
  stretchTarget: number | null;
  /** The metric over achieved projects dated within the period and on or before `asOf` (or undated, if the target counts those). */
  achieved: number;
  /** achieved / target (may exceed 1). */
  ratio: number;
  stretchRatio: number | null;
  /** Share of the period elapsed at `asOf`, 0–1. */
  elapsed: number;
  /** ratio ≥ elapsed: on pace to reach the target by the end of the period. */
  onTrack: boolean;
  /** The metric over matching projects not (yet, as of `asOf`) achieved and not dropped, any date: what could still land. */
  inPipeline: number;
  /** (achieved + inPipeline) / target. */
  potentialRatio: number;
  /** The metric over matching projects by status (any date). */
  byStatus: Record<ProjectStatus, number>;
  /** Achieved projects counted without a date (see PlanTargetFilter.undated). */
  undatedCounted: number;
  /** Projects behind `achieved`, sorted. */
  achievedProjectIds: string[];
}

export interface ClusterPlanProgress {
  clusterId: string;
  nameZh: string;
  nameEn: string;
  targets: TargetProgress[];
}

export interface PlanProgress {
  asOf: string;
  /** District-wide targets (no clusterId). */
  overall: TargetProgress[];
  /** Targets of each cluster, in the clusters' order; clusters without targets are left out. */
  clusters: ClusterPlanProgress[];
}

export interface PlanProgressInput {
  targets: readonly PlanTarget[];
  projects: readonly Project[];
  segments: readonly Pick<Segment, 'id' | 'clusterId'>[];
  clusters: readonly Pick<Cluster, 'id' | 'nameZh' | 'nameEn'>[];
  /** YYYY-MM-DD */
  asOf: string;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** Share of [start, end] (whole days, both included) elapsed by the end of `asOf`. */
export function elapsedShare(period: { start: string; end: string }, asOf: string): number {
  const start = dayNumber(period.start);
  const days = dayNumber(period.end) - start + 1;
  return Math.min(1, Math.max(0, (dayNumber(asOf) - start + 1) / days));
}

/** The day a project reached an achieved status: signedOn, else the first history entry into one of `statuses`. */
export function achievedOn(p: Project, statuses: readonly ProjectStatus[]): string | null {
  if (p.signedOn) return p.signedOn;
  const entry = p.history.find((h) => statuses.includes(h.to));
  return entry ? entry.at.slice(0, 10) : null;
}

function measure(metric: PlanMetric, projects: readonly Project[]): number {
  switch (metric) {
    case 'projects.count':
      return projects.length;
    case 'projects.firms':
      return new Set(projects.map((p) => p.firmId)).size;
    case 'projects.investmentYi':
      return Math.round(projects.reduce((sum, p) => sum + (p.investmentYi ?? 0), 0) * 1e6) / 1e6;
  }
}

export function targetProgress(t: PlanTarget, projects: readonly Project[], clusterOf: ReadonlyMap<string, string>, asOf: string): TargetProgress {
  const f = t.filter;
  const clusters = f.clusterIds ?? (t.clusterId ? [t.clusterId] : null);
  const matching = projects.filter(
    (p) =>
      (!clusters || p.segmentIds.some((s) => clusters.includes(clusterOf.get(s) ?? ''))) &&
      (!f.segmentIds || p.segmentIds.some((s) => f.segmentIds!.includes(s))) &&
      (f.minInvestmentYi === undefined || (p.investmentYi !== undefined && p.investmentYi >= f.minInvestmentYi)),
  );
  let undatedCounted = 0;
  // As of `asOf`: a project signed after that day was not achieved yet, but in the pipeline.
  const until = asOf < t.period.end ? asOf : t.period.end;
  const later = new Set<string>();
  const achievedProjects = matching.filter((p) => {
    if (!f.statuses.includes(p.status)) return false;
    const on = achievedOn(p, f.statuses);
    if (on === null) {
      if (f.undated === 'exclude') return false;
      undatedCounted++;
      return true;
    }
    if (on > asOf) later.add(p.id);
    return on >= t.period.start && on <= until;
  });
  const achievedIds = new Set(achievedProjects.map((p) => p.id));
  const pipeline = matching.filter((p) => p.status !== DROPPED && (!f.statuses.includes(p.status) || later.has(p.id)));
  const achieved = measure(t.metric, achievedProjects);
  // For distinct firms, the pipeline adds only firms not already counted.
  const inPipeline =
    t.metric === 'projects.firms'
      ? measure(t.metric, [...achievedProjects, ...pipeline]) - achieved
      : measure(t.metric, pipeline);
  const byStatus = Object.fromEntries(projectStatuses.map((s) => [s, measure(t.metric, matching.filter((p) => p.status === s))])) as Record<
    ProjectStatus,
    number
  >;
  const elapsed = elapsedShare(t.period, asOf);
  const ratio = achieved / t.target;
  return {
    targetId: t.id,
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    clusterId: t.clusterId ?? null,
    metric: t.metric,
    unitZh: t.unitZh,
    unitEn: t.unitEn,
    clause: t.clause ?? null,
    noteZh: t.noteZh ?? null,
    noteEn: t.noteEn ?? null,
    sourceId: t.sourceId,
    period: { ...t.period },
    target: t.target,
    stretchTarget: t.stretchTarget ?? null,
    achieved,
    ratio,
    stretchRatio: t.stretchTarget ? achieved / t.stretchTarget : null,
    elapsed,
    onTrack: ratio >= elapsed,
    inPipeline,
    potentialRatio: (achieved + inPipeline) / t.target,
    byStatus,
    undatedCounted,
    achievedProjectIds: [...achievedIds].sort(),
  };
}

export function planProgress(input: PlanProgressInput): PlanProgress {
  const clusterOf = new Map(input.segments.map((s) => [s.id, s.clusterId]));
  const all = input.targets.map((t) => targetProgress(t, input.projects, clusterOf, input.asOf));
  return {
    asOf: input.asOf,
    overall: all.filter((p) => p.clusterId === null),
    clusters: input.clusters
      .map((c) => ({ clusterId: c.id, nameZh: c.nameZh, nameEn: c.nameEn, targets: all.filter((p) => p.clusterId === c.id) }))
      .filter((c) => c.targets.length > 0),
  };
}
