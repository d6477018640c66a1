import { describe, expect, it } from 'vitest';
import { isPeriodOrdered } from './activity-schedule.ts';

describe('isPeriodOrdered', () => {
  it.each([
    ['2001-03', '2001-05', true],
    ['2001-05', '2001-03', false],
    ['2001', '2001-03', true],
    ['2001-05-20', '2001-05', true],
    ['2002', '2001-12-31', false],
    [null, '2001', true],
    ['2001', null, true],
  ] as const)('%s to %s -> %s', (start, end, expected) => {
    expect(isPeriodOrdered(start, end)).toBe(expected);
  });
});
