import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/vocabularies.ts';
import type { UserActor } from '../access/actor.ts';
import { canEditNote } from './note.policy.ts';

const user = (userId: string, party: string, roles: Role[]): UserActor => ({
  kind: 'user',
  userId,
  username: userId,
  party,
  roles,
});
const natoNote = { authorId: 'author', party: 'nato' };

describe('canEditNote', () => {
  it.each([
    ['the author', user('author', 'nato', ['member']), true],
    ['a NATO secretary', user('sec', 'nato', ['secretary']), true],
    ['a NATO member', user('m', 'nato', ['member']), false],
    ['a NATO chair', user('c', 'nato', ['chair']), false],
    ['a NATO admin', user('a', 'nato', ['admin']), false],
    ['a Russian secretary', user('sec2', 'russia', ['secretary']), false],
    ['a Russian chair and secretary', user('x', 'russia', ['chair', 'secretary']), false],
    ['the author, moved to Russia', user('author', 'russia', ['member']), false],
    ['the author, moved to Russia as a secretary', user('author', 'russia', ['secretary']), false],
  ] as const)('%s -> %s', (_name, actor, expected) => {
    expect(canEditNote(actor, natoNote)).toBe(expected);
  });

  it('gives a note without author to no ordinary member', () => {
    expect(canEditNote(user('m', 'nato', ['member']), { authorId: null, party: 'nato' })).toBe(
      false,
    );
  });
});
