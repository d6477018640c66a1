import { describe, expect, it } from 'vitest';
import type { Row } from '../../db/schema.ts';
import { type CALENDAR_FIELDS, sequenceAfter } from './calendar-sequence.ts';

const meeting = {
  title: 'PJC at ambassadors level',
  startsAt: '2001-04-18T08:00:00.000Z',
  endsAt: null,
  timeZone: 'Europe/Brussels',
  date: '2001-04-18',
  venue: 'NATO headquarters, Brussels',
  status: 'planned',
  summary: null,
  sequence: 3,
} satisfies Partial<Row<'meetings'>>;

describe('the SEQUENCE of a meeting after a change', () => {
  it.each<[string, Partial<Row<'meetings'>>, number]>([
    ['a new title', { title: 'PJC at foreign ministers level' }, 4],
    ['a new start', { startsAt: '2001-04-18T09:00:00.000Z' }, 4],
    ['a first end', { endsAt: '2001-04-18T10:00:00.000Z' }, 4],
    ['another time zone', { timeZone: 'Europe/Moscow' }, 4],
    ['another day', { date: '2001-04-19' }, 4],
    ['another venue', { venue: 'Moscow' }, 4],
    ['no venue any more', { venue: null }, 4],
    ['a cancellation', { status: 'cancelled' }, 4],
    ['a summary record', { summary: 'The council discussed the Balkans.' }, 4],
    ['the same values written again', { title: meeting.title, venue: meeting.venue }, 3],
    ['a change the event does not show', { visibility: 'public', agendaVersion: 7 }, 3],
  ])('%s: %i', (_, change, expected) => {
    expect(sequenceAfter(meeting, { ...meeting, ...change })).toBe(expected);
  });

  it('grows by one for a change of every field at once', () => {
    const everything = {
      title: 'PJC at foreign ministers level',
      startsAt: '2001-04-19T08:00:00.000Z',
      endsAt: '2001-04-19T10:00:00.000Z',
      timeZone: 'Europe/Moscow',
      date: '2001-04-19',
      venue: 'Moscow',
      status: 'cancelled',
      summary: 'Moved to Moscow.',
    } as const satisfies Record<(typeof CALENDAR_FIELDS)[number], string>;
    expect(sequenceAfter(meeting, everything)).toBe(4);
  });
});
