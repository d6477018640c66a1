import type { CreateTimelineEventInput, TimelineEvent } from '../../../shared/timeline.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { toTimelineEvent } from './timeline.repository.ts';

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
