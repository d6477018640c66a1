import { z } from 'zod';
import {
  FullDateSchema,
  ListQuerySchema,
  PartialDateSchema,
  VisibilitySchema,
} from './common.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';

export const DelegationSchema = z.object({
  id: z.string(),
  name: z.string(),
  party: z.string().nullable(),
  countryCode: z.string().nullable().describe('ISO 3166-1 alpha-2; null for a party mission.'),
  joinedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  ...CitedSchema.shape,
  visibility: VisibilitySchema,
  updatedAt: z.string(),
});
export type Delegation = z.infer<typeof DelegationSchema>;

export const PartySchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  position: z
    .number()
    .int()
    .describe('Where the party names itself in its own versions (alternat).'),
  jointMarkingCeiling: z
    .string()
    .nullable()
    .describe(
      'The highest marking (a classification id) the party accepts on texts both parties share, as its admin declared it; null to anonymous callers.',
    ),
  ...CitedSchema.shape,
  delegations: z.array(DelegationSchema),
});
export type Party = z.infer<typeof PartySchema>;

export const JointMarkingCeilingSchema = z.strictObject({
  classification: z
    .string()
    .min(1)
    .max(60)
    .describe('A classification id of the council scheme, e.g. nato-restricted.'),
});
export type JointMarkingCeilingInput = z.infer<typeof JointMarkingCeilingSchema>;

export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 code such as BE')
  .transform((code) => code.toUpperCase());

export const DelegationsQuerySchema = ListQuerySchema.extend({
  at: FullDateSchema.optional().describe('Only delegations that were members on this date.'),
});
export type DelegationsQuery = z.infer<typeof DelegationsQuerySchema>;

export const CreateDelegationSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,63}$/)
    .optional()
    .describe('Defaults to `<party>-<country code>`; must start with `<party>-`.'),
  name: z.string().min(1).max(200),
  countryCode: CountryCodeSchema.optional(),
  joinedOn: PartialDateSchema.optional(),
  leftOn: PartialDateSchema.optional(),
  visibility: VisibilitySchema.optional(),
});
export type CreateDelegationInput = z.infer<typeof CreateDelegationSchema>;

export const UpdateDelegationSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  countryCode: CountryCodeSchema.nullable().optional(),
  joinedOn: PartialDateSchema.nullable().optional(),
  leftOn: PartialDateSchema.nullable().optional(),
  visibility: VisibilitySchema.optional().describe('May only widen.'),
});
export type UpdateDelegationInput = z.infer<typeof UpdateDelegationSchema>;
