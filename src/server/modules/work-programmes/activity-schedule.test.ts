import { describe, expect, it } from 'vitest';
import { isOverdue, isPeriodOrdered } from './activity-schedule.ts';

describe('isOverdue', () => {
  it.each([
    ['2001-05', 'planned', '2001-05-31', false],
    ['2001-05', 'planned', '2001-06-01', true],
    ['2001-05-20', 'under-way', '2001-05-21', true],
    ['2001-05-20', 'under-way', '2001-05-20', false],
    ['2001', 'planned', '2001-12-31', false],
    ['2001', 'planned', '2002-01-01', true],
    ['2001-01', 'done', '2002-01-01', false],
    ['2001-01', 'dropped', '2002-01-01', false],
    [null, 'planned', '2002-01-01', false],
  ] as const)('plannedEnd %s, %s, on %s -> %s', (end, status, on, expected) => {
    expect(isOverdue(end, status, on)).toBe(expected);
  });
});

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
