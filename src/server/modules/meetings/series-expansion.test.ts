import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import { expandSeries, MAX_OCCURRENCES, type SeriesRule } from './series-expansion.ts';

const datesOf = async (rule: SeriesRule) => (await expandSeries(rule)).map((o) => o.date);

/** The fields a refusal names, or 'accepted'. */
async function refusal(rule: SeriesRule): Promise<string[] | 'accepted'> {
  try {
    await expandSeries(rule);
    return 'accepted';
  } catch (error) {
    if (error instanceof DomainError) return (error.errors ?? []).map((e) => e.field);
    throw error;
  }
}

describe('expandSeries with a cadence', () => {
  it('expands ambassadors monthly through 2001 into 12 meetings', async () => {
    const dates = await expandSeries({
      startsAt: '2001-01-17T10:00:00+01:00',
      until: '2001-12-31',
      cadence: 'monthly',
    });
    expect(dates).toHaveLength(12);
    expect(dates[0]).toEqual({ startsAt: '2001-01-17T09:00:00.000Z', date: '2001-01-17' });
    expect(dates[11]).toEqual({ startsAt: '2001-12-17T09:00:00.000Z', date: '2001-12-17' });
  });

  it('clamps the 31st to the end of shorter months and returns to the 31st after', async () => {
    expect(
      await datesOf({ startsAt: '2001-01-31T10:00:00Z', until: '2001-04-30', cadence: 'monthly' }),
    ).toEqual(['2001-01-31', '2001-02-28', '2001-03-31', '2001-04-30']);
  });

  it('keeps 29 February in leap years and takes the 28th in the others', async () => {
    expect(
      await datesOf({ startsAt: '2000-02-29T10:00:00Z', until: '2004-12-31', cadence: 'yearly' }),
    ).toEqual(['2000-02-29', '2001-02-28', '2002-02-28', '2003-02-28', '2004-02-29']);
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
  ] as const)('%s until %s', async (cadence, until, expected) => {
    expect(await datesOf({ startsAt: '2001-01-01T10:00:00Z', until, cadence })).toEqual(expected);
  });

  it('keeps the written offset without a time zone, even across DST', async () => {
    const [, july] = await expandSeries({
      startsAt: '2001-01-10T10:00:00+01:00',
      until: '2001-07-10',
      cadence: 'twice-yearly',
    });
    expect(july?.startsAt).toBe('2001-07-10T09:00:00.000Z');
  });

  it('keeps the local wall-clock time across DST with a time zone', async () => {
    const [winter, summer] = await expandSeries({
      startsAt: '2001-01-10T10:00:00+01:00',
      until: '2001-07-10',
      cadence: 'twice-yearly',
      timeZone: 'Europe/Brussels',
    });
    expect(winter?.startsAt).toBe('2001-01-10T09:00:00.000Z');
    expect(summer?.startsAt).toBe('2001-07-10T08:00:00.000Z');
  });

  it('dates a meeting by its local day, not the UTC day', async () => {
    const [first] = await expandSeries({
      startsAt: '2001-03-01T00:30:00+03:00',
      until: '2001-03-01',
      cadence: 'weekly',
    });
    expect(first).toEqual({ startsAt: '2001-02-28T21:30:00.000Z', date: '2001-03-01' });
  });
});

describe('expandSeries with an RFC 5545 rule', () => {
  it('meets on the third Wednesday of every month, at 10:00 in Brussels summer and winter', async () => {
    const meetings = await expandSeries({
      startsAt: '2001-01-01T10:00:00+01:00',
      until: '2001-12-31',
      rrule: 'FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3',
      timeZone: 'Europe/Brussels',
    });
    expect(meetings.map((m) => m.date)).toEqual([
      '2001-01-17',
      '2001-02-21',
      '2001-03-21',
      '2001-04-18',
      '2001-05-16',
      '2001-06-20',
      '2001-07-18',
      '2001-08-15',
      '2001-09-19',
      '2001-10-17',
      '2001-11-21',
      '2001-12-19',
    ]);
    expect(meetings[0]?.startsAt).toBe('2001-01-17T09:00:00.000Z');
    expect(meetings[6]?.startsAt).toBe('2001-07-18T08:00:00.000Z');
  });

  it('takes the rule with or without its RRULE: name, and ends at COUNT when that comes first', async () => {
    const rule = { startsAt: '2001-01-01T10:00:00Z', until: '2001-12-31' };
    expect(await datesOf({ ...rule, rrule: 'RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3' })).toEqual([
      '2001-01-01',
      '2001-01-04',
      '2001-01-08',
    ]);
  });

  it('moves a weekend meeting to the Monday after with skipWeekends, at the same time', async () => {
    const meetings = await expandSeries({
      startsAt: '2001-03-24T10:00:00+01:00',
      until: '2001-06-30',
      cadence: 'monthly',
      skipWeekends: true,
      timeZone: 'Europe/Brussels',
    });
    // 24 March 2001 is a Saturday, 24 June a Sunday; summer time begins on the 25th.
    expect(meetings).toEqual([
      { date: '2001-03-26', startsAt: '2001-03-26T08:00:00.000Z' },
      { date: '2001-04-24', startsAt: '2001-04-24T08:00:00.000Z' },
      { date: '2001-05-24', startsAt: '2001-05-24T08:00:00.000Z' },
      { date: '2001-06-25', startsAt: '2001-06-25T08:00:00.000Z' },
    ]);
  });

  it('drops a weekend meeting that skipWeekends would move past until', async () => {
    expect(
      await datesOf({
        startsAt: '2001-03-24T10:00:00Z',
        until: '2001-03-25',
        cadence: 'weekly',
        skipWeekends: true,
      }),
    ).toEqual([]);
  });

  it('keeps weekends without skipWeekends', async () => {
    expect(
      await datesOf({
        startsAt: '2001-03-24T10:00:00Z',
        until: '2001-03-31',
        rrule: 'FREQ=WEEKLY',
      }),
    ).toEqual(['2001-03-24', '2001-03-31']);
  });
});

describe('expandSeries refuses', () => {
  const base = { startsAt: '2001-01-01T10:00:00Z', until: '2001-12-31' };
  it.each<[string, SeriesRule, string[]]>([
    [
      'a cadence and a rule at once',
      { ...base, cadence: 'weekly', rrule: 'FREQ=WEEKLY' },
      ['rrule'],
    ],
    ['neither a cadence nor a rule', base, ['cadence']],
    [
      'an end before the first meeting',
      { ...base, until: '2000-12-31', cadence: 'monthly' },
      ['until'],
    ],
    [
      `more than ${MAX_OCCURRENCES} meetings`,
      { ...base, until: '2010-12-31', cadence: 'weekly' },
      ['until'],
    ],
    ['more than ten years', { ...base, until: '2011-01-02', cadence: 'yearly' }, ['until']],
    ['a rule rrule cannot read', { ...base, rrule: 'EVERY=THIRD-WEDNESDAY' }, ['rrule']],
    ['a rule that meets every hour', { ...base, rrule: 'FREQ=HOURLY' }, ['rrule']],
  ])('%s', async (_, rule, fields) => {
    expect(await refusal(rule)).toEqual(fields);
  });

  it('a rule that matches no day, without stopping the event loop while rrule looks for one', async () => {
    // Every day, the second of the day's one occurrence: never. rrule would look until 9999.
    const order: string[] = [];
    const expanding = refusal({ ...base, rrule: 'FREQ=DAILY;BYSETPOS=2' }).then((fields) => {
      order.push('refused');
      return fields;
    });
    setImmediate(() => order.push('next turn of the event loop'));
    expect(await expanding).toEqual(['rrule']);
    expect(order).toEqual(['next turn of the event loop', 'refused']);
  });
});
