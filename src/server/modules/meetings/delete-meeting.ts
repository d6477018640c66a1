import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { detachNotes } from '../notes/detach-notes.ts';
import { assertPublishedKept } from '../publication/publication.policy.ts';
import { findVisibleMeeting, selectAgendaItems } from './meeting.repository.ts';
import { toAgendaItem } from './meeting.view.ts';

/**
 * Deletes a meeting that is still planned (manage-council); a held or cancelled one is part
 * of the record (Conflict: cancel it instead). A meeting whose agenda a party has agreed, now
 * or before a change voided it, is refused too (AlreadyAgreed): one party cannot make away with what both agreed; cancelling
 * it stays on the record. A meeting a decision refers to is refused (Conflict); decisions are
 * joint, so saying so reveals nothing. Notes on the meeting or its agenda items detach
 * themselves, not deleted, and never change the answer: some may be the other party's caucus
 * notes. A public meeting is refused whatever its state (AlreadyAgreed): both published it.
 * Errors: NotFound, Conflict, AlreadyAgreed.
 */
export async function deleteMeeting(deps: Deps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'manage-council');
  await change(deps, actor, async (uow) => {
    const { trx, record } = uow;
    const meeting = await findVisibleMeeting(trx, actor, id);
    // Both parties published it: the public's record of it is not one party's to take away.
    assertPublishedKept('meeting', meeting);
    if (meeting.status !== 'planned') {
      throw new DomainError('Conflict', `a ${meeting.status} meeting is part of the record`);
    }
    const agreed = await trx
      .selectFrom('agendaAgreements')
      .select('party')
      .where('meetingId', '=', id)
      .executeTakeFirst();
    if (agreed) {
      throw new DomainError(
        'AlreadyAgreed',
        `${agreed.party} has agreed this meeting's agenda: cancel the meeting instead, which keeps it on the record`,
      );
    }
    // An agreement voided by a later change was still given: otherwise one party could void
    // the agreements with a change of title and then delete the meeting both had agreed (the
    // review did, in two requests). The audit trail, append only, keeps every agreement given.
    const everAgreed = await trx
      .selectFrom('auditEvents')
      .select('id')
      .where('entityType', '=', 'meeting')
      .where('entityId', '=', id)
      .where('action', '=', 'meeting.agree-agenda')
      .limit(1)
      .executeTakeFirst();
    if (everAgreed) {
      throw new DomainError(
        'AlreadyAgreed',
        "a party has agreed this meeting's agenda before: cancel the meeting instead, which keeps it on the record",
      );
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
    const items = await trx
      .selectFrom('agendaItems')
      .selectAll()
      .where('meetingId', '=', id)
      .execute();
    const views = (await selectAgendaItems(trx, actor, id).execute()).map(toAgendaItem);
    await detachNotes(uow, { meetingId: id }, { meetingId: null, agendaItemId: null });
    // Co-chairs, attendance, agreements and agenda items go with it (on delete cascade).
    await trx.deleteFrom('meetings').where('id', '=', id).execute();
    for (const item of items) {
      record({ entity: 'agendaItem', id: item.id, action: 'delete', before: item, after: null });
    }
    record({
      entity: 'meeting',
      id,
      action: 'delete',
      before: meeting,
      after: null,
      audit: { before: { ...meeting, agendaItems: views } },
    });
  });
}
