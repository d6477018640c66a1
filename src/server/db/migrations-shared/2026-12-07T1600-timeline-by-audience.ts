import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// One file for both dialects: every statement here means the same on SQLite and PostgreSQL.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * The timeline reads each audience the caller may see on its own, in date order, as the
 * meetings list does (2026-12-07T1400): public and joint events on indexes of public and
 * joint events only, a party's caucus events on an index of that party's caucus only, each
 * named word for word by the audience's condition. The date index, which held every event
 * and which a planner could walk past the other party's caucus, goes.
 */
export async function up(db: Db): Promise<void> {
  await sql`drop index "timelineEventsByDate"`.execute(db);
  await sql`drop index "timelineEventsByKind"`.execute(db);
  await sql`create index "timelineEventsByVisibility" on "timelineEvents" ("visibility", "date", "id")
    where "visibility" <> 'caucus'`.execute(db);
  await sql`create index "timelineEventsByParty" on "timelineEvents" ("party", "date", "id")
    where "visibility" = 'caucus'`.execute(db);
  await sql`create index "timelineEventsByKind" on "timelineEvents" ("kind", "visibility", "date", "id")
    where "visibility" <> 'caucus'`.execute(db);
  await sql`create index "timelineEventsByKindParty" on "timelineEvents" ("kind", "party", "date", "id")
    where "visibility" = 'caucus'`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await sql`drop index "timelineEventsByKindParty"`.execute(db);
  await sql`drop index "timelineEventsByKind"`.execute(db);
  await sql`drop index "timelineEventsByParty"`.execute(db);
  await sql`drop index "timelineEventsByVisibility"`.execute(db);
  await sql`create index "timelineEventsByKind" on "timelineEvents" ("kind", "date", "id")`.execute(
    db,
  );
  await sql`create index "timelineEventsByDate" on "timelineEvents" ("date", "id")`.execute(db);
}
