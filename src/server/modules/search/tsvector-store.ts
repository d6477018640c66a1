import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import {
  type FullTextStore,
  MAX_RANKED,
  type Partition,
  type RankedText,
  type SearchTerm,
} from './full-text-store.ts';

/**
 * The words on PostgreSQL: one table, `searchText`, whose `terms` column (a tsvector computed by
 * the database, migrations-postgres/) holds every document's words under four text-search
 * configurations at once: `simple` (the words as written, for prefixes) and the stemmers of the
 * council's languages, `english`, `french` and `russian`, so that a document in any of them,
 * or in all three as a text's language versions are, is found by the inflected forms of its
 * words ("Косово" finds "Косову"). A GIN index answers the match.
 *
 * One table for every partition is safe here, where FTS5 needs one per partition: ts_rank scores
 * a document against the query from that document's own words alone, with no statistics over
 * the other rows, so a caller's ranking cannot count what it may not see. Each search still
 * reads only the partitions the caller may see, and the database refuses the others: the
 * match runs in its function `searchMatches`, which the GIN index answers and which checks the
 * connection's viewer itself (migrations-postgres/, row-level security).
 */

/** The configurations every document and every query word go through. */
const STEMMERS = ['english', 'french', 'russian'] as const;

/**
 * One query word as a tsquery: the word itself (a prefix when it is long enough) in `simple`,
 * or its stem in any of the languages. Words hold letters and digits only (termsOf), so they
 * cannot carry tsquery operators.
 */
function termQuery(term: SearchTerm): RawBuilder<unknown> {
  const simple = term.prefix ? `${term.word}:*` : term.word;
  const stems = STEMMERS.map((c) => sql`plainto_tsquery(${sql.lit(c)}::regconfig, ${term.word})`);
  return sql`(to_tsquery('simple', ${simple}) || ${sql.join(stems, sql` || `)})`;
}

const queryOf = (terms: readonly SearchTerm[]) => sql.join(terms.map(termQuery), sql` && `);

export const TSVECTOR: FullTextStore = {
  async partitions(db: Executor) {
    // The database's own function (row-level security migration): an index probe per
    // partition, and only those the connection's viewer may see.
    const { rows } = await sql<{ partition: string }>`
      select "searchPartitions" as "partition" from "searchPartitions"()`.execute(db);
    return rows.map((r) => r.partition as Partition);
  },

  async insert(db, partition, texts) {
    if (texts.length === 0) return;
    const values = texts.map((t) => sql`(${t.id}, ${partition}, ${t.title}, ${t.body})`);
    await sql`insert into "searchText" ("id", "partition", "title", "body")
      values ${sql.join(values)}`.execute(db);
  },

  async remove(db, _partition, id) {
    await sql`delete from "searchText" where "id" = ${id}`.execute(db);
  },

  async clear(db) {
    await sql`delete from "searchText"`.execute(db);
  },

  async rank(db, partition, { terms, limit, entityType }) {
    const typeFilter: RawBuilder<unknown> =
      entityType === undefined ? sql`` : sql`and d."entityType" = ${entityType}`;
    // Weights D, C, B, A: a title word (A) is worth four of the body's (D), as on SQLite.
    // ts_rank grows with the match; the store answers lower-is-better, hence the minus.
    const { rows } = await sql<RankedText>`
      with "query" as (select ${queryOf(terms)} as "q"),
      "recent" as (
        select m."id", m."terms" from "query", "searchMatches"(${partition}, "query"."q", ${MAX_RANKED}) m)
      select r."id" as "rowid",
        -ts_rank('{0.25, 0.25, 0.25, 1.0}', r."terms", "query"."q")::float8 as "rank",
        d."entityType" as "entityType", d."entityId" as "entityId"
      from "recent" r cross join "query" join "searchDocuments" d on d."id" = r."id"
      where true ${typeFilter}
      order by "rank", d."entityType", d."entityId"
      limit ${limit}`.execute(db);
    return rows;
  },

  async read(db, partition, ids) {
    if (ids.length === 0) return [];
    const { rows } = await sql<{ id: number; title: string; body: string }>`
      select "id", "title", "body" from "searchText"
      where "partition" = ${partition} and "id" in (${sql.join(ids.map((id) => sql`${id}`))})`.execute(
      db,
    );
    return rows;
  },
};
