import type { CreateOperationInput, Operation } from '../../../shared/operations.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { cited } from '../sources/source-ref.ts';

/** Records a peacekeeping operation (SFOR, KFOR). Needs manage-council. */
export async function createOperation(
  deps: Deps,
  actor: Actor,
  input: CreateOperationInput,
): Promise<Operation> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const row: Row<'operations'> = {
      id: deps.ids(),
      name: input.name,
      fullName: input.fullName,
      location: input.location ?? null,
      mandate: input.mandate ?? null,
      sourceId: null,
      ...visibilityOnCreate(user, input.visibility),
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('operations').values(row).execute();
    record({ entity: 'operation', id: row.id, action: 'create', after: row });
    const { createdAt: _c, updatedAt: _u, ...operation } = row;
    return { ...operation, ...cited(row), strength: null };
  });
}
