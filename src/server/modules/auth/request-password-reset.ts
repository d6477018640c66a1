import type { Row } from '../../db/schema.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { partyCaucus } from './party-caucus.ts';
import { withdrawRoleGrants } from './withdraw-role-grants.ts';

/**
 * Asks a second admin to confirm a reset of the password of a user who holds (or is about to
 * hold) chair or admin: whoever knows the new password holds those powers, so one admin alone
 * must not set it. The new hash waits in the grant; an earlier pending reset of the same user
 * is withdrawn.
 */
export async function requestPasswordReset(
  uow: UnitOfWork,
  user: Row<'users'>,
  passwordHash: string,
  requestedBy: string,
  pending: readonly Row<'roleGrants'>[],
): Promise<Row<'roleGrants'>> {
  await withdrawRoleGrants(
    uow,
    pending.filter((g) => g.kind === 'password-reset'),
    requestedBy,
  );
  const grant: Row<'roleGrants'> = {
    id: uow.deps.ids(),
    userId: user.id,
    party: user.party,
    kind: 'password-reset',
    role: null,
    passwordHash,
    requestedBy,
    requestedAt: uow.at,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
  };
  await uow.trx.insertInto('roleGrants').values(grant).execute();
  uow.record({
    entity: 'user',
    id: user.id,
    action: 'request-password-reset',
    scope: partyCaucus(user.party),
    audit: { after: { grantId: grant.id } },
  });
  return grant;
}
