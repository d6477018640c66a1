import type { Decision, UpdateDecisionInput } from '../../../shared/decisions.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertPublishedKept } from '../publication/publication.policy.ts';
import { getDecision } from './decision.repository.ts';
import { lockOwnProposal, saveProposal } from './own-proposal.ts';

/**
 * Changes the subject or text of a proposed decision, by a secretary of the proposing party
 * (NotYourParty otherwise); the version moves on, so a chair who read the old text cannot
 * concur in the new one (StaleVersion). DecisionClosed once agreed or declined. Once any party
 * has responded the text is frozen (AlreadyAgreed): a concurrence holds for the text concurred
 * with; a changed text is a new proposal. A public proposal stays as both published it
 * (assertPublishedKept: AlreadyAgreed). NotFound when the caller cannot see the decision.
 */
export async function updateDecision(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateDecisionInput,
): Promise<Decision> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const before = await lockOwnProposal(uow.trx, user, id, 'change');
    const changed = (['subject', 'text'] as const).filter(
      (f) => input[f] !== undefined && input[f] !== before[f],
    );
    // The same words sent again are no change: the version (which a chair names) stays.
    if (changed.length === 0) return getDecision(uow.trx, actor, id);
    assertPublishedKept('decision', before, changed);
    const responded = await uow.trx
      .selectFrom('decisionResponses')
      .select('party')
      .where('decisionId', '=', id)
      .executeTakeFirst();
    if (responded) {
      throw new DomainError(
        'AlreadyAgreed',
        'a party has already responded to this text; propose a new decision instead',
      );
    }
    const after = {
      ...before,
      subject: input.subject ?? before.subject,
      text: input.text ?? before.text,
      version: before.version + 1,
      agreedVersion: before.agreedVersion + 1,
      updatedAt: uow.at,
    };
    return saveProposal(uow, 'update', before, after);
  });
}
