import { z } from 'zod';
import { PublicationSchema } from './agreements.schemas.ts';
import { ListQuerySchema, PartialDateSchema, VisibilitySchema } from './common.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';
import { OFFICE_KINDS, OFFICE_STATUSES } from './vocabularies.ts';

export const OfficeStatusSchema = z.enum(OFFICE_STATUSES);

export const OfficeKindSchema = z.enum(OFFICE_KINDS);

export const OfficeSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: OfficeKindSchema,
  location: z.string().nullable(),
  status: OfficeStatusSchema,
  proposedOn: z.string().nullable(),
  agreedOn: z.string().nullable(),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  establishedBy: z.string().nullable().describe('The instrument, e.g. an exchange of letters.'),
  version: z
    .number()
    .int()
    .describe(
      'Moves on when name, kind, location or instrument change: what a decision approving the office agrees to.',
    ),
  ...CitedSchema.shape,
  visibility: VisibilitySchema,
  party: z.string().nullable(),
  updatedAt: z.string(),
  publication: PublicationSchema,
});
export type Office = z.infer<typeof OfficeSchema>;

export const OfficesQuerySchema = ListQuerySchema.extend({
  status: OfficeStatusSchema.optional(),
  kind: OfficeKindSchema.optional(),
});
export type OfficesQuery = z.infer<typeof OfficesQuerySchema>;

export const CreateOfficeSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    kind: OfficeKindSchema,
    location: z.string().min(1).max(200).optional(),
    status: z
      .literal('proposed')
      .optional()
      .describe(
        'An office starts proposed; agreement comes only from a joint decision approving it.',
      ),
    proposedOn: PartialDateSchema.optional(),
    establishedBy: z.string().min(1).max(500).optional(),
    visibility: VisibilitySchema.optional().describe(
      'Joint by default; public only when both parties publish it (POST /api/offices/{id}/publish).',
    ),
  })
  .describe('Later dates (agreedOn, openedOn, closedOn) are refused: each comes with its step.');
export type CreateOfficeInput = z.infer<typeof CreateOfficeSchema>;

export const UpdateOfficeSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  kind: OfficeKindSchema.optional(),
  location: z.string().min(1).max(200).nullable().optional(),
  establishedBy: z.string().min(1).max(500).nullable().optional(),
  status: OfficeStatusSchema.optional().describe(
    'One step forward: agreed -> open -> closed. Agreement (proposed -> agreed) comes only from a joint decision.',
  ),
  on: PartialDateSchema.optional().describe('When the step happened; today by default.'),
  visibility: VisibilitySchema.optional().describe('May only widen.'),
});
export type UpdateOfficeInput = z.infer<typeof UpdateOfficeSchema>;
