import type { CreateProgressInput, Progress } from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin } from '../access/visibility.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { findActivity } from './activity.repository.ts';
import { toProgress } from './activity.view.ts';
import { findProgramme } from './work-programme.repository.ts';

/**
 * Records a dated progress note on an activity, as visible as the activity unless said
 * otherwise and never wider (VisibilityTooWide). NotFound when the caller cannot see it.
 */
export async function addProgress(
  deps: Deps,
  actor: Actor,
  year: number,
  activityId: string,
  input: CreateProgressInput,
): Promise<Progress> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const programme = await findProgramme(trx, actor, year);
    const activity = await findActivity(trx, actor, programme.id, activityId);
    const visible = visibilityOnCreate(user, input.visibility ?? activity.visibility);
    assertWithin(visible, activity, 'visibility');
    const row: Row<'activityProgress'> = {
      id: deps.ids(),
      activityId: activity.id,
      on: input.on,
      text: input.text,
      userId: user.userId,
      ...visible,
      createdAt: at,
    };
    await trx.insertInto('activityProgress').values(row).execute();
    record({ entity: 'activityProgress', id: row.id, action: 'create', after: row });
    return toProgress(actor, row);
  });
}
