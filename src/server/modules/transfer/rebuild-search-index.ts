import { sql, type Transaction } from 'kysely';
import { SEARCHABLE_TYPES } from '../../../shared/entities.ts';
import type { Executor } from '../../db/database.ts';
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
  for (const type of SEARCHABLE_TYPES) {
    // Page by rowid, so that a million rows are never all in memory at once.
    let after = 0;
    for (;;) {
      const rows = await trx
        .selectFrom(ENTITY_TABLES[type])
        .selectAll()
        .select(sql<number>`rowid`.as('__rowid'))
        .where(sql<boolean>`rowid > ${after}`)
        .orderBy(sql`rowid`)
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      after = (rows[rows.length - 1] as { __rowid: number }).__rowid;
      await insertDocuments(
        trx,
        rows.map((row) => searchDocumentOf(type, row as never)),
      );
      indexed += rows.length;
    }
  }
  return indexed;
}
