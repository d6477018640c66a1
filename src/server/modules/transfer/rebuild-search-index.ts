import type { Transaction } from 'kysely';
import { SEARCHABLE_TYPES } from '../../../shared/entities.ts';
import type { Executor } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { ENTITY_TABLES } from '../changes/entity-tables.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { clearIndex, indexDocument } from '../search/search-index.ts';

/**
 * Empties the full-text index and indexes every searchable item again, through the same
 * document builders the unit of work uses, so an imported item is found by the same words as
 * one created through the API. Returns the number of documents indexed.
 */
export async function rebuildSearchIndex(trx: Transaction<Database> | Executor): Promise<number> {
  await clearIndex(trx);
  let indexed = 0;
  for (const type of SEARCHABLE_TYPES) {
    const rows = await trx.selectFrom(ENTITY_TABLES[type]).selectAll().execute();
    for (const row of rows) {
      await indexDocument(trx, searchDocumentOf(type, row as never));
      indexed += 1;
    }
  }
  return indexed;
}
