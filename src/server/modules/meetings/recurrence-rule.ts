import rrulePackage from 'rrule';
import type { Cadence } from '../../../shared/meetings.schemas.ts';
import { invalid } from '../../domain/errors.ts';

// rrule ships CommonJS that Node cannot read named exports from.
const { RRule, Frequency } = rrulePackage;

/**
 * The recurrence of a series as one RFC 5545 RRULE value: the client's own rule, checked, or
 * the rule that says what a fixed cadence means. The time of day, the zone and the end are the
 * series' own (startsAt, timeZone, until), so a rule that names them is refused rather than
 * half-followed.
 */
export interface Recurrence {
  /** The RRULE value, e.g. `FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3`. */
  rule: string;
  /** The request field a problem with it is named by. */
  field: 'cadence' | 'rrule';
}

const FIELD = 'rrule';

// Parts that belong to the series, not to the rule, with what to give instead.
const NOT_IN_RULE: Record<string, string> = {
  DTSTART: 'startsAt',
  TZID: 'timeZone',
  UNTIL: 'until',
  BYHOUR: 'startsAt (the time of day)',
  BYMINUTE: 'startsAt (the time of day)',
  BYSECOND: 'startsAt (the time of day)',
};

/** Each BY part's allowed values (RFC 5545 3.3.10); rrule itself accepts any number. */
const RANGES: [keyof RuleOptions, string, number][] = [
  ['bymonth', 'BYMONTH', 12],
  ['bymonthday', 'BYMONTHDAY', 31],
  ['byyearday', 'BYYEARDAY', 366],
  ['byweekno', 'BYWEEKNO', 53],
  ['bysetpos', 'BYSETPOS', 366],
];

type RuleOptions = ReturnType<typeof RRule.parseString>;

const asList = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

/** 1..max, or -max..-1 where negative counts from the end; bymonth only positive. */
function inRange(value: unknown, max: number, signed: boolean): boolean {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    ((value >= 1 && value <= max) || (signed && value <= -1 && value >= -max))
  );
}

/**
 * Checks a client's rule and answers it as one RRULE value. Refused (ValidationFailed naming
 * body.rrule): what rrule cannot parse; a FREQ below a day (a series meets at most once a day);
 * the parts that belong to the series; an INTERVAL or COUNT that is not a positive whole number
 * (rrule loops for ever on INTERVAL=1.5); a BY value out of its RFC range; BYEASTER (rrule's
 * own, not RFC 5545).
 */
export function checkRecurrenceRule(text: string): Recurrence {
  const value = text.trim().replace(/^RRULE:/i, '');
  if (/[\r\n]/.test(value)) {
    throw invalid(FIELD, 'one RRULE value such as FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3, on one line');
  }
  const names = value.split(';').map((part) => part.split('=')[0]?.trim().toUpperCase() ?? '');
  for (const name of names) {
    const instead = NOT_IN_RULE[name];
    if (instead !== undefined) throw invalid(FIELD, `${name} is not taken here: give ${instead}`);
    if (name === 'BYEASTER') throw invalid(FIELD, 'BYEASTER is no part of RFC 5545');
  }
  let options: RuleOptions;
  try {
    options = RRule.parseString(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(FIELD, `not an RFC 5545 recurrence rule: ${reason}`);
  }
  const freq = options.freq;
  if (freq === undefined || freq === null || !(freq in Frequency)) {
    throw invalid(FIELD, 'needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY');
  }
  if (freq > Frequency.DAILY) {
    throw invalid(
      FIELD,
      'a series meets at most once a day: FREQ is DAILY, WEEKLY, MONTHLY or YEARLY',
    );
  }
  for (const [key, name] of [
    ['interval', 'INTERVAL'],
    ['count', 'COUNT'],
  ] as const) {
    const n = options[key];
    if (n !== undefined && n !== null && !inRange(n, 10_000, false)) {
      throw invalid(FIELD, `${name} must be a whole number of at least 1`);
    }
  }
  for (const [key, name, max] of RANGES) {
    for (const n of asList(options[key])) {
      if (!inRange(n, max, key !== 'bymonth')) {
        throw invalid(FIELD, `${name} takes ${key === 'bymonth' ? '' : '±'}1 to ${max}`);
      }
    }
  }
  for (const day of asList(options.byweekday)) {
    const ordinal = (day as { n?: unknown } | null)?.n;
    const known =
      typeof day === 'object' &&
      day !== null &&
      typeof (day as { weekday?: unknown }).weekday === 'number';
    const maxOrdinal = freq === Frequency.MONTHLY ? 5 : 53;
    if (!known || (ordinal !== undefined && !inRange(ordinal, maxOrdinal, true))) {
      throw invalid(FIELD, 'BYDAY takes MO, TU, WE, TH, FR, SA or SU, each with an optional ±n');
    }
    if (ordinal !== undefined && freq !== Frequency.MONTHLY && freq !== Frequency.YEARLY) {
      throw invalid(FIELD, 'BYDAY with a number (2WE) needs FREQ=MONTHLY or YEARLY');
    }
  }
  return { rule: value, field: FIELD };
}

/**
 * What each cadence means as a rule, from the first meeting's day of the month: monthly steps
 * keep that day, or the month's last day when the month is shorter (the 31st is the 30th in
 * April, the 28th in February). `BYMONTHDAY=28,29,30,31;BYSETPOS=-1` is that: the last of those
 * days the month has.
 */
export function cadenceRule(cadence: Cadence, first: { month: number; day: number }): Recurrence {
  const field = 'cadence';
  const monthDay =
    first.day <= 28
      ? `BYMONTHDAY=${first.day}`
      : `BYMONTHDAY=${Array.from({ length: first.day - 27 }, (_, i) => 28 + i).join(',')};BYSETPOS=-1`;
  const months = (interval: number) => `FREQ=MONTHLY;INTERVAL=${interval};${monthDay}`;
  const rule: Record<Cadence, string> = {
    weekly: 'FREQ=WEEKLY',
    fortnightly: 'FREQ=WEEKLY;INTERVAL=2',
    monthly: months(1),
    quarterly: months(3),
    'twice-yearly': months(6),
    yearly: `FREQ=YEARLY;BYMONTH=${first.month};${monthDay}`,
  };
  return { rule: rule[cadence], field };
}
