// Writes on firms, their segments, SUPPLIES ties and anchors (firms.graphql).
// Inputs are checked with zod (inputs.ts); references (regions, segments,
// sources, firms) by the store, which answers BAD_INPUT with field errors.
import { randomBytes } from 'node:crypto';
import type { MercuriusContext } from 'mercurius';
import type { Firm, FirmSegment, SupplyTie } from '../../domain/model.js';
import { AppError, notFound } from '../../domain/errors.js';
import { fromGraphQLEnum } from '../enums.js';
import type { Resolvers } from '../generated.js';
import { FirmInput, FirmPatch, FirmSegmentInput, SupplyTieInput, parseInput } from '../inputs.js';
import { USER_SOURCE_ID, ensureUserSource } from '../userSource.js';
import { checkId } from './query.js';
import { z } from 'zod';

const DEFAULT_CONFIDENCE = 0.8;

async function existingFirm(ctx: MercuriusContext, id: string): Promise<Firm> {
  const f = (await ctx.store.getFirms([checkId(id)]))[0];
  if (!f) throw notFound('企业', id);
  return f;
}

async function saveFirm(ctx: MercuriusContext, firm: Firm): Promise<Firm> {
  await ensureUserSource(ctx.store);
  await ctx.store.upsertFirm(firm);
  return (await ctx.store.getFirms([firm.id]))[0]!;
}

/** Exactly one primary segment: the one marked, else the first. */
function withPrimary(segments: { segmentId: string; primary?: boolean | null }[]): FirmSegment[] {
  const seen = new Set<string>();
  const list = segments.filter((s) => !seen.has(s.segmentId) && seen.add(s.segmentId));
  const primary = list.findIndex((s) => s.primary) >= 0 ? list.findIndex((s) => s.primary) : 0;
  return list.map((s, i) => ({ segmentId: s.segmentId, primary: i === primary }));
}

const Segments = z.array(FirmSegmentInput).min(1, 'at least one segment').max(50, 'at most 50 segments');

export const resolvers: Resolvers = {
  Mutation: {
    createFirm: async (_root, args, ctx) => {
      const input = parseInput(FirmInput, args.input, 'input');
      const id = input.id ?? input.uscc ?? `u-${randomBytes(5).toString('hex')}`;
      if ((await ctx.store.getFirms([id]))[0]) {
        throw new AppError('CONFLICT', `企业已存在:${id}`, `firm already exists: ${id}`, [
          { path: 'input.id', messageZh: '编号已被使用', messageEn: 'id already in use' },
        ]);
      }
      const firm: Firm = {
        id,
        ...(input.uscc ? { uscc: input.uscc } : {}),
        nameZh: input.nameZh,
        ...(input.nameEn ? { nameEn: input.nameEn } : {}),
        regionId: input.regionId,
        ownership: fromGraphQLEnum(input.ownership),
        originId: input.originId ?? 'cn',
        listed: input.listed ?? false,
        highTech: input.highTech ?? false,
        specialized: input.specialized ?? false,
        ...(input.revenueBand ? { revenueBand: input.revenueBand } : {}),
        ...(input.employeesBand ? { employeesBand: input.employeesBand } : {}),
        segments: withPrimary(input.segments),
        tags: input.tags ?? [],
        illustrative: false,
        sourceId: input.sourceId ?? USER_SOURCE_ID,
        confidence: input.confidence ?? DEFAULT_CONFIDENCE,
      };
      return saveFirm(ctx, firm);
    },
    updateFirm: async (_root, args, ctx) => {
      const patch = parseInput(FirmPatch, args.patch, 'patch');
      const firm: Firm = { ...(await existingFirm(ctx, args.id)) };
      const given = args.patch as Record<string, unknown>;
      if (patch.nameZh != null) firm.nameZh = patch.nameZh;
      if (patch.regionId != null) firm.regionId = patch.regionId;
      if (patch.ownership != null) firm.ownership = fromGraphQLEnum(patch.ownership);
      if (patch.originId != null) firm.originId = patch.originId;
      for (const k of ['listed', 'highTech', 'specialized', 'illustrative'] as const) if (patch[k] != null) firm[k] = patch[k]!;
      if (patch.tags != null) firm.tags = patch.tags;
      if (patch.confidence != null) firm.confidence = patch.confidence;
      if (patch.sourceId != null) firm.sourceId = patch.sourceId;
      // Optional fields: a given null clears them.
      for (const k of ['uscc', 'nameEn', 'revenueBand', 'employeesBand'] as const) {
        if (!(k in given)) continue;
        const v = patch[k];
        if (v == null) delete firm[k];
        else (firm as Record<string, unknown>)[k] = v;
      }
      // A user's change makes the record the user's fact unless another source is named.
      if (patch.sourceId == null && firm.sourceId !== USER_SOURCE_ID && Object.keys(given).length > 0) firm.sourceId = USER_SOURCE_ID;
      return saveFirm(ctx, firm);
    },
    deleteFirm: async (_root, { id }, { store }) => {
      if (!(await store.deleteFirm(checkId(id)))) throw notFound('企业', id);
      return true;
    },
    setFirmSegments: async (_root, args, ctx) => {
      const segments = parseInput(Segments, args.segments, 'segments');
      const firm = await existingFirm(ctx, args.firmId);
      return saveFirm(ctx, { ...firm, segments: withPrimary(segments) });
    },
    addFirmSegment: async (_root, args, ctx) => {
      const s = parseInput(FirmSegmentInput, { segmentId: args.segmentId, primary: args.primary }, '');
      const firm = await existingFirm(ctx, args.firmId);
      const others = firm.segments.filter((x) => x.segmentId !== s.segmentId);
      const segments = s.primary
        ? [{ segmentId: s.segmentId, primary: true }, ...others.map((x) => ({ ...x, primary: false }))]
        : [...firm.segments.filter((x) => x.segmentId !== s.segmentId), { segmentId: s.segmentId, primary: false }];
      return saveFirm(ctx, { ...firm, segments: withPrimary(segments) });
    },
    removeFirmSegment: async (_root, args, ctx) => {
      const firm = await existingFirm(ctx, args.firmId);
      if (!firm.segments.some((s) => s.segmentId === args.segmentId)) throw notFound('企业所在环节', `${firm.id} / ${args.segmentId}`);
      const rest = firm.segments.filter((s) => s.segmentId !== args.segmentId);
      if (rest.length === 0) {
        throw new AppError('BAD_INPUT', '不能移除企业的最后一个环节', "cannot remove the firm's last segment", [
          { path: 'segmentId', messageZh: '企业至少须在一个环节', messageEn: 'a firm needs at least one segment' },
        ]);
      }
      return saveFirm(ctx, { ...firm, segments: withPrimary(rest) });
    },
    addSupplyTie: async (_root, args, ctx) => {
      const input = parseInput(SupplyTieInput, args.input, 'input');
      await ensureUserSource(ctx.store);
      const tie: SupplyTie = {
        from: input.from,
        to: input.to,
        ...(input.segmentId ? { segmentId: input.segmentId } : {}),
        sourceId: input.sourceId ?? USER_SOURCE_ID,
        confidence: input.confidence ?? DEFAULT_CONFIDENCE,
      };
      await ctx.store.addSupplyTie(tie);
      return (await ctx.store.listSupplies(tie.from)).find((t) => t.from === tie.from && t.to === tie.to) ?? tie;
    },
    removeSupplyTie: async (_root, { from, to }, { store }) => {
      if (!(await store.removeSupplyTie(checkId(from, 'from'), checkId(to, 'to')))) throw notFound('供应关系', `${from} → ${to}`);
      return true;
    },
    setAnchor: async (_root, args, ctx) => {
      await ensureUserSource(ctx.store);
      const firm = await existingFirm(ctx, args.firmId);
      const clusterId = checkId(args.clusterId, 'clusterId');
      if (!(await ctx.store.getCluster(clusterId))) throw notFound('产业集群', clusterId);
      await ctx.store.setAnchor({ firmId: firm.id, clusterId, sourceId: USER_SOURCE_ID, confidence: DEFAULT_CONFIDENCE }, args.anchored ?? true);
      return firm;
    },
  },
};
