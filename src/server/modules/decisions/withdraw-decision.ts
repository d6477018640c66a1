import type { Decision } from '../../../shared/decisions.schemas.ts';
import { forUpdate } from '../../db/dialect.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { canSee } from '../access/visibility.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { getDecision } from './decision.queries.ts';

/**
 * Withdraws a proposed decision: a proposal is the proposing party's to abandon, so only a
 * secretary of that party may (NotYourParty otherwise), even after the other party has
 * responded. DecisionClosed once agreed, declined or withdrawn. A withdrawn decision approves
 * nothing and takes no more responses. NotFound when the caller cannot see it.
 */
export async function withdrawDecision(deps: Deps, actor: Actor, id: string): Promise<Decision> {
  const user = requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    const before = await forUpdate(
      trx.selectFrom('decisions').selectAll().where('id', '=', id),
    ).executeTakeFirst();
    if (!before || !canSee(actor, before)) throw notFound('decision');
    if (before.status !== 'proposed') {
      throw new DomainError('DecisionClosed', `the decision is ${before.status}`);
    }
    if (before.party !== user.party) {
      throw new DomainError('NotYourParty', 'only the proposing party may withdraw its proposal');
    }
    const after: Row<'decisions'> = { ...before, status: 'withdrawn', updatedAt: at };
    await trx
      .updateTable('decisions')
      .set({ status: after.status, updatedAt: at })
      .where('id', '=', id)
      .where('status', '=', 'proposed')
      .execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'decision.withdraw',
      entityType: 'decision',
      entityId: id,
      visibility: after.visibility,
      party: after.party,
      before,
      after,
    });
    await indexDocument(trx, searchDocumentOf('decision', after));
    return getDecision(trx, actor, id);
  });
}
