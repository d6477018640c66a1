import { z } from 'zod';
import {
  FullDateSchema,
  ListQuerySchema,
  PartialDateSchema,
  VisibilitySchema,
} from './common.schemas.ts';

export const COUNCIL_STATUSES = ['active', 'suspended', 'restricted'] as const;
export const CouncilStatusSchema = z.enum(COUNCIL_STATUSES);

export const SourceSchema = z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string().nullable(),
  publishedOn: z.string().nullable(),
  reference: z.string().nullable(),
  disclaimer: z.string().nullable(),
});

export const CouncilPeriodSchema = z.object({
  id: z.string(),
  status: CouncilStatusSchema,
  scope: z.string().nullable().describe('What a restricted council may discuss.'),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  description: z.string().nullable(),
  sourceId: z.string().nullable(),
  visibility: VisibilitySchema,
  party: z.string().nullable(),
});
export type CouncilPeriod = z.infer<typeof CouncilPeriodSchema>;

export const CouncilSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  foundingInstrument: z.string(),
  foundedOn: z.string(),
  languages: z.array(z.string()),
  description: z.string().nullable(),
  source: SourceSchema.nullable(),
  visibility: VisibilitySchema,
  periods: z.array(CouncilPeriodSchema),
  updatedAt: z.string(),
});
export type Council = z.infer<typeof CouncilSchema>;

export const UpdateCouncilSchema = z.strictObject({
  description: z.string().max(10_000).nullable(),
});
export type UpdateCouncilInput = z.infer<typeof UpdateCouncilSchema>;

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
