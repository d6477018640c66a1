import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// One file for both dialects: every statement here means the same on SQLite and PostgreSQL.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * The sign-in attempts of each client address in its current window, counted in the database
 * instead of each process's memory, so that every instance behind a load balancer counts the
 * same attempts (an address may not try ten passwords a minute on each of them). Like sessions,
 * never exported: an address is the client's, and a window lasts a minute.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('addressAttempts')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`"count" > 0`))
    .addColumn('windowStartedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('addressAttemptsByWindow')
    .on('addressAttempts')
    .column('windowStartedAt')
    .execute();
  // PostgreSQL: the application's role (row-level security migration) may use it.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`grant select, insert, update, delete on "addressAttempts" to council_app`.execute(db);
  }
}
