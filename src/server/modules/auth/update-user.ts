import { sql } from 'kysely';
import type { UpdateUserInput, User } from '../../../shared/auth.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { partyCaucus } from './party-caucus.ts';
import { assertPasswordAcceptable } from './password.policy.ts';
import { hashPassword } from './password-hash.ts';
import { requestPasswordReset } from './request-password-reset.ts';
import { requestRoleGrant } from './request-role-grant.ts';
import { resetPassword } from './reset-password.ts';
import { changesRoles, holdsConfirmedRole, planRoles } from './role-grants.policy.ts';
import { findUser, hasUserClearedTo, pendingGrantsOf } from './users.repository.ts';
import { pendingRolesOf, rolesOf, toUser } from './users.view.ts';
import { withdrawRoleGrants } from './withdraw-role-grants.ts';

const disabledAtOf = (before: Row<'users'>, disabled: boolean | undefined, at: string) =>
  disabled === undefined ? before.disabledAt : disabled ? (before.disabledAt ?? at) : null;

/**
 * A party's declared ceiling for shared texts (parties/set-joint-marking-ceiling.ts) stands for
 * its ability to read them, so a clearance change never leaves it with no enabled user cleared
 * to it (Conflict: clear another user first, or lower the ceiling). Only the party's own users
 * are read, for its own admin. Disabling a user is never held up by this: an account is
 * disabled when it must be, and the party then clears another.
 */
async function assertCeilingHonoured(trx: Executor, party: string): Promise<void> {
  const { cleared } = await trx
    .selectFrom('parties')
    .innerJoin('classifications as ceiling', 'ceiling.id', 'parties.jointMarkingCeiling')
    .select(hasUserClearedTo(party, sql.ref('ceiling.rank')).as('cleared'))
    .where('parties.id', '=', party)
    .executeTakeFirstOrThrow();
  if (!cleared) {
    throw new DomainError(
      'Conflict',
      `${party} accepts shared texts up to its declared ceiling, and no other enabled user of it is cleared to it: clear another user first, or lower the ceiling (PUT /api/parties/${party}/joint-marking-ceiling)`,
      [{ field: 'clearance', message: "would leave no user cleared to the party's ceiling" }],
    );
  }
}

/**
 * Changes a user's display name, roles, clearance (the markings it may read) or delegation (for
 * which it breaks silence), disables or enables it, or resets its password.
 * An admin acts on its own party's users only (NotFound for another party's, exactly as for
 * none) and never on its own roles or password (Forbidden: another admin changes your roles,
 * and you choose your own password with POST /api/me/password). An admin's chair and admin
 * grants wait for a second admin (pendingRoles); member and secretary, and every removal,
 * apply at once. A reset makes the user choose a new password at its next sign-in; of a user
 * who holds or awaits chair or admin it too waits for a second admin. Disabling or resetting
 * ends every session and token of the user in the same transaction. The operator (CLI) does
 * all of it directly. WeakPassword.
 */
export async function updateUser(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<User> {
  const admin = actor.kind === 'operator' ? null : requirePermission(actor, 'manage-users');
  const adminId = admin?.userId ?? null;
  const seen = await findUser(deps.db, id);
  if (!seen || (admin !== null && seen.party !== admin.party)) throw notFound('user');
  if (seen.id === adminId) {
    if (input.roles && changesRoles(rolesOf(seen), input.roles)) {
      throw new DomainError(
        'Forbidden',
        'nobody changes their own roles: another admin of your party must do it',
        [{ field: 'roles', message: 'are your own' }],
      );
    }
    if (input.clearance !== undefined && input.clearance !== seen.clearance) {
      throw new DomainError(
        'Forbidden',
        'nobody raises or lowers their own clearance: another admin of your party must do it',
        [{ field: 'clearance', message: 'is your own' }],
      );
    }
    if (input.password !== undefined) {
      throw new DomainError(
        'Forbidden',
        'an admin does not reset its own password: change it with POST /api/me/password',
        [{ field: 'password', message: 'is your own' }],
      );
    }
  }
  if (input.password !== undefined) assertPasswordAcceptable(input.password, seen.username);
  // Hashed before the unit of work: argon2's work must not hold the write lock.
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);

  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const before = await findUser(trx, id);
    if (!before) throw notFound('user');
    const pending = await pendingGrantsOf(trx, [id]);
    const plan = input.roles
      ? planRoles(rolesOf(before), input.roles, pendingRolesOf(pending), admin === null)
      : null;
    if (input.clearance !== undefined) {
      const marking = await trx
        .selectFrom('classifications')
        .select('id')
        .where('id', '=', input.clearance)
        .executeTakeFirst();
      if (!marking) throw invalid('clearance', 'not a marking of the council’s scheme');
    }
    if (input.delegationId) {
      // A delegation of the user's own party: another party's answers as one that does not exist.
      const delegation = await trx
        .selectFrom('delegations')
        .select('id')
        .where('id', '=', input.delegationId)
        .where('party', '=', before.party)
        .executeTakeFirst();
      if (!delegation) throw invalid('delegationId', 'not a delegation of the user’s party');
    }
    const mid: Row<'users'> = {
      ...before,
      clearance: input.clearance ?? before.clearance,
      delegationId: input.delegationId === undefined ? before.delegationId : input.delegationId,
      displayName: input.displayName === undefined ? before.displayName : input.displayName,
      roles: plan ? JSON.stringify(plan.roles) : before.roles,
      disabledAt: disabledAtOf(before, input.disabled, at),
      updatedAt: at,
    };
    if (
      mid.displayName !== before.displayName ||
      mid.roles !== before.roles ||
      mid.clearance !== before.clearance ||
      mid.delegationId !== before.delegationId ||
      mid.disabledAt !== before.disabledAt
    ) {
      await trx
        .updateTable('users')
        .set({
          displayName: mid.displayName,
          roles: mid.roles,
          clearance: mid.clearance,
          delegationId: mid.delegationId,
          disabledAt: mid.disabledAt,
          updatedAt: at,
        })
        .where('id', '=', id)
        .execute();
      if (mid.clearance !== before.clearance) await assertCeilingHonoured(trx, before.party);
      const action =
        mid.disabledAt !== null && before.disabledAt === null
          ? 'disable'
          : mid.disabledAt === null && before.disabledAt !== null
            ? 'enable'
            : 'update';
      record({ entity: 'user', id, action, before, after: mid, scope: partyCaucus(before.party) });
    }
    if (mid.disabledAt !== null)
      await trx.deleteFrom('sessions').where('userId', '=', id).execute();

    if (plan) {
      const moot = pending.filter(
        (g) => g.kind === 'role' && g.role !== null && plan.withdraw.includes(g.role),
      );
      await withdrawRoleGrants(uow, moot, adminId);
      if (adminId !== null) {
        for (const role of plan.request) await requestRoleGrant(uow, mid, role, adminId);
      }
    }

    let after = mid;
    if (passwordHash !== null) {
      const stillPending = await pendingGrantsOf(trx, [id]);
      const guarded = holdsConfirmedRole(rolesOf(mid)) || pendingRolesOf(stillPending).length > 0;
      if (adminId !== null && guarded) {
        await requestPasswordReset(uow, mid, passwordHash, adminId, stillPending);
      } else {
        after = await resetPassword(uow, mid, passwordHash, {
          requestedBy: adminId,
          confirmedBy: null,
        });
      }
    }
    return toUser(after, await pendingGrantsOf(trx, [id]));
  });
}
