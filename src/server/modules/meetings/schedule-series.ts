import type { ScheduleSeriesInput, SeriesResult } from '../../../shared/meetings.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { meetingsOwnedBy } from './meeting.repository.ts';
import { ownershipOf } from './meeting-rules.ts';
import { insertMeeting } from './schedule-meeting.ts';
import { expandSeries } from './series-expansion.ts';
import { meetingTimeZoneOf } from './time-zone.ts';

/**
 * Schedules a series of meetings (manage-council), e.g. ambassadors monthly through 2001 or
 * on the third Wednesday of every month (an RFC 5545 rrule), without duplicates: a day that
 * already has a meeting of the same level and format (and party, for a caucus) is skipped,
 * whatever that meeting's status, and so is a day the series itself already has a meeting on
 * (a weekend meeting moved to a Monday that has one), so running the same request twice
 * creates nothing new. Each meeting is set in the series' time zone (UTC without one) and
 * lasts durationMinutes when given. Errors: ValidationFailed (until, timeZone, cadence, rrule),
 * NotYourParty.
 */
export async function scheduleSeries(
  deps: Deps,
  actor: Actor,
  input: ScheduleSeriesInput,
): Promise<SeriesResult> {
  const user = requirePermission(actor, 'manage-council');
  const ownership = ownershipOf(user, input);
  const timeZone = meetingTimeZoneOf(input.timeZone, 'timeZone');
  const occurrences = await expandSeries({
    ...input,
    timeZone: input.timeZone === undefined ? undefined : timeZone,
  });
  const first = occurrences[0]?.date ?? input.until;
  const lengthMs = input.durationMinutes === undefined ? null : input.durationMinutes * 60_000;
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    // The caller sees every meeting that could be a duplicate: joint ones, and its own caucus.
    const existingQuery = trx
      .selectFrom('meetings')
      .select(['id', 'date'])
      .where('level', '=', input.level)
      .where('format', '=', input.format)
      .where('date', '>=', first)
      .where('date', '<=', input.until)
      .where(visibleTo(actor, 'meetings'))
      .where(meetingsOwnedBy(ownership.party));
    const existing = await existingQuery.orderBy('id').execute();
    const byDate = new Map<string, string>();
    for (const m of existing) if (!byDate.has(m.date)) byDate.set(m.date, m.id);

    const result: SeriesResult = { seriesId: null, created: [], skipped: [] };
    for (const occurrence of occurrences) {
      const existingMeetingId = byDate.get(occurrence.date);
      if (existingMeetingId !== undefined) {
        result.skipped.push({ ...occurrence, existingMeetingId });
        continue;
      }
      result.seriesId ??= deps.ids();
      const row: Row<'meetings'> = {
        id: deps.ids(),
        title: input.title,
        level: input.level,
        format: input.format,
        startsAt: occurrence.startsAt,
        endsAt:
          lengthMs === null
            ? null
            : new Date(Date.parse(occurrence.startsAt) + lengthMs).toISOString(),
        date: occurrence.date,
        timeZone,
        venue: input.venue ?? null,
        status: 'planned',
        summary: null,
        agendaVersion: 0,
        sequence: 0,
        seriesId: result.seriesId,
        sourceId: null,
        ...ownership,
        createdAt: at,
        updatedAt: at,
      };
      await insertMeeting(uow, row);
      byDate.set(row.date, row.id);
      result.created.push({ id: row.id, date: row.date, startsAt: occurrence.startsAt });
    }
    return result;
  });
}
