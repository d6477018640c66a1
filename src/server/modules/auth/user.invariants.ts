import { ROLES, type Role } from '../../../shared/vocabularies.ts';
import type { Executor } from '../../db/database.ts';
import { type Invariant, type Violation, violation } from '../integrity/invariant.ts';

const KNOWN_ROLES = new Set<string>(ROLES);

/**
 * What is wrong with a stored `roles` cell, or null when it is what the API writes: a JSON
 * array of known roles, at least one, none twice. Anything else answers 500 to every request
 * of that user, since the session reads the roles back.
 */
export function rolesProblem(roles: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(roles);
  } catch {
    return 'roles are not JSON';
  }
  if (!Array.isArray(parsed)) return 'roles must be a JSON array';
  if (parsed.length === 0) return 'a user has at least one role';
  const unknown = parsed.filter((role) => typeof role !== 'string' || !KNOWN_ROLES.has(role));
  if (unknown.length > 0) {
    return `unknown role ${unknown.map((r) => JSON.stringify(r)).join(', ')} (known: ${ROLES.join(', ')})`;
  }
  if (new Set(parsed).size !== parsed.length) return 'a role is listed twice';
  return null;
}

function rolesOf(value: unknown): Role[] {
  const parsed = typeof value === 'string' ? safeParse(value) : value;
  return Array.isArray(parsed)
    ? parsed.filter((r): r is Role => typeof r === 'string' && KNOWN_ROLES.has(r))
    : [];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface UserFacts {
  party: string;
  /** Every role the user holds or held: its roles now and those its audit entries show. */
  rolesHeld: ReadonlySet<Role>;
}

/**
 * Each user's party and the roles it holds or has held. A chair's concurrence or a
 * secretary's agreement stays valid after an admin takes the role away, so the rules about
 * who answered for a party ask whether the user ever held the role: its roles now, or the
 * roles of any row image in the audit entries about it (creation and every change record the
 * whole row, the password hash left out).
 */
export async function loadUserFacts(db: Executor): Promise<Map<string, UserFacts>> {
  const users = await db.selectFrom('users').select(['id', 'party', 'roles']).execute();
  const facts = new Map<string, { party: string; rolesHeld: Set<Role> }>(
    users.map((u) => [u.id, { party: u.party, rolesHeld: new Set(rolesOf(u.roles)) }]),
  );
  const entries = await db
    .selectFrom('auditEvents')
    .select(['entityId', 'before', 'after'])
    .where('entityType', '=', 'user')
    .execute();
  for (const entry of entries) {
    const user = facts.get(entry.entityId);
    if (!user) continue;
    for (const image of [entry.before, entry.after]) {
      const row = image === null ? null : safeParse(image);
      if (row === null || typeof row !== 'object') continue;
      for (const role of rolesOf((row as { roles?: unknown }).roles)) user.rolesHeld.add(role);
    }
  }
  return facts;
}

/**
 * What is wrong with naming `userId` as the one who acted for `party` in `role`, or null: the
 * user must exist, belong to that party, and hold (or have held) the role.
 */
export function actedForProblem(
  users: ReadonlyMap<string, UserFacts>,
  userId: string,
  party: string | null,
  role: Role,
): string | null {
  const user = users.get(userId);
  if (!user) return `names user ${userId}, who does not exist`;
  if (user.party !== party) {
    return `names user ${userId} of ${user.party}, who cannot act for ${party ?? 'no party'}`;
  }
  if (!user.rolesHeld.has(role)) return `names user ${userId}, who has never been a ${role}`;
  return null;
}

export const USER_INVARIANTS: readonly Invariant[] = [
  {
    name: 'users.roles',
    check: async (db) => {
      const users = await db.selectFrom('users').select(['id', 'roles']).orderBy('id').execute();
      const found: Violation[] = [];
      for (const user of users) {
        const problem = rolesProblem(user.roles);
        if (problem !== null) found.push(violation('users', user.id, problem));
      }
      return found;
    },
  },
  {
    // updateUser sets a delegation of the user's own party only.
    name: 'users.delegation',
    check: async (db) => {
      const users = await db
        .selectFrom('users')
        .leftJoin('delegations', 'delegations.id', 'users.delegationId')
        .select(['users.id', 'users.party', 'users.delegationId', 'delegations.party as of'])
        .where('users.delegationId', 'is not', null)
        .orderBy('users.id')
        .execute();
      return users
        .filter((u) => u.of !== u.party)
        .map((u) =>
          violation(
            'users',
            u.id,
            `belongs to delegation ${u.delegationId}, which is not one of ${u.party}'s`,
          ),
        );
    },
  },
];
