import { type Deps, nowIso } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { removeDocument } from '../search/search-index.ts';
import { assertAgendaOpen, linksOf } from './agenda-items.shared.ts';
import {
  bumpAgendaVersion,
  findVisibleAgendaItem,
  findVisibleMeeting,
} from './meeting.repository.ts';
import { moveNotes } from './move-notes.ts';

/**
 * Removes an item from a planned meeting's agenda (manage-council); the agenda version moves
 * on. Notes on the item move up to its meeting instead of going with it, whoever wrote them:
 * some may be the other party's caucus notes, which must neither change the answer nor be
 * destroyed unseen. Errors: NotFound, AgendaLocked.
 */
export async function removeAgendaItem(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  itemId: string,
): Promise<void> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    const before = await findVisibleAgendaItem(trx, actor, meetingId, itemId);
    assertAgendaOpen(meeting);
    await moveNotes(trx, actor, at, { agendaItemId: itemId }, { meetingId, agendaItemId: null });
    const links = await linksOf(trx, itemId);
    await trx.deleteFrom('agendaItems').where('id', '=', itemId).execute();
    await bumpAgendaVersion(trx, meetingId, at);
    await removeDocument(trx, 'agendaItem', itemId);
    await recordAudit(trx, {
      actor,
      at,
      action: 'agenda-item.delete',
      entityType: 'agendaItem',
      entityId: itemId,
      visibility: before.visibility,
      party: before.party,
      before: { ...before, ...links },
    });
  });
}
