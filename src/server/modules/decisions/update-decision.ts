import type { Decision, UpdateDecisionInput } from '../../../shared/decisions.schemas.ts';
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
 * Changes the subject or text of a proposed decision, by a secretary of the proposing party
 * (NotYourParty otherwise). DecisionClosed once agreed or declined. Once any party has
 * responded the text is frozen (Conflict): a concurrence holds for the text concurred with,
 * and silently resetting it would let one side change what the other already accepted.
 * A changed text is a new proposal. NotFound when the caller cannot see the decision.
 */
export async function updateDecision(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateDecisionInput,
): Promise<Decision> {
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
      throw new DomainError('NotYourParty', 'only the proposing party may change its proposal');
    }
    const responded = await trx
      .selectFrom('decisionResponses')
      .select('party')
      .where('decisionId', '=', id)
      .executeTakeFirst();
    if (responded) {
      throw new DomainError(
        'Conflict',
        'a party has already responded to this text; propose a new decision instead',
      );
    }
    const after: Row<'decisions'> = {
      ...before,
      subject: input.subject ?? before.subject,
      text: input.text ?? before.text,
      updatedAt: at,
    };
    await trx
      .updateTable('decisions')
      .set({ subject: after.subject, text: after.text, updatedAt: at })
      .where('id', '=', id)
      .where('status', '=', 'proposed')
      .execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'decision.update',
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
