import type { WorkProgramme } from '../../../shared/work-programmes.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { progressByActivity, toActivity, toArea } from './activity.view.ts';
import { findProgramme, toSummary } from './work-programme.repository.ts';

/**
 * One programme with the areas, activities and progress notes the caller may see (a fixed
 * number of queries, whatever the size of the programme). NotFound when it cannot see it.
 */
export async function getWorkProgramme(
  deps: Deps,
  actor: Actor,
  year: number,
): Promise<WorkProgramme> {
  const programme = await findProgramme(deps.db, actor, year);
  const [areas, activities, progress] = await Promise.all([
    deps.db
      .selectFrom('workProgrammeAreas')
      .selectAll()
      .where('programmeId', '=', programme.id)
      .where(visibleTo(actor, 'workProgrammeAreas'))
      .orderBy('position')
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('activities')
      .selectAll()
      .where('programmeId', '=', programme.id)
      .where(visibleTo(actor, 'activities'))
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('activityProgress')
      .innerJoin('activities', 'activities.id', 'activityProgress.activityId')
      .selectAll('activityProgress')
      .where('activities.programmeId', '=', programme.id)
      .where(visibleTo(actor, 'activities'))
      .where(visibleTo(actor, 'activityProgress'))
      .orderBy('activityProgress.on')
      .orderBy('activityProgress.id')
      .execute(),
  ]);
  const progressOf = progressByActivity(progress);
  return {
    ...toSummary(programme),
    areas: areas.map(toArea),
    activities: activities.map((a) => toActivity(actor, a, progressOf.get(a.id) ?? [])),
  };
}
