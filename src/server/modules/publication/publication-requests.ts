import type { Executor } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import type { UserActor } from '../access/actor.ts';
import type { Visible } from '../access/visibility.policy.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import type { MadeByBoth } from './publication.policy.ts';

export interface PublicationTarget {
  entity: MadeByBoth;
  id: string;
  /** The item's current version: a request counts for that version only. */
  version: number;
  /** The item's visibility (joint): who may read that a party asked. */
  scope: Visible;
}

/**
 * Records that the caller's party asks to publish the current version of an item both parties
 * made, and answers whether every party has now asked for that same version (then the owning
 * module makes it public, in the same unit of work). A request for an older version no longer
 * counts: the item changed since that party read it.
 */
export async function requestPublication(
  uow: UnitOfWork,
  user: UserActor,
  target: PublicationTarget,
): Promise<{ everyPartyAsked: boolean }> {
  if (target.scope.visibility !== 'joint') {
    throw new DomainError('Conflict', `only a joint ${target.entity} can be published`);
  }
  const { trx, at } = uow;
  await trx
    .insertInto('publicationRequests')
    .values({
      entityType: target.entity,
      entityId: target.id,
      party: user.party,
      version: target.version,
      userId: user.userId,
      requestedAt: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['entityType', 'entityId', 'party'])
        .doUpdateSet({ version: target.version, userId: user.userId, requestedAt: at }),
    )
    .execute();
  uow.record({
    entity: target.entity,
    id: target.id,
    action: 'request-publication',
    scope: target.scope,
    audit: { after: { party: user.party, version: target.version } },
  });
  const asked = await partiesAsking(trx, target.entity, target.id, target.version);
  const parties = await trx.selectFrom('parties').select('id').execute();
  return { everyPartyAsked: parties.length > 0 && parties.every((p) => asked.includes(p.id)) };
}

/** The parties that asked to publish this version of the item, in order. */
export async function partiesAsking(
  db: Executor,
  entity: MadeByBoth,
  id: string,
  version: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('publicationRequests')
    .select('party')
    .where('entityType', '=', entity)
    .where('entityId', '=', id)
    .where('version', '=', version)
    .orderBy('party')
    .execute();
  return rows.map((r) => r.party);
}

/** Once an item is public its requests have done their work. */
export async function clearPublicationRequests(
  uow: UnitOfWork,
  entity: MadeByBoth,
  id: string,
): Promise<void> {
  await uow.trx
    .deleteFrom('publicationRequests')
    .where('entityType', '=', entity)
    .where('entityId', '=', id)
    .execute();
}
