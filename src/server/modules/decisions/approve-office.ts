import type { Transaction } from 'kysely';
import type { Database, Row } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';

/**
 * The consequence of an agreed decision approving `office:<id>`: the office moves from
 * proposed to agreed, in the decision's own transaction. An office that has moved on
 * meanwhile (agreed, open, closed) is left as it is.
 */
export async function approveOffice(
  trx: Transaction<Database>,
  actor: Actor,
  officeId: string,
  at: string,
): Promise<void> {
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
  await recordAudit(trx, {
    actor,
    at,
    action: 'office.agree',
    entityType: 'office',
    entityId: officeId,
    visibility: after.visibility,
    party: after.party,
    before,
    after,
  });
  await indexDocument(trx, searchDocumentOf('office', after));
}
