/**
 * Which period of the council's life a calendar date falls in.
 *
 * Bounds keep the precision of their source (`1999`, `1999-07`, `1999-07-15`). The rule:
 * - a period covers every day from the first day of its `startsOn` to the last day of its
 *   `endsOn` (both inclusive; no `endsOn` means still running);
 * - where two periods both cover a day (a month-precision end meeting the next period's
 *   start, or a day both ending and starting one), the period that started latest wins:
 *   a date inside `1999-07` belongs to the period starting `1999-07`, and the day of a
 *   suspension belongs to the suspension;
 * - equal starts go to the more precisely dated period, then to the smaller id, so the answer
 *   never depends on row order.
 */
export interface PeriodBounds {
  id: string;
  startsOn: string;
  endsOn: string | null;
}

const DAYS_IN_MONTH = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The first day a partial date can mean: `1999` -> `1999-01-01`, `1999-07` -> `1999-07-01`. */
export function firstDayOf(date: string): string {
  if (date.length === 4) return `${date}-01-01`;
  if (date.length === 7) return `${date}-01`;
  return date;
}

/** The last day a partial date can mean: `1999` -> `1999-12-31`, `2000-02` -> `2000-02-29`. */
export function lastDayOf(date: string): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const days = DAYS_IN_MONTH(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
    return `${date}-${String(days).padStart(2, '0')}`;
  }
  return date;
}

export function covers(period: PeriodBounds, day: string): boolean {
  return (
    firstDayOf(period.startsOn) <= day &&
    (period.endsOn === null || day <= lastDayOf(period.endsOn))
  );
}

function startsLater(a: PeriodBounds, b: PeriodBounds): boolean {
  const [startA, startB] = [firstDayOf(a.startsOn), firstDayOf(b.startsOn)];
  if (startA !== startB) return startA > startB;
  if (a.startsOn.length !== b.startsOn.length) return a.startsOn.length > b.startsOn.length;
  return a.id < b.id;
}

/** The period `day` (YYYY-MM-DD) falls in, or null when none covers it. */
export function periodAt<P extends PeriodBounds>(periods: readonly P[], day: string): P | null {
  let found: P | null = null;
  for (const period of periods) {
    if (covers(period, day) && (found === null || startsLater(period, found))) found = period;
  }
  return found;
}

/** Whether a period's end comes before its start at the precision each is given. */
export function endsBeforeStart(bounds: { startsOn: string; endsOn: string | null }): boolean {
  return bounds.endsOn !== null && lastDayOf(bounds.endsOn) < firstDayOf(bounds.startsOn);
}
