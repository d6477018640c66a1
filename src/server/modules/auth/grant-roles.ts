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
 * The operator's direct grant (`council user grant`): the roles apply at once, chair and admin
 * included, since the operator holds the whole database anyway; the first admins of a party
 * get their role this way. A pending grant of the same role becomes moot and is withdrawn;
 * other pending grants stay. Forbidden for anyone but the operator (an admin uses PATCH
 * /api/users/:id, where chair and admin wait for a second admin). NotFound.
 */
export async function grantRoles(
  deps: Deps,
  actor: Actor,
  userId: string,
  roles: readonly Role[],
): Promise<User> {
  if (actor.kind !== 'operator') {
    throw new DomainError('Forbidden', 'only the operator grants roles directly');
  }
  return change(deps, actor, async (uow) => {
    const before = await findUser(uow.trx, userId);
    if (!before) throw notFound('user');
    const held = rolesOf(before);
    const after: Row<'users'> = {
      ...before,
      roles: JSON.stringify([...new Set([...held, ...roles])]),
      updatedAt: uow.at,
    };
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
