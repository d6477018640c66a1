import type { Transaction } from 'kysely';
import type { Meeting, UpdateMeetingInput } from '../../../shared/meetings.schemas.ts';
import type { Database, Row, Visibility } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { auditScope } from '../access/visibility-change.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { getMeeting } from './get-meeting.ts';
import { findVisibleMeeting } from './meeting.repository.ts';
import { assertHeldInPast, assertStatusTransition, assertWidening } from './meeting-rules.ts';
import { localDateOf, timeProblems, toUtc } from './meeting-time.ts';

/**
 * Changes a meeting (manage-council): title, venue, times, status, summary record, and
 * visibility by widening only (Conflict otherwise; a caucus stays a caucus). Status moves
 * planned -> held | cancelled and cancelled -> planned; held is final (Conflict), and a held
 * meeting's start stays in the past (ValidationFailed naming startsAt). A wider
 * meeting widens its agenda items and other children with it, and its audit event names
 * them. Errors: NotFound, ValidationFailed, Conflict.
 */
export async function updateMeeting(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateMeetingInput,
): Promise<Meeting> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    const before = await findVisibleMeeting(trx, actor, id);
    const after: Row<'meetings'> = { ...before, updatedAt: at };
    let widened: WidenedChildren | undefined;
    if (input.title !== undefined) after.title = input.title;
    if (input.venue !== undefined) after.venue = input.venue;
    if (input.summary !== undefined) after.summary = input.summary;
    if (input.startsAt !== undefined) {
      after.startsAt = toUtc(input.startsAt);
      after.date = localDateOf(input.startsAt);
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
        const field = marking ? 'body.status' : 'body.startsAt';
        assertHeldInPast(after.startsAt, after.date, deps.clock(), field);
      }
    }
    if (input.visibility !== undefined && input.visibility !== before.visibility) {
      if (before.format === 'caucus') {
        throw new DomainError('Conflict', "a caucus meeting stays within its party's caucus", [
          { field: 'body.visibility', message: 'a caucus meeting is always caucus' },
        ]);
      }
      assertWidening(before.visibility, input.visibility);
      after.visibility = input.visibility;
      widened = await widenChildren(trx, id, before.visibility, input.visibility, at);
    }
    const { createdAt: _c, id: _id, ...changes } = after;
    await trx.updateTable('meetings').set(changes).where('id', '=', id).execute();
    await indexDocument(trx, searchDocumentOf('meeting', after));
    await recordAudit(trx, {
      actor,
      at,
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: id,
      ...auditScope(before, after),
      before,
      after: widened === undefined ? after : { ...after, widenedChildren: widened },
    });
  });
  return getMeeting(deps, actor, id);
}

/** What a widening changed besides the meeting, for its audit event. */
interface WidenedChildren {
  from: Visibility;
  to: Visibility;
  agendaItemIds: string[];
  coChairs: number;
  attendance: number;
  agendaAgreements: number;
}

/** Children take the meeting's visibility: a public meeting's agenda is public too. */
async function widenChildren(
  trx: Transaction<Database>,
  meetingId: string,
  from: Visibility,
  to: Visibility,
  at: string,
): Promise<WidenedChildren> {
  const counts: Record<'meetingCoChairs' | 'meetingAttendance' | 'agendaAgreements', number> = {
    meetingCoChairs: 0,
    meetingAttendance: 0,
    agendaAgreements: 0,
  };
  for (const table of ['meetingCoChairs', 'meetingAttendance', 'agendaAgreements'] as const) {
    const result = await trx
      .updateTable(table)
      .set({ visibility: to })
      .where('meetingId', '=', meetingId)
      .executeTakeFirst();
    counts[table] = Number(result.numUpdatedRows);
  }
  const items = await trx
    .updateTable('agendaItems')
    .set({ visibility: to, updatedAt: at })
    .where('meetingId', '=', meetingId)
    .returningAll()
    .execute();
  for (const item of items) await indexDocument(trx, searchDocumentOf('agendaItem', item));
  return {
    from,
    to,
    agendaItemIds: items.map((item) => item.id),
    coChairs: counts.meetingCoChairs,
    attendance: counts.meetingAttendance,
    agendaAgreements: counts.agendaAgreements,
  };
}
