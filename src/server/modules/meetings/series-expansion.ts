import type { Cadence } from '../../../shared/meetings.schemas.ts';
import { invalid } from '../../domain/errors.ts';
import { offsetMinutesOf } from './meeting-time.ts';
import { cadenceRule, checkRecurrenceRule, type Recurrence } from './recurrence-rule.ts';
import { expandRecurrence } from './rrule-expansion.ts';
import {
  dayOf,
  type WallClock,
  wallClockAsUtc,
  wallClockIn,
  zonedWallClockToUtc,
} from './time-zone.ts';

export interface Occurrence {
  /** UTC instant. */
  startsAt: string;
  /** The local calendar day. */
  date: string;
}

export interface SeriesRule {
  /** The first meeting (with an rrule: the time of day and the earliest day), with an offset. */
  startsAt: string;
  /** Last local calendar day (inclusive). */
  until: string;
  /** A fixed cadence, or else */
  cadence?: Cadence | undefined;
  /** an RFC 5545 RRULE value. */
  rrule?: string | undefined;
  /** Moves a meeting that falls on a Saturday or Sunday to the Monday after. */
  skipWeekends?: boolean | undefined;
  /** IANA zone: keeps the wall-clock time across DST. Absent: startsAt's fixed offset. */
  timeZone?: string | undefined;
}

/** More would be a typing error (a weekly cadence to 2099), not a plan. */
export const MAX_OCCURRENCES = 500;
/** Ten years of a council's meetings is a plan; more is a mistake, and costs to expand. */
export const MAX_SPAN_YEARS = 10;

/** The cadence or the rule of a series: exactly one of them. */
function recurrenceOf(rule: SeriesRule, first: WallClock): Recurrence {
  if (rule.cadence !== undefined && rule.rrule !== undefined) {
    throw invalid('rrule', 'give a cadence or an rrule, not both');
  }
  if (rule.rrule !== undefined) return checkRecurrenceRule(rule.rrule);
  if (rule.cadence === undefined) throw invalid('cadence', 'give a cadence or an rrule');
  return cadenceRule(rule.cadence, first);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The same day of the week and time, `days` later. */
function addDays(w: WallClock, days: number): WallClock {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Saturday to Monday, Sunday to Monday; any other day stays. */
function nextWeekday(w: WallClock): WallClock {
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  return weekday === 6 ? addDays(w, 2) : weekday === 0 ? addDays(w, 1) : w;
}

/**
 * Expands a cadence or an RFC 5545 rule (through rrule) into the meetings it asks for, in
 * order, none after `until`, each at the first meeting's local time of day. With skipWeekends a
 * meeting on a Saturday or Sunday moves to the Monday after, and two meetings of the series on
 * one day are left for the caller's duplicate-day rule to keep one of. Throws ValidationFailed:
 * body.until before the first meeting, more than MAX_SPAN_YEARS after it, or a series of more
 * than MAX_OCCURRENCES; body.cadence or body.rrule for a missing, doubled or bad recurrence.
 */
export async function expandSeries(rule: SeriesRule): Promise<Occurrence[]> {
  const epoch = Date.parse(rule.startsAt);
  const { timeZone } = rule;
  const offsetMs = offsetMinutesOf(rule.startsAt) * 60_000;
  const first =
    timeZone === undefined ? wallClockIn(epoch + offsetMs, 'UTC') : wallClockIn(epoch, timeZone);
  const toInstant = (w: WallClock) =>
    timeZone === undefined ? wallClockAsUtc(w) - offsetMs : zonedWallClockToUtc(w, timeZone);

  const recurrence = recurrenceOf(rule, first);
  if (rule.until < dayOf(first)) {
    throw invalid('until', 'is before the first meeting');
  }
  const last = { ...first, year: first.year + MAX_SPAN_YEARS };
  if (rule.until > dayOf(last)) {
    throw invalid('until', `a series spans at most ${MAX_SPAN_YEARS} years`);
  }
  const untilDay = Date.parse(`${rule.until}T00:00:00.000Z`);
  const days = await expandRecurrence(recurrence, {
    dtstart: wallClockAsUtc(first),
    until: untilDay + DAY_MS - 1,
    limit: MAX_OCCURRENCES + 1,
  });
  if (days.length > MAX_OCCURRENCES) {
    throw invalid('until', `a series may hold at most ${MAX_OCCURRENCES} meetings`);
  }
  const occurrences: Occurrence[] = [];
  for (const day of days) {
    const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
    let wall: WallClock = { ...first, year, month, day: date };
    if (rule.skipWeekends === true) wall = nextWeekday(wall);
    if (dayOf(wall) > rule.until) continue;
    occurrences.push({ startsAt: new Date(toInstant(wall)).toISOString(), date: dayOf(wall) });
  }
  return occurrences;
}
