import type { OperationDetail, UpdateOperationInput } from '../../../shared/operations.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { auditScope, widenVisibility } from '../access/visibility-change.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { findOperationRow, getOperation } from './operations.repository.ts';

/**
 * Changes an operation's name, full name, location or mandate, or widens its visibility
 * (narrowing: Conflict). Needs manage-council; NotFound for an operation the caller may not see.
 */
export async function updateOperation(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateOperationInput,
): Promise<OperationDetail> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    const before = await findOperationRow(trx, actor, id);
    const after: Row<'operations'> = {
      ...before,
      name: input.name ?? before.name,
      fullName: input.fullName ?? before.fullName,
      location: input.location === undefined ? before.location : input.location,
      mandate: input.mandate === undefined ? before.mandate : input.mandate,
      ...widenVisibility(before, input.visibility),
      updatedAt: at,
    };
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('operations').set(changes).where('id', '=', id).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'operation.update',
      entityType: 'operation',
      entityId: id,
      ...auditScope(before, after),
      before,
      after,
    });
    await indexDocument(trx, searchDocumentOf('operation', after));
  });
  return getOperation(deps, actor, id, undefined);
}
