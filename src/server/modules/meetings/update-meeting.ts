import type { Meeting, UpdateMeetingInput } from '../../../shared/meetings.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertNotPublishedAlone, assertPublishedKept } from '../publication/publication.policy.ts';
import { voidRequestsFor } from '../publication/publication-voiding.ts';
import { sequenceAfter } from './calendar-sequence.ts';
import { getMeeting } from './get-meeting.ts';
import { findVisibleMeeting } from './meeting.repository.ts';
import { assertHeldInPast, assertStatusTransition, assertWidening } from './meeting-rules.ts';
import { meetingDateOf, timeProblems, toUtc } from './meeting-time.ts';
import { assertAgreedTermsOpen, reviseAgreedTerms, type VoidedAgreement } from './revise-terms.ts';
import { meetingTimeZoneOf } from './time-zone.ts';

/** The meeting's terms, which an agreement of its agenda covers with the agenda itself. */
const TERMS = [
  'title',
  'startsAt',
  'endsAt',
  'date',
  'venue',
] as const satisfies readonly (keyof Row<'meetings'>)[];

/** What a public meeting shows of itself, which both parties published (assertPublishedRecordKept). */
const PUBLISHED = [
  ...TERMS,
  'timeZone',
  'summary',
] as const satisfies readonly (keyof Row<'meetings'>)[];

/**
 * Changes a meeting (manage-council): title, venue, times, time zone, status, summary record.
 * A change of what its calendar event shows moves its SEQUENCE on (calendar-sequence.ts). A
 * change of its terms (title, time, venue) moves the agenda version on and voids the agreements
 * given to the old terms (answered in `voidedAgreements`): a meeting both parties agreed cannot be
 * moved by one and still say agreed. Status moves planned -> held | cancelled and cancelled ->
 * planned; held is final (Conflict), and a held meeting's start stays in the past
 * (ValidationFailed naming startsAt). Visibility never narrows (Conflict) and becomes public
 * only when both parties publish (NeedsBothParties; POST /api/meetings/{id}/publish); once
 * public, only its status changes (AlreadyAgreed for its terms, zone or summary).
 * Errors: NotFound, ValidationFailed, Conflict, NeedsBothParties, AlreadyAgreed.
 */
export async function updateMeeting(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateMeetingInput,
): Promise<Meeting & { voidedAgreements: VoidedAgreement[] }> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const before = await findVisibleMeeting(trx, actor, id);
    const after: Row<'meetings'> = { ...before, updatedAt: at };
    if (input.title !== undefined) after.title = input.title;
    if (input.venue !== undefined) after.venue = input.venue;
    if (input.summary !== undefined) after.summary = input.summary;
    if (input.timeZone !== undefined) {
      after.timeZone = meetingTimeZoneOf(input.timeZone, 'timeZone');
    }
    if (input.startsAt !== undefined) {
      after.startsAt = toUtc(input.startsAt);
      after.date = meetingDateOf(input.startsAt, after.timeZone);
    } else if (input.timeZone !== undefined && after.startsAt !== null) {
      // The same instant set in another zone may fall on another day there.
      after.date = meetingDateOf(after.startsAt, after.timeZone);
    }
    if (input.endsAt !== undefined)
      after.endsAt = input.endsAt === null ? null : toUtc(input.endsAt);
    const problems = timeProblems(after.startsAt, after.endsAt);
    if (problems.length > 0) {
      throw new DomainError('ValidationFailed', 'endsAt must be after startsAt', problems);
    }
    if (input.status !== undefined) {
      assertStatusTransition(before.status, input.status);
      after.status = input.status;
    }
    if (after.status === 'held') {
      const marking = before.status !== 'held';
      const moved = input.startsAt !== undefined || input.endsAt !== undefined;
      if (marking || moved) {
        const field = marking ? 'status' : 'startsAt';
        assertHeldInPast(after.startsAt, after.date, deps.clock(), field);
      }
    }
    if (input.visibility !== undefined && input.visibility !== before.visibility) {
      if (before.format === 'caucus') {
        throw new DomainError('Conflict', "a caucus meeting stays within its party's caucus", [
          { field: 'visibility', message: 'a caucus meeting is always caucus' },
        ]);
      }
      assertWidening(before.visibility, input.visibility);
      assertNotPublishedAlone('meeting', input.visibility, before.visibility);
    }
    assertPublishedKept(
      'meeting',
      before,
      PUBLISHED.filter((field) => after[field] !== before[field]),
    );
    after.sequence = sequenceAfter(before, after);
    const { createdAt: _c, id: _id, agendaVersion: _v, ...changes } = after;
    await trx.updateTable('meetings').set(changes).where('id', '=', id).execute();
    let voidedAgreements: VoidedAgreement[] = [];
    const changedTerm = TERMS.find((field) => after[field] !== before[field]);
    if (before.format === 'joint' && changedTerm !== undefined) {
      await assertAgreedTermsOpen(
        trx,
        before,
        after.status,
        changedTerm === 'date' ? 'startsAt' : changedTerm,
      );
      const revised = await reviseAgreedTerms(uow, before, "the meeting's terms changed");
      voidedAgreements = revised.voidedAgreements;
      after.agendaVersion = revised.agendaVersion;
    }
    record({ entity: 'meeting', id, action: 'update', before, after });
    // The write path voids the publication requests of a joint change; the answer shows it.
    if (before.visibility === 'joint') await voidRequestsFor(trx, { entity: 'meeting', id });
    return { ...(await getMeeting(trx, actor, id)), voidedAgreements };
  });
}
