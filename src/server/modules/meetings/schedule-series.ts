import type { ScheduleSeriesInput, SeriesResult } from '../../../shared/meetings.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { ownershipOf } from './meeting-rules.ts';
import { insertMeeting } from './schedule-meeting.ts';
import { expandSeries } from './series-expansion.ts';
import { isTimeZone } from './time-zone.ts';

/**
 * Schedules a cadence of meetings (manage-council), e.g. ambassadors monthly through 2001,
 * without duplicates: a day that already has a meeting of the same level and format (and
 * party, for a caucus) is skipped, whatever that meeting's status, so running the same
 * request twice creates nothing new. Monthly cadences keep the first day-of-month, clamped
 * to the month's end. Errors: ValidationFailed (until, timeZone), NotYourParty.
 */
export async function scheduleSeries(
  deps: Deps,
  actor: Actor,
  input: ScheduleSeriesInput,
): Promise<SeriesResult> {
  const user = requirePermission(actor, 'manage-council');
  const ownership = ownershipOf(user, input);
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    throw invalid('body.timeZone', 'not an IANA time zone such as Europe/Brussels');
  }
  const occurrences = expandSeries(input);
  const first = occurrences[0]?.date ?? input.until;
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    // The caller sees every meeting that could be a duplicate: joint ones, and its own caucus.
    let existingQuery = trx
      .selectFrom('meetings')
      .select(['id', 'date'])
      .where('level', '=', input.level)
      .where('format', '=', input.format)
      .where('date', '>=', first)
      .where('date', '<=', input.until)
      .where(visibleTo(actor, 'meetings'));
    if (ownership.party !== null)
      existingQuery = existingQuery.where('party', '=', ownership.party);
    const existing = await existingQuery.orderBy('id').execute();
    const byDate = new Map<string, string>();
    for (const m of existing) if (!byDate.has(m.date)) byDate.set(m.date, m.id);

    const result: SeriesResult = { seriesId: null, created: [], skipped: [] };
    const fresh = occurrences.filter((o) => {
      const existingMeetingId = byDate.get(o.date);
      if (existingMeetingId !== undefined) result.skipped.push({ ...o, existingMeetingId });
      return existingMeetingId === undefined;
    });
    if (fresh.length === 0) return result;
    const seriesId = deps.ids();
    result.seriesId = seriesId;
    for (const occurrence of fresh) {
      const row: Row<'meetings'> = {
        id: deps.ids(),
        title: input.title,
        level: input.level,
        format: input.format,
        startsAt: occurrence.startsAt,
        endsAt: null,
        date: occurrence.date,
        venue: input.venue ?? null,
        status: 'planned',
        summary: null,
        agendaVersion: 0,
        seriesId,
        sourceId: null,
        ...ownership,
        createdAt: at,
        updatedAt: at,
      };
      await insertMeeting(uow, row);
      result.created.push({ id: row.id, date: row.date, startsAt: occurrence.startsAt });
    }
    return result;
  });
}
