import type { CreateOfficeInput, Office } from '../../../shared/offices.schemas.ts';
import type { NewRow } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertNotPublishedAlone } from '../publication/publication.policy.ts';
import { findOfficeRow, getOffice } from './offices.repository.ts';

/** What the parties agree to when a decision approves an office. */

/**
 * Proposes an office (an information office, a liaison mission). It starts proposed: agreement
 * binds both parties, so only a joint decision approving it moves it on; past offices come in
 * through the seed or an import. Joint by default, or caucus; public only when both parties
 * publish it (NeedsBothParties). Needs manage-council.
 */
export async function createOffice(
  deps: Deps,
  actor: Actor,
  input: CreateOfficeInput,
): Promise<Office> {
  const user = requirePermission(actor, 'manage-council');
  assertNotPublishedAlone('office', input.visibility);
  return change(deps, actor, async ({ trx, at, record }) => {
    const row: NewRow<'offices'> = {
      id: deps.ids(),
      name: input.name,
      kind: input.kind,
      location: input.location ?? null,
      status: 'proposed',
      proposedOn: input.proposedOn ?? null,
      agreedOn: null,
      openedOn: null,
      closedOn: null,
      establishedBy: input.establishedBy ?? null,
      sourceId: null,
      ...visibilityOnCreate(user, input.visibility),
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('offices').values(row).execute();
    const after = await findOfficeRow(trx, actor, row.id);
    record({ entity: 'office', id: row.id, action: 'create', after });
    return getOffice(trx, actor, row.id);
  });
}
