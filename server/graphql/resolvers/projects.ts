// projects(segmentId, clusterId, status): the read side of the attraction
// pipeline (projects.graphql), shown per segment in the web side panel.
import type { IResolvers } from 'mercurius';
import type { Project, ProjectStatus, Segment } from '../../domain/model.js';
import { fromGraphQLEnum, toGraphQLEnum } from '../enums.js';

export const resolvers: IResolvers = {
  Query: {
    projects: async (_root, args: { segmentId?: string | null; clusterId?: string | null; status?: string | null }, { store }) =>
      store.listProjects({
        ...(args.segmentId ? { segmentId: args.segmentId } : {}),
        ...(args.clusterId ? { clusterId: args.clusterId } : {}),
        ...(args.status ? { status: fromGraphQLEnum<ProjectStatus>(args.status) } : {}),
      }),
  },
  Project: {
    status: (p: Project) => toGraphQLEnum(p.status),
    firm: async (p: Project, _args, { store }) => (await store.getFirms([p.firmId]))[0] ?? null,
    segments: async (p: Project, _args, { store }) => (await store.getSegments(p.segmentIds)).filter((s): s is Segment => !!s),
  },
};
