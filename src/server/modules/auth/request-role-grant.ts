import type { ConfirmedRole } from '../../../shared/vocabularies.ts';
import type { Row } from '../../db/schema.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { partyCaucus } from './party-caucus.ts';

/**
 * Asks a second admin of the user's party to confirm `role` for `user`: nothing applies until
 * one does (confirmRoleGrant). Runs in the caller's unit of work (creating or updating the user).
 */
export async function requestRoleGrant(
  uow: UnitOfWork,
  user: Row<'users'>,
  role: ConfirmedRole,
  requestedBy: string,
): Promise<Row<'roleGrants'>> {
  const grant: Row<'roleGrants'> = {
    id: uow.deps.ids(),
    userId: user.id,
    party: user.party,
    kind: 'role',
    role,
    passwordHash: null,
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
    action: 'request-role',
    scope: partyCaucus(user.party),
    audit: { after: { grantId: grant.id, role } },
  });
  return grant;
}
