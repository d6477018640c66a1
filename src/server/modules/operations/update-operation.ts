import type { OperationDetail, UpdateOperationInput } from '../../../shared/operations.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
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
  await change(deps, actor, async ({ trx, at, record }) => {
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
    record({ entity: 'operation', id: id, action: 'update', before, after });
  });
  return getOperation(deps, actor, id, undefined);
}
