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
