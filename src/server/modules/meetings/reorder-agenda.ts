import type { AgendaItem, ReorderAgendaInput } from '../../../shared/meetings.schemas.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { assertAgendaOpen } from './agenda-items.shared.ts';
import { bumpAgendaVersion, findVisibleMeeting, selectAgendaItems } from './meeting.repository.ts';
import { toAgendaItem } from './meeting.view.ts';

/**
 * Puts a planned meeting's agenda in a new order (manage-council). `itemIds` must list every
 * item exactly once. A new order is a new agenda (the version moves on); the same order
 * changes nothing. Errors: NotFound, AgendaLocked, ValidationFailed.
 */
export async function reorderAgenda(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  input: ReorderAgendaInput,
): Promise<AgendaItem[]> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    assertAgendaOpen(meeting);
    const current = await trx
      .selectFrom('agendaItems')
      .select('id')
      .where('meetingId', '=', meetingId)
      .where(visibleTo(actor, 'agendaItems'))
      .orderBy('position')
      .orderBy('id')
      .execute();
    const before = current.map((r) => r.id);
    const wanted = input.itemIds;
    const isPermutation =
      wanted.length === before.length &&
      new Set(wanted).size === wanted.length &&
      wanted.every((id) => before.includes(id));
    if (!isPermutation) {
      throw invalid('body.itemIds', 'must list every item of the agenda exactly once');
    }
    if (wanted.every((id, i) => id === before[i])) return;
    for (const [i, id] of wanted.entries()) {
      await trx
        .updateTable('agendaItems')
        .set({ position: i + 1, updatedAt: at })
        .where('id', '=', id)
        .execute();
    }
    await bumpAgendaVersion(trx, meetingId, at);
    await recordAudit(trx, {
      actor,
      at,
      action: 'agenda.reorder',
      entityType: 'meeting',
      entityId: meetingId,
      visibility: meeting.visibility,
      party: meeting.party,
      before,
      after: wanted,
    });
  });
  const rows = await selectAgendaItems(deps.db, actor, meetingId).execute();
  return rows.map(toAgendaItem);
}
