import type { Activity, CreateActivityInput } from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin } from '../access/visibility.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { findAreaFor, findTopicFor } from './activity.repository.ts';
import { toActivity } from './activity.view.ts';
import { isPeriodOrdered } from './activity-schedule.ts';
import { isJointText, reviseJointText } from './programme-lock.ts';
import { findProgramme } from './work-programme.repository.ts';

/**
 * Adds an activity to a programme. It is as visible as its area (or the programme) unless
 * said otherwise, and never wider than the programme, its area or its topic
 * (VisibilityTooWide). ValidationFailed for an unknown or unseen area or topic, or a planned
 * end before the start. NotFound when the caller cannot see the programme. Conflict for a
 * joint or public activity while the programme is locked (assertProgrammeOpen: AlreadyAgreed),
 * and a joint one moves the programme's version on; a party's own
 * caucus activity may still be added.
 */
export async function createActivity(
  deps: Deps,
  actor: Actor,
  year: number,
  input: CreateActivityInput,
): Promise<Activity> {
  const user = requirePermission(actor, 'manage-council');
  if (!isPeriodOrdered(input.plannedStart ?? null, input.plannedEnd ?? null)) {
    throw invalid('plannedEnd', 'must not be before plannedStart');
  }
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const programme = await findProgramme(trx, actor, year);
    const area = input.areaId ? await findAreaFor(trx, actor, programme.id, input.areaId) : null;
    const topic = input.topicId ? await findTopicFor(trx, actor, input.topicId) : null;
    const visible = visibilityOnCreate(
      user,
      input.visibility ?? area?.visibility ?? programme.visibility,
    );
    assertWithin(visible, programme, 'visibility');
    if (area) assertWithin(visible, area, 'areaId');
    if (topic) assertWithin(visible, topic, 'topicId');
    if (isJointText(visible)) await reviseJointText(uow, programme);
    const row: Row<'activities'> = {
      id: deps.ids(),
      programmeId: programme.id,
      areaId: area?.id ?? null,
      title: input.title,
      topicId: topic?.id ?? null,
      lead: input.lead,
      level: input.level ?? null,
      plannedStart: input.plannedStart ?? null,
      plannedEnd: input.plannedEnd ?? null,
      status: input.status ?? 'planned',
      ...visible,
      sourceId: null,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('activities').values(row).execute();
    record({ entity: 'activity', id: row.id, action: 'create', after: row });
    return toActivity(actor, row, []);
  });
}
