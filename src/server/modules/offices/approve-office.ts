import type { Row } from '../../db/schema.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';

/**
 * An office approves itself when the joint decision approving it is agreed (the decisions
 * module calls this in the decision's own unit of work): it moves from proposed to agreed.
 * An office that has moved on meanwhile (agreed, open, closed) is left as it is.
 */
export async function approveOfficeByDecision(uow: UnitOfWork, officeId: string): Promise<void> {
  const { trx, at } = uow;
  const before = await trx
    .selectFrom('offices')
    .selectAll()
    .where('id', '=', officeId)
    .executeTakeFirst();
  if (before?.status !== 'proposed') return;
  const after: Row<'offices'> = {
    ...before,
    status: 'agreed',
    agreedOn: at.slice(0, 10),
    updatedAt: at,
  };
  await trx
    .updateTable('offices')
    .set({ status: after.status, agreedOn: after.agreedOn, updatedAt: at })
    .where('id', '=', officeId)
    .where('status', '=', 'proposed')
    .execute();
  uow.record({ entity: 'office', id: officeId, action: 'agree', before, after });
}
