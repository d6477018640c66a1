import type { AgendaItem, CreateAgendaItemInput } from '../../../shared/meetings.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertPublishedKept } from '../publication/publication.policy.ts';
import {
  assertAgendaOpen,
  assertChairable,
  assertLinksFit,
  assertOutcomeRecordable,
  getAgendaItem,
  replaceLinks,
} from './agenda-item.repository.ts';
import { findVisibleMeeting } from './meeting.repository.ts';
import { reviseAgreedTerms, type VoidedAgreement } from './revise-terms.ts';

/**
 * Adds an item at the end of a meeting's agenda (manage-council). The item takes the
 * meeting's visibility and party, and the agenda version moves on, voiding earlier
 * agreements (answered in `voidedAgreements`). Errors: NotFound, AgendaLocked,
 * JointMeetingOnly (chairedBy on a caucus), MeetingNotHeld (outcome too early),
 * ValidationFailed, VisibilityTooWide (linked item).
 */
export async function addAgendaItem(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  input: CreateAgendaItemInput,
): Promise<AgendaItem & { voidedAgreements: VoidedAgreement[] }> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    assertAgendaOpen(meeting);
    assertPublishedKept('meeting', meeting, ['agenda']);
    assertChairable(meeting, input.chairedBy);
    assertOutcomeRecordable(meeting, input.outcome);
    await assertLinksFit(trx, actor, meeting, input.topicIds, input.activityIds);
    const last = await trx
      .selectFrom('agendaItems')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('meetingId', '=', meetingId)
      .executeTakeFirst();
    const row: Row<'agendaItems'> = {
      id: deps.ids(),
      meetingId,
      position: (last?.position ?? 0) + 1,
      title: input.title,
      outcome: input.outcome ?? null,
      chairedBy: input.chairedBy ?? null,
      sourceId: null,
      reconstructed: 0,
      visibility: meeting.visibility,
      party: meeting.party,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('agendaItems').values(row).execute();
    await replaceLinks(trx, row.id, input.topicIds ?? [], input.activityIds ?? []);
    const { voidedAgreements } = await reviseAgreedTerms(uow, meeting, 'an agenda item was added');
    record({
      entity: 'agendaItem',
      id: row.id,
      action: 'create',
      after: row,
      audit: {
        after: { ...row, topicIds: input.topicIds ?? [], activityIds: input.activityIds ?? [] },
      },
    });
    return { ...(await getAgendaItem(trx, actor, meetingId, row.id)), voidedAgreements };
  });
}
