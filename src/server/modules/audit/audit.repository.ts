import type { Transaction } from 'kysely';
import type { Database, Visibility } from '../../db/schema.ts';
import { type Actor, actorParty, actorUserId } from '../access/actor.ts';

export type AuditAction = string;

export interface AuditInput {
  actor: Actor;
  at: string;
  action: AuditAction;
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

const breadth: Record<Visibility, number> = { caucus: 0, joint: 1, public: 2 };

/** When an item's visibility changes, its audit entry is only as visible as the narrower one. */
export function narrower<V extends { visibility: Visibility; party: string | null }>(
  a: V,
  b: V,
): V {
  return breadth[a.visibility] <= breadth[b.visibility] ? a : b;
}
