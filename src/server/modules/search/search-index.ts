import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Visibility } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';

/**
 * The dialect-specific corner of full-text search (SQLite FTS5). Everything else in the
 * application reaches the index through these three functions, so that a PostgreSQL
 * implementation (tsvector) replaces this one file.
 */

export interface SearchDocument {
  entityType: string;
  entityId: string;
  visibility: Visibility;
  party: string | null;
  title: string;
  body: string;
}

/** Adds or replaces the document for one item. */
export async function indexDocument(db: Executor, doc: SearchDocument): Promise<void> {
  await removeDocument(db, doc.entityType, doc.entityId);
  await insertDocument(db, doc);
}

/**
 * Adds a document known not to be in the index yet. Removing first means a scan of the whole
 * index (its key columns are unindexed), so a rebuild of an emptied index inserts only.
 */
export async function insertDocument(db: Executor, doc: SearchDocument): Promise<void> {
  await sql`insert into "searchIndex" ("entityType", "entityId", "visibility", "party", "title", "body")
    values (${doc.entityType}, ${doc.entityId}, ${doc.visibility}, ${doc.party}, ${doc.title}, ${doc.body})`.execute(
    db,
  );
}

export async function removeDocument(
  db: Executor,
  entityType: string,
  entityId: string,
): Promise<void> {
  await sql`delete from "searchIndex" where "entityType" = ${entityType} and "entityId" = ${entityId}`.execute(
    db,
  );
}

export interface SearchHit {
  entityType: string;
  entityId: string;
  title: string;
  snippet: string;
  rank: number;
}

/**
 * Turns what a person typed into an FTS5 query that cannot fail to parse: every word becomes
 * a quoted prefix term, so operators (AND, NEAR, *, ^, column filters) and stray quotes are
 * searched for as text instead of being interpreted.
 */
export function toMatchQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 32);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

export async function searchDocuments(
  db: Executor,
  actor: Actor,
  text: string,
  options: { limit: number; offset: number; entityType?: string | undefined },
): Promise<SearchHit[]> {
  const match = toMatchQuery(text);
  if (match === null) return [];
  const typeFilter =
    options.entityType === undefined ? sql`` : sql`and s."entityType" = ${options.entityType}`;
  const result = await sql<SearchHit>`
    select s."entityType", s."entityId", s."title",
      snippet("searchIndex", -1, '[', ']', '…', 12) as "snippet",
      bm25("searchIndex", 0, 0, 0, 0, 4.0, 1.0) as "rank"
    from "searchIndex" s
    where "searchIndex" match ${match} and ${visibleTo(actor, 's')} ${typeFilter}
    order by "rank", s."entityId"
    limit ${options.limit} offset ${options.offset}`.execute(db);
  return result.rows;
}
