import type { Executor } from '../../db/database.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertWithin, canSee, type Visible } from '../access/visibility.policy.ts';

export interface NoteParentIds {
  meetingId?: string | null | undefined;
  agendaItemId?: string | null | undefined;
  decisionId?: string | null | undefined;
}

/**
 * The visibility of whatever a note hangs on (an agenda item answers for its meeting too).
 * A parent the author cannot see is NotFound, exactly like a missing one.
 */
async function parentsOf(db: Executor, actor: Actor, ids: NoteParentIds): Promise<Visible[]> {
  if (ids.meetingId) {
    const meeting = await db
      .selectFrom('meetings')
      .select(['visibility', 'party'])
      .where('id', '=', ids.meetingId)
      .executeTakeFirst();
    if (!meeting || !canSee(actor, meeting)) throw notFound('meeting');
    return [meeting];
  }
  if (ids.agendaItemId) {
    const item = await db
      .selectFrom('agendaItems')
      .innerJoin('meetings', 'meetings.id', 'agendaItems.meetingId')
      .select([
        'agendaItems.visibility',
        'agendaItems.party',
        'meetings.visibility as meetingVisibility',
        'meetings.party as meetingParty',
      ])
      .where('agendaItems.id', '=', ids.agendaItemId)
      .executeTakeFirst();
    const meeting = item && { visibility: item.meetingVisibility, party: item.meetingParty };
    if (!item || !meeting || !canSee(actor, item) || !canSee(actor, meeting)) {
      throw notFound('agenda item');
    }
    return [item, meeting];
  }
  if (ids.decisionId) {
    const decision = await db
      .selectFrom('decisions')
      .select(['visibility', 'party'])
      .where('id', '=', ids.decisionId)
      .executeTakeFirst();
    if (!decision || !canSee(actor, decision)) throw notFound('decision');
    return [decision];
  }
  return [];
}

/** A note may never be seen by more people than its parent: VisibilityTooWide otherwise. */
export async function assertNoteFitsParent(
  db: Executor,
  actor: Actor,
  note: Visible,
  ids: NoteParentIds,
): Promise<void> {
  for (const parent of await parentsOf(db, actor, ids)) assertWithin(note, parent, 'visibility');
}
