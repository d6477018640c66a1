import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// One file for both dialects.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * Where handing out a notice stands (`deliveredThrough`: per party, the last reader told, as
 * JSON). 2026-12-07T1100 first created the table without the column and was then amended to
 * create it with the column, the same day; a database migrated in between gets it here, one
 * migrated after finds it there already.
 */
export async function up(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table "pendingNotifications" add column if not exists "deliveredThrough" text`.execute(
      db,
    );
    return;
  }
  const { rows } = await sql<{ name: string }>`
    select "name" from pragma_table_info('pendingNotifications')`.execute(db);
  if (rows.some((c) => c.name === 'deliveredThrough')) return;
  await sql`alter table "pendingNotifications" add column "deliveredThrough" text`.execute(db);
}

export async function down(): Promise<void> {
  // The column belongs to 2026-12-07T1100 as it stands; nothing to undo here.
}
