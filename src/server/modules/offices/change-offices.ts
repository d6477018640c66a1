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
import { checkOfficeDates, transitionOffice } from './office-status.ts';
import { findOfficeRow, toOffice } from './offices.repository.ts';

/**
 * Records an office (an information office, a liaison mission), at any stage of its life for
 * a past one. Needs manage-council; ValidationFailed when its dates contradict its status.
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
    status: input.status,
    proposedOn: input.proposedOn ?? null,
    agreedOn: input.agreedOn ?? null,
    openedOn: input.openedOn ?? null,
    closedOn: input.closedOn ?? null,
    establishedBy: input.establishedBy ?? null,
    sourceId: null,
    ...visibilityOnCreate(user, input.visibility),
    createdAt: at,
    updatedAt: at,
  };
  checkOfficeDates(row);
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
 * default). Needs manage-council; NotFound for an unseen office; Conflict for a step back or
 * a skipped step, or a narrowing of visibility.
 */
export async function updateOffice(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateOfficeInput,
): Promise<Office> {
  requirePermission(actor, 'manage-council');
  const before = await findOfficeRow(deps, actor, id);
  const at = nowIso(deps);
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
  await deps.db.transaction().execute(async (trx) => {
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
  });
  return toOffice(after);
}
