import { describe, expect, it } from 'vitest';
import { partialDateEnd, partialDateStart } from './partial-date.ts';

describe('the days a partial date covers', () => {
  const cases: [date: string, start: string, end: string][] = [
    ['1999', '1999-01-01', '1999-12-31'],
    ['1999-03', '1999-03-01', '1999-03-31'],
    ['1999-04', '1999-04-01', '1999-04-30'],
    ['1999-02', '1999-02-01', '1999-02-28'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['1900-02', '1900-02-01', '1900-02-28'],
    ['2004-02', '2004-02-01', '2004-02-29'],
    ['1999-03-12', '1999-03-12', '1999-03-12'],
  ];

  it.each(cases)('%s runs from %s to %s', (date, start, end) => {
    expect(partialDateStart(date)).toBe(start);
    expect(partialDateEnd(date)).toBe(end);
  });

  it('orders a month wholly before a later day of another month, not of its own', () => {
    expect(partialDateEnd('1999-02') < partialDateStart('1999-03-12')).toBe(true);
    expect(partialDateEnd('1999-03') < partialDateStart('1999-03-12')).toBe(false);
  });
});
