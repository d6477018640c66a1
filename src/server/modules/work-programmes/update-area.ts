import type { Area, UpdateAreaInput } from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin, canSee } from '../access/visibility.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { toArea } from './activity.view.ts';
import { isJointText, reviseJointText } from './programme-lock.ts';
import { findProgramme } from './work-programme.repository.ts';

/**
 * Renames or moves an area of a programme, or widens its visibility (narrowing: Conflict).
 * Other areas keep their positions, so moving one never rewrites areas the caller cannot see.
 * Needs manage-council; NotFound for an unseen programme or area; VisibilityTooWide when
 * wider than the programme; Conflict for a change to a joint or public area, or a widened
 * caucus one, while the programme is locked (assertProgrammeOpen: AlreadyAgreed); a change to
 * the joint text moves the programme's version on.
 */
export async function updateArea(
  deps: Deps,
  actor: Actor,
  year: number,
  areaId: string,
  input: UpdateAreaInput,
): Promise<Area> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
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
    assertWithin(after, programme, 'visibility');
    const changed =
      after.title !== before.title ||
      after.position !== before.position ||
      after.visibility !== before.visibility;
    if (isJointText(after) && changed) await reviseJointText(uow, programme);
    const { id, createdAt: _c, ...changes } = after;
    await trx.updateTable('workProgrammeAreas').set(changes).where('id', '=', id).execute();
    record({ entity: 'workProgrammeArea', id: id, action: 'update', before, after });
    return toArea(after);
  });
}
