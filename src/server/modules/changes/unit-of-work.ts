import { sql, type Transaction } from 'kysely';
import {
  type ActionOf,
  type EntityType,
  isRecordEvent,
  qualify,
  SEARCHABLE_TYPES,
  type SearchableType,
} from '../../../shared/entities.ts';
import { isPostgres } from '../../db/dialect.ts';
import { isStaleStatement, POOL_SIZE, type Viewer } from '../../db/postgres.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { type Audience, audienceOf } from '../access/audience.ts';
import { viewerOf } from '../access/viewer.ts';
import type { Visible } from '../access/visibility.policy.ts';
import { auditScope } from '../access/visibility-change.ts';
import { insertAuditEntry, lastSeqOf } from '../audit/audit.repository.ts';
import { voidPublicationRequests } from '../publication/publication-voiding.ts';
import { appendRecordEntry } from '../record/record-log.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument, removeDocument } from '../search/search-index.ts';
import { appendChangeEvent } from './change-events.ts';
import { notifyCommitted } from './commit-notifier.ts';
import type { RowOf } from './entity-tables.ts';

/** One recorded change of one entity. */
export interface ChangeRecord<E extends EntityType> {
  entity: E;
  id: string;
  action: ActionOf<E>;
  /** The stored row before the change; null when it did not exist. */
  before?: RowOf<E> | null;
  /**
   * The stored row after the change; null when it is gone. Given, it also refreshes the
   * entity's search document (and null removes it); omitted, the row did not change.
   */
  after?: RowOf<E> | null;
  /**
   * Who may read the entry. Defaults to the narrower of before and after (a change is as
   * visible as the item was); required when neither row is given.
   */
  scope?: Visible;
  /**
   * What the audit entry shows when it is not the rows themselves: the co-chairs before and
   * after, the agreements a change voided.
   */
  audit?: { before?: unknown; after?: unknown };
}

/**
 * A change in progress. Services read and write through `trx` and say what they changed with
 * `record`; everything recorded is written when the work succeeds, in the same transaction.
 */
export interface UnitOfWork {
  readonly trx: Transaction<Database>;
  readonly actor: Actor;
  /** The one instant of the whole change: every row and entry it writes carries it. */
  readonly at: string;
  readonly deps: Deps;
  record<E extends EntityType>(change: ChangeRecord<E>): void;
  /**
   * Runs `fn` seeing every row, on PostgreSQL past row-level security, then sees as the actor
   * again. For the deliberate effects of a change on rows its actor may not see: notes of the
   * other party's caucus detach themselves from a meeting that goes away.
   */
  asSystem<T>(fn: () => Promise<T>): Promise<T>;
}

const SEARCHABLE = new Set<string>(SEARCHABLE_TYPES);
const isSearchable = (entity: EntityType): entity is SearchableType => SEARCHABLE.has(entity);

// What the audit trail keeps of a row: never a password hash.
function auditImage<E extends EntityType>(entity: E, row: RowOf<E> | null | undefined): unknown {
  if (row === undefined || row === null) return row;
  if (entity === 'user') {
    const { passwordHash: _never, ...rest } = row as RowOf<'user'>;
    return rest;
  }
  if (entity === 'partyKey') {
    // A key the server holds is sealed, and still never leaves the key table.
    const { privateKey: _never, ...rest } = row as RowOf<'partyKey'>;
    return rest;
  }
  return row;
}

/**
 * The one write path. Opens a transaction, runs `work`, then writes for every recorded change
 * its audit entry (numbered within its audience), its search document and its change event
 * (the outbox, in commit order), and commits: the change and its record stand or fall
 * together. Nothing outside this function opens a write transaction (tests/write-path.test.ts).
 */
export async function change<T>(
  deps: Deps,
  actor: Actor,
  work: (uow: UnitOfWork) => Promise<T>,
  options: ChangeOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Each attempt its own instant: a retry runs after whatever committed meanwhile (a key
      // registered, an entry numbered), and what it writes must not be dated before that.
      return await attemptChange(deps, actor, work, options, deps.clock().toISOString());
    } catch (error) {
      // A named statement another instance's migration made stale (db/postgres.ts) aborted
      // the transaction, and its connection forgets its statements before it serves again:
      // the change is run afresh, as if it had not begun (nothing of it was committed). Each
      // connection of the pool fails so at most once, hence the bound.
      if (!isStaleStatement(error) || attempt >= STALE_RETRIES) throw error;
    }
  }
}

/** Attempts of a change whose named statements went stale: one per pooled connection, and one. */
const STALE_RETRIES = POOL_SIZE + 1;

async function attemptChange<T>(
  deps: Deps,
  actor: Actor,
  work: (uow: UnitOfWork) => Promise<T>,
  options: ChangeOptions,
  at: string,
): Promise<T> {
  const recorded: ChangeRecord<EntityType>[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const postgres = isPostgres(trx);
    if (postgres && options.bookkeeping) await viewAs(trx, viewerOf(actor));
    else if (postgres) await serializeWrites(trx, actor);
    const uow: UnitOfWork = {
      trx,
      actor,
      at,
      deps,
      record: (entry) => {
        recorded.push(entry as unknown as ChangeRecord<EntityType>);
      },
      asSystem: async (fn) => {
        if (!postgres) return fn();
        await viewAs(trx, 'operator');
        let result: Awaited<ReturnType<typeof fn>>;
        try {
          result = await fn();
        } catch (error) {
          // The original error, not the restore's: a failed statement aborts the transaction,
          // and the restore then fails too. It is still tried, for work that goes on.
          await viewAs(trx, viewerOf(actor)).catch(() => undefined);
          throw error;
        }
        await viewAs(trx, viewerOf(actor));
        return result;
      },
    };
    const result = await work(uow);
    if (options.bookkeeping && recorded.length > 0) {
      throw new Error('bookkeeping records nothing: this change must take the write lock');
    }
    // The record of the change (audit entries, search documents, change events, the record
    // log) is the write path's own work, in every audience the change touched.
    if (postgres) await viewAs(trx, 'operator');
    await flush(uow, recorded);
    return result;
  });
  // After the commit, never inside it: a listener that reads the outbox now finds the events.
  if (recorded.length > 0) notifyCommitted(deps.db);
  return result;
}

export interface ChangeOptions {
  /**
   * Bookkeeping that records nothing (sign-in counters, when a feed was last read): each a
   * single atomic statement or two, numbering nothing and chaining nothing, so on PostgreSQL
   * it takes no write lock, and a flood of anonymous sign-ins never queues the council's writes
   * behind it. Recording anything in one is an error.
   */
  bookkeeping?: true;
}

/** Any constant: the key of the one transaction-scoped lock every write takes. */
const WRITE_LOCK = 7_401_997;

/**
 * On PostgreSQL, inside the transaction: the viewer is the change's own actor for row-level
 * security (`set local`, undone at commit or rollback), and the change waits for the write
 * lock. One write at a time, as on SQLite: every change numbers its audit entries and change
 * events after the last of its audience and chains its record entry to the last hash, and a
 * row it read cannot change before it commits, on any instance, so no update is lost and no
 * number is taken twice. Reads never take the lock; council writes are few and short.
 */
async function serializeWrites(trx: Transaction<Database>, actor: Actor): Promise<void> {
  // Keyed by the schema too: councils sharing a database in schemas of their own do not wait
  // for each other.
  await sql`select set_config('council.viewer', ${viewerOf(actor)}, true),
    pg_advisory_xact_lock(${WRITE_LOCK}, hashtext(current_schema()))`.execute(trx);
}

async function viewAs(trx: Transaction<Database>, viewer: Viewer): Promise<void> {
  await sql`select set_config('council.viewer', ${viewer}, true)`.execute(trx);
}

async function flush(
  uow: UnitOfWork,
  recorded: readonly ChangeRecord<EntityType>[],
): Promise<void> {
  const { trx, actor, at } = uow;
  const next = new Map<Audience, number>();
  // Indexed, not iterated: appending to the record may record a change of its own (the server
  // key's registration, the first time it signs), which is flushed in its turn.
  for (let i = 0; i < recorded.length; i++) {
    const entry = recorded[i] as ChangeRecord<EntityType>;
    const scope = scopeOf(entry);
    const audience = audienceOf(scope);
    const seq = (next.get(audience) ?? (await lastSeqOf(trx, audience))) + 1;
    next.set(audience, seq);
    const auditEventId = await insertAuditEntry(trx, {
      actor,
      at,
      audience,
      seq,
      scope,
      action: qualify(entry.entity, entry.action),
      entityType: entry.entity,
      entityId: entry.id,
      before: entry.audit ? entry.audit.before : auditImage(entry.entity, entry.before),
      after: entry.audit ? entry.audit.after : auditImage(entry.entity, entry.after),
    });
    await appendChangeEvent(trx, {
      audience,
      seq,
      at,
      entityType: entry.entity,
      entityId: entry.id,
      action: qualify(entry.entity, entry.action),
      auditEventId,
    });
    await voidPublicationRequests(trx, entry, audience);
    // A record event is also appended to its audience's hash-chained, signed record log.
    if (isRecordEvent(entry.entity, entry.action)) await appendRecordEntry(uow, entry, audience);
    if (entry.after !== undefined && isSearchable(entry.entity)) {
      if (entry.after === null) await removeDocument(trx, entry.entity, entry.id);
      else await indexDocument(trx, searchDocumentOf(entry.entity, entry.after as never));
    }
  }
}

function scopeOf(entry: ChangeRecord<EntityType>): Visible {
  if (entry.scope) return { visibility: entry.scope.visibility, party: entry.scope.party };
  const before = entry.before ?? null;
  const after = entry.after ?? null;
  const rows = [before, after].filter(
    (row): row is NonNullable<typeof row> => row !== null && 'visibility' in row,
  ) as unknown as Visible[];
  const [first, second] = rows;
  if (first === undefined) {
    throw new Error(`${entry.entity}.${entry.action} recorded without rows needs a scope`);
  }
  return second === undefined
    ? { visibility: first.visibility, party: first.party }
    : auditScope(first, second);
}
