import type {
  CreateTimelineEventInput,
  TimelineEvent,
  UpdateTimelineEventInput,
} from '../../../shared/timeline.schemas.ts';
import { change } from '../../changes/unit-of-work.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibilityOnCreate, widenVisibility } from '../access/visibility-change.ts';
import { findTimelineEventRow, toTimelineEvent } from './timeline.repository.ts';

/** Adds an event to the council's record. Needs manage-council. */
export async function createTimelineEvent(
  deps: Deps,
  actor: Actor,
  input: CreateTimelineEventInput,
): Promise<TimelineEvent> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const row: Row<'timelineEvents'> = {
      id: deps.ids(),
      date: input.date,
      title: input.title,
      description: input.description ?? null,
      kind: input.kind,
      sourceId: null,
      reconstructed: 0,
      ...visibilityOnCreate(user, input.visibility),
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('timelineEvents').values(row).execute();
    record({ entity: 'timelineEvent', id: row.id, action: 'create', after: row });
    return toTimelineEvent(row);
  });
}

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
