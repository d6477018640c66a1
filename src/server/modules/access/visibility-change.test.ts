import { describe, expect, it } from 'vitest';
import type { Visibility } from '../../../shared/vocabularies.ts';
import { DomainError } from '../../domain/errors.ts';
import type { UserActor } from '../access/actor.ts';
import {
  auditScope,
  defaultWithin,
  visibilityOnCreate,
  widenVisibility,
} from './visibility-change.ts';

const russia: UserActor = {
  kind: 'user',
  userId: 'u1',
  username: 'ivanov',
  party: 'russia',
  roles: ['secretary'],
};

describe('widenVisibility', () => {
  it.each<[Visibility, Visibility | undefined, Visibility | 'Conflict']>([
    ['caucus', undefined, 'caucus'],
    ['caucus', 'caucus', 'caucus'],
    ['caucus', 'joint', 'joint'],
    ['caucus', 'public', 'public'],
    ['joint', 'public', 'public'],
    ['joint', 'caucus', 'Conflict'],
    ['public', 'joint', 'Conflict'],
    ['public', 'caucus', 'Conflict'],
  ])('%s asked to become %s gives %s', (from, to, expected) => {
    const run = () => widenVisibility({ visibility: from, party: 'nato' }, to).visibility;
    if (expected === 'Conflict') expect(run).toThrow(DomainError);
    else expect(run()).toBe(expected);
  });

  it('answers only the visibility columns, so spreading it never undoes other edits', () => {
    const row = { visibility: 'joint' as const, party: 'nato', title: 'old' };
    expect(widenVisibility(row, undefined)).toEqual({ visibility: 'joint', party: 'nato' });
  });
});

describe('visibilityOnCreate', () => {
  it("defaults to joint and gives a caucus item the caller's party whatever owner is named", () => {
    expect(visibilityOnCreate(russia, undefined, 'nato')).toEqual({
      visibility: 'joint',
      party: 'nato',
    });
    expect(visibilityOnCreate(russia, 'caucus', 'nato')).toEqual({
      visibility: 'caucus',
      party: 'russia',
    });
  });

  it("defaults a child to the parent's visibility when narrower than joint", () => {
    expect(defaultWithin(undefined, { visibility: 'caucus', party: 'russia' })).toBe('caucus');
    expect(defaultWithin(undefined, { visibility: 'public', party: null })).toBe('joint');
    expect(defaultWithin('public', { visibility: 'caucus', party: 'russia' })).toBe('public');
  });
});

describe('auditScope', () => {
  it('keeps the audit entry of a widened item as narrow as it was', () => {
    const before = { visibility: 'caucus' as const, party: 'nato' };
    expect(auditScope(before, { visibility: 'public', party: 'nato' })).toEqual(before);
  });
});
