import type { RoleGrant } from '../../../shared/auth.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { listPendingGrantsOfParty, usernamesOf } from './users.repository.ts';
import { toRoleGrant } from './users.view.ts';

/**
 * The grants of the admin's own party that wait for a second admin, oldest first; another
 * party's never appear. Forbidden without the admin role.
 */
export async function listRoleGrants(deps: Deps, actor: Actor): Promise<RoleGrant[]> {
  const admin = requirePermission(actor, 'manage-users');
  const rows = await listPendingGrantsOfParty(deps.db, admin.party);
  const names = await usernamesOf(
    deps.db,
    rows.flatMap((row) => [row.userId, row.requestedBy]),
  );
  return rows.map((row) => toRoleGrant(row, names));
}
