// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWidget } from '../test-support.tsx';
import { Countdown, remaining } from './countdown.tsx';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('remaining', () => {
  it.each([
    ['2026-03-03T15:04:05Z', [2, 3, 4, 5]],
    ['2026-03-01T13:00:00Z', [1, 0, 0]],
    ['2026-03-01T12:00:30Z', [30]],
    ['2026-03-01T11:00:00Z', [0]],
  ])('until %s leaves %j (largest unit first, never negative)', (until, values) => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(remaining(Date.parse(until), now).map((p) => p.value)).toEqual(values);
  });
});

describe('the countdown', () => {
  it('ticks every second and says when the deadline has passed', () => {
    renderWidget(<Countdown deadline="2026-03-01T12:00:03Z" />);
    expect(screen.getByRole('timer').textContent).toBe('3 sec left');
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('timer').textContent).toBe('2 sec left');
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByRole('timer').textContent).toBe('The deadline has passed');
  });

  it('counts days, hours and minutes in the reader’s language', async () => {
    renderWidget(<Countdown deadline="2026-03-03T15:04:05Z" />, 'fr');
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('fr'));
    expect(screen.getByRole('timer').textContent).toMatch(/^Il reste 2\s?j 3\s?h 4\s?min \d+\s?s$/);
  });
});
