import ical, { ICalEventStatus } from 'ical-generator';
import type { CalendarQuery } from '../../../shared/meetings.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { withMeetingFilters } from './list-meetings.ts';

/** Calendar clients keep events by UID: the meeting id under a fixed domain never changes. */
export const uidOf = (meetingId: string) => `${meetingId}@joint-council`;

const STATUS = {
  planned: ICalEventStatus.CONFIRMED,
  held: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

/**
 * The caller's visible meetings as an RFC 5545 calendar. A meeting with a start time is a
 * timed event; one known to the day is an all-day event. One known only to the month or year
 * gets no event: a calendar entry needs a day, and inventing the 1st would state a date no
 * source gives.
 */
export async function meetingsCalendar(
  deps: Deps,
  actor: Actor,
  filters: CalendarQuery,
): Promise<string> {
  const rows = await withMeetingFilters(
    deps.db.selectFrom('meetings').selectAll('meetings'),
    actor,
    filters,
  )
    .orderBy('meetings.date')
    .orderBy('meetings.id')
    .execute();
  const calendar = ical({
    name: 'Joint Council meetings',
    prodId: { company: 'Joint Council', product: 'meetings', language: 'EN' },
  });
  for (const m of rows) {
    const common = {
      id: uidOf(m.id),
      summary: m.title,
      location: m.venue,
      description: m.summary,
      status: STATUS[m.status],
      // The meeting's own last change, so that the same meeting gives the same text.
      stamp: new Date(m.updatedAt),
      lastModified: new Date(m.updatedAt),
    };
    if (m.startsAt !== null) {
      calendar.createEvent({
        ...common,
        start: new Date(m.startsAt),
        end: m.endsAt === null ? null : new Date(m.endsAt),
      });
    } else if (m.date.length === 10) {
      const day = new Date(`${m.date}T00:00:00.000Z`);
      calendar.createEvent({ ...common, start: day, allDay: true });
    }
  }
  return calendar.toString();
}
