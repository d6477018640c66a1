import type { Decision } from '../../../shared/decisions.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { lockOwnProposal, saveProposal } from './own-proposal.ts';

/**
 * Withdraws a proposed decision: a proposal is the proposing party's to abandon, so only a
 * secretary of that party may (NotYourParty otherwise), even after the other party has
 * responded. DecisionClosed once agreed, declined or withdrawn. A withdrawn decision approves
 * nothing and takes no more responses. NotFound when the caller cannot see it.
 */
export async function withdrawDecision(deps: Deps, actor: Actor, id: string): Promise<Decision> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const before = await lockOwnProposal(uow.trx, user, id, 'withdraw');
    const after: Row<'decisions'> = { ...before, status: 'withdrawn', updatedAt: uow.at };
    return saveProposal(uow, 'withdraw', before, after);
  });
}
