import type { Transaction } from 'kysely';
import type { Deps } from '../deps.ts';
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
  return deps.db.transaction().setAccessMode('read only').execute(read);
}
