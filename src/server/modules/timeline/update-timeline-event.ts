import type { TimelineEvent, UpdateTimelineEventInput } from '../../../shared/timeline.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { findTimelineEventRow, toTimelineEvent } from './timeline.repository.ts';

/** Adds an event to the council's record. Needs manage-council. */
/**
 * Corrects an event or widens who may see it. Needs manage-council; NotFound for an unseen
 * event; Conflict when narrowing visibility.
 */
export async function updateTimelineEvent(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateTimelineEventInput,
): Promise<TimelineEvent> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const before = await findTimelineEventRow(trx, actor, id);
    const after: Row<'timelineEvents'> = {
      ...before,
      date: input.date ?? before.date,
      title: input.title ?? before.title,
      description: input.description === undefined ? before.description : input.description,
      kind: input.kind ?? before.kind,
      ...widenVisibility(before, input.visibility),
      updatedAt: at,
    };
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('timelineEvents').set(changes).where('id', '=', id).execute();
    record({ entity: 'timelineEvent', id: id, action: 'update', before, after });
    return toTimelineEvent(after);
  });
}
