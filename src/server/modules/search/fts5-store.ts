import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import {
  type FullTextStore,
  MAX_RANKED,
  type Partition,
  type RankedText,
} from './full-text-store.ts';

/**
 * The words on SQLite: one FTS5 table per partition (`searchText:joint`), its rowid the
 * document's id in `searchDocuments`. BM25 counts how rare a word is among all the documents of
 * its table, so a table never holds two audiences (search-index.ts says why).
 */

const TABLE_PREFIX = 'searchText:';
const tableOf = (partition: Partition) => sql.table(`${TABLE_PREFIX}${partition}`);

/** Creates the full-text table of a partition the first time one of its documents arrives. */
async function ensureTable(db: Executor, partition: Partition): Promise<void> {
  // Prefix queries of three or more characters (the shortest prefix searched, see
  // toMatchQuery) read a prefix index instead of walking every term of the vocabulary.
  await sql`create virtual table if not exists ${tableOf(partition)} using fts5(
    "title", "body", tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3')`.execute(db);
}

/** The lowest rowid a search ranks in one partition's table (see MAX_RANKED); 0 for all. */
async function rankingFloor(db: Executor, partition: Partition, match: string): Promise<number> {
  const table = tableOf(partition);
  const { rows } = await sql<{ rowid: number }>`
    select rowid as "rowid" from ${table} where ${table} match ${match}
    order by rowid desc limit 1 offset ${MAX_RANKED - 1}`.execute(db);
  return rows[0]?.rowid ?? 0;
}

export const FTS5: FullTextStore = {
  async partitions(db) {
    const { rows } = await sql<{ name: string }>`
      select "name" from "sqlite_master" where "type" = 'table' and "name" like ${`${TABLE_PREFIX}%`}
        and "name" not like '%\\_%' escape '\\'`.execute(db);
    return rows.map((r) => r.name.slice(TABLE_PREFIX.length) as Partition);
  },

  async insert(db, partition, texts) {
    if (texts.length === 0) return;
    await ensureTable(db, partition);
    const values = texts.map((t) => sql`(${t.id}, ${t.title}, ${t.body})`);
    await sql`insert into ${tableOf(partition)} (rowid, "title", "body")
      values ${sql.join(values)}`.execute(db);
  },

  async remove(db, partition, id) {
    await sql`delete from ${tableOf(partition)} where rowid = ${id}`.execute(db);
  },

  async clear(db) {
    for (const partition of await FTS5.partitions(db)) {
      await sql`delete from ${tableOf(partition)}`.execute(db);
    }
  },

  async rank(db, partition, { match, limit, entityType }) {
    const table = tableOf(partition);
    const typeFilter: RawBuilder<unknown> =
      entityType === undefined ? sql`` : sql`and d."entityType" = ${entityType}`;
    const floor = await rankingFloor(db, partition, match);
    // BM25: lower is better; a title word is worth four of the body's.
    const { rows } = await sql<RankedText>`
      select t.rowid as "rowid", bm25(${table}, 4.0, 1.0) as "rank",
        d."entityType" as "entityType", d."entityId" as "entityId"
      from ${table} t join "searchDocuments" d on d."id" = t.rowid
      where ${table} match ${match} and t.rowid >= cast(${floor} as integer) ${typeFilter}
      order by "rank", d."entityType", d."entityId"
      limit ${limit}`.execute(db);
    return rows;
  },

  async read(db, partition, ids) {
    if (ids.length === 0) return [];
    // By rowid alone, with no MATCH: one indexed read per hit (see snippet.ts).
    const { rows } = await sql<{ id: number; title: string; body: string }>`
      select rowid as "id", "title", "body" from ${tableOf(partition)}
      where rowid in (${sql.join(ids.map((id) => sql`cast(${id} as integer)`))})`.execute(db);
    return rows;
  },
};
