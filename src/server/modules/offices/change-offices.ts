import type {
  CreateOfficeInput,
  Office,
  UpdateOfficeInput,
} from '../../../shared/offices.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { auditScope, visibilityOnCreate, widenVisibility } from '../access/visibility-change.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { transitionOffice } from './office-status.ts';
import { findOfficeRow, toOffice } from './offices.repository.ts';

/**
 * Proposes an office (an information office, a liaison mission). It starts proposed: agreement
 * binds both parties, so only a joint decision approving it moves it on; past offices come in
 * through the seed or an import. Needs manage-council.
 */
export async function createOffice(
  deps: Deps,
  actor: Actor,
  input: CreateOfficeInput,
): Promise<Office> {
  const user = requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  const row: Row<'offices'> = {
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
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('offices').values(row).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'office.create',
      entityType: 'office',
      entityId: row.id,
      visibility: row.visibility,
      party: row.party,
      after: row,
    });
    await indexDocument(trx, searchDocumentOf('office', row));
  });
  return toOffice(row);
}

/**
 * Changes an office; a status change moves one step forward and dates it (`on`, today by
 * default). A secretary opens and closes an office; agreeing it is a joint decision. Needs
 * manage-council; NotFound for an unseen office; Conflict for a step back, a skipped step,
 * proposed -> agreed, or a narrowing of visibility.
 */
export async function updateOffice(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateOfficeInput,
): Promise<Office> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    const before = await findOfficeRow(trx, actor, id);
    const edited: Row<'offices'> = {
      ...before,
      name: input.name ?? before.name,
      kind: input.kind ?? before.kind,
      location: input.location === undefined ? before.location : input.location,
      establishedBy: input.establishedBy === undefined ? before.establishedBy : input.establishedBy,
      ...widenVisibility(before, input.visibility),
      updatedAt: at,
    };
    const after = input.status
      ? transitionOffice(edited, input.status, input.on ?? at.slice(0, 10))
      : edited;
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('offices').set(changes).where('id', '=', id).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: after.status === before.status ? 'office.update' : `office.${after.status}`,
      entityType: 'office',
      entityId: id,
      ...auditScope(before, after),
      before,
      after,
    });
    await indexDocument(trx, searchDocumentOf('office', after));
    return toOffice(after);
  });
}
