import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import { calendarWindowOf } from './calendar-window.ts';

const NOW = new Date('2001-03-01T09:00:00.000Z');

function refusal(asked: { from?: string; to?: string }) {
  try {
    calendarWindowOf(asked, NOW);
  } catch (error) {
    if (error instanceof DomainError) return error.errors?.map((e) => e.field);
    throw error;
  }
  return 'accepted';
}

describe('the window of a calendar', () => {
  it('runs from 90 days ago to a year ahead unless asked otherwise', () => {
    expect(calendarWindowOf({}, NOW)).toEqual({ from: '2000-12-01', to: '2002-03-01' });
  });

  it.each([
    [
      { from: '2001', to: '2001' },
      { from: '2001-01-01', to: '2001-12-31' },
    ],
    [
      { from: '2000-02', to: '2000-02' },
      { from: '2000-02-01', to: '2000-02-29' },
    ],
    [
      { from: '2001-04-18', to: '2001-04-18' },
      { from: '2001-04-18', to: '2001-04-18' },
    ],
    [
      { from: '2001-01-01', to: '2003-12-31' },
      { from: '2001-01-01', to: '2003-12-31' },
    ],
    [{ to: '2001-06' }, { from: '2000-12-01', to: '2001-06-30' }],
    [{ from: '2001-02-15' }, { from: '2001-02-15', to: '2002-03-01' }],
  ])('%j covers %j', (asked, window) => {
    expect(calendarWindowOf(asked, NOW)).toEqual(window);
  });

  it.each([
    [{ from: '2001-01-01', to: '2004-01-01' }, ['to']],
    [{ from: '2001', to: '2004' }, ['to']],
    [{ from: '2001-05-01', to: '2001-04-30' }, ['to']],
    [{ from: '1997' }, ['from']],
    [{ from: '2003' }, ['from']],
    [{ to: '2005' }, ['to']],
  ])('refuses %j, naming %j', (asked, fields) => {
    expect(refusal(asked)).toEqual(fields);
  });
});
