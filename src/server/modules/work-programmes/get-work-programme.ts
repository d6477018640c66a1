import type { WorkProgramme } from '../../../shared/work-programmes.schemas.ts';
import { unionAllOf } from '../../db/union-all.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { audienceConditions } from '../access/visibility.policy.ts';
import { progressOf } from './activity.repository.ts';
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
  // Each audience on its own part of the indexes (migration 2026-12-04T1200): the other
  // party's caucus areas, activities and progress notes are never walked past.
  const [areas, activities] = await Promise.all([
    unionAllOf(
      audienceConditions(actor, 'workProgrammeAreas').map((audience) =>
        deps.db
          .selectFrom('workProgrammeAreas')
          .selectAll()
          .where('programmeId', '=', programme.id)
          .where(audience),
      ),
    )
      .orderBy('position')
      .orderBy('id')
      .execute(),
    unionAllOf(
      audienceConditions(actor, 'activities').map((audience) =>
        deps.db
          .selectFrom('activities')
          .selectAll()
          .where('programmeId', '=', programme.id)
          .where(audience),
      ),
    )
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
  ]);
  const progress = progressByActivity(
    await progressOf(
      deps.db,
      actor,
      activities.map((a) => a.id),
    ),
  );
  return {
    ...toSummary(programme),
    areas: areas.map(toArea),
    activities: activities.map((a) => toActivity(actor, a, progress.get(a.id) ?? [])),
  };
}
