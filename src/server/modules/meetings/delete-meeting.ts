import { type Deps, nowIso } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { removeDocument } from '../search/search-index.ts';
import { findVisibleMeeting, selectAgendaItems } from './meeting.repository.ts';
import { toAgendaItem } from './meeting.view.ts';
import { moveNotes } from './move-notes.ts';

/**
 * Deletes a meeting that is still planned (manage-council); a held or cancelled one is part
 * of the record (Conflict: cancel it instead). A meeting a decision refers to is refused too
 * (Conflict); decisions are joint, so saying so reveals nothing. Notes on the meeting or its
 * agenda items are detached, not deleted, and never change the answer: some may be the other
 * party's caucus notes. Errors: NotFound, Conflict.
 */
export async function deleteMeeting(deps: Deps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    const meeting = await findVisibleMeeting(trx, actor, id);
    if (meeting.status !== 'planned') {
      throw new DomainError('Conflict', `a ${meeting.status} meeting is part of the record`);
    }
    const decisions = await trx
      .selectFrom('decisions')
      .select('id')
      .where('meetingId', '=', id)
      .limit(1)
      .execute();
    if (decisions.length > 0) {
      throw new DomainError('Conflict', 'a decision refers to this meeting; cancel it instead');
    }
    // The items take the meeting's visibility, so the meeting's audit audience may see them.
    const items = (await selectAgendaItems(trx, actor, id).execute()).map(toAgendaItem);
    await moveNotes(trx, actor, at, { meetingId: id }, { meetingId: null, agendaItemId: null });
    const itemIds = await trx
      .selectFrom('agendaItems')
      .select('id')
      .where('meetingId', '=', id)
      .execute();
    for (const item of itemIds) await removeDocument(trx, 'agendaItem', item.id);
    await removeDocument(trx, 'meeting', id);
    // Co-chairs, attendance, agreements and agenda items go with it (on delete cascade).
    await trx.deleteFrom('meetings').where('id', '=', id).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'meeting.delete',
      entityType: 'meeting',
      entityId: id,
      visibility: meeting.visibility,
      party: meeting.party,
      before: { ...meeting, agendaItems: items },
    });
  });
}
