// Attraction projects (projects.graphql): reads for the web side panel and
// reports, and the pipeline writes (create, update, move with history, delete).
// The transition rules are server/domain/pipeline.ts.
import { randomBytes } from 'node:crypto';
import type { Firm, Project, ProjectStatus, Segment } from '../../domain/model.js';
import { AppError, notFound } from '../../domain/errors.js';
import { moveProject, nextStatuses } from '../../domain/pipeline.js';
import { fromGraphQLEnum, toGraphQLEnum } from '../enums.js';
import type { ProjectStatus as GqlStatus, Resolvers } from '../generated.js';
import { DateArg, MoveInput, ProjectInput, ProjectPatch, parseInput } from '../inputs.js';
import type { Loaders } from '../loaderTypes.js';
import { USER_SOURCE_ID, ensureUserSource } from '../userSource.js';
import { checkId } from './query.js';
import { pageSize } from './paging.js';
import { sourceOf } from './source.js';

export interface ProjectQuery {
  statuses: Set<ProjectStatus> | null;
  signedFrom: string | null;
  signedTo: string | null;
}

interface ProjectArgs {
  status?: GqlStatus | null;
  statuses?: readonly GqlStatus[] | null;
  signedFrom?: string | null;
  signedTo?: string | null;
}

/** The status and signing-date filters shared by Query.projects and Cluster.projects. */
export function projectsQuery(args: ProjectArgs): ProjectQuery {
  const list = [...(args.statuses ?? []), ...(args.status ? [args.status] : [])];
  return {
    statuses: list.length ? new Set(list.map((s) => fromGraphQLEnum<ProjectStatus>(s))) : null,
    signedFrom: args.signedFrom != null ? parseInput(DateArg, args.signedFrom, 'signedFrom') : null,
    signedTo: args.signedTo != null ? parseInput(DateArg, args.signedTo, 'signedTo') : null,
  };
}

export function projectMatches(p: Project, q: ProjectQuery): boolean {
  if (q.statuses && !q.statuses.has(p.status)) return false;
  if (q.signedFrom || q.signedTo) {
    if (!p.signedOn) return false;
    if (q.signedFrom && p.signedOn < q.signedFrom) return false;
    if (q.signedTo && p.signedOn > q.signedTo) return false;
  }
  return true;
}

const now = () => new Date().toISOString();

async function existing(store: Parameters<typeof ensureUserSource>[0], id: string): Promise<Project> {
  const p = await store.getProject(checkId(id));
  if (!p) throw notFound('招引项目', id);
  return p;
}

export const resolvers: Resolvers = {
  Query: {
    projects: async (_root, args, { store }) => {
      const first = pageSize(args.first, 'first', 100);
      const q = projectsQuery(args);
      const list = await store.listProjects({
        ...(args.segmentId ? { segmentId: checkId(args.segmentId, 'segmentId') } : {}),
        ...(args.clusterId ? { clusterId: checkId(args.clusterId, 'clusterId') } : {}),
        ...(args.firmId ? { firmId: checkId(args.firmId, 'firmId') } : {}),
      });
      return list.filter((p) => projectMatches(p, q)).slice(0, first);
    },
    project: async (_root, { id }, { store }) => store.getProject(checkId(id)),
  },
  Mutation: {
    createProject: async (_root, args, { store, actor }) => {
      const input = parseInput(ProjectInput, args.input, 'input');
      await ensureUserSource(store);
      const id = input.id ?? `p-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
      if (await store.getProject(id)) throw new AppError('CONFLICT', `招引项目已存在:${id}`, `project already exists: ${id}`, [
        { path: 'input.id', messageZh: '编号已被使用', messageEn: 'id already in use' },
      ]);
      const status = input.status ? fromGraphQLEnum<ProjectStatus>(input.status) : 'lead';
      const at = now();
      const signedOn = input.signedOn ?? (['signed', 'landed', 'operating'].includes(status) ? at.slice(0, 10) : undefined);
      const project: Project = {
        id,
        nameZh: input.nameZh,
        ...(input.nameEn ? { nameEn: input.nameEn } : {}),
        firmId: input.firmId,
        segmentIds: [...new Set(input.segmentIds)],
        status,
        ...(input.investmentYi != null ? { investmentYi: input.investmentYi } : {}),
        ...(signedOn ? { signedOn } : {}),
        ...(input.owner ? { owner: input.owner } : {}),
        history: [{ at, by: actor, from: null, to: status, ...(input.note ? { note: input.note } : {}) }],
        illustrative: false,
        sourceId: USER_SOURCE_ID,
        confidence: 1,
      };
      await store.upsertProject(project);
      return (await store.getProject(id))!;
    },
    updateProject: async (_root, args, { store }) => {
      const patch = parseInput(ProjectPatch, args.patch, 'patch');
      const p = await existing(store, args.id);
      const next: Project = { ...p };
      if (patch.nameZh != null) next.nameZh = patch.nameZh;
      if (patch.firmId != null) next.firmId = patch.firmId;
      if (patch.segmentIds != null) next.segmentIds = [...new Set(patch.segmentIds)];
      // Optional fields: a given null clears them.
      const optional = ['nameEn', 'investmentYi', 'signedOn', 'owner'] as const;
      for (const k of optional) {
        if (!(k in (args.patch as object))) continue;
        const v = patch[k];
        if (v == null) delete next[k];
        else (next as Record<string, unknown>)[k] = v;
      }
      await store.upsertProject(next);
      return (await store.getProject(p.id))!;
    },
    moveProject: async (_root, args, { store, actor }) => {
      const move = parseInput(MoveInput, args, '');
      const p = await existing(store, move.id);
      const next = moveProject(p, {
        to: fromGraphQLEnum<ProjectStatus>(move.to),
        by: actor,
        at: now(),
        ...(move.note ? { note: move.note } : {}),
        ...(move.signedOn ? { signedOn: move.signedOn } : {}),
      });
      await store.upsertProject(next);
      return (await store.getProject(p.id))!;
    },
    deleteProject: async (_root, { id }, { store }) => {
      if (!(await store.deleteProject(checkId(id)))) throw notFound('招引项目', id);
      return true;
    },
  },
  Project: {
    status: (p) => toGraphQLEnum(p.status),
    nextStatuses: (p) => nextStatuses(p.status).map((s) => toGraphQLEnum(s)),
    source: (p, _args, ctx) => sourceOf(p.sourceId, ctx),
  },
  ProjectChange: {
    from: (c) => (c.from ? toGraphQLEnum(c.from) : null),
    to: (c) => toGraphQLEnum(c.to),
  },
};

export const loaders: Loaders = {
  Project: {
    firm: async (queries, { store }) => {
      const ids = [...new Set(queries.map((q) => q.obj.firmId))];
      const byId = new Map((await store.getFirms(ids)).filter((f): f is Firm => !!f).map((f) => [f.id, f]));
      return queries.map(({ obj }) => byId.get(obj.firmId) ?? null);
    },
    segments: async (queries, { store }) => {
      const ids = [...new Set(queries.flatMap((q) => q.obj.segmentIds))];
      const byId = new Map((await store.getSegments(ids)).filter((s): s is Segment => !!s).map((s) => [s.id, s]));
      return queries.map(({ obj }) => obj.segmentIds.map((id) => byId.get(id)).filter((s): s is Segment => !!s));
    },
  },
};
