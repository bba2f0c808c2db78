// zod schemas of the mutation inputs. GraphQL checks the shapes; these check
// the values (lengths, slugs, dates, ranges) and report each bad one as a
// field error (`extensions.fields`: path, messageZh, messageEn) under BAD_INPUT.
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { Uscc, slugId } from '../domain/model.js';
import { zodFieldErrors } from '../store/integrity.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date');
const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const firmId = z.string().trim().min(1, 'must not be empty').max(120, 'at most 120 characters');
const confidence = z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1');
const tags = z.array(z.string().trim().min(1, 'must not be empty').max(40, 'at most 40 characters')).max(30, 'at most 30 tags');
const note = z.string().max(1000, 'at most 1000 characters');
const enumValue = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

export const FirmSegmentInput = z.object({ segmentId: slugId, primary: z.boolean().nullish() });
const segments = z.array(FirmSegmentInput).min(1, 'at least one segment').max(50, 'at most 50 segments');

export const FirmInput = z.object({
  id: firmId.nullish(),
  uscc: Uscc.nullish(),
  nameZh: name,
  nameEn: name.nullish(),
  regionId: slugId,
  ownership: enumValue(['FOREIGN', 'PRIVATE', 'STATE', 'MIXED']),
  originId: slugId.nullish(),
  listed: z.boolean().nullish(),
  highTech: z.boolean().nullish(),
  specialized: z.boolean().nullish(),
  revenueBand: enumValue(['XS', 'S', 'M', 'L', 'XL']).nullish(),
  employeesBand: enumValue(['XS', 'S', 'M', 'L', 'XL']).nullish(),
  segments,
  tags: tags.nullish(),
  sourceId: slugId.nullish(),
  confidence: confidence.nullish(),
});

export const FirmPatch = FirmInput.omit({ id: true, segments: true }).partial().extend({
  illustrative: z.boolean().nullish(),
  nameZh: name.optional(),
  regionId: slugId.optional(),
});

export const SupplyTieInput = z.object({
  from: firmId,
  to: firmId,
  segmentId: slugId.nullish(),
  sourceId: slugId.nullish(),
  confidence: confidence.nullish(),
});

const statuses = enumValue(['LEAD', 'CONTACTED', 'NEGOTIATING', 'SIGNED', 'LANDED', 'OPERATING', 'DROPPED']);
const segmentIds = z.array(slugId).min(1, 'at least one segment').max(20, 'at most 20 segments');

export const ProjectInput = z.object({
  id: slugId.nullish(),
  nameZh: name,
  nameEn: name.nullish(),
  firmId,
  segmentIds,
  status: statuses.nullish(),
  investmentYi: z.number().min(0, 'must not be negative').max(1e6, 'implausibly large (亿元)').nullish(),
  signedOn: isoDate.nullish(),
  owner: z.string().trim().max(100, 'at most 100 characters').nullish(),
  note: note.nullish(),
});

export const ProjectPatch = ProjectInput.omit({ id: true, status: true, note: true }).partial();

export const MoveInput = z.object({ id: slugId, to: statuses, note: note.nullish(), signedOn: isoDate.nullish() });

export const DateArg = isoDate;

/** Parses `value` or throws BAD_INPUT with one field error per bad value, paths prefixed with `prefix` (e.g. input). */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields = zodFieldErrors(r.error, prefix);
  throw new AppError(
    'BAD_INPUT',
    `输入无效:${fields.map((f) => `${f.path}:${f.messageZh}`).join(';')}`,
    `invalid input: ${fields.map((f) => `${f.path}: ${f.messageEn}`).join('; ')}`,
    fields,
  );
}
