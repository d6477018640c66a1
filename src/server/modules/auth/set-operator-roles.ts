import type { User } from '../../../shared/auth.schemas.ts';
import type { Role } from '../../../shared/vocabularies.ts';
import type { Row } from '../../db/schema.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { partyCaucus } from './party-caucus.ts';
import { pendingGrantsOf } from './users.repository.ts';
import { toUser } from './users.view.ts';
import { withdrawRoleGrants } from './withdraw-role-grants.ts';

/**
 * What the operator's direct grant and revocation share: the user's roles become `roles`
 * (recorded in the user's party caucus when they changed), and every pending grant of a role
 * the operator just `touched` is withdrawn as moot, so that a second admin cannot undo or
 * repeat the operator's decision. Answers the user as it now stands.
 */
export async function setOperatorRoles(
  uow: UnitOfWork,
  before: Row<'users'>,
  roles: readonly Role[],
  touched: readonly Role[],
): Promise<User> {
  const after: Row<'users'> = { ...before, roles: JSON.stringify(roles), updatedAt: uow.at };
  if (after.roles !== before.roles) {
    await uow.trx
      .updateTable('users')
      .set({ roles: after.roles, updatedAt: uow.at })
      .where('id', '=', before.id)
      .execute();
    uow.record({
      entity: 'user',
      id: before.id,
      action: 'update',
      before,
      after,
      scope: partyCaucus(before.party),
    });
  }
  const pending = await pendingGrantsOf(uow.trx, [before.id]);
  const moot = pending.filter((g) => g.role !== null && touched.includes(g.role));
  await withdrawRoleGrants(uow, moot, null);
  return toUser(after, await pendingGrantsOf(uow.trx, [before.id]));
}
