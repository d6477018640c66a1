import type { Decision, UpdateDecisionInput } from '../../../shared/decisions.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { lockOwnProposal, saveProposal } from './own-proposal.ts';

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
    const before = await lockOwnProposal(trx, user, id, 'change');
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
    return saveProposal(trx, actor, 'decision.update', before, after);
  });
}
