import type { AuditEvent, AuditQuery } from '../../../shared/audit.schemas.ts';
import type { EntityType } from '../../../shared/entities.ts';
import { decodeCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, isOwnParty } from '../access/actor.ts';
import { type Audience, audiencesOf } from '../access/audience.ts';
import { requirePermission } from '../access/roles.policy.ts';

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
    id: `${row.audience}/${row.seq}`,
    at: row.at,
    actorId: otherActor ? null : row.actorId,
    actorParty: row.actorParty,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    visibility: row.visibility,
    party: row.party,
    before: parsed(row.before, otherItem),
    after: parsed(row.after, otherItem),
  };
}

// Instants are stored as UTC ISO strings; a filter given with an offset is compared in UTC.
const utc = (instant: string) => new Date(instant).toISOString();

const invalidCursor = () =>
  new DomainError('InvalidCursor', 'the cursor is not one this list gave out', [
    { field: 'cursor', message: 'not a cursor from this list' },
  ]);

/**
 * The audit trail, newest first, limited in SQL to the audiences the caller belongs to (an
 * entry is as visible as its item was); the other party's user ids are blanked. Entries are
 * known by their audience and their number within it, and the cursor names the last entry the
 * same way: nothing the caller receives counts what it cannot see (a hidden entry leaves no
 * gap). Each audience is read on its own index and the pages merged in commit order, so the
 * work done, and its time, never grows with the entries of an audience the caller is not in.
 * Signed-in users only: Unauthenticated for anonymous callers, InvalidCursor for a cursor this
 * list did not give out.
 */
export async function listAuditEvents(deps: Deps, actor: Actor, query: AuditQuery) {
  requirePermission(actor, 'read');
  const audiences = audiencesOf(actor);
  const before = query.cursor ? await cursorPosition(deps, audiences, query.cursor) : null;
  const pageOf = (audience: Audience | null) => {
    // Within one audience the entry number grows with the commit order, so its index serves
    // the order without a sort.
    let select = deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .orderBy(audience === null ? 'id' : 'seq', 'desc')
      .limit(query.limit + 1);
    if (audience !== null) select = select.where('audience', '=', audience);
    if (query.entityType) select = select.where('entityType', '=', query.entityType as EntityType);
    if (query.entityId) select = select.where('entityId', '=', query.entityId);
    if (query.actor) {
      // Filtering by a user would tell which entries they made, even with the id blanked out:
      // a caller may filter by the users of its own party only.
      select = select.where('actorId', '=', query.actor);
      if (actor.kind === 'user') select = select.where('actorParty', '=', actor.party);
    }
    if (query.from) select = select.where('at', '>=', utc(query.from));
    if (query.to) select = select.where('at', '<=', utc(query.to));
    if (before !== null) select = select.where('id', '<', before);
    return select.execute();
  };
  const pages = await Promise.all((audiences ?? [null]).map(pageOf));
  const rows = pages
    .flat()
    .sort((a, b) => b.id - a.id)
    .slice(0, query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (row) => [row.audience, row.seq],
    (row) => toAuditEvent(actor, row),
  );
}

/** Where the page a cursor names ends, in commit order; InvalidCursor for any other cursor. */
async function cursorPosition(
  deps: Deps,
  audiences: Audience[] | null,
  cursor: string,
): Promise<number> {
  const [audience, seq] = decodeCursor(cursor, 2);
  if (typeof audience !== 'string' || typeof seq !== 'number') throw invalidCursor();
  if (audiences !== null && !audiences.includes(audience as Audience)) throw invalidCursor();
  const last = await deps.db
    .selectFrom('auditEvents')
    .select('id')
    .where('audience', '=', audience)
    .where('seq', '=', seq)
    .executeTakeFirst();
  if (!last) throw invalidCursor();
  return last.id;
}
