import type {
  UpdateWorkProgrammeInput,
  WorkProgrammeSummary,
} from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { auditScope, widenVisibility } from '../access/visibility-change.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { assertProgrammeOpen } from './programme-lock.ts';
import { findProgramme, toSummary } from './work-programme.queries.ts';

/**
 * Changes a programme's title, description or visibility (widening only: Conflict).
 * Conflict while a decision approving it is agreed or answered (assertProgrammeOpen): the
 * programme is then what the parties concurred with. NotFound when the caller cannot see it.
 */
export async function updateWorkProgramme(
  deps: Deps,
  actor: Actor,
  year: number,
  input: UpdateWorkProgrammeInput,
): Promise<WorkProgrammeSummary> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    const {
      approvalId: _i,
      approvedBy: _a,
      approvedOn: _o,
      ...before
    } = await findProgramme(trx, actor, year);
    await assertProgrammeOpen(trx, before);
    const after: Row<'workProgrammes'> = {
      ...before,
      ...widenVisibility(before, input.visibility),
      title: input.title ?? before.title,
      description: input.description === undefined ? before.description : input.description,
      updatedAt: at,
    };
    await trx
      .updateTable('workProgrammes')
      .set({
        title: after.title,
        description: after.description,
        visibility: after.visibility,
        party: after.party,
        updatedAt: at,
      })
      .where('id', '=', before.id)
      .execute();
    const seenBy = auditScope(before, after);
    await recordAudit(trx, {
      actor,
      at,
      action: 'workProgramme.update',
      entityType: 'workProgramme',
      entityId: before.id,
      visibility: seenBy.visibility,
      party: seenBy.party,
      before,
      after,
    });
    await indexDocument(trx, searchDocumentOf('workProgramme', after));
    return toSummary(await findProgramme(trx, actor, year));
  });
}
