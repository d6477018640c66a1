import type { Council, ProposeCouncilDescriptionInput } from '../../../shared/council.schemas.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { clearPublicationRequests } from '../publication/publication-requests.ts';
import {
  DESCRIPTION_PROPOSAL_SCOPE,
  findCouncilRow,
  getCouncil,
  proposalAudit,
} from './council.repository.ts';
import { askToPublishDescription } from './publish-council-description.ts';

/**
 * The caller's party proposes a new description of the council (manage-council). The
 * description is what the public reads under both parties' names, so it changes only once
 * every party asked to publish the same proposal; proposing is the proposing party's request.
 * A proposal replaces the one waiting, whoever made it (a counter-proposal): its version moves,
 * so a request for the old one no longer counts. Nothing the public reads moves until then,
 * not even the council's `updatedAt`. ValidationFailed for the description it has already.
 */
export async function proposeCouncilDescription(
  deps: Deps,
  actor: Actor,
  input: ProposeCouncilDescriptionInput,
): Promise<Council> {
  const user = requirePermission(actor, 'manage-council');
  await change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const before = await findCouncilRow(trx, actor);
    if (input.description === before.description) {
      throw invalid('description', "is the council's description already");
    }
    const proposed = await trx
      .updateTable('council')
      .set({
        proposedDescription: input.description,
        descriptionProposedBy: user.party,
        descriptionProposedAt: at,
        descriptionVersion: before.descriptionVersion + 1,
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await clearPublicationRequests(uow, 'council', before.id);
    record({
      entity: 'council',
      id: before.id,
      action: 'propose-description',
      scope: DESCRIPTION_PROPOSAL_SCOPE,
      audit: { before: proposalAudit(before), after: proposalAudit(proposed) },
    });
    await askToPublishDescription(uow, user, proposed);
  });
  return getCouncil(deps, actor);
}
