import type {
  CreatePersonInput,
  Person,
  UpdatePersonInput,
} from '../../../shared/people.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { auditScope, visibilityOnCreate, widenVisibility } from '../access/visibility-change.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { findPersonRow, toPerson } from './people.repository.ts';
import { referencedDelegation } from './referenced-delegation.ts';

/**
 * Adds a person to the record. Needs manage-council. A person belongs to the party of the
 * delegation named (the caller's party for a caucus record); ValidationFailed for an unknown
 * delegation, VisibilityTooWide when the person would be wider than it.
 */
export async function createPerson(
  deps: Deps,
  actor: Actor,
  input: CreatePersonInput,
): Promise<Person> {
  const user = requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    let visible = visibilityOnCreate(user, input.visibility);
    if (input.delegationId) {
      const delegation = await referencedDelegation(trx, actor, input.delegationId, visible);
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
    await recordAudit(trx, {
      actor,
      at,
      action: 'person.create',
      entityType: 'person',
      entityId: row.id,
      ...visible,
      after: row,
    });
    await indexDocument(trx, searchDocumentOf('person', row));
    return toPerson(row);
  });
}

/**
 * Changes a person's name, honorific, delegation or (widening only: Conflict) visibility.
 * Needs manage-council; NotFound for a person the caller may not see.
 */
export async function updatePerson(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdatePersonInput,
): Promise<Person> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findPersonRow(trx, actor, id);
    const after: Row<'people'> = {
      ...before,
      name: input.name ?? before.name,
      honorific: input.honorific === undefined ? before.honorific : input.honorific,
      delegationId: input.delegationId === undefined ? before.delegationId : input.delegationId,
      ...widenVisibility(before, input.visibility),
      updatedAt: at,
    };
    if (after.delegationId !== null) {
      await referencedDelegation(trx, actor, after.delegationId, after);
    }
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('people').set(changes).where('id', '=', id).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'person.update',
      entityType: 'person',
      entityId: id,
      ...auditScope(before, after),
      before,
      after,
    });
    await indexDocument(trx, searchDocumentOf('person', after));
    return toPerson(after);
  });
}
