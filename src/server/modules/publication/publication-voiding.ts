import type { ActionOf, EntityType } from '../../../shared/entities.ts';
import type { Executor } from '../../db/database.ts';
import type { MadeByBoth } from './publication.policy.ts';

interface Change {
  entity: EntityType;
  id: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

type Owner = { entity: MadeByBoth; id: string };

/** A chair's answer to a decision, and the outcome it leads to: none moves its version. */
const DECISION_ANSWERS: ReadonlySet<string> = new Set<ActionOf<'decision'>>([
  'concur',
  'decline',
  'agree',
  'reject',
]);

const rowOf = (change: Change): Record<string, unknown> | null =>
  (change.after ?? change.before ?? null) as Record<string, unknown> | null;

/**
 * The item made by both whose publication a change touches: the meeting of an agenda item, the
 * programme of an area, activity or progress note, or the item itself. Texts are left out:
 * every change of theirs moves the version a request names. A decision's answers move none
 * (a chair's concurrence or decline, with its comment, is published with the decision), so
 * they void its requests too.
 */
async function ownerOf(trx: Executor, change: Change): Promise<Owner | null> {
  const row = rowOf(change);
  switch (change.entity) {
    case 'meeting':
    case 'workProgramme':
    case 'office':
      return { entity: change.entity, id: change.id };
    case 'decision':
      // Its other changes move the version a request names.
      return DECISION_ANSWERS.has(change.action) ? { entity: 'decision', id: change.id } : null;
    case 'agendaItem':
      return typeof row?.meetingId === 'string' ? { entity: 'meeting', id: row.meetingId } : null;
    case 'workProgrammeArea':
    case 'activity':
      return typeof row?.programmeId === 'string'
        ? { entity: 'workProgramme', id: row.programmeId }
        : null;
    case 'activityProgress': {
      if (typeof row?.activityId !== 'string') return null;
      const activity = await trx
        .selectFrom('activities')
        .select('programmeId')
        .where('id', '=', row.activityId)
        .executeTakeFirst();
      return activity ? { entity: 'workProgramme', id: activity.programmeId } : null;
    }
    default:
      return null;
  }
}

/**
 * A request to publish holds for what the party read: meetings, programmes and offices have
 * content (a summary record, attendance, an activity's status, a progress note) that moves no
 * version, so any joint change of such an item, or of what it holds, voids the requests still
 * waiting for it (the item shows nobody asking, and each party asks again for what it now
 * reads). Called by the write path for every change it records, in the change's transaction.
 * A caucus change voids nothing: the other party would learn of it from the requests.
 */
export async function voidPublicationRequests(
  trx: Executor,
  change: Change,
  audience: string,
): Promise<void> {
  if (audience !== 'joint') return;
  if (change.action === 'request-publication' || change.action === 'publish') return;
  const owner = await ownerOf(trx, change);
  if (owner !== null) await voidRequestsFor(trx, owner);
}

/**
 * Voids the requests waiting for `owner` now, for a use case that answers the item's view in
 * the same change (the write path voids them again, finding none, when it records the change).
 */
export async function voidRequestsFor(trx: Executor, owner: Owner): Promise<void> {
  await trx
    .deleteFrom('publicationRequests')
    .where('entityType', '=', owner.entity)
    .where('entityId', '=', owner.id)
    .execute();
}
