import type { CreateUserInput, UpdateUserInput, User } from '../../../shared/auth.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { type Actor, OPERATOR } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { passwordProblem } from './password.policy.ts';
import { hashPassword } from './password-hash.ts';

export function toUser(row: Row<'users'>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    party: row.party,
    roles: JSON.parse(row.roles),
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
  };
}

/** A user is its own party's business: the audit entries about users are that party's caucus. */
const partyCaucus = (party: string) => ({ visibility: 'caucus' as const, party });

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) {
    throw new DomainError('WeakPassword', `password ${problem}`, [
      { field: 'password', message: problem },
    ]);
  }
}

/**
 * Adds a user to a party. An admin may add users to its own party only (NotYourParty); the
 * operator (CLI) may add to any. AlreadyExists when the username is taken; WeakPassword.
 */
export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<User> {
  let party: string;
  if (actor.kind === 'operator') {
    if (!input.party)
      throw new DomainError('ValidationFailed', 'party is required', [
        { field: 'party', message: 'required' },
      ]);
    party = input.party;
  } else {
    const admin = requirePermission(actor, 'manage-users');
    if (input.party && input.party !== admin.party) {
      throw new DomainError('NotYourParty', 'an admin manages the users of its own party only', [
        { field: 'party', message: `must be ${admin.party}` },
      ]);
    }
    party = admin.party;
  }
  checkPassword(input.password, input.username);
  const partyRow = await deps.db
    .selectFrom('parties')
    .select('id')
    .where('id', '=', party)
    .executeTakeFirst();
  if (!partyRow)
    throw new DomainError('ValidationFailed', `unknown party ${party}`, [
      { field: 'party', message: 'unknown party' },
    ]);
  const passwordHash = await hashPassword(input.password);
  return change(deps, actor, async ({ trx, at, record }) => {
    const row: Row<'users'> = {
      id: deps.ids(),
      username: input.username,
      displayName: input.displayName ?? null,
      party,
      roles: JSON.stringify([...new Set(input.roles)]),
      passwordHash,
      disabledAt: null,
      createdAt: at,
      updatedAt: at,
      mustChangePassword: 0,
      passwordResetAt: null,
      passwordResetBy: null,
      passwordResetConfirmedBy: null,
    };
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken) {
      throw new DomainError('AlreadyExists', `username ${input.username} is taken`, [
        { field: 'username', message: 'is taken' },
      ]);
    }
    await trx.insertInto('users').values(row).execute();
    record({ entity: 'user', id: row.id, action: 'create', after: row, scope: partyCaucus(party) });
    return toUser(row);
  });
}

/** Users of the caller's own party: a party's staff list is its own business. */
export async function listUsers(deps: Deps, actor: Actor): Promise<User[]> {
  const admin = requirePermission(actor, 'manage-users');
  const rows = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('party', '=', admin.party)
    .orderBy('username')
    .execute();
  return rows.map(toUser);
}

/**
 * Changes roles, display name, password, or disables a user. Disabling ends every session
 * and token of the user in the same transaction. NotFound for another party's user.
 */
export async function updateUser(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<User> {
  const admin = actor.kind === 'operator' ? OPERATOR : requirePermission(actor, 'manage-users');
  const before = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before || (admin.kind === 'user' && before.party !== admin.party)) throw notFound('user');
  if (input.password !== undefined) checkPassword(input.password, before.username);
  const passwordHash =
    input.password === undefined ? before.passwordHash : await hashPassword(input.password);
  return change(deps, actor, async ({ trx, at, record }) => {
    const after: Row<'users'> = {
      ...before,
      displayName: input.displayName === undefined ? before.displayName : input.displayName,
      roles: input.roles ? JSON.stringify([...new Set(input.roles)]) : before.roles,
      passwordHash,
      disabledAt:
        input.disabled === undefined
          ? before.disabledAt
          : input.disabled
            ? (before.disabledAt ?? at)
            : null,
      updatedAt: at,
    };
    const { id: _id, createdAt: _createdAt, ...changes } = after;
    await trx.updateTable('users').set(changes).where('id', '=', id).execute();
    if (after.disabledAt !== null || input.password !== undefined) {
      await trx.deleteFrom('sessions').where('userId', '=', id).execute();
    }
    const action = after.disabledAt !== null && before.disabledAt === null ? 'disable' : 'update';
    record({ entity: 'user', id, action, before, after, scope: partyCaucus(before.party) });
    return toUser(after);
  });
}
