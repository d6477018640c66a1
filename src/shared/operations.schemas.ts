import { z } from 'zod';
import {
  FullDateSchema,
  IdParamsSchema,
  IdSchema,
  ListQuerySchema,
  PartialDateSchema,
  VisibilitySchema,
} from './common.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';

export const StrengthRecordSchema = z.object({
  id: z.string(),
  contributor: z
    .string()
    .nullable()
    .describe('null for the whole force; else a party or delegation.'),
  contributorName: z.string().nullable(),
  troops: z.number().int(),
  qualifier: z.string().nullable().describe("The source's own word: about, some, approximately."),
  asOf: z.string(),
  ...CitedSchema.shape,
  visibility: VisibilitySchema,
});
export type StrengthRecord = z.infer<typeof StrengthRecordSchema>;

export const StrengthSnapshotSchema = z.object({
  asOf: z.string(),
  total: z.object({ troops: z.number().int(), qualifier: z.string().nullable() }).nullable(),
  contributors: z.array(
    z.object({
      contributor: z.string(),
      contributorName: z.string().nullable(),
      troops: z.number().int(),
      qualifier: z.string().nullable(),
      share: z.number().nullable().describe('Of the total of the same date, to four decimals.'),
    }),
  ),
});

export const OperationSchema = z.object({
  id: z.string(),
  name: z.string(),
  fullName: z.string(),
  location: z.string().nullable(),
  mandate: z.string().nullable(),
  ...CitedSchema.shape,
  visibility: VisibilitySchema,
  party: z.string().nullable(),
  strength: StrengthSnapshotSchema.nullable().describe('As last reported on or before `at`.'),
});
export type Operation = z.infer<typeof OperationSchema>;

export const OperationDetailSchema = OperationSchema.extend({
  strengths: z
    .array(StrengthRecordSchema)
    .describe('Every report the caller may see, oldest first.'),
});
export type OperationDetail = z.infer<typeof OperationDetailSchema>;

export const OperationsQuerySchema = ListQuerySchema.extend({
  at: FullDateSchema.optional().describe('Strength as last reported on or before this date.'),
});
export type OperationsQuery = z.infer<typeof OperationsQuerySchema>;
export const OperationQuerySchema = OperationsQuerySchema.pick({ at: true });

export const CreateOperationSchema = z.strictObject({
  name: z.string().min(1).max(60).describe('Short name: SFOR, KFOR.'),
  fullName: z.string().min(1).max(200),
  location: z.string().min(1).max(200).optional(),
  mandate: z.string().min(1).max(1_000).optional(),
  visibility: VisibilitySchema.optional(),
});
export type CreateOperationInput = z.infer<typeof CreateOperationSchema>;

export const CreateStrengthSchema = z.strictObject({
  contributor: IdSchema.nullable().describe('null for the whole force.'),
  troops: z.number().int().min(0).max(10_000_000),
  asOf: PartialDateSchema,
  qualifier: z.string().min(1).max(40).optional(),
  visibility: VisibilitySchema.optional().describe("No wider than the operation's."),
});
export type CreateStrengthInput = z.infer<typeof CreateStrengthSchema>;

export const UpdateOperationSchema = z.strictObject({
  name: z.string().min(1).max(60).optional(),
  fullName: z.string().min(1).max(200).optional(),
  location: z.string().min(1).max(200).nullable().optional(),
  mandate: z.string().min(1).max(1_000).nullable().optional(),
  visibility: VisibilitySchema.optional().describe('May only widen.'),
});
export type UpdateOperationInput = z.infer<typeof UpdateOperationSchema>;

export const StrengthParamsSchema = IdParamsSchema.extend({ strengthId: IdSchema });

export const UpdateStrengthSchema = z
  .strictObject({
    troops: z.number().int().min(0).max(10_000_000).optional(),
    asOf: PartialDateSchema.optional(),
    qualifier: z.string().min(1).max(40).nullable().optional(),
  })
  .describe('A correction of a reported figure; shares follow from the corrected figures.');
export type UpdateStrengthInput = z.infer<typeof UpdateStrengthSchema>;
