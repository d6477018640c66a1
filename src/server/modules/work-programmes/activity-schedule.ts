import type { ActivityStatus } from '../../db/schema.ts';

/**
 * Partial dates (`2001`, `2001-05`, `2001-05-24`) compare at the coarser precision of the two:
 * `2001-05` and `2001-05-20` overlap, so neither is before the other.
 */
function prefixCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  const x = a.slice(0, n);
  const y = b.slice(0, n);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A planned period must not end before it starts. */
export function isPeriodOrdered(start: string | null, end: string | null): boolean {
  return start === null || end === null || prefixCompare(start, end) <= 0;
}

/**
 * Overdue: still open (planned or under way) and the whole planned end period lies before
 * the report date; an activity planned to end "2001-05" is overdue from 1 June 2001 only.
 * The SQL in report-work-programme.ts states the same rule.
 */
export function isOverdue(
  plannedEnd: string | null,
  status: ActivityStatus,
  reportDate: string,
): boolean {
  if (plannedEnd === null || status === 'done' || status === 'dropped') return false;
  return plannedEnd < reportDate.slice(0, plannedEnd.length);
}
