import type { Activity, ActivityListQuery } from '../../../shared/work-programmes.schemas.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import { unionAllOf } from '../../db/union-all.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { audienceConditions } from '../access/visibility.policy.ts';
import { progressOf } from './activity.repository.ts';
import { progressByActivity, toActivity } from './activity.view.ts';
import { findProgramme } from './work-programme.repository.ts';

/**
 * The activities of a programme the caller may see, filtered by status, area, topic or lead,
 * each with its visible progress notes. NotFound when the caller cannot see the programme.
 * A page of each audience the caller may see is read on its own part of the activities' index
 * (programmeId, visibility, createdAt, id), or (programmeId, party, ...) for its own caucus,
 * and the pages merged: the other party's caucus activities are never walked past.
 */
export async function listActivities(
  deps: Deps,
  actor: Actor,
  year: number,
  query: ActivityListQuery,
): Promise<{ items: Activity[]; nextCursor: string | null }> {
  const programme = await findProgramme(deps.db, actor, year);
  const pages = audienceConditions(actor, 'activities').map((audience) => {
    let q = deps.db
      .selectFrom('activities')
      .selectAll()
      .where('programmeId', '=', programme.id)
      .where(audience)
      .orderBy('createdAt')
      .orderBy('id')
      .limit(query.limit + 1);
    if (query.status) q = q.where('status', '=', query.status);
    if (query.areaId) q = q.where('areaId', '=', query.areaId);
    if (query.topicId) q = q.where('topicId', '=', query.topicId);
    if (query.lead) q = q.where('lead', '=', query.lead);
    if (query.cursor) q = q.where(afterCursor(['createdAt', 'id'], query.cursor));
    return deps.db.selectFrom(q.as('audience')).selectAll();
  });
  const rows = await deps.db
    .selectFrom(unionAllOf(pages).as('merged'))
    .selectAll()
    .orderBy('createdAt')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const progress = progressByActivity(
    await progressOf(
      deps.db,
      actor,
      page.map((r) => r.id),
    ),
  );
  return toPage(
    rows,
    query.limit,
    (r) => [r.createdAt, r.id],
    (r) => toActivity(actor, r, progress.get(r.id) ?? []),
  );
}
