import { sql } from 'kysely';
import {
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
} from 'kysely/migration';
import type { Db } from './database.ts';
import { isPostgres } from './dialect.ts';
import * as createCouncilCore from './migrations/2026-11-27T2300-create-council-core.ts';
import * as oneWritePath from './migrations/2026-12-01T1000-one-write-path.ts';
import * as sourcesEverywhere from './migrations/2026-12-01T1100-sources-everywhere.ts';
import * as councilStatementsAndRecordCoverage from './migrations/2026-12-01T1110-council-statements-and-record-coverage.ts';
import * as accounts from './migrations/2026-12-02T1000-accounts.ts';
import * as calendars from './migrations/2026-12-02T1100-calendars.ts';
import * as negotiatedTexts from './migrations/2026-12-02T1200-negotiated-texts.ts';
import * as recordKeys from './migrations/2026-12-02T1400-record-keys.ts';
import * as postgresBaseline from './migrations-postgres/2026-12-03T1000-baseline.ts';
import * as postgresRowLevelSecurity from './migrations-postgres/2026-12-03T1100-row-level-security.ts';
import * as postgresNotificationsRowLevelSecurity from './migrations-postgres/2026-12-03T1300-notifications-row-level-security.ts';
import * as postgresViewerOncePerStatement from './migrations-postgres/2026-12-03T1400-viewer-once-per-statement.ts';
import * as postgresSearchKeysPerPartition from './migrations-postgres/2026-12-03T1600-search-keys-per-partition.ts';
import * as postgresPendingNotificationsRowLevelSecurity from './migrations-postgres/2026-12-07T1110-pending-notifications-row-level-security.ts';
import * as postgresNotificationsToReadersOnly from './migrations-postgres/2026-12-07T1200-notifications-to-readers-only.ts';
import * as addressAttempts from './migrations-shared/2026-12-03T1200-address-attempts.ts';
import * as topicLinksByAudience from './migrations-shared/2026-12-03T1500-topic-links-by-audience.ts';
import * as notesByAudience from './migrations-shared/2026-12-04T1000-notes-by-audience.ts';
import * as jointMarkingCeilings from './migrations-shared/2026-12-04T1100-joint-marking-ceilings.ts';
import * as programmesByAudience from './migrations-shared/2026-12-04T1200-programmes-by-audience.ts';
import * as councilDescriptionByBoth from './migrations-shared/2026-12-07T1000-council-description-by-both.ts';
import * as notificationsAfterCommit from './migrations-shared/2026-12-07T1100-notifications-after-commit.ts';
import * as noticeProgress from './migrations-shared/2026-12-07T1300-notice-progress.ts';
import * as meetingsByAudience from './migrations-shared/2026-12-07T1400-meetings-by-audience.ts';
import * as textsByAudience from './migrations-shared/2026-12-07T1500-texts-by-audience.ts';
import * as timelineByAudience from './migrations-shared/2026-12-07T1600-timeline-by-audience.ts';

// Listed by hand rather than read from the folder, so that migrations resolve the same way
// under Node, Vitest and any future bundle.
const sqliteMigrations: Record<string, Migration> = {
  '2026-11-27T2300-create-council-core': createCouncilCore,
  '2026-12-01T1000-one-write-path': oneWritePath,
  '2026-12-01T1100-sources-everywhere': sourcesEverywhere,
  '2026-12-01T1110-council-statements-and-record-coverage': councilStatementsAndRecordCoverage,
  '2026-12-02T1000-accounts': accounts,
  '2026-12-02T1100-calendars': calendars,
  '2026-12-02T1200-negotiated-texts': negotiatedTexts,
  '2026-12-02T1400-record-keys': recordKeys,
  '2026-12-03T1200-address-attempts': addressAttempts,
  '2026-12-03T1500-topic-links-by-audience': topicLinksByAudience,
  '2026-12-04T1000-notes-by-audience': notesByAudience,
  '2026-12-04T1100-joint-marking-ceilings': jointMarkingCeilings,
  '2026-12-04T1200-programmes-by-audience': programmesByAudience,
  '2026-12-07T1000-council-description-by-both': councilDescriptionByBoth,
  '2026-12-07T1100-notifications-after-commit': notificationsAfterCommit,
  '2026-12-07T1300-notice-progress': noticeProgress,
  '2026-12-07T1400-meetings-by-audience': meetingsByAudience,
  '2026-12-07T1500-texts-by-audience': textsByAudience,
  '2026-12-07T1600-timeline-by-audience': timelineByAudience,
};

/**
 * PostgreSQL's own history, which starts at the schema SQLite had reached when PostgreSQL came
 * (migrations-postgres/2026-12-03T1000-baseline.ts). A later change of the schema adds a
 * migration to both lists: one file when the same statements suit both dialects, one per
 * dialect when they must differ.
 */
const postgresMigrations: Record<string, Migration> = {
  '2026-12-03T1000-baseline': postgresBaseline,
  '2026-12-03T1100-row-level-security': postgresRowLevelSecurity,
  '2026-12-03T1200-address-attempts': addressAttempts,
  '2026-12-03T1300-notifications-row-level-security': postgresNotificationsRowLevelSecurity,
  '2026-12-03T1400-viewer-once-per-statement': postgresViewerOncePerStatement,
  '2026-12-03T1500-topic-links-by-audience': topicLinksByAudience,
  '2026-12-03T1600-search-keys-per-partition': postgresSearchKeysPerPartition,
  '2026-12-04T1000-notes-by-audience': notesByAudience,
  '2026-12-04T1100-joint-marking-ceilings': jointMarkingCeilings,
  '2026-12-04T1200-programmes-by-audience': programmesByAudience,
  '2026-12-07T1000-council-description-by-both': councilDescriptionByBoth,
  '2026-12-07T1100-notifications-after-commit': notificationsAfterCommit,
  '2026-12-07T1110-pending-notifications-row-level-security':
    postgresPendingNotificationsRowLevelSecurity,
  '2026-12-07T1200-notifications-to-readers-only': postgresNotificationsToReadersOnly,
  '2026-12-07T1300-notice-progress': noticeProgress,
  '2026-12-07T1400-meetings-by-audience': meetingsByAudience,
  '2026-12-07T1500-texts-by-audience': textsByAudience,
  '2026-12-07T1600-timeline-by-audience': timelineByAudience,
};

/**
 * Migrations that leave application-built data to rebuild (a migration may not import
 * application code): whoever migrates rebuilds the search index once after them
 * (src/server/prepare-database.ts).
 */
export const REBUILDS_SEARCH: ReadonlySet<string> = new Set(['2026-12-01T1000-one-write-path']);

/** Every SQLite migration, in the order they run. */
export const MIGRATION_NAMES = Object.keys(sqliteMigrations).sort();

/** Brings the schema up to date; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return outcomeOf(await (await migratorOf(db)).migrateToLatest());
}

/**
 * Brings the schema to just after the named migration, down or up (a test of a migration
 * rewinds to it); throws with the failing migration's name on error.
 */
export async function migrateTo(db: Db, name: string): Promise<string[]> {
  return outcomeOf(await (await migratorOf(db)).migrateTo(name));
}

async function migratorOf(db: Db): Promise<Migrator> {
  const migrations = isPostgres(db) ? postgresMigrations : sqliteMigrations;
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  // Kysely looks for its own tables across every schema of a PostgreSQL database: name the one
  // this connection works in, or a second council in the same database would find the first's.
  const migrationTableSchema = isPostgres(db)
    ? (await sql<{ schema: string }>`select current_schema() as "schema"`.execute(db)).rows[0]
        ?.schema
    : undefined;
  return new Migrator({
    db,
    provider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

function outcomeOf({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
