import { sql, type Transaction } from 'kysely';
import { SEARCHABLE_TYPES } from '../../../shared/entities.ts';
import type { Executor } from '../../db/database.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { ENTITY_TABLES } from '../changes/entity-tables.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { clearIndex, insertDocuments } from '../search/search-index.ts';

/**
 * Empties the full-text index and indexes every searchable item again, through the same
 * document builders the unit of work uses, so an imported item is found by the same words as
 * one created through the API. Rows are read a page at a time and inserted in batches.
 * Returns the number of documents indexed.
 */
export async function rebuildSearchIndex(trx: Transaction<Database> | Executor): Promise<number> {
  await clearIndex(trx);
  let indexed = 0;
  const PAGE = 5_000;
  // Page by SQLite's rowid (the order the rows were written, so the most recent stay the most
  // recent for MAX_RANKED) or, on PostgreSQL, which has none, by id: a million rows are never
  // all in memory at once.
  const key = isPostgres(trx) ? sql<string | number>`"id"` : sql<string | number>`rowid`;
  for (const type of SEARCHABLE_TYPES) {
    let after: string | number = isPostgres(trx) ? '' : 0;
    for (;;) {
      const rows = await trx
        .selectFrom(ENTITY_TABLES[type])
        .selectAll()
        .select(key.as('__key'))
        .where(sql<boolean>`${key} > ${after}`)
        .orderBy(key)
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      after = (rows[rows.length - 1] as { __key: string | number }).__key;
      await insertDocuments(
        trx,
        rows.map(({ __key: _key, ...row }) => searchDocumentOf(type, row as never)),
      );
      indexed += rows.length;
    }
  }
  return indexed;
}
