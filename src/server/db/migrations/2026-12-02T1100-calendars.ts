import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * Calendars people subscribe to:
 *
 * - Meetings know the IANA time zone they were set in (`timeZone`, UTC for every meeting made
 *   before: their instants are right in UTC) and count the changes a calendar shows
 *   (`sequence`, iCalendar's SEQUENCE), so that a client replaces its copy of the event.
 * - The calendar reads each audience on its own index, in (date, id) order: public and joint
 *   meetings by visibility, a party's caucus by party, so that the rows a caller cannot see
 *   are never read while its calendar is written, and its pages cost the same however many
 *   of them there are.
 * - `calendarFeeds`: each user's private, revocable feed URLs. Only the SHA-256 of a feed's
 *   secret is stored, as for sessions: a copy of the database opens no feed.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .addColumn('timeZone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .execute();
  await db.schema
    .alterTable('meetings')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('meetingsByVisibility')
    .on('meetings')
    .columns(['visibility', 'date', 'id'])
    .execute();
  await db.schema
    .createIndex('meetingsByParty')
    .on('meetings')
    .columns(['party', 'date', 'id'])
    .execute();

  await db.schema
    .createTable('calendarFeeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tokenHash', 'text', (c) => c.notNull().unique())
    .addColumn('userId', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('label', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('lastUsedAt', 'text')
    .execute();
  await db.schema
    .createIndex('calendarFeedsByUser')
    .on('calendarFeeds')
    .columns(['userId', 'createdAt'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('calendarFeeds').ifExists().execute();
  await db.schema.dropIndex('meetingsByParty').ifExists().execute();
  await db.schema.dropIndex('meetingsByVisibility').ifExists().execute();
  await db.schema.alterTable('meetings').dropColumn('sequence').execute();
  await db.schema.alterTable('meetings').dropColumn('timeZone').execute();
}
