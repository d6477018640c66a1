import { z } from 'zod';
import { ListQuerySchema, VisibilitySchema } from './common.schemas.ts';

export const AuditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorParty: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  visibility: VisibilitySchema,
  party: z.string().nullable(),
  before: z.unknown().describe('The item before the change, as JSON; null on creation.'),
  after: z.unknown().describe('The item after the change, as JSON; null on removal.'),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = ListQuerySchema.extend({
  entityType: z.string().min(1).max(60).optional(),
  entityId: z.string().min(1).max(100).optional(),
  actor: z.string().min(1).max(100).optional().describe('The id of the user who acted.'),
  from: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this instant.'),
  to: z.iso.datetime({ offset: true }).optional().describe('Entries at or before this instant.'),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
