// The graph model of DESIGN.md ("Graph model") as zod schemas; the TypeScript
// types are inferred from them so that validation and typing never drift.
//
// The records an import parses by the row (Source, Firm, SupplyTie, Anchor,
// Project) parse with `z.compile`'s parser (recordSchema below): the same schema,
// with a generated parser for valid input; input it rejects goes through zod's
// own parser, so the issues are the same. At 150k rows that parser takes
// ~0.3–0.4 s against ~1.0 s (mostly garbage collection of the per-field
// results), measured by scripts/bench/importFloors.ts.
import { z } from 'zod';
import { isValidUscc } from './uscc.js';

/**
 * The schema, whose parse and safeParse use zod's compiled parser (`z.compile`),
 * compiled on the first parse: compiling the five costs ~15 ms of CPU, which the
 * server's start-up need not pay. `strict`: a schema the compiler cannot take
 * throws on its first parse instead of quietly staying slow. Anything else (the
 * async parses, the schema nested in another one) is zod's own parser.
 * tests/domain/compiledSchemas.test.ts compares both parsers on valid and bad rows.
 */
function recordSchema<T extends z.ZodType>(schema: T): T {
  let compiled: T | undefined;
  const fast = () => (compiled ??= z.compile(schema, { strict: true }));
  // A clone: `schema` itself keeps zod's own methods, which the compiled parser falls back to.
  const out = schema.clone() as unknown as z.ZodType<z.output<T>, z.input<T>>;
  out.safeParse = (data, params) => fast().safeParse(data, params);
  out.parse = (data, params) => fast().parse(data, params);
  return out as unknown as T;
}

/** Lower-case slug used for every id that is not a USCC: `ic.design`, `cn-js-wx-xinwu`. */
export const slugId = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9._:-]*$/, 'id must be a lower-case slug (a-z 0-9 . _ : -)');

/** 0 = a guess, 1 = verified against a primary source. */
export const confidence = z.number().min(0).max(1);

export const provenance = {
  sourceId: slugId,
  confidence,
};

export const tiers = ['international', 'national', 'high-growth'] as const;
export const Tier = z.enum(tiers);
export type Tier = z.infer<typeof Tier>;

export const stages = ['upstream', 'midstream', 'downstream', 'support'] as const;
export const Stage = z.enum(stages);
export type Stage = z.infer<typeof Stage>;

export const regionLevels = ['country', 'province', 'city', 'district'] as const;
export const RegionLevel = z.enum(regionLevels);
export type RegionLevel = z.infer<typeof RegionLevel>;

export const ownerships = ['foreign', 'private', 'state', 'mixed'] as const;
export const Ownership = z.enum(ownerships);
export type Ownership = z.infer<typeof Ownership>;

/**
 * Size bands (营收规模 / 员工规模). Revenue in 亿元 (CNY 100 million):
 * XS < 0.2, S 0.2–2, M 2–20, L 20–200, XL ≥ 200.
 * Employees: XS < 50, S 50–300, M 300–2,000, L 2,000–10,000, XL ≥ 10,000.
 */
export const bands = ['XS', 'S', 'M', 'L', 'XL'] as const;
export const Band = z.enum(bands);
export type Band = z.infer<typeof Band>;

export const sourceKinds = [
  'policy', // government plan or notice
  'official-registry', // business registry, stock exchange filing
  'company', // annual report, company website, prospectus
  'news',
  'analyst', // industry research, chain-map reports
  'compiled', // compiled from general public knowledge, not checked against a primary document
  'illustrative', // made up to demonstrate the product
  'user', // entered by a user of this deployment
  'import', // bulk import file
] as const;
export const SourceKind = z.enum(sourceKinds);

export const Source = recordSchema(
  z.object({
    id: slugId,
    kind: SourceKind,
    titleZh: z.string().min(1),
    titleEn: z.string().min(1).optional(),
    publisher: z.string().optional(),
    url: z.string().url().optional(),
    /** ISO date (YYYY-MM-DD) of publication or of compilation. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    note: z.string().optional(),
  }),
);
export type Source = z.infer<typeof Source>;

export const Region = z.object({
  id: slugId,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  level: RegionLevel,
  parentId: slugId.optional(),
  /** Part of the Yangtze River Delta (长三角) — the plan's priority area. */
  yrd: z.boolean().default(false),
});
export type Region = z.infer<typeof Region>;

export const Cluster = z.object({
  id: slugId,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  tier: Tier,
  descriptionZh: z.string().optional(),
  descriptionEn: z.string().optional(),
  ...provenance,
});
export type Cluster = z.infer<typeof Cluster>;

export const Segment = z.object({
  id: slugId,
  clusterId: slugId,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  stage: Stage,
  /** Optional PART_OF parent segment (sub-segment hierarchy). */
  parentId: slugId.optional(),
  descriptionZh: z.string().optional(),
  /** Published national firm count, used as the RCA benchmark instead of the store's own counts when present. */
  nationalFirmCount: z.number().int().nonnegative().optional(),
  ...provenance,
});
export type Segment = z.infer<typeof Segment>;

/** (Segment)-[:FEEDS {weight}]->(Segment): product/service flow, upstream to downstream. */
export const Feed = z.object({
  from: slugId,
  to: slugId,
  /** 0 < weight ≤ 1: share of the downstream segment's inputs that come from the upstream one (rough). */
  weight: z.number().gt(0).max(1).default(1),
  ...provenance,
});
export type Feed = z.infer<typeof Feed>;

export const FirmSegment = z.object({
  segmentId: slugId,
  primary: z.boolean().default(false),
});
export type FirmSegment = z.infer<typeof FirmSegment>;

export const Uscc = z
  .string()
  .refine(isValidUscc, 'malformed 统一社会信用代码 (USCC): 18 characters with a valid GB 32100-2015 check character');

export const Firm = recordSchema(
  z.object({
    /** The USCC when known, else a stable slug. */
    id: z.string().min(1).max(120),
    uscc: Uscc.optional(),
    nameZh: z.string().min(1).max(200),
    nameEn: z.string().min(1).max(200).optional(),
    regionId: slugId,
    ownership: Ownership,
    /** Region id of the country of origin of the capital (cn, jp, kr, us, de …). */
    originId: slugId,
    listed: z.boolean().default(false),
    highTech: z.boolean().default(false),
    /** 专精特新 ("specialised, refined, distinctive, innovative") designation. */
    specialized: z.boolean().default(false),
    revenueBand: Band.optional(),
    employeesBand: Band.optional(),
    segments: z
      .array(FirmSegment)
      .min(1)
      .refine((segs) => segs.length === 1 || new Set(segs.map((s) => s.segmentId)).size === segs.length, 'each segment at most once per firm (同一环节重复)'),
    tags: z.array(z.string().min(1).max(40)).default([]),
    /** Made-up or unverified firm shown to demonstrate the product; the UI marks it. */
    illustrative: z.boolean().default(false),
    ...provenance,
  }),
);
export type Firm = z.infer<typeof Firm>;
export type FirmInput = z.input<typeof Firm>;

/** (Firm)-[:SUPPLIES]->(Firm): `from` sells to `to`. */
export const SupplyTie = recordSchema(
  z.object({
    from: z.string().min(1),
    to: z.string().min(1),
    /** The segment of `from` that the tie is about, when known. */
    segmentId: slugId.optional(),
    ...provenance,
  }),
);
export type SupplyTie = z.infer<typeof SupplyTie>;

/** (Firm)-[:ANCHORS]->(Cluster): the firm is a 链主 of the cluster. */
export const Anchor = recordSchema(
  z.object({
    firmId: z.string().min(1),
    clusterId: slugId,
    ...provenance,
  }),
);
export type Anchor = z.infer<typeof Anchor>;

/** Attraction pipeline: 线索 → 接洽 → 洽谈 → 签约 → 落地 → 投产, or 终止. */
export const projectStatuses = ['lead', 'contacted', 'negotiating', 'signed', 'landed', 'operating', 'dropped'] as const;
export const ProjectStatus = z.enum(projectStatuses);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

export const ProjectChange = z.object({
  at: z.string(), // ISO timestamp
  by: z.string(),
  from: ProjectStatus.nullable(),
  to: ProjectStatus,
  note: z.string().optional(),
});
export type ProjectChange = z.infer<typeof ProjectChange>;

export const Project = recordSchema(
  z.object({
    id: slugId,
    nameZh: z.string().min(1).max(200),
    nameEn: z.string().max(200).optional(),
    firmId: z.string().min(1),
    /** Segments the project fills ((Project)-[:FILLS]->(Segment)). */
    segmentIds: z.array(slugId).min(1),
    status: ProjectStatus,
    /** Total investment in 亿元 (CNY 100 million). */
    investmentYi: z.number().nonnegative().optional(),
    /** ISO date the project was signed (签约). */
    signedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    owner: z.string().max(100).optional(),
    history: z.array(ProjectChange).default([]),
    illustrative: z.boolean().default(false),
    ...provenance,
  }),
);
export type Project = z.infer<typeof Project>;

/**
 * What a plan target counts, over the attraction pipeline (projects):
 * `projects.count` projects, `projects.firms` distinct firms of those projects
 * (e.g. 引进集成电路企业300家), `projects.investmentYi` their total investment (亿元).
 */
export const planMetrics = ['projects.count', 'projects.firms', 'projects.investmentYi'] as const;
export const PlanMetric = z.enum(planMetrics);
export type PlanMetric = z.infer<typeof PlanMetric>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

/** Which projects a plan target counts. */
export const PlanTargetFilter = z
  .object({
    /** Projects filling a segment of one of these clusters; default: the target's cluster, or every project. */
    clusterIds: z.array(slugId).min(1).optional(),
    /** Projects filling one of these segments. */
    segmentIds: z.array(slugId).min(1).optional(),
    /** Total investment ≥ this many 亿元 ("超亿元" = 1); projects without an amount do not count. */
    minInvestmentYi: z.number().nonnegative().optional(),
    /** Statuses counted as achieved (default: 签约 signed, 落地 landed, 投产 operating). */
    statuses: z.array(ProjectStatus).min(1).default(['signed', 'landed', 'operating']),
    /**
     * An achieved project is dated by signedOn, else by the history entry that reached an achieved
     * status; `count` counts undated ones (and reports how many), `exclude` leaves them out.
     */
    undated: z.enum(['count', 'exclude']).default('count'),
  })
  .strict();
export type PlanTargetFilter = z.infer<typeof PlanTargetFilter>;

/** A numeric target of an attraction plan (e.g. 三年内招引超亿元重大项目300个,力争400个), as data. */
export const PlanTarget = z
  .object({
    id: slugId,
    nameZh: z.string().min(1),
    nameEn: z.string().min(1),
    /** The cluster the target belongs to on the dashboard; absent = district-wide. */
    clusterId: slugId.optional(),
    metric: PlanMetric,
    filter: PlanTargetFilter.default({ statuses: ['signed', 'landed', 'operating'], undated: 'count' }),
    /** 保 (must reach). */
    target: z.number().positive(),
    /** 争 / 力争 (stretch), when the plan names one. */
    stretchTarget: z.number().positive().optional(),
    unitZh: z.string().min(1).default('个'),
    unitEn: z.string().min(1).default('projects'),
    period: z.object({ start: isoDate, end: isoDate }).strict(),
    /** Where the plan says it (section), e.g. 一(三)3. */
    clause: z.string().optional(),
    noteZh: z.string().optional(),
    noteEn: z.string().optional(),
    ...provenance,
  })
  .strict()
  .refine((t) => t.period.start <= t.period.end, { message: 'period.start must not be after period.end', path: ['period'] })
  .refine((t) => t.stretchTarget === undefined || t.stretchTarget >= t.target, {
    message: 'stretchTarget must not be below target',
    path: ['stretchTarget'],
  });
export type PlanTarget = z.infer<typeof PlanTarget>;
