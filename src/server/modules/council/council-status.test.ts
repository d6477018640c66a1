import { describe, expect, it } from 'vitest';
import {
  endsBeforeStart,
  firstDayOf,
  lastDayOf,
  type PeriodBounds,
  periodAt,
} from './council-status.ts';

// The PJC's life as the sources date it: some bounds are known only to the month.
const periods: PeriodBounds[] = [
  { id: 'active-1997', startsOn: '1997-07-18', endsOn: '1999-03-24' },
  { id: 'suspended-1999', startsOn: '1999-03-24', endsOn: '1999-07' },
  { id: 'restricted-1999', startsOn: '1999-07', endsOn: '2000-03-15' },
  { id: 'active-2000', startsOn: '2000-03-15', endsOn: null },
];

describe('periodAt', () => {
  it.each([
    ['1997-07-17', null],
    ['1997-07-18', 'active-1997'],
    ['1999-03-23', 'active-1997'],
    ['1999-03-24', 'suspended-1999'],
    ['1999-05-01', 'suspended-1999'],
    ['1999-06-30', 'suspended-1999'],
    ['1999-07-01', 'restricted-1999'],
    ['1999-07-31', 'restricted-1999'],
    ['1999-09-01', 'restricted-1999'],
    ['2000-03-14', 'restricted-1999'],
    ['2000-03-15', 'active-2000'],
    ['2000-12-15', 'active-2000'],
    ['2031-01-01', 'active-2000'],
  ])('puts %s in %s', (day, expected) => {
    expect(periodAt(periods, day)?.id ?? null).toBe(expected);
  });

  it('gives a month-precision period the dates of its month when the other starts on a day in it', () => {
    const overlapping: PeriodBounds[] = [
      { id: 'month', startsOn: '2001-02', endsOn: '2001-02' },
      { id: 'day', startsOn: '2001-02-20', endsOn: null },
    ];
    expect(periodAt(overlapping, '2001-02-10')?.id).toBe('month');
    expect(periodAt(overlapping, '2001-02-20')?.id).toBe('day');
  });

  it('breaks equal starts by precision, then by id, whatever the order of the rows', () => {
    const a: PeriodBounds = { id: 'a', startsOn: '2001-01', endsOn: null };
    const b: PeriodBounds = { id: 'b', startsOn: '2001-01-01', endsOn: null };
    const c: PeriodBounds = { id: 'c', startsOn: '2001-01-01', endsOn: null };
    expect(periodAt([a, b, c], '2001-01-05')?.id).toBe('b');
    expect(periodAt([c, b, a], '2001-01-05')?.id).toBe('b');
  });
});

describe('partial date bounds', () => {
  it.each([
    ['1999', '1999-01-01', '1999-12-31'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['1999-02', '1999-02-01', '1999-02-28'],
    ['1999-07-15', '1999-07-15', '1999-07-15'],
  ])('reads %s as %s .. %s', (date, first, last) => {
    expect(firstDayOf(date)).toBe(first);
    expect(lastDayOf(date)).toBe(last);
  });

  it('sees an end before the start only at the precision given', () => {
    expect(endsBeforeStart({ startsOn: '1999-07-10', endsOn: '1999-07' })).toBe(false);
    expect(endsBeforeStart({ startsOn: '1999-07-10', endsOn: '1999-07-09' })).toBe(true);
    expect(endsBeforeStart({ startsOn: '1999-07', endsOn: null })).toBe(false);
  });
});
