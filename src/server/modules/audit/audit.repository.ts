import type { Transaction } from 'kysely';
import type { Database, Visibility } from '../../db/schema.ts';
import { type Actor, actorParty, actorUserId } from '../access/actor.ts';

export interface AuditInput {
  actor: Actor;
  at: string;
  /** `<entity>.<verb>`, e.g. `meeting.create`, `decision.concur`. */
  action: string;
  entityType: string;
  entityId: string;
  /** Who may read the entry: the item's own visibility, the narrower of before and after. */
  visibility: Visibility;
  party: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit event. It takes a Transaction so that the compiler demands the change and
 * its record commit or fail together.
 */
export async function recordAudit(trx: Transaction<Database>, input: AuditInput): Promise<void> {
  await trx
    .insertInto('auditEvents')
    .values({
      at: input.at,
      actorId: actorUserId(input.actor),
      actorParty: actorParty(input.actor),
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      visibility: input.visibility,
      party: input.party,
      before: input.before === undefined ? null : JSON.stringify(input.before),
      after: input.after === undefined ? null : JSON.stringify(input.after),
    })
    .execute();
}
