import type { Transaction } from 'kysely';
import type { Deps } from '../deps.ts';
import { isPostgres } from './dialect.ts';
import type { Database } from './schema.ts';

/**
 * Runs `read` in a read-only transaction: one consistent snapshot of the whole database that
 * never blocks a writer (an export while the server keeps serving). Writes go through the
 * unit of work (src/server/modules/changes/unit-of-work.ts), never through here.
 */
export function readSnapshot<T>(
  deps: Pick<Deps, 'db'>,
  read: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  // PostgreSQL's default (read committed) gives each statement a snapshot of its own;
  // repeatable read gives the whole transaction one. SQLite's transaction is one already.
  const transaction = deps.db.transaction().setAccessMode('read only');
  return (
    isPostgres(deps.db) ? transaction.setIsolationLevel('repeatable read') : transaction
  ).execute(read);
}
