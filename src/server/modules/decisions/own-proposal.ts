import type { Transaction } from 'kysely';
import type { Decision } from '../../../shared/decisions.schemas.ts';
import { forUpdate } from '../../db/dialect.ts';
import type { Database, Row } from '../../db/schema.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor, UserActor } from '../access/actor.ts';
import { canSee } from '../access/visibility.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { getDecision } from './decision.queries.ts';

/**
 * The proposed decision `id`, locked for a change only its proposing party may make (editing or
 * withdrawing it). NotFound when the caller cannot see it, DecisionClosed once it is no longer
 * proposed, NotYourParty for the other party.
 */
export async function lockOwnProposal(
  trx: Transaction<Database>,
  user: UserActor,
  id: string,
  change: 'change' | 'withdraw',
): Promise<Row<'decisions'>> {
  const before = await forUpdate(
    trx.selectFrom('decisions').selectAll().where('id', '=', id),
  ).executeTakeFirst();
  if (!before || !canSee(user, before)) throw notFound('decision');
  if (before.status !== 'proposed') {
    throw new DomainError('DecisionClosed', `the decision is ${before.status}`);
  }
  if (before.party !== user.party) {
    throw new DomainError('NotYourParty', `only the proposing party may ${change} its proposal`);
  }
  return before;
}

/** Stores a changed proposal with its audit event and search entry, and answers it. */
export async function saveProposal(
  trx: Transaction<Database>,
  actor: Actor,
  action: 'decision.update' | 'decision.withdraw',
  before: Row<'decisions'>,
  after: Row<'decisions'>,
): Promise<Decision> {
  await trx
    .updateTable('decisions')
    .set({
      subject: after.subject,
      text: after.text,
      status: after.status,
      updatedAt: after.updatedAt,
    })
    .where('id', '=', after.id)
    .where('status', '=', 'proposed')
    .execute();
  await recordAudit(trx, {
    actor,
    at: after.updatedAt,
    action,
    entityType: 'decision',
    entityId: after.id,
    visibility: after.visibility,
    party: after.party,
    before,
    after,
  });
  await indexDocument(trx, searchDocumentOf('decision', after));
  return getDecision(trx, actor, after.id);
}
