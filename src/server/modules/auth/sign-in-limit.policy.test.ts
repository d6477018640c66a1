import { describe, expect, it } from 'vitest';
import {
  type AccountSignInLimit,
  type AttemptVerdict,
  attemptVerdict,
  windowCutoff,
} from './sign-in-limit.policy.ts';

const limit: AccountSignInLimit = { attempts: 3, windowMs: 60_000 };
const start = '2001-03-01T09:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(start) + ms);

describe('attemptVerdict', () => {
  it.each<[string, number, number, AttemptVerdict]>([
    ['the first attempt', 1, 0, { allowed: true }],
    ['the last attempt the limit allows', 3, 10_000, { allowed: true }],
    [
      'one attempt too many, with the rest of the window',
      4,
      10_000,
      { allowed: false, retryAfterSeconds: 50 },
    ],
    ['a fraction of a second left rounds up', 9, 59_500, { allowed: false, retryAfterSeconds: 1 }],
    ['never less than a second', 9, 60_000, { allowed: false, retryAfterSeconds: 1 }],
  ])('%s', (_name, count, elapsed, expected) => {
    expect(attemptVerdict(count, start, at(elapsed), limit)).toEqual(expected);
  });
});

describe('windowCutoff', () => {
  it('is one window before now', () => {
    expect(windowCutoff(at(60_000), limit)).toBe(start);
  });
});
