import { z } from 'zod';
import { PublicationSchema } from './agreements.schemas.ts';
import {
  FullDateSchema,
  LevelSchema,
  ListQuerySchema,
  PartialDateSchema,
  VisibilitySchema,
} from './common.schemas.ts';
import { CitedSchema, SourceSchema } from './sources.schemas.ts';

export const COUNCIL_STATUSES = ['active', 'suspended', 'restricted'] as const;
export const CouncilStatusSchema = z.enum(COUNCIL_STATUSES);

export const CouncilPeriodSchema = z.object({
  id: z.string(),
  status: CouncilStatusSchema,
  scope: z.string().nullable().describe('What a restricted council may discuss.'),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  description: z.string().nullable(),
  ...CitedSchema.shape,
  visibility: VisibilitySchema,
  party: z.string().nullable(),
});
export type CouncilPeriod = z.infer<typeof CouncilPeriodSchema>;

export const CouncilStatementSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    text: z.string().describe("The source's own words wherever the record can keep them."),
    note: z
      .string()
      .nullable()
      .describe('Where another source says it differently, or what the statement leaves open.'),
    ...CitedSchema.shape,
    visibility: VisibilitySchema,
    party: z.string().nullable(),
  })
  .describe('One thing a source says about the council as a whole.');
export type CouncilStatement = z.infer<typeof CouncilStatementSchema>;

export const RecordCoverageSchema = z
  .object({
    id: z.string(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    level: LevelSchema.nullable().describe('null: every level.'),
    complete: z.boolean().describe('Whether every meeting of the period (and level) is on record.'),
    reason: z.string(),
    ...CitedSchema.shape,
    visibility: VisibilitySchema,
    party: z.string().nullable(),
  })
  .describe(
    "How complete the record of a period is. A period no entry speaks of is the secretariat's own record, which is complete.",
  );
export type RecordCoverage = z.infer<typeof RecordCoverageSchema>;

export const CouncilDescriptionProposalSchema = z
  .object({
    description: z.string().nullable().describe('The description proposed; null proposes none.'),
    version: z
      .number()
      .int()
      .describe(
        'What a request to publish names (as `version` or If-Match): every proposal moves it.',
      ),
    proposedBy: z.string().describe('The party that proposed it.'),
    proposedAt: z.string(),
    publication: PublicationSchema,
  })
  .describe(
    "A new description one party proposed. It becomes the council's once every party asked to publish this version (the proposing party asks by proposing). Joint: the public never sees it.",
  );
export type CouncilDescriptionProposal = z.infer<typeof CouncilDescriptionProposalSchema>;

export const CouncilSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  foundingInstrument: z.string(),
  foundedOn: z.string(),
  languages: z.array(z.string()),
  description: z
    .string()
    .nullable()
    .describe('What the public reads of the council: both parties published it.'),
  descriptionProposal: CouncilDescriptionProposalSchema.nullable().describe(
    'The new description waiting for the parties; null while none waits, and always for the public.',
  ),
  sourceId: z.string().nullable(),
  source: SourceSchema.nullable().describe(
    'The whole source, disclaimer included: like every other `source`, it has an id and a url.',
  ),
  visibility: VisibilitySchema,
  statements: z.array(CouncilStatementSchema).describe('In the order of the record.'),
  periods: z.array(CouncilPeriodSchema),
  recordCoverage: z.array(RecordCoverageSchema).describe('Oldest first.'),
  updatedAt: z.string(),
});
export type Council = z.infer<typeof CouncilSchema>;

export const ProposeCouncilDescriptionSchema = z.strictObject({
  description: z
    .string()
    .min(1)
    .max(10_000)
    .nullable()
    .describe('The new description; null proposes that the council have none.'),
});
export type ProposeCouncilDescriptionInput = z.infer<typeof ProposeCouncilDescriptionSchema>;

export const CouncilStatusQuerySchema = z.strictObject({
  at: FullDateSchema.optional().describe('The date to ask about (YYYY-MM-DD); today by default.'),
});

export const CouncilStatusAnswerSchema = z.object({
  at: z.string(),
  status: CouncilStatusSchema.nullable(),
  scope: z.string().nullable(),
  period: CouncilPeriodSchema.nullable(),
  reason: z.string().nullable().describe('Why no status is known, when none is.'),
});

export const CreateCouncilPeriodSchema = z.strictObject({
  status: CouncilStatusSchema,
  scope: z.string().min(1).max(500).optional(),
  startsOn: PartialDateSchema,
  endsOn: PartialDateSchema.optional(),
  description: z.string().max(10_000).optional(),
  visibility: VisibilitySchema.optional(),
});
export type CreateCouncilPeriodInput = z.infer<typeof CreateCouncilPeriodSchema>;

export const UpdateCouncilPeriodSchema = z.strictObject({
  status: CouncilStatusSchema.optional(),
  scope: z.string().min(1).max(500).nullable().optional(),
  startsOn: PartialDateSchema.optional(),
  endsOn: PartialDateSchema.nullable().optional().describe('null while the period still runs.'),
  description: z.string().max(10_000).nullable().optional(),
  visibility: VisibilitySchema.optional().describe('May only widen.'),
});
export type UpdateCouncilPeriodInput = z.infer<typeof UpdateCouncilPeriodSchema>;

export const CouncilPeriodsQuerySchema = ListQuerySchema.extend({
  status: CouncilStatusSchema.optional(),
});
export type CouncilPeriodsQuery = z.infer<typeof CouncilPeriodsQuerySchema>;
export type CouncilStatus = z.infer<typeof CouncilStatusSchema>;
