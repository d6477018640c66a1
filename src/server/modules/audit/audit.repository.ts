import type { Transaction } from 'kysely';
import type { EntityType, QualifiedAction } from '../../../shared/entities.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, actorParty, actorUserId } from '../access/actor.ts';
import type { Audience } from '../access/audience.ts';
import type { Visible } from '../access/visibility.policy.ts';

export interface AuditEntry {
  actor: Actor;
  at: string;
  audience: Audience;
  /** The entry's number within its audience (the unit of work counts them). */
  seq: number;
  /** Who may read the entry: the item's own visibility, the narrower of before and after. */
  scope: Visible;
  action: QualifiedAction;
  entityType: EntityType;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit entry and answers its commit-order key. Only the unit of work calls it
 * (src/server/modules/changes/unit-of-work.ts), inside the change's transaction.
 */
export async function insertAuditEntry(
  trx: Transaction<Database>,
  entry: AuditEntry,
): Promise<number> {
  const { id } = await trx
    .insertInto('auditEvents')
    .values({
      audience: entry.audience,
      seq: entry.seq,
      at: entry.at,
      actorId: actorUserId(entry.actor),
      actorParty: actorParty(entry.actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      visibility: entry.scope.visibility,
      party: entry.scope.party,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The number of the latest entry of an audience (0 before its first), by its index. */
export async function lastSeqOf(trx: Transaction<Database>, audience: Audience): Promise<number> {
  const row = await trx
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('audience', '=', audience)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}
