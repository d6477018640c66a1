import type { Transaction } from 'kysely';
import type { Database, NewRow } from '../../db/schema.ts';

/**
 * Appends one change event to the outbox. Called by the unit of work only, in the change's
 * own transaction: an event exists exactly when its change committed, and the autoincrement
 * key is the commit order (SQLite has one writer at a time). Events carry their audience and
 * their number within it, which is all a subscriber may learn of their place in the stream.
 */
export async function appendChangeEvent(
  trx: Transaction<Database>,
  event: NewRow<'changeEvents'>,
): Promise<void> {
  await trx.insertInto('changeEvents').values(event).execute();
}
