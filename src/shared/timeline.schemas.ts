import { z } from 'zod';
import { ListQuerySchema, PartialDateSchema, VisibilitySchema } from './common.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';

export const TimelineKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'a lower-case kind such as meeting, statement, office')
  .describe('What happened: meeting, statement, suspension, office, ...');

export const TimelineEventSchema = z.object({
  id: z.string(),
  date: z.string().describe('At the precision the source gives: 1999, 1999-07, 1999-07-15.'),
  title: z.string(),
  description: z.string().nullable(),
  kind: z.string(),
  ...CitedSchema.shape,
  reconstructed: z
    .boolean()
    .describe(
      'true when the record worked part of the event out itself (its date, say) from what the sources give; the description says how.',
    ),
  visibility: VisibilitySchema,
  party: z.string().nullable(),
  updatedAt: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const TimelineQuerySchema = ListQuerySchema.extend({
  from: PartialDateSchema.optional().describe('Events dated on or after this.'),
  to: PartialDateSchema.optional().describe(
    'Events dated on or before this (to=1999 includes all of 1999).',
  ),
  kind: TimelineKindSchema.optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;

export const CreateTimelineEventSchema = z.strictObject({
  date: PartialDateSchema,
  title: z.string().min(1).max(300),
  description: z.string().max(10_000).optional(),
  kind: TimelineKindSchema,
  visibility: VisibilitySchema.optional(),
});
export type CreateTimelineEventInput = z.infer<typeof CreateTimelineEventSchema>;

export const UpdateTimelineEventSchema = z.strictObject({
  date: PartialDateSchema.optional(),
  title: z.string().min(1).max(300).optional(),
  description: z.string().max(10_000).nullable().optional(),
  kind: TimelineKindSchema.optional(),
  visibility: VisibilitySchema.optional().describe('May only widen.'),
});
export type UpdateTimelineEventInput = z.infer<typeof UpdateTimelineEventSchema>;
