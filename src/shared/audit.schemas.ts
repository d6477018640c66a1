import { z } from 'zod';
import { ListQuerySchema, VisibilitySchema } from './common.schemas.ts';
import { ENTITY_TYPES, QUALIFIED_ACTIONS } from './entities.ts';

export const AuditEventSchema = z.object({
  id: z
    .string()
    .describe(
      'The entry within its audience: `public/12`, `joint/40`, `caucus:nato/7`. Numbers count within one audience only, so they never reveal what the caller cannot see.',
    ),
  at: z.string(),
  actorId: z.string().nullable().describe("The acting user; shown to that user's party only."),
  actorParty: z.string().nullable(),
  action: z.enum(QUALIFIED_ACTIONS as [string, ...string[]]),
  entityType: z.enum(ENTITY_TYPES as [string, ...string[]]),
  entityId: z.string(),
  visibility: VisibilitySchema,
  party: z.string().nullable(),
  before: z.unknown().describe('The item before the change, as JSON; null on creation.'),
  after: z.unknown().describe('The item after the change, as JSON; null on removal.'),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = ListQuerySchema.extend({
  entityType: z.enum(ENTITY_TYPES as [string, ...string[]]).optional(),
  entityId: z.string().min(1).max(100).optional(),
  actor: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("The id of the user who acted (the caller's own party's users only)."),
  from: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this instant.'),
  to: z.iso.datetime({ offset: true }).optional().describe('Entries at or before this instant.'),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
