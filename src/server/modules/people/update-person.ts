import type { Person, UpdatePersonInput } from '../../../shared/people.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { findPersonRow, toPerson } from './people.repository.ts';
import { referencedDelegation } from './referenced-delegation.ts';

/**
 * Changes a person's name, honorific, delegation or (widening only: Conflict) visibility.
 * A person belongs to a party, and only that party's secretaries change it (NotYourParty),
 * nor may it move to the other party's delegation. Needs manage-council; NotFound for a person
 * the caller may not see.
 */
export async function updatePerson(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdatePersonInput,
): Promise<Person> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const before = await findPersonRow(trx, actor, id);
    requireOwnParty(user, before.party, 'its people');
    const after: Row<'people'> = {
      ...before,
      name: input.name ?? before.name,
      honorific: input.honorific === undefined ? before.honorific : input.honorific,
      delegationId: input.delegationId === undefined ? before.delegationId : input.delegationId,
      ...widenVisibility(before, input.visibility),
      updatedAt: at,
    };
    if (after.delegationId !== null) {
      await referencedDelegation(trx, actor, after.delegationId, after, after.party);
    }
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('people').set(changes).where('id', '=', id).execute();
    record({ entity: 'person', id: id, action: 'update', before, after });
    return toPerson(after);
  });
}
