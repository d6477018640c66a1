import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './database.ts';
import * as createCouncilCore from './migrations/2026-11-27T2300-create-council-core.ts';
import * as oneWritePath from './migrations/2026-12-01T1000-one-write-path.ts';
import * as sourcesEverywhere from './migrations/2026-12-01T1100-sources-everywhere.ts';
import * as councilStatementsAndRecordCoverage from './migrations/2026-12-01T1110-council-statements-and-record-coverage.ts';
import * as accounts from './migrations/2026-12-02T1000-accounts.ts';
import * as calendars from './migrations/2026-12-02T1100-calendars.ts';
import * as negotiatedTexts from './migrations/2026-12-02T1200-negotiated-texts.ts';
import * as recordKeys from './migrations/2026-12-02T1400-record-keys.ts';

// Listed by hand rather than read from the folder, so that migrations resolve the same way
// under Node, Vitest and any future bundle.
const migrations: Record<string, Migration> = {
  '2026-11-27T2300-create-council-core': createCouncilCore,
  '2026-12-01T1000-one-write-path': oneWritePath,
  '2026-12-01T1100-sources-everywhere': sourcesEverywhere,
  '2026-12-01T1110-council-statements-and-record-coverage': councilStatementsAndRecordCoverage,
  '2026-12-02T1000-accounts': accounts,
  '2026-12-02T1100-calendars': calendars,
  '2026-12-02T1200-negotiated-texts': negotiatedTexts,
  '2026-12-02T1400-record-keys': recordKeys,
};

/**
 * Migrations that leave application-built data to rebuild (a migration may not import
 * application code): whoever migrates rebuilds the search index once after them
 * (src/server/prepare-database.ts).
 */
export const REBUILDS_SEARCH: ReadonlySet<string> = new Set(['2026-12-01T1000-one-write-path']);

/** Every migration, in the order they run. */
export const MIGRATION_NAMES = Object.keys(migrations).sort();

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
