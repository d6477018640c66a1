import type { Row } from '../../db/schema.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { UserActor } from '../access/actor.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { findRoleGrant } from './users.repository.ts';

/**
 * The pending grant an admin is deciding, read in its unit of work: NotFound for another
 * party's (as for none), Conflict once it has been decided.
 */
export async function pendingGrantFor(
  uow: UnitOfWork,
  admin: UserActor,
  id: string,
): Promise<Row<'roleGrants'>> {
  const grant = await findRoleGrant(uow.trx, id);
  if (!grant || grant.party !== admin.party) throw notFound('role grant');
  if (grant.status !== 'pending') {
    throw new DomainError('Conflict', `the grant is already ${grant.status}`);
  }
  return grant;
}

/** Marks a grant decided; a reset's waiting hash goes, whatever the decision. */
export async function decideGrant(
  uow: UnitOfWork,
  grant: Row<'roleGrants'>,
  status: 'confirmed' | 'rejected',
  by: string,
): Promise<Row<'roleGrants'>> {
  const decided: Row<'roleGrants'> = {
    ...grant,
    status,
    passwordHash: null,
    decidedBy: by,
    decidedAt: uow.at,
  };
  await uow.trx
    .updateTable('roleGrants')
    .set({ status, passwordHash: null, decidedBy: by, decidedAt: uow.at })
    .where('id', '=', grant.id)
    .execute();
  return decided;
}
