import type { User } from '../../../shared/auth.schemas.ts';
import type { Role } from '../../../shared/vocabularies.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { setOperatorRoles } from './set-operator-roles.ts';
import { findUser } from './users.repository.ts';
import { rolesOf } from './users.view.ts';

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
    return setOperatorRoles(uow, before, [...new Set([...rolesOf(before), ...roles])], roles);
  });
}
