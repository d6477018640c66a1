import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/** The indexes of public and joint meetings, by what leads them. */
const SHARED = [
  ['meetingsByVisibility', []],
  ['meetingsByLevel', ['level']],
  ['meetingsByStatus', ['status']],
  ['meetingsByFormat', ['format']],
] as const;

const columns = (names: readonly string[]) => sql.join(names.map((name) => sql.ref(name)));

/**
 * PostgreSQL picks an index by cost: for the joint audience of the meetings list
 * (2026-12-07T1400) it walked meetingsByDate and dropped what was not joint, the other
 * party's caucus meetings among them, and it may read a party's caucus on a visibility index
 * that holds both parties'. Here no index that a list can walk holds a caucus meeting except
 * the party's own (the caucus-only party indexes): meetingsByDate goes, and the indexes led by
 * visibility hold public and joint meetings only. A query names the visibility as a literal
 * to use them (PostgreSQL proves `visibility = 'joint'` implies `visibility <> 'caucus'`).
 * SQLite keeps its indexes whole: its planner cannot prove that, and its plans are tested.
 */
export async function up(db: Db): Promise<void> {
  await sql`drop index "meetingsByDate"`.execute(db);
  for (const [name, lead] of SHARED) {
    await sql`drop index ${sql.ref(name)}`.execute(db);
    await sql`create index ${sql.ref(name)}
      on "meetings" (${columns([...lead, 'visibility', 'date', 'id'])})
      where "visibility" <> 'caucus'`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  for (const [name, lead] of SHARED) {
    await sql`drop index ${sql.ref(name)}`.execute(db);
    await sql`create index ${sql.ref(name)}
      on "meetings" (${columns([...lead, 'visibility', 'date', 'id'])})`.execute(db);
  }
  await sql`create index "meetingsByDate" on "meetings" ("date", "id")`.execute(db);
}
