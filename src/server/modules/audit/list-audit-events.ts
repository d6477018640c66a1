import type { AuditEvent, AuditQuery } from '../../../shared/audit.schemas.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, isOwnParty } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibleTo } from '../access/visibility.policy.ts';

// Fields of stored rows that name a user. The API shows a user id to its own party only (the
// other party learns which party acted, never who), and the audit trail keeps to that.
const USER_ID_FIELDS = ['authorId', 'proposedBy', 'userId'] as const;

function parsed(text: string | null, redact: boolean): unknown {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  // Arrays (co-chairs, attendance, an agenda's order) name no users; spreading one would turn it
  // into an object with numbered keys.
  if (!redact || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy = { ...(value as Record<string, unknown>) };
  for (const field of USER_ID_FIELDS) if (field in copy) copy[field] = null;
  return copy;
}

function toAuditEvent(actor: Actor, row: Row<'auditEvents'>): AuditEvent {
  // The acting user is the actor's party's to know; the user ids inside the item (its author,
  // its proposer) are the item's party's, whoever acted on it.
  const otherActor = !isOwnParty(actor, row.actorParty);
  const otherItem = otherActor || !isOwnParty(actor, row.party);
  return {
    ...row,
    actorId: otherActor ? null : row.actorId,
    before: parsed(row.before, otherItem),
    after: parsed(row.after, otherItem),
  };
}

// Instants are stored as UTC ISO strings; a filter given with an offset is compared in UTC.
const utc = (instant: string) => new Date(instant).toISOString();

/**
 * The audit trail, newest first, limited in SQL to entries the caller may see (an entry is as
 * visible as its item was); the other party's user ids are blanked. Signed-in users only: Unauthenticated for anonymous callers,
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
  if (query.actor) {
    // Filtering by a user would tell which entries they made, even with the id blanked out:
    // a caller may filter by the users of its own party only.
    select = select.where('actorId', '=', query.actor);
    if (actor.kind === 'user') select = select.where('actorParty', '=', actor.party);
  }
  if (query.from) select = select.where('at', '>=', utc(query.from));
  if (query.to) select = select.where('at', '<=', utc(query.to));
  if (query.cursor) select = select.where(afterCursor(['auditEvents.id'], query.cursor, 'desc'));
  const rows = await select.execute();
  return toPage(
    rows,
    query.limit,
    (row) => [row.id],
    (row) => toAuditEvent(actor, row),
  );
}
