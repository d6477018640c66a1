import type { Area, CreateAreaInput } from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import {
  assertWithin,
  audienceConditions,
  sharedAudienceConditions,
} from '../access/visibility.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { lastPosition } from './activity.repository.ts';
import { toArea } from './activity.view.ts';
import { isJointText, reviseJointText } from './programme-lock.ts';
import { findProgramme } from './work-programme.repository.ts';

/**
 * Adds an area (a chapter) at the end of a programme, as visible as the programme unless
 * said otherwise. VisibilityTooWide when wider than the programme; NotFound for an unseen one;
 * AlreadyAgreed for a joint or public area while the programme is locked (assertProgrammeOpen);
 * a joint area moves the programme's version on (reviseJointText).
 */
export async function addArea(
  deps: Deps,
  actor: Actor,
  year: number,
  input: CreateAreaInput,
): Promise<Area> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const programme = await findProgramme(trx, actor, year);
    const visible = visibilityOnCreate(user, input.visibility ?? programme.visibility);
    assertWithin(visible, programme, 'visibility');
    if (isJointText(visible)) await reviseJointText(uow, programme);
    // A joint or public area is placed after the other non-caucus areas only: counting the
    // caller's own caucus areas would leave gaps that tell the other party how many it has.
    // A caucus area is placed after everything its own party sees.
    const last = await lastPosition(
      trx,
      programme.id,
      isJointText(visible)
        ? sharedAudienceConditions('workProgrammeAreas')
        : audienceConditions(actor, 'workProgrammeAreas'),
    );
    const row: Row<'workProgrammeAreas'> = {
      id: deps.ids(),
      programmeId: programme.id,
      position: last + 1,
      title: input.title,
      sourceId: null,
      ...visible,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('workProgrammeAreas').values(row).execute();
    record({ entity: 'workProgrammeArea', id: row.id, action: 'create', after: row });
    return toArea(row);
  });
}
