import type { AgendaItem, UpdateAgendaItemInput } from '../../../shared/meetings.schemas.ts';
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
  linksOf,
  replaceLinks,
} from './agenda-item.repository.ts';
import { findVisibleAgendaItem, findVisibleMeeting } from './meeting.repository.ts';
import { reviseAgreedTerms, type VoidedAgreement } from './revise-terms.ts';

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((id, i) => id === sortedB[i]);
}

/**
 * Changes an agenda item (manage-council). A change to its title, topics, activities or
 * chairing co-chair is a change to the agenda: the version moves on and earlier agreements
 * are void (answered in `voidedAgreements`) until every party agrees anew. Recording the
 * outcome after the meeting is not. Errors: NotFound, AgendaLocked, JointMeetingOnly,
 * MeetingNotHeld, ValidationFailed, VisibilityTooWide.
 */
export async function updateAgendaItem(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  itemId: string,
  input: UpdateAgendaItemInput,
): Promise<AgendaItem & { voidedAgreements: VoidedAgreement[] }> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    const before = await findVisibleAgendaItem(trx, actor, meetingId, itemId);
    const links = await linksOf(trx, itemId);
    const changed = {
      title: input.title !== undefined && input.title !== before.title,
      chairedBy: input.chairedBy !== undefined && input.chairedBy !== before.chairedBy,
      topicIds: input.topicIds !== undefined && !sameIds(input.topicIds, links.topicIds),
      activityIds:
        input.activityIds !== undefined && !sameIds(input.activityIds, links.activityIds),
    };
    const agendaChanged = Object.values(changed).some(Boolean);
    const outcomeChanged = input.outcome !== undefined && input.outcome !== before.outcome;
    assertPublishedKept('meeting', before, [
      ...Object.keys(changed).filter((field) => changed[field as keyof typeof changed]),
      ...(outcomeChanged ? ['outcome'] : []),
    ]);
    if (agendaChanged) {
      assertAgendaOpen(meeting);
      assertChairable(meeting, input.chairedBy);
      await assertLinksFit(trx, actor, before, input.topicIds, input.activityIds);
    }
    if (input.outcome !== undefined) assertOutcomeRecordable(meeting, input.outcome);
    const after: Row<'agendaItems'> = {
      ...before,
      title: input.title ?? before.title,
      chairedBy: input.chairedBy === undefined ? before.chairedBy : input.chairedBy,
      outcome: input.outcome === undefined ? before.outcome : input.outcome,
      updatedAt: at,
    };
    await trx
      .updateTable('agendaItems')
      .set({
        title: after.title,
        chairedBy: after.chairedBy,
        outcome: after.outcome,
        updatedAt: at,
      })
      .where('id', '=', itemId)
      .execute();
    let voidedAgreements: VoidedAgreement[] = [];
    if (agendaChanged) {
      await replaceLinks(trx, itemId, input.topicIds, input.activityIds);
      ({ voidedAgreements } = await reviseAgreedTerms(uow, meeting, 'an agenda item changed'));
    }
    record({
      entity: 'agendaItem',
      id: itemId,
      action: agendaChanged ? 'update' : 'record-outcome',
      before,
      after,
      audit: {
        before: { ...before, ...links },
        after: {
          ...after,
          topicIds: input.topicIds ?? links.topicIds,
          activityIds: input.activityIds ?? links.activityIds,
        },
      },
    });
    return { ...(await getAgendaItem(trx, actor, meetingId, itemId)), voidedAgreements };
  });
}
