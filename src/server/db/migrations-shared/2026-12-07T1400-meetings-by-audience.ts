import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// One file for both dialects: every statement here means the same on SQLite and PostgreSQL.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/** Each filter of the meetings list with an index of its own. */
const FILTERS = [
  ['meetingsByLevel', 'level'],
  ['meetingsByStatus', 'status'],
  ['meetingsByFormat', 'format'],
] as const;

const columns = (names: readonly string[]) => sql.join(names.map((name) => sql.ref(name)));

/**
 * The meetings list reads each audience the caller may see on its own, as the notes are
 * (2026-12-04T1000). Walked in date order and dropped, the other party's caucus meetings made
 * a Russian member's first page take 0.24 ms with none and 1.9 ms with 50,000
 * (bench/hidden-meetings.ts): a measure of NATO's caucus work.
 *
 * No index a page can walk holds another party's caucus: those led by visibility (alone or
 * after a filter) hold public and joint meetings only, those led by party (alone or after a
 * filter) that party's caucus only, and the date index, which held everything, goes. Whole
 * indexes left it to each planner's statistics: SQLite read a party's caucus on the
 * visibility index, past the other party's, as soon as both covered the page, and PostgreSQL
 * walked the date index for the joint audience. A query names the condition of a partial
 * index word for word to use it (audienceConditions' `sharedApart`).
 */
export async function up(db: Db): Promise<void> {
  await sql`drop index "meetingsByDate"`.execute(db);
  await sql`drop index "meetingsByVisibility"`.execute(db);
  await sql`create index "meetingsByVisibility" on "meetings" ("visibility", "date", "id")
    where "visibility" <> 'caucus'`.execute(db);
  await sql`drop index "meetingsByParty"`.execute(db);
  await sql`create index "meetingsByParty" on "meetings" ("party", "date", "id")
    where "visibility" = 'caucus'`.execute(db);
  for (const [name, filter] of FILTERS) {
    await sql`drop index ${sql.ref(name)}`.execute(db);
    await sql`create index ${sql.ref(name)}
      on "meetings" (${columns([filter, 'visibility', 'date', 'id'])})
      where "visibility" <> 'caucus'`.execute(db);
    await sql`create index ${sql.ref(`${name}Party`)}
      on "meetings" (${columns([filter, 'party', 'date', 'id'])})
      where "visibility" = 'caucus'`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  for (const [name, filter] of FILTERS) {
    await sql`drop index ${sql.ref(`${name}Party`)}`.execute(db);
    await sql`drop index ${sql.ref(name)}`.execute(db);
    await sql`create index ${sql.ref(name)} on "meetings" (${columns([filter, 'date', 'id'])})`.execute(
      db,
    );
  }
  await sql`drop index "meetingsByParty"`.execute(db);
  await sql`create index "meetingsByParty" on "meetings" ("party", "date", "id")`.execute(db);
  await sql`drop index "meetingsByVisibility"`.execute(db);
  await sql`create index "meetingsByVisibility" on "meetings" ("visibility", "date", "id")`.execute(
    db,
  );
  await sql`create index "meetingsByDate" on "meetings" ("date", "id")`.execute(db);
}
