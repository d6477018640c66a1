import type { Council } from '../../../shared/council.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor, UserActor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change, type UnitOfWork } from '../changes/unit-of-work.ts';
import {
  clearPublicationRequests,
  partiesAsking,
  requestPublication,
} from '../publication/publication-requests.ts';
import { DESCRIPTION_PROPOSAL_SCOPE, findCouncilRow, getCouncil } from './council.repository.ts';

/**
 * The caller's party asks to publish the proposed description it read (manage-council;
 * VersionRequired, StaleVersion: the proposal's version, which every new proposal moves).
 * Once every party asked for the same version it is the council's description, shown to the
 * public. NotFound while nothing is proposed.
 */
export async function publishCouncilDescription(
  deps: Deps,
  actor: Actor,
  version: number | undefined,
): Promise<Council> {
  const user = requirePermission(actor, 'manage-council');
  await change(deps, actor, async (uow) => {
    const before = await findCouncilRow(uow.trx, actor);
    if (before.descriptionProposedBy === null) throw notFound('description proposal');
    assertCurrentVersion('description proposal', before.descriptionVersion, version);
    await askToPublishDescription(uow, user, before);
  });
  return getCouncil(deps, actor);
}

/**
 * The caller's party asks to publish the proposal waiting in `row`, at its version; once every
 * party has, it is the council's description (adoptProposedDescription). For publishing and
 * for proposing, which is the proposing party's request (in a council of one party, its
 * proposal is everyone's at once).
 */
export async function askToPublishDescription(
  uow: UnitOfWork,
  user: UserActor,
  row: Row<'council'>,
): Promise<void> {
  const { everyPartyAsked } = await requestPublication(uow, user, {
    entity: 'council',
    id: row.id,
    version: row.descriptionVersion,
    scope: DESCRIPTION_PROPOSAL_SCOPE,
  });
  if (everyPartyAsked) await adoptProposedDescription(uow, row);
}

/**
 * Makes the waiting proposal the council's description, once every party asked for its
 * version: the only way a user changes the public description (the operator's reference
 * loader corrects the record from its sources). The public audit entry shows the description
 * before and after and who proposed and published it, but not the proposal's version: how
 * many proposals came and went before it is the parties' business, not the public's.
 */
async function adoptProposedDescription(uow: UnitOfWork, before: Row<'council'>): Promise<void> {
  const publishedBy = await partiesAsking(uow.trx, 'council', before.id, before.descriptionVersion);
  const after = await uow.trx
    .updateTable('council')
    .set({
      description: before.proposedDescription,
      proposedDescription: null,
      descriptionProposedBy: null,
      descriptionProposedAt: null,
      updatedAt: uow.at,
    })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await clearPublicationRequests(uow, 'council', before.id);
  uow.record({
    entity: 'council',
    id: before.id,
    action: 'update',
    before,
    after,
    audit: {
      before: { description: before.description },
      after: {
        description: after.description,
        proposedBy: before.descriptionProposedBy,
        publishedBy,
      },
    },
  });
}
