import { z } from 'zod';
import { IdSchema, ListQuerySchema, VisibilitySchema } from './common.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';

export const DecisionStatusSchema = z.enum(['proposed', 'agreed', 'declined', 'withdrawn']);
export const ResponseKindSchema = z.enum(['concur', 'decline']);

export const ApprovesSchema = z
  .string()
  .regex(
    /^(work-programme:\d{4}|office:[A-Za-z0-9._-]{1,100})$/,
    'work-programme:<year> or office:<officeId>',
  )
  .describe('What the decision approves once agreed.');

export const DecisionResponseSchema = z.object({
  party: z.string(),
  response: ResponseKindSchema,
  comment: z.string().nullable(),
  at: z.string(),
});
export type DecisionResponse = z.infer<typeof DecisionResponseSchema>;

export const DecisionSchema = z.object({
  id: z.string(),
  subject: z.string(),
  text: z.string(),
  approves: z.string().nullable(),
  status: DecisionStatusSchema,
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
});
export type Decision = z.infer<typeof DecisionSchema>;

/** A decision is between the parties: it is public or joint, never one party's caucus. */
export const DecisionVisibilitySchema = z.enum(['public', 'joint']);

export const CreateDecisionSchema = z.object({
  subject: z.string().trim().min(1).max(300),
  text: z.string().trim().min(1).max(50_000),
  approves: ApprovesSchema.optional(),
  meetingId: IdSchema.optional(),
  visibility: DecisionVisibilitySchema.optional().describe('Defaults to joint.'),
});
export type CreateDecisionInput = z.infer<typeof CreateDecisionSchema>;

export const UpdateDecisionSchema = z
  .object({
    subject: z.string().trim().min(1).max(300).optional(),
    text: z.string().trim().min(1).max(50_000).optional(),
  })
  .refine((v) => v.subject !== undefined || v.text !== undefined, {
    message: 'give subject or text',
  });
export type UpdateDecisionInput = z.infer<typeof UpdateDecisionSchema>;

export const RespondToDecisionSchema = z.object({
  comment: z.string().trim().max(5_000).optional(),
});
export type RespondToDecisionInput = z.infer<typeof RespondToDecisionSchema>;

export const DecisionListQuerySchema = ListQuerySchema.extend({
  status: DecisionStatusSchema.optional(),
  meetingId: IdSchema.optional(),
  approves: z.string().max(200).optional(),
});
export type DecisionListQuery = z.infer<typeof DecisionListQuerySchema>;
