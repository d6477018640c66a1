import type { CreateUserInput, User } from '../../../shared/auth.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { partyCaucus } from './party-caucus.ts';
import { assertPasswordAcceptable } from './password.policy.ts';
import { hashPassword } from './password-hash.ts';
import { requestRoleGrant } from './request-role-grant.ts';
import { planRoles } from './role-grants.policy.ts';
import { findAccount } from './users.repository.ts';
import { toUser } from './users.view.ts';

/**
 * Adds a user to a party. An admin adds to its own party only (NotYourParty); chair and admin
 * then wait for a second admin of the party (pendingRoles), and the user must choose its own
 * password at its first sign-in, since the admin chose this one. The operator (CLI) adds to
 * any party with every role at once. Usernames are unique within a party: AlreadyExists says
 * only that the caller's own party has the name. WeakPassword; ValidationFailed for an
 * unknown party.
 */
export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<User> {
  let party: string;
  let admin: string | null = null;
  if (actor.kind === 'operator') {
    if (!input.party)
      throw new DomainError('ValidationFailed', 'party is required', [
        { field: 'party', message: 'required' },
      ]);
    party = input.party;
  } else {
    const user = requirePermission(actor, 'manage-users');
    if (input.party && input.party !== user.party) {
      throw new DomainError('NotYourParty', 'an admin manages the users of its own party only', [
        { field: 'party', message: `must be ${user.party}` },
      ]);
    }
    party = user.party;
    admin = user.userId;
  }
  assertPasswordAcceptable(input.password, input.username);
  const partyRow = await deps.db
    .selectFrom('parties')
    .select('id')
    .where('id', '=', party)
    .executeTakeFirst();
  if (!partyRow)
    throw new DomainError('ValidationFailed', `unknown party ${party}`, [
      { field: 'party', message: 'unknown party' },
    ]);
  // Hashed before the unit of work: argon2's work must not hold the write lock.
  const passwordHash = await hashPassword(input.password);
  const plan = planRoles([], input.roles, [], admin === null);
  return change(deps, actor, async (uow) => {
    if (await findAccount(uow.trx, party, input.username)) {
      throw new DomainError('AlreadyExists', `username ${input.username} is taken in ${party}`, [
        { field: 'username', message: 'is taken' },
      ]);
    }
    const row: Row<'users'> = {
      id: deps.ids(),
      username: input.username,
      displayName: input.displayName ?? null,
      party,
      roles: JSON.stringify(plan.roles),
      passwordHash,
      disabledAt: null,
      clearance: 'nato-unclassified',
      delegationId: null,
      createdAt: uow.at,
      updatedAt: uow.at,
      mustChangePassword: admin === null ? 0 : 1,
      passwordResetAt: null,
      passwordResetBy: null,
      passwordResetConfirmedBy: null,
    };
    await uow.trx.insertInto('users').values(row).execute();
    uow.record({
      entity: 'user',
      id: row.id,
      action: 'create',
      after: row,
      scope: partyCaucus(party),
    });
    const pending: Row<'roleGrants'>[] = [];
    // The operator's plan requests nothing: only an admin's waits for a second admin.
    if (admin !== null) {
      for (const role of plan.request) pending.push(await requestRoleGrant(uow, row, role, admin));
    }
    return toUser(row, pending);
  });
}
