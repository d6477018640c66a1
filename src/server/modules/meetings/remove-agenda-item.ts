import type { AgendaStatus } from '../../../shared/meetings.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { detachNotes } from '../notes/detach-notes.ts';
import { assertPublishedKept } from '../publication/publication.policy.ts';
import { assertAgendaOpen, linksOf } from './agenda-item.repository.ts';
import { getMeeting } from './get-meeting.ts';
import { findVisibleAgendaItem, findVisibleMeeting } from './meeting.repository.ts';
import { reviseAgreedTerms, type VoidedAgreement } from './revise-terms.ts';

/**
 * Removes an item from a planned meeting's agenda (manage-council); the agenda version moves
 * on and earlier agreements are void. Notes on the item move up to its meeting instead of
 * going with it, whoever wrote them (the notes module detaches them): some may be the other
 * party's caucus notes, which must neither change the answer nor be destroyed unseen.
 * Answers the agenda's new state and the agreements voided. Errors: NotFound, AgendaLocked.
 */
export async function removeAgendaItem(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  itemId: string,
): Promise<{ agenda: AgendaStatus; voidedAgreements: VoidedAgreement[] }> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, record } = uow;
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    const before = await findVisibleAgendaItem(trx, actor, meetingId, itemId);
    assertAgendaOpen(meeting);
    assertPublishedKept('meeting', meeting, ['itemId']);
    await detachNotes(uow, { agendaItemId: itemId }, { meetingId, agendaItemId: null });
    const links = await linksOf(trx, itemId);
    await trx.deleteFrom('agendaItems').where('id', '=', itemId).execute();
    const { voidedAgreements } = await reviseAgreedTerms(
      uow,
      meeting,
      'an agenda item was removed',
    );
    record({
      entity: 'agendaItem',
      id: itemId,
      action: 'delete',
      before,
      after: null,
      audit: { before: { ...before, ...links } },
    });
    const { agenda } = await getMeeting(trx, actor, meetingId);
    return { agenda, voidedAgreements };
  });
}
