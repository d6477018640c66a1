import type { CreatePersonInput, Person } from '../../../shared/people.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { toPerson } from './people.repository.ts';
import { referencedDelegation } from './referenced-delegation.ts';

/**
 * Adds a person to the record. Needs manage-council. A person belongs to the caller's party,
 * so a delegation named must be one of that party's (NotYourParty); ValidationFailed for an
 * unknown delegation, VisibilityTooWide when the person would be wider than it.
 */
export async function createPerson(
  deps: Deps,
  actor: Actor,
  input: CreatePersonInput,
): Promise<Person> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    let visible = visibilityOnCreate(user, input.visibility);
    if (input.delegationId) {
      const delegation = await referencedDelegation(trx, actor, input.delegationId, visible);
      requireOwnParty(user, delegation.party, 'its people');
      visible = visibilityOnCreate(user, input.visibility, delegation.party ?? user.party);
    }
    const row: Row<'people'> = {
      id: deps.ids(),
      name: input.name,
      honorific: input.honorific ?? null,
      delegationId: input.delegationId ?? null,
      sourceId: null,
      ...visible,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('people').values(row).execute();
    record({ entity: 'person', id: row.id, action: 'create', after: row });
    return toPerson(row);
  });
}
