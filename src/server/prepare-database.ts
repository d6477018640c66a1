import type { Db } from './db/database.ts';
import { migrateToLatest, REBUILDS_SEARCH } from './db/migrate.ts';
import { enableRowSecurity } from './db/postgres.ts';
import { OPERATOR } from './modules/access/actor.ts';
import { change } from './modules/changes/unit-of-work.ts';
import { rebuildSearchIndex } from './modules/transfer/rebuild-search-index.ts';

/**
 * Brings a database up to date before anything uses it: the migrations, then what the
 * migrations leave to the application (a migration never imports application code, so it
 * cannot build search documents). On PostgreSQL, the database is then used as the
 * application's role, under row-level security. Answers the migrations applied.
 */
export async function prepareDatabase(db: Db): Promise<string[]> {
  const applied = await migrateToLatest(db);
  enableRowSecurity(db);
  if (applied.some((name) => REBUILDS_SEARCH.has(name))) {
    await change({ db, clock: () => new Date(), ids: () => '' }, OPERATOR, ({ trx }) =>
      rebuildSearchIndex(trx),
    );
  }
  return applied;
}
