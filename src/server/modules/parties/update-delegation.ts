import type { Delegation, UpdateDelegationInput } from '../../../shared/parties.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { checkDelegationDates } from './delegation.policy.ts';
import { findDelegationRow, toDelegation } from './parties.repository.ts';

/**
 * Changes a delegation. Only a secretary of its party (NotYourParty); visibility may only
 * widen (Conflict); NotFound for a delegation the caller may not see.
 */
export async function updateDelegation(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateDelegationInput,
): Promise<Delegation> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const before = await findDelegationRow(trx, actor, id);
    requireOwnParty(user, before.party, 'its delegations');
    const after: Row<'delegations'> = {
      ...before,
      name: input.name ?? before.name,
      countryCode: input.countryCode === undefined ? before.countryCode : input.countryCode,
      joinedOn: input.joinedOn === undefined ? before.joinedOn : input.joinedOn,
      leftOn: input.leftOn === undefined ? before.leftOn : input.leftOn,
      ...widenVisibility(before, input.visibility),
      updatedAt: at,
    };
    checkDelegationDates(after);
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('delegations').set(changes).where('id', '=', id).execute();
    record({ entity: 'delegation', id: id, action: 'update', before, after });
    return toDelegation(after);
  });
}
