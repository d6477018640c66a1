/**
 * Partial ISO dates (`2000`, `2000-05`, `2000-05-24`) keep the precision the source gave.
 * Compare them through the days they cover: `partialDateEnd(a) < partialDateStart(b)` means
 * `a` is wholly before `b`; when the ranges overlap, the dates alone cannot tell.
 */

/** The first full day (`YYYY-MM-DD`) a partial date covers. */
export function partialDateStart(date: string): string {
  const [year, month = '01', day = '01'] = date.split('-');
  return `${year}-${month}-${day}`;
}

/** The last full day (`YYYY-MM-DD`) a partial date covers. */
export function partialDateEnd(date: string): string {
  const [year = '', month = '12', day] = date.split('-');
  return `${year}-${month}-${day ?? String(daysInMonth(Number(year), Number(month)))}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
