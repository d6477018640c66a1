import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type SearchableType, searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument, type SearchDocument } from '../search/search-index.ts';

type Trx = Transaction<Database>;

// A Record over SearchableType: a type made searchable later fails to compile until it is
// listed here, so an import can never leave it out of the index.
const documentsOf: Record<SearchableType, (trx: Trx) => Promise<SearchDocument[]>> = {
  meeting: async (trx) =>
    (await trx.selectFrom('meetings').selectAll().execute()).map((r) =>
      searchDocumentOf('meeting', r),
    ),
  agendaItem: async (trx) =>
    (await trx.selectFrom('agendaItems').selectAll().execute()).map((r) =>
      searchDocumentOf('agendaItem', r),
    ),
  workProgramme: async (trx) =>
    (await trx.selectFrom('workProgrammes').selectAll().execute()).map((r) =>
      searchDocumentOf('workProgramme', r),
    ),
  activity: async (trx) =>
    (await trx.selectFrom('activities').selectAll().execute()).map((r) =>
      searchDocumentOf('activity', r),
    ),
  activityProgress: async (trx) =>
    (await trx.selectFrom('activityProgress').selectAll().execute()).map((r) =>
      searchDocumentOf('activityProgress', r),
    ),
  decision: async (trx) =>
    (await trx.selectFrom('decisions').selectAll().execute()).map((r) =>
      searchDocumentOf('decision', r),
    ),
  note: async (trx) =>
    (await trx.selectFrom('notes').selectAll().execute()).map((r) => searchDocumentOf('note', r)),
  office: async (trx) =>
    (await trx.selectFrom('offices').selectAll().execute()).map((r) =>
      searchDocumentOf('office', r),
    ),
  operation: async (trx) =>
    (await trx.selectFrom('operations').selectAll().execute()).map((r) =>
      searchDocumentOf('operation', r),
    ),
  timelineEvent: async (trx) =>
    (await trx.selectFrom('timelineEvents').selectAll().execute()).map((r) =>
      searchDocumentOf('timelineEvent', r),
    ),
  topic: async (trx) =>
    (await trx.selectFrom('topics').selectAll().execute()).map((r) => searchDocumentOf('topic', r)),
  person: async (trx) =>
    (await trx.selectFrom('people').selectAll().execute()).map((r) =>
      searchDocumentOf('person', r),
    ),
  delegation: async (trx) =>
    (await trx.selectFrom('delegations').selectAll().execute()).map((r) =>
      searchDocumentOf('delegation', r),
    ),
};

/**
 * Empties the full-text index and indexes every searchable item again, through the same
 * document builders the services use, so an imported item is found by the same words as one
 * created through the API. Returns the number of documents indexed.
 */
export async function rebuildSearchIndex(trx: Trx): Promise<number> {
  await sql`delete from "searchIndex"`.execute(trx);
  let indexed = 0;
  for (const load of Object.values(documentsOf)) {
    for (const document of await load(trx)) {
      await indexDocument(trx, document);
      indexed += 1;
    }
  }
  return indexed;
}
