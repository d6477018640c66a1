import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { clearPublicationRequests } from '../publication/publication-requests.ts';
import { DESCRIPTION_PROPOSAL_SCOPE, findCouncilRow, proposalAudit } from './council.repository.ts';

/**
 * Takes the waiting proposal off the table (manage-council): its own party withdraws it, the
 * other declines it; the description stays as it is. NotFound while nothing is proposed.
 */
export async function withdrawCouncilDescription(deps: Deps, actor: Actor): Promise<void> {
  const user = requirePermission(actor, 'manage-council');
  await change(deps, actor, async (uow) => {
    const before = await findCouncilRow(uow.trx, actor);
    if (before.descriptionProposedBy === null) throw notFound('description proposal');
    await uow.trx
      .updateTable('council')
      .set({ proposedDescription: null, descriptionProposedBy: null, descriptionProposedAt: null })
      .where('id', '=', before.id)
      .execute();
    await clearPublicationRequests(uow, 'council', before.id);
    uow.record({
      entity: 'council',
      id: before.id,
      action: 'withdraw-description',
      scope: DESCRIPTION_PROPOSAL_SCOPE,
      audit: { before: proposalAudit(before), after: { withdrawnBy: user.party } },
    });
  });
}
