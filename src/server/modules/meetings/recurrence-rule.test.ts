import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import { cadenceRule, checkRecurrenceRule } from './recurrence-rule.ts';

function verdict(text: string): string {
  try {
    return checkRecurrenceRule(text).rule;
  } catch (error) {
    if (error instanceof DomainError) return `refused: ${error.errors?.[0]?.field}`;
    throw error;
  }
}

describe('a recurrence rule a client gives', () => {
  it.each([
    ['FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3', 'FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3'],
    ['RRULE:FREQ=WEEKLY;BYDAY=MO,TH', 'FREQ=WEEKLY;BYDAY=MO,TH'],
    [' FREQ=MONTHLY;BYDAY=-1FR ', 'FREQ=MONTHLY;BYDAY=-1FR'],
    ['FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=-1', 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=-1'],
    ['FREQ=DAILY;INTERVAL=2;COUNT=10', 'FREQ=DAILY;INTERVAL=2;COUNT=10'],
    [
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    ],
  ])('takes %s', (text, rule) => {
    expect(verdict(text)).toBe(rule);
  });

  it.each([
    ['', 'no FREQ'],
    ['garbage', 'no RRULE'],
    ['FREQ=FOO', 'an unknown frequency'],
    ['FREQ=HOURLY', 'more than one meeting a day'],
    ['FREQ=MINUTELY', 'more than one meeting a day'],
    ['FREQ=DAILY;BYHOUR=9,15', 'its own time of day'],
    ['FREQ=DAILY;UNTIL=20011231', 'its own end'],
    ['DTSTART:20010101T100000Z\nRRULE:FREQ=DAILY', 'its own start'],
    ['FREQ=DAILY;DTSTART=20010101', 'its own start'],
    ['FREQ=DAILY;TZID=Europe/Paris', 'its own zone'],
    ['FREQ=WEEKLY;INTERVAL=0', 'an interval of nought'],
    ['FREQ=WEEKLY;INTERVAL=1.5', 'a fractional interval (rrule loops for ever on it)'],
    ['FREQ=WEEKLY;INTERVAL=abc', 'an interval that is no number (rrule loops for ever on it)'],
    ['FREQ=DAILY;COUNT=-1', 'a negative count'],
    ['FREQ=MONTHLY;BYDAY=XX', 'an unknown weekday'],
    ['FREQ=MONTHLY;BYDAY=6WE', 'a sixth Wednesday of a month'],
    ['FREQ=WEEKLY;BYDAY=2WE', 'a numbered weekday in a weekly rule'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'day nought'],
    ['FREQ=YEARLY;BYMONTH=13', 'a thirteenth month'],
    ['FREQ=YEARLY;BYYEARDAY=400', 'a 400th day'],
    ['FREQ=YEARLY;BYWEEKNO=60', 'a 60th week'],
    ['FREQ=DAILY;BYSETPOS=0', 'position nought'],
    ['FREQ=DAILY;BYEASTER=1', "rrule's own BYEASTER"],
  ])('refuses %j: %s', (text) => {
    expect(verdict(text)).toBe('refused: rrule');
  });
});

describe('a cadence as a rule', () => {
  it.each([
    ['weekly', 17, 'FREQ=WEEKLY'],
    ['fortnightly', 17, 'FREQ=WEEKLY;INTERVAL=2'],
    ['monthly', 17, 'FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=17'],
    ['monthly', 30, 'FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=28,29,30;BYSETPOS=-1'],
    ['quarterly', 31, 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,29,30,31;BYSETPOS=-1'],
    ['twice-yearly', 1, 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1'],
    ['yearly', 29, 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1'],
  ] as const)('%s from day %i is %s', (cadence, day, rule) => {
    expect(cadenceRule(cadence, { month: 2, day })).toEqual({ rule, field: 'cadence' });
  });
});
