import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TZDate } from '@date-fns/tz';
import type { FastifyReply } from 'fastify';
import ical, {
  foldLines,
  type ICalCalendarData,
  type ICalEventData,
  ICalEventStatus,
} from 'ical-generator';
import { type Expression, type SqlBool, sql } from 'kysely';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { CalendarQuery } from '../../../shared/meetings.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { audienceConditions } from '../access/visibility.policy.ts';
import type { CalendarWindow } from './calendar-window.ts';
import { withMeetingFilters } from './list-meetings.ts';
import { UTC } from './time-zone.ts';

/** Calendar clients keep events by UID: the meeting id under a fixed domain never changes. */
export const uidOf = (meetingId: string) => `${meetingId}@joint-council`;

/**
 * Meetings read and written per turn of the event loop. Writing an event costs ical-generator
 * some 50 µs, 130 µs in a time zone (bench/calendar.ts): a hundred of them keep a turn to about
 * 15 ms, and between pages every other request is served.
 */
export const CALENDAR_PAGE_SIZE = 100;

const STATUS = {
  planned: ICalEventStatus.CONFIRMED,
  held: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

const CALENDAR: ICalCalendarData = {
  name: 'Joint Council meetings',
  prodId: { company: 'Joint Council', product: 'meetings', language: 'EN' },
  // Subscribed clients ask again within the hour (REFRESH-INTERVAL, X-PUBLISHED-TTL).
  ttl: 60 * 60,
};

const CRLF = '\r\n';
const END = 'END:VCALENDAR';

/** ical-generator writes a whole calendar; the stream writes its events between the two ends. */
function calendarHeader(): string {
  const empty = ical(CALENDAR).toString();
  if (!empty.endsWith(END)) throw new Error('ical-generator no longer ends a calendar as expected');
  return empty.slice(0, -END.length);
}

interface Zone {
  /** The zone's name in the tz database's own spelling, as its VTIMEZONE gives it. */
  tzid: string;
  vtimezone: string;
}

const zones = new Map<string, Zone | null>();

/**
 * A zone's VTIMEZONE, from the zone data timezones-ical-library ships (nothing is fetched).
 * Null for UTC, whose times are written as UTC, and for a zone the library does not know,
 * whose instants are then written in UTC too: right, if not in the zone's own time.
 */
function zoneOf(timeZone: string): Zone | null {
  if (timeZone === UTC) return null;
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    const block = tzlib_get_ical_block(timeZone);
    const [vtimezone, tzidLine] = Array.isArray(block) ? block : [];
    zone =
      vtimezone && tzidLine?.startsWith('TZID=')
        ? { tzid: tzidLine.slice('TZID='.length), vtimezone: vtimezone.trim() }
        : null;
    zones.set(timeZone, zone);
  }
  return zone;
}

/**
 * A meeting's event: timed in its zone (TZID, with the zone's VTIMEZONE) or in UTC when it has
 * a start time, all day when it is known to the day. A meeting known only to the month or year
 * gets none: an event needs a day, and inventing the 1st would state a date no source gives.
 */
function eventOf(m: Row<'meetings'>): { event: ICalEventData; zone: Zone | null } | null {
  const common: Omit<ICalEventData, 'start'> = {
    id: uidOf(m.id),
    sequence: m.sequence,
    summary: m.title,
    location: m.venue,
    description: m.summary,
    status: STATUS[m.status],
    // The meeting's own last change, so that the same meeting gives the same text.
    stamp: new Date(m.updatedAt),
    lastModified: new Date(m.updatedAt),
  };
  if (m.startsAt !== null) {
    const zone = zoneOf(m.timeZone);
    // ical-generator writes a TZID's local time from the date it is given: a TZDate knows its
    // zone, where a plain Date would give the server's.
    const at = (instant: string) =>
      zone === null ? new Date(instant) : new TZDate(Date.parse(instant), zone.tzid);
    return {
      zone,
      event: {
        ...common,
        ...(zone === null ? {} : { timezone: zone.tzid }),
        start: at(m.startsAt),
        end: m.endsAt === null ? null : at(m.endsAt),
      },
    };
  }
  if (m.date.length === 10) {
    return {
      zone: null,
      event: { ...common, start: new Date(`${m.date}T00:00:00.000Z`), allDay: true },
    };
  }
  return null;
}

/**
 * One page of events, each zone's VTIMEZONE written before the first event that names it (a
 * client reading the text in order knows every TZID when it meets it), and only zones the
 * caller's own meetings use: which zones the calendar defines says nothing of anyone else's.
 */
function pageText(rows: readonly Row<'meetings'>[], written: Set<string>): string {
  const page = ical(CALENDAR);
  let text = '';
  for (const row of rows) {
    const made = eventOf(row);
    if (made === null) continue;
    if (made.zone !== null && !written.has(made.zone.tzid)) {
      written.add(made.zone.tzid);
      text += made.zone.vtimezone + CRLF;
    }
    text += page.createEvent(made.event).toString();
  }
  // Lines of more than 75 octets are folded (RFC 5545 3.1), counting octets, not characters:
  // a title in Cyrillic takes two octets a letter.
  return foldLines(text);
}

type CalendarFilters = Omit<CalendarQuery, 'from' | 'to'>;

/** Where the last page ended. */
export interface CalendarCursor {
  date: string;
  id: string;
}

/**
 * One audience's meetings of the window after the cursor, in (date, id) order, on that
 * audience's index: public and joint meetings on `meetingsByVisibility`, which holds public
 * and joint meetings only, a party's caucus on `meetingsByParty`, which holds caucus meetings
 * only (migration 2026-12-07T1400). `audience` is one of audienceConditions' with
 * `sharedApart`, which names each partial index's condition word for word, as either planner
 * needs to take one.
 */
export function calendarSliceQuery(
  db: Executor,
  actor: Actor,
  audience: Expression<SqlBool>,
  window: CalendarWindow,
  filters: CalendarFilters,
  cursor: CalendarCursor | null,
) {
  let query = withMeetingFilters(db.selectFrom('meetings').selectAll('meetings'), actor, filters)
    .where(audience)
    .where('meetings.date', '>=', window.from)
    .where('meetings.date', '<=', window.to);
  if (cursor !== null) {
    query = query.where(
      sql<boolean>`(${sql.ref('meetings.date')}, ${sql.ref('meetings.id')}) > (${cursor.date}, ${cursor.id})`,
    );
  }
  return query.orderBy('meetings.date').orderBy('meetings.id');
}

/**
 * The meetings of the window the caller may see, in (date, id) order, `pageSize` at a time:
 * keyset pages, so that each costs one indexed query however far into the window it is. Each
 * audience of the caller (public, joint, its party's caucus) is read on its own index, always
 * filtered by the one visibility rule as well: a page reads no row the caller may not see, so
 * its cost does not grow with the other party's caucus. Pages are read one after another, not
 * in one snapshot: a meeting moved meanwhile may show twice (clients keep one per UID) or not
 * at all until the client's next refresh.
 */
export async function* calendarMeetingPages(
  db: Executor,
  actor: Actor,
  window: CalendarWindow,
  filters: CalendarFilters,
  pageSize = CALENDAR_PAGE_SIZE,
): AsyncGenerator<Row<'meetings'>[]> {
  const slices = audienceConditions(actor, 'meetings', { sharedApart: true });
  let after: CalendarCursor | null = null;
  for (;;) {
    const cursor = after;
    const read: Row<'meetings'>[] = [];
    for (const audience of slices) {
      const query = calendarSliceQuery(db, actor, audience, window, filters, cursor);
      read.push(...(await query.limit(pageSize).execute()));
    }
    const page = read
      .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1))
      .slice(0, pageSize);
    const last = page.at(-1);
    if (last === undefined) return;
    yield page;
    // A short page took every row each audience had left.
    if (page.length < pageSize) return;
    after = { date: last.date, id: last.id };
  }
}

async function* calendarText(
  db: Executor,
  actor: Actor,
  window: CalendarWindow,
  filters: CalendarFilters,
): AsyncGenerator<string> {
  yield calendarHeader();
  const written = new Set<string>();
  for await (const page of calendarMeetingPages(db, actor, window, filters)) {
    yield pageText(page, written);
    // The event loop's turn: whatever arrived while this page was written is served before the
    // next one is read. No request waits for more than one page.
    await nextTurn();
  }
  // Every line ends with CRLF (RFC 5545 3.1), the last one too.
  yield END + CRLF;
}

/**
 * The caller's visible meetings of a window as an RFC 5545 calendar, streamed: written a page
 * at a time as the client reads it, so that what the server holds is one page whatever the
 * window holds, and other requests are answered between pages. Events carry a stable UID, the
 * meeting's SEQUENCE, its last change as DTSTAMP, and its time zone as TZID (with that zone's
 * VTIMEZONE) or UTC.
 */
export function meetingsCalendar(
  db: Executor,
  actor: Actor,
  window: CalendarWindow,
  filters: CalendarFilters,
): Readable {
  return Readable.from(calendarText(db, actor, window, filters), { objectMode: false });
}

/** Answers a calendar stream as an iCalendar file, for the public calendar and private feeds. */
export function sendCalendar(reply: FastifyReply, calendar: Readable): FastifyReply {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', 'inline; filename="meetings.ics"')
    .send(calendar);
}
