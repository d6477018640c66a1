import { type Deps, nowIso } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
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

/**
 * Removes an item from a planned meeting's agenda (manage-council); the agenda version moves
 * on. An item that notes refer to is refused (Conflict): they may be the other party's
 * caucus notes. Errors: NotFound, AgendaLocked, Conflict.
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
    const notes = await trx
      .selectFrom('notes')
      .select('id')
      .where('agendaItemId', '=', itemId)
      .limit(1)
      .execute();
    if (notes.length > 0) {
      throw new DomainError('Conflict', 'other records refer to this agenda item');
    }
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
