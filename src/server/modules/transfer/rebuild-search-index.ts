import { sql, type Transaction } from 'kysely';
import type { Database, Row, TableName } from '../../db/schema.ts';
import { type SearchableType, searchDocumentOf } from '../search/search-documents.ts';
import { insertDocument } from '../search/search-index.ts';

type DocumentRow<K extends SearchableType> = Parameters<typeof searchDocumentOf<K>>[1];
type TableHolding<R> = { [T in TableName]: Row<T> extends R ? T : never }[TableName];

// A Record over SearchableType: a type made searchable later fails to compile until it is
// listed here, so an import can never leave it out of the index; and each table must hold the
// rows its type's document is built from.
const TABLE_OF: { [K in SearchableType]: TableHolding<DocumentRow<K>> } = {
  meeting: 'meetings',
  agendaItem: 'agendaItems',
  workProgramme: 'workProgrammes',
  activity: 'activities',
  activityProgress: 'activityProgress',
  decision: 'decisions',
  note: 'notes',
  office: 'offices',
  operation: 'operations',
  timelineEvent: 'timelineEvents',
  topic: 'topics',
  person: 'people',
  delegation: 'delegations',
};

/**
 * Empties the full-text index and indexes every searchable item again, through the same
 * document builders the services use, so an imported item is found by the same words as one
 * created through the API. The index starts empty, so each document is only inserted (a
 * replace would scan the whole index per item). Returns the number of documents indexed.
 */
export async function rebuildSearchIndex(trx: Transaction<Database>): Promise<number> {
  await sql`delete from "searchIndex"`.execute(trx);
  let indexed = 0;
  for (const type of Object.keys(TABLE_OF) as SearchableType[]) {
    const rows = await trx.selectFrom(TABLE_OF[type]).selectAll().execute();
    for (const row of rows) {
      await insertDocument(trx, searchDocumentOf(type, row));
      indexed += 1;
    }
  }
  return indexed;
}
