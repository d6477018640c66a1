import { z } from 'zod';
import { PublicationSchema, VersionSchema } from './agreements.schemas.ts';
import { IdSchema, ListQuerySchema, VisibilitySchema } from './common.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';
import { APPROVABLE_KINDS, DECISION_STATUSES, RESPONSE_KINDS } from './vocabularies.ts';

export const DecisionStatusSchema = z.enum(DECISION_STATUSES);
export const ResponseKindSchema = z.enum(RESPONSE_KINDS);

export const ApprovesSchema = z
  .strictObject({
    kind: z.enum(APPROVABLE_KINDS),
    id: IdSchema,
  })
  .describe('What the decision approves once agreed: a work programme or an office, by id.');
export type Approves = z.infer<typeof ApprovesSchema>;

export const DecisionResponseSchema = z.object({
  party: z.string(),
  response: ResponseKindSchema,
  version: z.number().int().describe('The version of the decision the party answered.'),
  comment: z.string().nullable(),
  at: z.string(),
});
export type DecisionResponse = z.infer<typeof DecisionResponseSchema>;

export const DecisionSchema = z.object({
  id: z.string(),
  subject: z.string(),
  text: z.string(),
  approves: ApprovesSchema.nullable(),
  status: DecisionStatusSchema,
  version: z
    .number()
    .int()
    .describe(
      'Moves on when the text or the content of what it approves changes; a concurrence names it.',
    ),
  meetingId: z.string().nullable(),
  visibility: VisibilitySchema,
  party: z.string().nullable().describe('The proposing party.'),
  proposedBy: z
    .string()
    .nullable()
    .describe("The proposing user; shown to that user's party only."),
  decidedOn: z.string().nullable(),
  ...CitedSchema.shape,
  createdAt: z.string(),
  updatedAt: z.string(),
  responses: z.array(DecisionResponseSchema),
  publication: PublicationSchema,
});
export type Decision = z.infer<typeof DecisionSchema>;

/** A decision is between the parties: it is joint, and public only when both publish it. */
export const DecisionVisibilitySchema = z.enum(['joint']);

export const CreateDecisionSchema = z.strictObject({
  subject: z.string().trim().min(1).max(300),
  text: z.string().trim().min(1).max(50_000),
  approves: ApprovesSchema.optional(),
  meetingId: IdSchema.optional(),
  visibility: DecisionVisibilitySchema.optional().describe(
    'Always joint; it becomes public when both parties publish it.',
  ),
});
export type CreateDecisionInput = z.infer<typeof CreateDecisionSchema>;

export const UpdateDecisionSchema = z
  .strictObject({
    subject: z.string().trim().min(1).max(300).optional(),
    text: z.string().trim().min(1).max(50_000).optional(),
  })
  .refine((v) => v.subject !== undefined || v.text !== undefined, {
    message: 'give subject or text',
  });
export type UpdateDecisionInput = z.infer<typeof UpdateDecisionSchema>;

export const RespondToDecisionSchema = z.strictObject({
  version: VersionSchema.optional().describe(
    'The version the chair read; required unless sent as If-Match.',
  ),
  comment: z.string().trim().max(5_000).optional(),
});
export type RespondToDecisionInput = z.infer<typeof RespondToDecisionSchema>;

export const DecisionListQuerySchema = ListQuerySchema.extend({
  status: DecisionStatusSchema.optional(),
  meetingId: IdSchema.optional(),
  approvesKind: z.enum(APPROVABLE_KINDS).optional(),
  approvesId: IdSchema.optional(),
});
export type DecisionListQuery = z.infer<typeof DecisionListQuerySchema>;
