import type { RoleGrant } from '../../../shared/auth.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { partyCaucus } from './party-caucus.ts';
import { resetPassword } from './reset-password.ts';
import { decideGrant, pendingGrantFor } from './role-grant-decision.ts';
import { confirmationProblem } from './role-grants.policy.ts';
import { findUser, usernamesOf } from './users.repository.ts';
import { rolesOf, toRoleGrant } from './users.view.ts';

/**
 * A second admin of the party confirms a grant, which applies now: the role is added, or the
 * waiting password becomes the user's (who must then choose its own at its next sign-in).
 * Forbidden for the admin who asked and for the user the grant is for: the two-person rule.
 * NotFound for another party's grant; Conflict once decided.
 */
export async function confirmRoleGrant(deps: Deps, actor: Actor, id: string): Promise<RoleGrant> {
  const admin = requirePermission(actor, 'manage-users');
  return change(deps, actor, async (uow) => {
    const grant = await pendingGrantFor(uow, admin, id);
    const problem = confirmationProblem(admin.userId, grant);
    if (problem) throw new DomainError('Forbidden', problem);
    const before = await findUser(uow.trx, grant.userId);
    if (!before) throw new Error(`grant ${grant.id} names a user that does not exist`);
    if (grant.kind === 'role' && grant.role !== null) {
      const roles = rolesOf(before);
      const after: Row<'users'> = {
        ...before,
        roles: JSON.stringify(roles.includes(grant.role) ? roles : [...roles, grant.role]),
        updatedAt: uow.at,
      };
      await uow.trx
        .updateTable('users')
        .set({ roles: after.roles, updatedAt: uow.at })
        .where('id', '=', before.id)
        .execute();
      uow.record({
        entity: 'user',
        id: before.id,
        action: 'confirm-role',
        before,
        after,
        scope: partyCaucus(before.party),
      });
    } else if (grant.kind === 'password-reset' && grant.passwordHash !== null) {
      await resetPassword(uow, before, grant.passwordHash, {
        requestedBy: grant.requestedBy,
        confirmedBy: admin.userId,
      });
    }
    const decided = await decideGrant(uow, grant, 'confirmed', admin.userId);
    const names = await usernamesOf(uow.trx, [grant.userId, grant.requestedBy, admin.userId]);
    return toRoleGrant(decided, names);
  });
}
