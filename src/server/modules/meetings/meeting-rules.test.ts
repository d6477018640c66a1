import { describe, expect, it } from 'vitest';
import type { MeetingsTable } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertStatusTransition } from './meeting-rules.ts';

type Status = MeetingsTable['status'];

describe('assertStatusTransition', () => {
  const cases: [from: Status, to: Status, allowed: boolean][] = [
    ['planned', 'planned', true],
    ['planned', 'held', true],
    ['planned', 'cancelled', true],
    ['cancelled', 'planned', true],
    ['cancelled', 'cancelled', true],
    ['cancelled', 'held', false],
    ['held', 'held', true],
    ['held', 'planned', false],
    ['held', 'cancelled', false],
  ];

  it.each(cases)('%s -> %s allowed: %s', (from, to, allowed) => {
    if (allowed) {
      expect(() => assertStatusTransition(from, to)).not.toThrow();
      return;
    }
    try {
      assertStatusTransition(from, to);
      expect.unreachable('the transition should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: 'Conflict',
        errors: [expect.objectContaining({ field: 'status' })],
      });
    }
  });
});
