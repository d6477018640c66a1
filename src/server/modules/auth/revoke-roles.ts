import type { User } from '../../../shared/auth.schemas.ts';
import type { Role } from '../../../shared/vocabularies.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { partyCaucus } from './party-caucus.ts';
import { findUser, pendingGrantsOf } from './users.repository.ts';
import { rolesOf, toUser } from './users.view.ts';
import { withdrawRoleGrants } from './withdraw-role-grants.ts';

/**
 * The operator takes roles away at once (`council user revoke`), and withdraws any pending
 * grant of them, so that a second admin cannot hand back what the operator took. A user left
 * with no role could still sign in and read: ValidationFailed, disable it instead. Forbidden
 * for anyone but the operator. NotFound.
 */
export async function revokeRoles(
  deps: Deps,
  actor: Actor,
  userId: string,
  roles: readonly Role[],
): Promise<User> {
  if (actor.kind !== 'operator') {
    throw new DomainError('Forbidden', 'only the operator revokes roles directly');
  }
  return change(deps, actor, async (uow) => {
    const before = await findUser(uow.trx, userId);
    if (!before) throw notFound('user');
    const kept = rolesOf(before).filter((role) => !roles.includes(role));
    if (kept.length === 0) {
      throw new DomainError(
        'ValidationFailed',
        `that would leave ${before.username} without a role: disable the user instead`,
        [{ field: 'roles', message: 'would leave no role' }],
      );
    }
    const after: Row<'users'> = { ...before, roles: JSON.stringify(kept), updatedAt: uow.at };
    if (after.roles !== before.roles) {
      await uow.trx
        .updateTable('users')
        .set({ roles: after.roles, updatedAt: uow.at })
        .where('id', '=', userId)
        .execute();
      uow.record({
        entity: 'user',
        id: userId,
        action: 'update',
        before,
        after,
        scope: partyCaucus(before.party),
      });
    }
    const pending = await pendingGrantsOf(uow.trx, [userId]);
    const moot = pending.filter((g) => g.role !== null && roles.includes(g.role));
    await withdrawRoleGrants(uow, moot, null);
    return toUser(after, await pendingGrantsOf(uow.trx, [userId]));
  });
}
