import type { User } from '../../../shared/auth.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { listUsersOfParty, pendingGrantsOf } from './users.repository.ts';
import { toUser } from './users.view.ts';

/** The users of the admin's own party: a party's staff list is its own business. Forbidden. */
export async function listUsers(deps: Deps, actor: Actor): Promise<User[]> {
  const admin = requirePermission(actor, 'manage-users');
  const rows = await listUsersOfParty(deps.db, admin.party);
  const pending = await pendingGrantsOf(
    deps.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toUser(row, pending));
}
