import type { Transaction } from 'kysely';
import { vi } from 'vitest';
import type { Database } from '../../src/server/db/schema.ts';
import type { Deps } from '../../src/server/deps.ts';

/**
 * Commits `write` the moment the next transaction on `deps.db` opens, as a concurrent request
 * could: a service that read a row before opening its transaction then acts on a stale copy.
 */
export function commitBeforeNextTransaction(deps: Deps, write: () => Promise<unknown>): void {
  const spy = vi.spyOn(deps.db, 'transaction');
  spy.mockImplementationOnce(() => {
    // Restored first, so `write` and the service's own transaction run unintercepted.
    spy.mockRestore();
    const builder = deps.db.transaction();
    const execute = builder.execute.bind(builder);
    builder.execute = async <T>(callback: (trx: Transaction<Database>) => Promise<T>) => {
      await write();
      return execute(callback);
    };
    return builder;
  });
}
