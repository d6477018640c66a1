import type { Activity } from '../../../shared/work-programmes.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { findActivity, progressOf } from './activity.repository.ts';
import { toActivity } from './activity.view.ts';
import { findProgramme } from './work-programme.repository.ts';

/**
 * One activity of a programme with the progress notes the caller may see, oldest first: where
 * a search hit on an activity or on one of its progress notes leads. NotFound, the same for a
 * missing and a hidden one, when the caller cannot see the programme or the activity.
 */
export async function getActivity(
  deps: Deps,
  actor: Actor,
  year: number,
  activityId: string,
): Promise<Activity> {
  const programme = await findProgramme(deps.db, actor, year);
  const row = await findActivity(deps.db, actor, programme.id, activityId);
  return toActivity(actor, row, await progressOf(deps.db, actor, [row.id]));
}
