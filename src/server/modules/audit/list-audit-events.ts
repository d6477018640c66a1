import type { AuditEvent, AuditQuery } from '../../../shared/audit.schemas.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibleTo } from '../access/visibility.policy.ts';

function parsed(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

function toAuditEvent(row: Row<'auditEvents'>): AuditEvent {
  return { ...row, before: parsed(row.before), after: parsed(row.after) };
}

// Instants are stored as UTC ISO strings; a filter given with an offset is compared in UTC.
const utc = (instant: string) => new Date(instant).toISOString();

/**
 * The audit trail, newest first, limited in SQL to entries the caller may see (an entry is as
 * visible as its item was). Signed-in users only: Unauthenticated for anonymous callers,
 * InvalidCursor for a cursor this list did not give out.
 */
export async function listAuditEvents(deps: Deps, actor: Actor, query: AuditQuery) {
  requirePermission(actor, 'read');
  let select = deps.db
    .selectFrom('auditEvents')
    .selectAll()
    .where(visibleTo(actor, 'auditEvents'))
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.entityType) select = select.where('entityType', '=', query.entityType);
  if (query.entityId) select = select.where('entityId', '=', query.entityId);
  if (query.actor) select = select.where('actorId', '=', query.actor);
  if (query.from) select = select.where('at', '>=', utc(query.from));
  if (query.to) select = select.where('at', '<=', utc(query.to));
  if (query.cursor) select = select.where(afterCursor(['auditEvents.id'], query.cursor, 'desc'));
  const rows = await select.execute();
  return toPage(rows, query.limit, (row) => [row.id], toAuditEvent);
}
