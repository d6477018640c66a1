import type { Row } from '../../db/schema.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { partyCaucus } from './party-caucus.ts';

/**
 * Sets a password someone else chose: the user must choose its own at its next sign-in (the
 * session it opens can do nothing else), every session and token of the user ends, and the
 * user's own audit entry and GET /api/me say when and by whom. `requestedBy` null: the operator.
 */
export async function resetPassword(
  uow: UnitOfWork,
  before: Row<'users'>,
  passwordHash: string,
  by: { requestedBy: string | null; confirmedBy: string | null },
): Promise<Row<'users'>> {
  const after: Row<'users'> = {
    ...before,
    passwordHash,
    mustChangePassword: 1,
    passwordResetAt: uow.at,
    passwordResetBy: by.requestedBy,
    passwordResetConfirmedBy: by.confirmedBy,
    updatedAt: uow.at,
  };
  await uow.trx
    .updateTable('users')
    .set({
      passwordHash,
      mustChangePassword: 1,
      passwordResetAt: uow.at,
      passwordResetBy: by.requestedBy,
      passwordResetConfirmedBy: by.confirmedBy,
      updatedAt: uow.at,
    })
    .where('id', '=', before.id)
    .execute();
  await uow.trx.deleteFrom('sessions').where('userId', '=', before.id).execute();
  uow.record({
    entity: 'user',
    id: before.id,
    action: 'reset-password',
    before,
    after,
    scope: partyCaucus(before.party),
  });
  return after;
}
