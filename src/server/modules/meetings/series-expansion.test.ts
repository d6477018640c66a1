import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import { expandSeries, MAX_OCCURRENCES } from './series-expansion.ts';

describe('expandSeries', () => {
  it('expands ambassadors monthly through 2001 into 12 meetings', () => {
    const dates = expandSeries({
      startsAt: '2001-01-17T10:00:00+01:00',
      until: '2001-12-31',
      cadence: 'monthly',
    });
    expect(dates).toHaveLength(12);
    expect(dates[0]).toEqual({ startsAt: '2001-01-17T09:00:00.000Z', date: '2001-01-17' });
    expect(dates[11]).toEqual({ startsAt: '2001-12-17T09:00:00.000Z', date: '2001-12-17' });
  });

  it('clamps the 31st to the end of shorter months and returns to the 31st after', () => {
    const dates = expandSeries({
      startsAt: '2001-01-31T10:00:00Z',
      until: '2001-04-30',
      cadence: 'monthly',
    }).map((o) => o.date);
    expect(dates).toEqual(['2001-01-31', '2001-02-28', '2001-03-31', '2001-04-30']);
  });

  it.each([
    [
      'weekly',
      '2001-01-29',
      ['2001-01-01', '2001-01-08', '2001-01-15', '2001-01-22', '2001-01-29'],
    ],
    ['fortnightly', '2001-01-31', ['2001-01-01', '2001-01-15', '2001-01-29']],
    ['quarterly', '2001-12-31', ['2001-01-01', '2001-04-01', '2001-07-01', '2001-10-01']],
    ['twice-yearly', '2002-01-01', ['2001-01-01', '2001-07-01', '2002-01-01']],
    ['yearly', '2003-06-30', ['2001-01-01', '2002-01-01', '2003-01-01']],
  ] as const)('%s until %s', (cadence, until, expected) => {
    const dates = expandSeries({ startsAt: '2001-01-01T10:00:00Z', until, cadence });
    expect(dates.map((o) => o.date)).toEqual(expected);
  });

  it('keeps the written offset without a time zone, even across DST', () => {
    const [, july] = expandSeries({
      startsAt: '2001-01-10T10:00:00+01:00',
      until: '2001-07-10',
      cadence: 'twice-yearly',
    });
    expect(july?.startsAt).toBe('2001-07-10T09:00:00.000Z');
  });

  it('keeps the local wall-clock time across DST with a time zone', () => {
    const [winter, summer] = expandSeries({
      startsAt: '2001-01-10T10:00:00+01:00',
      until: '2001-07-10',
      cadence: 'twice-yearly',
      timeZone: 'Europe/Brussels',
    });
    expect(winter?.startsAt).toBe('2001-01-10T09:00:00.000Z');
    expect(summer?.startsAt).toBe('2001-07-10T08:00:00.000Z');
  });

  it('dates a meeting by its local day, not the UTC day', () => {
    const [first] = expandSeries({
      startsAt: '2001-03-01T00:30:00+03:00',
      until: '2001-03-01',
      cadence: 'weekly',
    });
    expect(first).toEqual({ startsAt: '2001-02-28T21:30:00.000Z', date: '2001-03-01' });
  });

  it('refuses an end before the first meeting', () => {
    expect(() =>
      expandSeries({ startsAt: '2001-05-01T10:00:00Z', until: '2001-04-30', cadence: 'monthly' }),
    ).toThrow(DomainError);
  });

  it(`refuses more than ${MAX_OCCURRENCES} meetings`, () => {
    expect(() =>
      expandSeries({ startsAt: '2001-01-01T10:00:00Z', until: '2099-12-31', cadence: 'weekly' }),
    ).toThrow(/at most/);
  });
});
