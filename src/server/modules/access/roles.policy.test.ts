import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/vocabularies.ts';
import { ANONYMOUS, OPERATOR } from './actor.ts';
import { can, type Permission, requirePermission } from './roles.policy.ts';

const user = (roles: Role[]) => ({
  kind: 'user' as const,
  userId: 'u',
  username: 'u',
  party: 'nato',
  roles,
});

const table: [Role, Permission[]][] = [
  ['member', ['read', 'write-notes']],
  ['secretary', ['read', 'write-notes', 'manage-council', 'agree-agenda']],
  ['chair', ['read', 'write-notes', 'respond-to-decisions']],
  ['admin', ['read', 'manage-users']],
];
const all: Permission[] = [
  'read',
  'write-notes',
  'manage-council',
  'agree-agenda',
  'respond-to-decisions',
  'manage-users',
];

describe('role permissions', () => {
  it.each(table)('a %s may do exactly its own things', (role, allowed) => {
    expect(all.filter((p) => can(user([role]), p))).toEqual(allowed);
  });

  it('adds up the permissions of several roles', () => {
    expect(can(user(['chair', 'secretary']), 'manage-council')).toBe(true);
    expect(can(user(['chair', 'secretary']), 'manage-users')).toBe(false);
  });

  it('gives anonymous callers nothing and asks them to sign in', () => {
    expect(all.some((p) => can(ANONYMOUS, p))).toBe(false);
    expect(() => requirePermission(ANONYMOUS, 'read')).toThrow(
      expect.objectContaining({ code: 'Unauthenticated' }),
    );
  });

  it('refuses a signed-in user without the role', () => {
    expect(() => requirePermission(user(['member']), 'respond-to-decisions')).toThrow(
      expect.objectContaining({ code: 'Forbidden' }),
    );
  });

  it('never lets the operator act as a user of a party', () => {
    expect(() => requirePermission(OPERATOR, 'respond-to-decisions')).toThrow();
  });
});
