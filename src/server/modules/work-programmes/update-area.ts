import type { Area, UpdateAreaInput } from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import {
  assertWithin,
  canSee,
  sharedAudienceConditions,
  type Visible,
} from '../access/visibility.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change, type UnitOfWork } from '../changes/unit-of-work.ts';
import { lastPosition } from './activity.repository.ts';
import { toArea } from './activity.view.ts';
import { isJointText, reviseJointText } from './programme-lock.ts';
import { findProgramme } from './work-programme.repository.ts';

/** Whether a change takes a caucus area to the other party's eyes. */
function tabled(before: Visible, after: Visible): boolean {
  return before.visibility === 'caucus' && after.visibility !== 'caucus';
}

/**
 * Where a caucus area goes when tabled: after the areas the other party already sees. Its
 * caucus position counted its party's other caucus areas, so keeping it would show the other
 * party a gap as wide as them (as add-area places a joint area, for the same reason).
 */
async function nextJointPosition(uow: UnitOfWork, programmeId: string): Promise<number> {
  return (
    (await lastPosition(uow.trx, programmeId, sharedAudienceConditions('workProgrammeAreas'))) + 1
  );
}

/**
 * Renames or moves an area of a programme, or widens its visibility (narrowing: Conflict).
 * Other areas keep their positions, so moving one never rewrites areas the caller cannot see;
 * a caucus area widened without a position goes after the joint ones (nextJointPosition).
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
    const visible = widenVisibility(before, input.visibility);
    const after: Row<'workProgrammeAreas'> = {
      ...before,
      ...visible,
      title: input.title ?? before.title,
      position:
        input.position ??
        (tabled(before, visible) ? await nextJointPosition(uow, programme.id) : before.position),
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
