import { z } from 'zod';

export const VISIBILITIES = ['public', 'joint', 'caucus'] as const;
export const VisibilitySchema = z
  .enum(VISIBILITIES)
  .describe('Who may see the item: anyone, both parties, or one party only (its caucus).');

export const LEVELS = [
  'summit',
  'foreign-ministers',
  'defence-ministers',
  'ambassadors',
  'chiefs-of-defence',
  'military-representatives',
  'experts',
] as const;
export const LevelSchema = z.enum(LEVELS);

export const ROLES = ['member', 'secretary', 'chair', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);

export const PartyIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, 'a party id such as nato or russia');

export const IdSchema = z.string().min(1).max(100);

/** A calendar date at the precision the source gives: `2000`, `2000-05` or `2000-05-24`. */
export const PartialDateSchema = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'a date as YYYY, YYYY-MM or YYYY-MM-DD',
  )
  // Zod runs refinements even after the pattern failed, so this one must cope with any string:
  // it only judges full dates (2001-02-29 is not one) and leaves the shape to the pattern.
  .refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || isCalendarDay(value), {
    message: 'not a real calendar date',
  })
  // An example in the document: Swagger UI pre-fills it, and generated samples are valid.
  .meta({ examples: ['2000-05-24', '2000-05'] });

function isCalendarDay(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

export const FullDateSchema = z.iso.date();

/** An instant with an explicit offset; stored in UTC. */
export const InstantSchema = z.iso.datetime({ offset: true });

export const ListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** The query of a route that takes no parameters: any parameter is a mistake worth naming. */
export const NoQuerySchema = z.strictObject({});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to fetch the next page.'),
  });
}

export const IdParamsSchema = z.object({ id: IdSchema });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    errors: z
      .array(
        z.object({
          field: z
            .string()
            .describe("The field's name, a dotted path when nested (`paragraphs.0.id`)."),
          in: z
            .enum(['body', 'query', 'params', 'header'])
            .optional()
            .describe('Where in the request the field was; absent when it names no input.'),
          pointer: z.string().describe('RFC 6901 JSON Pointer to the field within that part.'),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .describe('RFC 9457 problem details');
z.globalRegistry.add(ProblemSchema, { id: 'Problem' });
