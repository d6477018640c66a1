import type { CreateDelegationInput, Delegation } from '../../../shared/parties.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { checkDelegationDates } from './delegation.policy.ts';
import { findPartyRow, toDelegation } from './parties.repository.ts';

function delegationId(partyId: string, input: CreateDelegationInput): string {
  const id =
    input.id ?? (input.countryCode ? `${partyId}-${input.countryCode.toLowerCase()}` : null);
  if (id === null) throw invalid('id', 'required when there is no countryCode');
  // Each party names delegations in its own namespace, so an id never reveals the other's.
  if (!id.startsWith(`${partyId}-`)) throw invalid('id', `must start with ${partyId}-`);
  return id;
}

/**
 * Adds a delegation to a party. Only a secretary of that party (NotYourParty); AlreadyExists
 * when the id is taken; NotFound for a party the caller may not see.
 */
export async function createDelegation(
  deps: Deps,
  actor: Actor,
  partyId: string,
  input: CreateDelegationInput,
): Promise<Delegation> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const party = await findPartyRow(trx, actor, partyId);
    requireOwnParty(user, party.id, 'its delegations');
    const row: Row<'delegations'> = {
      id: delegationId(party.id, input),
      name: input.name,
      countryCode: input.countryCode ?? null,
      joinedOn: input.joinedOn ?? null,
      leftOn: input.leftOn ?? null,
      sourceId: null,
      ...visibilityOnCreate(user, input.visibility, party.id),
      createdAt: at,
      updatedAt: at,
    };
    checkDelegationDates(row);
    const taken = await trx
      .selectFrom('delegations')
      .select('id')
      .where('id', '=', row.id)
      .executeTakeFirst();
    if (taken) {
      throw new DomainError('AlreadyExists', `delegation ${row.id} exists`, [
        { field: 'id', message: 'is taken' },
      ]);
    }
    await trx.insertInto('delegations').values(row).execute();
    record({ entity: 'delegation', id: row.id, action: 'create', after: row });
    return toDelegation(row);
  });
}
