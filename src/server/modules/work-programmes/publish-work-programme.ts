import type { WorkProgrammeSummary } from '../../../shared/work-programmes.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertNamesOnlyPublic, type NamedItem } from '../publication/publication.policy.ts';
import {
  clearPublicationRequests,
  requestPublication,
} from '../publication/publication-requests.ts';
import { findProgramme, storedProgramme, toSummary } from './work-programme.repository.ts';

/**
 * The caller's party asks to publish the version of a joint work programme it read
 * (manage-council; VersionRequired, StaleVersion). Public, with its joint areas, activities and
 * their joint progress notes, once every party asked for the same version; a party's caucus
 * areas and activities stay its own. VisibilityTooWide while a joint activity names a topic
 * that is not public (publish the topic first).
 */
export async function publishWorkProgramme(
  deps: Deps,
  actor: Actor,
  year: number,
  version: number | undefined,
): Promise<WorkProgrammeSummary> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const before = storedProgramme(await findProgramme(trx, actor, year));
    if (before.visibility === 'public') return toSummary(await findProgramme(trx, actor, year));
    assertCurrentVersion('work programme', before.version, version);
    assertNamesOnlyPublic('workProgramme', await topicsOfJointActivities(trx, before.id));
    const { everyPartyAsked } = await requestPublication(uow, user, {
      entity: 'workProgramme',
      id: before.id,
      version: before.version,
      scope: before,
    });
    if (everyPartyAsked) {
      const after: Row<'workProgrammes'> = { ...before, visibility: 'public', updatedAt: at };
      await trx
        .updateTable('workProgrammes')
        .set({ visibility: 'public', updatedAt: at })
        .where('id', '=', before.id)
        .execute();
      const areas = await trx
        .updateTable('workProgrammeAreas')
        .set({ visibility: 'public', updatedAt: at })
        .where('programmeId', '=', before.id)
        .where('visibility', '=', 'joint')
        .returningAll()
        .execute();
      for (const area of areas) {
        record({
          entity: 'workProgrammeArea',
          id: area.id,
          action: 'update',
          before: { ...area, visibility: 'joint' },
          after: area,
        });
      }
      const activities = await trx
        .updateTable('activities')
        .set({ visibility: 'public', updatedAt: at })
        .where('programmeId', '=', before.id)
        .where('visibility', '=', 'joint')
        .returningAll()
        .execute();
      for (const activity of activities) {
        record({
          entity: 'activity',
          id: activity.id,
          action: 'update',
          before: { ...activity, visibility: 'joint' },
          after: activity,
        });
      }
      const progress =
        activities.length === 0
          ? []
          : await trx
              .updateTable('activityProgress')
              .set({ visibility: 'public' })
              .where(
                'activityId',
                'in',
                activities.map((a) => a.id),
              )
              .where('visibility', '=', 'joint')
              .returningAll()
              .execute();
      for (const note of progress) {
        record({
          entity: 'activityProgress',
          id: note.id,
          action: 'update',
          before: { ...note, visibility: 'joint' },
          after: note,
        });
      }
      await clearPublicationRequests(uow, 'workProgramme', before.id);
      record({ entity: 'workProgramme', id: before.id, action: 'publish', before, after });
    }
    return toSummary(await findProgramme(trx, actor, year));
  });
}

/**
 * The topics the programme's joint activities name: public with them once published. A
 * party's caucus activities are not widened, and their topics stay out of it.
 */
async function topicsOfJointActivities(trx: Executor, programmeId: string): Promise<NamedItem[]> {
  const rows = await trx
    .selectFrom('activities')
    .innerJoin('topics', 'topics.id', 'activities.topicId')
    .select(['activities.id as activityId', 'topics.id', 'topics.visibility', 'topics.party'])
    .where('activities.programmeId', '=', programmeId)
    .where('activities.visibility', '=', 'joint')
    .orderBy('activities.id')
    .execute();
  return rows.map((r) => ({
    field: `activities.${r.activityId}.topicId`,
    what: `topic ${r.id}`,
    item: r,
  }));
}
