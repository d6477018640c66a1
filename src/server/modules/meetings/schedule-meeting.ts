import type { CreateMeetingInput, Meeting } from '../../../shared/meetings.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change, type UnitOfWork } from '../changes/unit-of-work.ts';
import { getMeeting } from './get-meeting.ts';
import { assertHeldInPast, ownershipOf } from './meeting-rules.ts';
import { meetingDateOf, timeProblems, toUtc } from './meeting-time.ts';
import { meetingTimeZoneOf } from './time-zone.ts';

/**
 * Schedules one meeting (manage-council). Caucus meetings are the secretary's own party's
 * (NotYourParty otherwise); the meeting is set in its time zone (UTC when none is given) and
 * `date` is the local day of startsAt there, or in the offset written when it has none.
 * Errors: ValidationFailed (endsAt not after startsAt, held in the future, party/visibility not
 * fitting the format, timeZone no IANA zone), NeedsBothParties (a joint meeting asked to be
 * public at once).
 */
export async function scheduleMeeting(
  deps: Deps,
  actor: Actor,
  input: CreateMeetingInput,
): Promise<Meeting> {
  const user = requirePermission(actor, 'manage-council');
  const ownership = ownershipOf(user, input);
  const startsAt = toUtc(input.startsAt);
  const endsAt = input.endsAt === undefined ? null : toUtc(input.endsAt);
  const problems = timeProblems(startsAt, endsAt);
  if (problems.length > 0) {
    throw new DomainError('ValidationFailed', 'endsAt must be after startsAt', problems);
  }
  const timeZone = meetingTimeZoneOf(input.timeZone, 'timeZone');
  const date = meetingDateOf(input.startsAt, timeZone);
  const status = input.status ?? 'planned';
  if (status === 'held') assertHeldInPast(startsAt, date, deps.clock());
  return change(deps, actor, async (uow) => {
    const row: Row<'meetings'> = {
      id: deps.ids(),
      title: input.title,
      level: input.level,
      format: input.format,
      startsAt,
      endsAt,
      date,
      timeZone,
      venue: input.venue ?? null,
      status,
      summary: null,
      agendaVersion: 0,
      sequence: 0,
      seriesId: null,
      sourceId: null,
      ...ownership,
      createdAt: uow.at,
      updatedAt: uow.at,
    };
    await insertMeeting(uow, row);
    return getMeeting(uow.trx, actor, row.id);
  });
}

/** Stores a new meeting and records it (its audit entry and search document come with it). */
export async function insertMeeting(uow: UnitOfWork, row: Row<'meetings'>): Promise<void> {
  await uow.trx.insertInto('meetings').values(row).execute();
  uow.record({ entity: 'meeting', id: row.id, action: 'create', after: row });
}
