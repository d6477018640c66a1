import type { Transaction } from 'kysely';
import type { Decision } from '../../../shared/decisions.schemas.ts';
import type { Database, Row } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';
import type { UserActor } from '../access/actor.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { findDecisionRow, getDecision } from './decision.repository.ts';

/**
 * The proposed decision `id`, for a change only its proposing party may make (editing or
 * withdrawing it). NotFound when the caller cannot see it, DecisionClosed once it is no longer
 * proposed, NotYourParty for the other party.
 */
export async function lockOwnProposal(
  trx: Transaction<Database>,
  user: UserActor,
  id: string,
  change: 'change' | 'withdraw',
): Promise<Row<'decisions'> & { agreedVersion: number }> {
  const before = await findDecisionRow(trx, user, id);
  if (before.status !== 'proposed') {
    throw new DomainError('DecisionClosed', `the decision is ${before.status}`);
  }
  if (before.party !== user.party) {
    throw new DomainError('NotYourParty', `only the proposing party may ${change} its proposal`);
  }
  return before;
}

/** Stores a changed proposal, records it, and answers it. */
export async function saveProposal(
  uow: UnitOfWork,
  action: 'update' | 'withdraw',
  before: Row<'decisions'>,
  after: Row<'decisions'>,
): Promise<Decision> {
  await uow.trx
    .updateTable('decisions')
    .set({
      subject: after.subject,
      text: after.text,
      status: after.status,
      version: after.version,
      updatedAt: after.updatedAt,
    })
    .where('id', '=', after.id)
    .where('status', '=', 'proposed')
    .execute();
  uow.record({ entity: 'decision', id: after.id, action, before, after });
  return getDecision(uow.trx, uow.actor, after.id);
}
