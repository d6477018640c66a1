import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// One file for both dialects: every statement here means the same on SQLite and PostgreSQL.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/** Each index of the notes list: its name and the parent it lists by (none: every note). */
const LISTS = [
  ['notesByMeeting', ['meetingId']],
  ['notesByAgendaItem', ['agendaItemId']],
  ['notesByDecision', ['decisionId']],
  ['notesByCreated', []],
] as const;

const columns = (names: readonly string[]) => sql.join(names.map((name) => sql.ref(name)));

/**
 * The notes list reads each audience the caller may see on its own (public, joint, its party's
 * caucus), and each seeks only its own part of an index, in date order: public and joint notes
 * on (parent, visibility, createdAt, id), a party's caucus on (parent, party, visibility,
 * createdAt, id). Walking (parent, createdAt) and dropping the rows the caller may not see took
 * longer the more caucus notes the other party kept on a joint meeting (0.36 ms with none,
 * 1.7 ms with 50,000: bench/hidden-notes.ts), a measure of its caucus work.
 */
export async function up(db: Db): Promise<void> {
  for (const [name, parent] of LISTS) {
    await sql`drop index ${sql.ref(name)}`.execute(db);
    await sql`create index ${sql.ref(name)}
      on "notes" (${columns([...parent, 'visibility', 'createdAt', 'id'])})`.execute(db);
    await sql`create index ${sql.ref(`${name}Party`)}
      on "notes" (${columns([...parent, 'party', 'visibility', 'createdAt', 'id'])})`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  for (const [name, parent] of LISTS) {
    await sql`drop index ${sql.ref(`${name}Party`)}`.execute(db);
    await sql`drop index ${sql.ref(name)}`.execute(db);
    await sql`create index ${sql.ref(name)}
      on "notes" (${columns([...parent, 'createdAt', 'id'])})`.execute(db);
  }
}
