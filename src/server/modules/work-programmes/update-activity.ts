import type { Activity, UpdateActivityInput } from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin } from '../access/visibility.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { findActivity, findAreaFor, findTopicFor, progressOf } from './activity.repository.ts';
import { toActivity } from './activity.view.ts';
import { isPeriodOrdered } from './activity-schedule.ts';
import { isJointText, reviseJointText } from './programme-lock.ts';
import { findProgramme } from './work-programme.repository.ts';

/** What the parties agree to in an activity; its status records execution and stays open. */
const CONTENT = [
  'title',
  'areaId',
  'topicId',
  'lead',
  'level',
  'plannedStart',
  'plannedEnd',
  'visibility',
] as const satisfies readonly (keyof Row<'activities'>)[];

/**
 * Changes an activity: status (planned, under-way, done, dropped), title, area, topic, lead,
 * level, planned dates, or visibility (widening only: Conflict). The result must stay within
 * the programme, area and topic (VisibilityTooWide); ValidationFailed for an unseen area or
 * topic or a period that ends before it starts. NotFound when the caller cannot see it.
 * A change to the content of a joint or public activity moves the programme's version on.
 * While the programme is locked (assertProgrammeOpen) only the status of a joint or public
 * activity may change, and a caucus one may not be widened: Conflict.
 */
export async function updateActivity(
  deps: Deps,
  actor: Actor,
  year: number,
  activityId: string,
  input: UpdateActivityInput,
): Promise<Activity> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const programme = await findProgramme(trx, actor, year);
    const before = await findActivity(trx, actor, programme.id, activityId);
    const after: Row<'activities'> = {
      ...before,
      ...widenVisibility(before, input.visibility),
      title: input.title ?? before.title,
      areaId: input.areaId === undefined ? before.areaId : input.areaId,
      topicId: input.topicId === undefined ? before.topicId : input.topicId,
      lead: input.lead ?? before.lead,
      level: input.level === undefined ? before.level : input.level,
      plannedStart: input.plannedStart === undefined ? before.plannedStart : input.plannedStart,
      plannedEnd: input.plannedEnd === undefined ? before.plannedEnd : input.plannedEnd,
      status: input.status ?? before.status,
      updatedAt: at,
    };
    if (!isPeriodOrdered(after.plannedStart, after.plannedEnd)) {
      throw invalid('plannedEnd', 'must not be before plannedStart');
    }
    assertWithin(after, programme, 'visibility');
    if (after.areaId) {
      const area = await findAreaFor(trx, actor, programme.id, after.areaId);
      assertWithin(after, area, 'areaId');
    }
    if (after.topicId) {
      assertWithin(after, await findTopicFor(trx, actor, after.topicId), 'topicId');
    }
    if (isJointText(after) && CONTENT.some((field) => after[field] !== before[field])) {
      await reviseJointText(uow, programme);
    }
    const { id, createdAt: _c, ...changes } = after;
    await trx.updateTable('activities').set(changes).where('id', '=', id).execute();
    record({ entity: 'activity', id: id, action: 'update', before, after });
    return toActivity(actor, after, await progressOf(trx, actor, [id]));
  });
}
