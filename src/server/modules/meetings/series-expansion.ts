import type { Cadence } from '../../../shared/meetings.schemas.ts';
import { invalid } from '../../domain/errors.ts';
import { offsetMinutesOf } from './meeting-time.ts';
import { type WallClock, wallClockAsUtc, wallClockIn, zonedWallClockToUtc } from './time-zone.ts';

export interface Occurrence {
  /** UTC instant. */
  startsAt: string;
  /** The local calendar day. */
  date: string;
}

export interface SeriesRule {
  /** The first meeting, ISO 8601 with an offset. */
  startsAt: string;
  /** Last local calendar day (inclusive). */
  until: string;
  cadence: Cadence;
  /** IANA zone: keeps the wall-clock time across DST. Absent: startsAt's fixed offset. */
  timeZone?: string | undefined;
}

/** More would be a typing error (a weekly cadence to 2099), not a plan. */
export const MAX_OCCURRENCES = 400;

const STEP: Record<Cadence, { months: number } | { days: number }> = {
  weekly: { days: 7 },
  fortnightly: { days: 14 },
  monthly: { months: 1 },
  quarterly: { months: 3 },
  'twice-yearly': { months: 6 },
  yearly: { months: 12 },
};

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The k-th date of the cadence; month steps keep the first day-of-month, clamped to month end. */
function nthDate(first: WallClock, cadence: Cadence, k: number): WallClock {
  const step = STEP[cadence];
  if ('days' in step) {
    const d = new Date(Date.UTC(first.year, first.month - 1, first.day + k * step.days));
    return { ...first, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  const index = first.year * 12 + (first.month - 1) + k * step.months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { ...first, year, month, day: Math.min(first.day, daysInMonth(year, month)) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateOf = (w: WallClock) => `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;

/**
 * Expands a cadence into the meetings it asks for, first one included, none after `until`.
 * Throws ValidationFailed (body.until) when `until` is before the first meeting or the
 * series would exceed MAX_OCCURRENCES.
 */
export function expandSeries(rule: SeriesRule): Occurrence[] {
  const epoch = Date.parse(rule.startsAt);
  const { timeZone } = rule;
  const offsetMs = offsetMinutesOf(rule.startsAt) * 60_000;
  const first =
    timeZone === undefined ? wallClockIn(epoch + offsetMs, 'UTC') : wallClockIn(epoch, timeZone);
  const toInstant = (w: WallClock) =>
    timeZone === undefined ? wallClockAsUtc(w) - offsetMs : zonedWallClockToUtc(w, timeZone);

  if (rule.until < dateOf(first)) {
    throw invalid('body.until', 'is before the first meeting');
  }
  const occurrences: Occurrence[] = [];
  for (let k = 0; ; k++) {
    const wall = nthDate(first, rule.cadence, k);
    const date = dateOf(wall);
    if (date > rule.until) break;
    if (occurrences.length === MAX_OCCURRENCES) {
      throw invalid('body.until', `a series may hold at most ${MAX_OCCURRENCES} meetings`);
    }
    occurrences.push({ startsAt: new Date(toInstant(wall)).toISOString(), date });
  }
  return occurrences;
}
