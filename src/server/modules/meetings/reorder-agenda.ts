import type { AgendaItem, ReorderAgendaInput } from '../../../shared/meetings.schemas.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertPublishedKept } from '../publication/publication.policy.ts';
import { assertAgendaOpen } from './agenda-item.repository.ts';
import { findVisibleMeeting, selectAgendaItems } from './meeting.repository.ts';
import { toAgendaItem } from './meeting.view.ts';
import { reviseAgreedTerms, type VoidedAgreement } from './revise-terms.ts';

/**
 * Puts a planned meeting's agenda in a new order (manage-council). `itemIds` must list every
 * item exactly once. A new order is a new agenda (the version moves on, earlier agreements
 * are void); the same order changes nothing. Errors: NotFound, AgendaLocked, ValidationFailed.
 */
export async function reorderAgenda(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  input: ReorderAgendaInput,
): Promise<{ items: AgendaItem[]; voidedAgreements: VoidedAgreement[] }> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    assertAgendaOpen(meeting);
    assertPublishedKept('meeting', meeting, ['itemIds']);
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
      throw invalid('itemIds', 'must list every item of the agenda exactly once');
    }
    let voidedAgreements: VoidedAgreement[] = [];
    if (!wanted.every((id, i) => id === before[i])) {
      for (const [i, id] of wanted.entries()) {
        await trx
          .updateTable('agendaItems')
          .set({ position: i + 1, updatedAt: at })
          .where('id', '=', id)
          .execute();
      }
      ({ voidedAgreements } = await reviseAgreedTerms(uow, meeting, 'the agenda was reordered'));
      record({
        entity: 'meeting',
        id: meetingId,
        action: 'reorder-agenda',
        scope: meeting,
        audit: { before, after: wanted },
      });
    }
    const rows = await selectAgendaItems(trx, actor, meetingId).execute();
    return { items: rows.map(toAgendaItem), voidedAgreements };
  });
}
