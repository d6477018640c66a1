import type { RoleGrant } from '../../../shared/auth.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { partyCaucus } from './party-caucus.ts';
import { decideGrant, pendingGrantFor } from './role-grant-decision.ts';
import { usernamesOf } from './users.repository.ts';
import { toRoleGrant } from './users.view.ts';

/**
 * Any admin of the party rejects a grant, the one who asked included (a rejection hands no
 * power to anyone); nothing of it applies. NotFound for another party's grant; Conflict once
 * decided.
 */
export async function rejectRoleGrant(deps: Deps, actor: Actor, id: string): Promise<RoleGrant> {
  const admin = requirePermission(actor, 'manage-users');
  return change(deps, actor, async (uow) => {
    const grant = await pendingGrantFor(uow, admin, id);
    const decided = await decideGrant(uow, grant, 'rejected', admin.userId);
    uow.record({
      entity: 'user',
      id: grant.userId,
      action: grant.kind === 'role' ? 'reject-role' : 'reject-password-reset',
      scope: partyCaucus(grant.party),
      audit: { after: { grantId: grant.id, role: grant.role } },
    });
    const names = await usernamesOf(uow.trx, [grant.userId, grant.requestedBy, admin.userId]);
    return toRoleGrant(decided, names);
  });
}
