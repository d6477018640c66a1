import type { Row } from '../../db/schema.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { partyCaucus } from './party-caucus.ts';

/**
 * Settles pending grants that a later change made moot (a role left out, a newer reset, the
 * operator's direct grant): they become `withdrawn` and a pending reset's hash is dropped, so
 * no stale request can be confirmed later. `by` is the admin who made the change (null: the
 * operator).
 */
export async function withdrawRoleGrants(
  uow: UnitOfWork,
  grants: readonly Row<'roleGrants'>[],
  by: string | null,
): Promise<void> {
  for (const grant of grants) {
    await uow.trx
      .updateTable('roleGrants')
      .set({ status: 'withdrawn', passwordHash: null, decidedBy: by, decidedAt: uow.at })
      .where('id', '=', grant.id)
      .where('status', '=', 'pending')
      .execute();
    uow.record({
      entity: 'user',
      id: grant.userId,
      action: 'withdraw-request',
      scope: partyCaucus(grant.party),
      audit: { after: { grantId: grant.id, kind: grant.kind, role: grant.role } },
    });
  }
}
