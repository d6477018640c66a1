import type { Row } from '../../db/schema.ts';

/**
 * What a meeting's calendar event shows: a change to any of these is a new revision of the
 * event (RFC 5545 SEQUENCE), and a calendar client that sees a higher SEQUENCE replaces its
 * copy instead of keeping the one it had. The date stands for the day of an all-day event.
 */
export const CALENDAR_FIELDS = [
  'title',
  'startsAt',
  'endsAt',
  'timeZone',
  'date',
  'venue',
  'status',
  'summary',
] as const satisfies readonly (keyof Row<'meetings'>)[];

type CalendarView = Pick<Row<'meetings'>, (typeof CALENDAR_FIELDS)[number]>;

/** The meeting's SEQUENCE after a change: one more when the event shows anything new. */
export function sequenceAfter(
  before: CalendarView & Pick<Row<'meetings'>, 'sequence'>,
  after: CalendarView,
): number {
  const revised = CALENDAR_FIELDS.some(
    (field) => (before[field] ?? null) !== (after[field] ?? null),
  );
  return revised ? before.sequence + 1 : before.sequence;
}
