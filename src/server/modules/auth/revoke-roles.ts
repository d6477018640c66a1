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
    return setOperatorRoles(uow, before, kept, roles);
  });
}
