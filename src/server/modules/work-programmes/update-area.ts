import type { Area, UpdateAreaInput } from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin, canSee } from '../access/visibility.policy.ts';
import { auditScope, widenVisibility } from '../access/visibility-change.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { toArea } from './activity.mappers.ts';
import { assertProgrammeOpen, isJointText } from './programme-lock.ts';
import { findProgramme } from './work-programme.queries.ts';

/**
 * Renames or moves an area of a programme, or widens its visibility (narrowing: Conflict).
 * Other areas keep their positions, so moving one never rewrites areas the caller cannot see.
 * Needs manage-council; NotFound for an unseen programme or area; VisibilityTooWide when
 * wider than the programme; Conflict for a change to a joint or public area, or a widened
 * caucus one, while the programme is locked (assertProgrammeOpen).
 */
export async function updateArea(
  deps: Deps,
  actor: Actor,
  year: number,
  areaId: string,
  input: UpdateAreaInput,
): Promise<Area> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    const programme = await findProgramme(trx, actor, year);
    const before = await trx
      .selectFrom('workProgrammeAreas')
      .selectAll()
      .where('id', '=', areaId)
      .where('programmeId', '=', programme.id)
      .executeTakeFirst();
    if (!before || !canSee(actor, before)) throw notFound('area');
    const after: Row<'workProgrammeAreas'> = {
      ...before,
      ...widenVisibility(before, input.visibility),
      title: input.title ?? before.title,
      position: input.position ?? before.position,
      updatedAt: at,
    };
    assertWithin(after, programme, 'body.visibility');
    if (isJointText(after)) await assertProgrammeOpen(trx, programme);
    const { id, createdAt: _c, ...changes } = after;
    await trx.updateTable('workProgrammeAreas').set(changes).where('id', '=', id).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'workProgrammeArea.update',
      entityType: 'workProgrammeArea',
      entityId: id,
      ...auditScope(before, after),
      before,
      after,
    });
    return toArea(after);
  });
}
