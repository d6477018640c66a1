import { invalid } from '../../domain/errors.ts';

/** The days a calendar holds, first and last included, as YYYY-MM-DD. */
export interface CalendarWindow {
  from: string;
  to: string;
}

/** From 90 days ago: a subscriber still sees what was recently held, and what it decided. */
export const DAYS_BACK = 90;
/** To a year ahead: the council's planning horizon, a work programme's year. */
export const DAYS_AHEAD = 365;
/** The widest window a request may ask for. */
export const MAX_SPAN_YEARS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A partial date's first day: `2001` is 2001-01-01, `2001-05` is 2001-05-01. */
function firstDayOf(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** A partial date's last day: `2001` is 2001-12-31, `2001-02` is 2001-02-28. */
function lastDayOf(date: string): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const [year = 0, month = 1] = date.split('-').map(Number);
    return dayOf(Date.UTC(year, month, 0));
  }
  return date;
}

/**
 * The window of days a calendar request covers: `from` and `to` as asked (partial dates
 * standing for their first and last day), each by default DAYS_BACK before and DAYS_AHEAD
 * after today. However many meetings the council holds, a calendar never holds more than
 * MAX_SPAN_YEARS of them. Throws ValidationFailed naming query.to (or query.from when only it
 * was given) for a window that ends before it starts or is wider than that.
 */
export function calendarWindowOf(asked: { from?: string; to?: string }, now: Date): CalendarWindow {
  const today = Date.parse(`${dayOf(now.getTime())}T00:00:00.000Z`);
  const from =
    asked.from === undefined ? dayOf(today - DAYS_BACK * DAY_MS) : firstDayOf(asked.from);
  const to = asked.to === undefined ? dayOf(today + DAYS_AHEAD * DAY_MS) : lastDayOf(asked.to);
  const field = asked.to === undefined && asked.from !== undefined ? 'from' : 'to';
  if (to < from) throw invalid(field, `the window ends (${to}) before it starts (${from})`);
  const [year = 0, month = 1, day = 1] = from.split('-').map(Number);
  const widest = dayOf(Date.UTC(year + MAX_SPAN_YEARS, month - 1, day) - DAY_MS);
  if (to > widest) {
    throw invalid(
      field,
      `a calendar spans at most ${MAX_SPAN_YEARS} years: from ${from}, to ${widest} at the latest`,
    );
  }
  return { from, to };
}
