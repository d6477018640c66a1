import { describe, expect, it } from 'vitest';
import type { ConfirmedRole, Role } from '../../../shared/vocabularies.ts';
import {
  changesRoles,
  confirmationProblem,
  holdsConfirmedRole,
  planRoles,
  type RolePlan,
} from './role-grants.policy.ts';

describe('planRoles', () => {
  const table: [string, Role[], Role[], ConfirmedRole[], boolean, RolePlan][] = [
    [
      'an admin adds a secretary at once',
      ['member'],
      ['member', 'secretary'],
      [],
      false,
      { roles: ['member', 'secretary'], request: [], withdraw: [] },
    ],
    [
      'an admin asks for chair, which waits',
      ['member'],
      ['member', 'chair'],
      [],
      false,
      { roles: ['member'], request: ['chair'], withdraw: [] },
    ],
    [
      'an admin removes chair at once',
      ['chair', 'member'],
      ['member'],
      [],
      false,
      { roles: ['member'], request: [], withdraw: [] },
    ],
    [
      'an admin asks again for a role already pending: no second request',
      ['member'],
      ['member', 'admin'],
      ['admin'],
      false,
      { roles: ['member'], request: [], withdraw: [] },
    ],
    [
      'an admin leaves a pending role out: it is withdrawn',
      ['member'],
      ['member'],
      ['chair'],
      false,
      { roles: ['member'], request: [], withdraw: ['chair'] },
    ],
    [
      'an admin keeps a chair the user holds',
      ['chair'],
      ['chair', 'secretary'],
      [],
      false,
      { roles: ['chair', 'secretary'], request: [], withdraw: [] },
    ],
    [
      'the operator grants chair directly and settles what was pending',
      ['member'],
      ['member', 'chair'],
      ['chair', 'admin'],
      true,
      { roles: ['member', 'chair'], request: [], withdraw: ['chair', 'admin'] },
    ],
  ];
  it.each(table)('%s', (_name, held, asked, pending, direct, expected) => {
    expect(planRoles(held, asked, pending, direct)).toEqual(expected);
  });
});

describe('changesRoles', () => {
  it.each<[Role[], Role[], boolean]>([
    [['member'], ['member'], false],
    [['member', 'chair'], ['chair', 'member', 'chair'], false],
    [['member'], ['member', 'secretary'], true],
    [['member', 'secretary'], ['member'], true],
  ])('%j to %j changes: %s', (held, asked, expected) => {
    expect(changesRoles(held, asked)).toBe(expected);
  });
});

describe('holdsConfirmedRole', () => {
  it.each<[Role[], boolean]>([
    [['member', 'secretary'], false],
    [['chair'], true],
    [['member', 'admin'], true],
    [[], false],
  ])('%j: %s', (roles, expected) => {
    expect(holdsConfirmedRole(roles)).toBe(expected);
  });
});

describe('confirmationProblem', () => {
  it.each<[string, { requestedBy: string; userId: string }, RegExp | null]>([
    ['b', { requestedBy: 'a', userId: 'c' }, null],
    ['a', { requestedBy: 'a', userId: 'c' }, /second admin/],
    ['c', { requestedBy: 'a', userId: 'c' }, /to itself/],
  ])('admin %s confirming %j', (admin, grant, expected) => {
    const problem = confirmationProblem(admin, grant);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
