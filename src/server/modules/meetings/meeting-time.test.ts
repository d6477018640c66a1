import { describe, expect, it } from 'vitest';
import { localDateOf, offsetMinutesOf, timeProblems, toUtc } from './meeting-time.ts';

describe('meeting times', () => {
  it.each([
    ['2001-01-17T10:00:00Z', 0, '2001-01-17'],
    ['2001-01-17T00:30:00+01:00', 60, '2001-01-17'],
    ['2001-01-17T23:30:00-05:00', -300, '2001-01-17'],
    ['2001-01-17T10:00:00+0530', 330, '2001-01-17'],
  ])('%s is %i minutes from UTC and falls on %s locally', (instant, offset, date) => {
    expect(offsetMinutesOf(instant)).toBe(offset);
    expect(localDateOf(instant)).toBe(date);
  });

  it('stores instants in UTC', () => {
    expect(toUtc('2001-01-17T00:30:00+01:00')).toBe('2001-01-16T23:30:00.000Z');
  });

  it.each([
    ['2001-01-17T09:00:00.000Z', null, []],
    ['2001-01-17T09:00:00.000Z', '2001-01-17T12:00:00.000Z', []],
    ['2001-01-17T09:00:00.000Z', '2001-01-17T09:00:00.000Z', ['endsAt']],
    ['2001-01-17T09:00:00.000Z', '2001-01-17T08:00:00.000Z', ['endsAt']],
    [null, '2001-01-17T08:00:00.000Z', ['endsAt']],
  ])('start %s, end %s: problems %j', (startsAt, endsAt, fields) => {
    expect(timeProblems(startsAt, endsAt).map((p) => p.field)).toEqual(fields);
  });
});
