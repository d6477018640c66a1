import type { Activity, ActivityListQuery } from '../../../shared/work-programmes.schemas.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { progressByActivity, toActivity } from './activity.view.ts';
import { findProgramme } from './work-programme.repository.ts';

/**
 * The activities of a programme the caller may see, filtered by status, area, topic or lead,
 * each with its visible progress notes. NotFound when the caller cannot see the programme.
 */
export async function listActivities(
  deps: Deps,
  actor: Actor,
  year: number,
  query: ActivityListQuery,
): Promise<{ items: Activity[]; nextCursor: string | null }> {
  const programme = await findProgramme(deps.db, actor, year);
  let q = deps.db
    .selectFrom('activities')
    .selectAll()
    .where('programmeId', '=', programme.id)
    .where(visibleTo(actor, 'activities'))
    .orderBy('createdAt')
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.areaId) q = q.where('areaId', '=', query.areaId);
  if (query.topicId) q = q.where('topicId', '=', query.topicId);
  if (query.lead) q = q.where('lead', '=', query.lead);
  if (query.cursor) q = q.where(afterCursor(['createdAt', 'id'], query.cursor));
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const progress =
    page.length === 0
      ? []
      : await deps.db
          .selectFrom('activityProgress')
          .selectAll()
          .where(
            'activityId',
            'in',
            page.map((r) => r.id),
          )
          .where(visibleTo(actor, 'activityProgress'))
          .orderBy('on')
          .orderBy('id')
          .execute();
  const progressOf = progressByActivity(progress);
  return toPage(
    rows,
    query.limit,
    (r) => [r.createdAt, r.id],
    (r) => toActivity(actor, r, progressOf.get(r.id) ?? []),
  );
}
