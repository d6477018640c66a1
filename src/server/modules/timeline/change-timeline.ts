import type {
  CreateTimelineEventInput,
  TimelineEvent,
  UpdateTimelineEventInput,
} from '../../../shared/timeline.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { auditScope, visibilityOnCreate, widenVisibility } from '../access/visibility-change.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { findTimelineEventRow, toTimelineEvent } from './timeline.repository.ts';

/** Adds an event to the council's record. Needs manage-council. */
export async function createTimelineEvent(
  deps: Deps,
  actor: Actor,
  input: CreateTimelineEventInput,
): Promise<TimelineEvent> {
  const user = requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
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
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('timelineEvents').values(row).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'timelineEvent.create',
      entityType: 'timelineEvent',
      entityId: row.id,
      visibility: row.visibility,
      party: row.party,
      after: row,
    });
    await indexDocument(trx, searchDocumentOf('timelineEvent', row));
  });
  return toTimelineEvent(row);
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
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
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
    await recordAudit(trx, {
      actor,
      at,
      action: 'timelineEvent.update',
      entityType: 'timelineEvent',
      entityId: id,
      ...auditScope(before, after),
      before,
      after,
    });
    await indexDocument(trx, searchDocumentOf('timelineEvent', after));
    return toTimelineEvent(after);
  });
}
