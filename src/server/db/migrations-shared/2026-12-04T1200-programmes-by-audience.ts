import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// One file for both dialects: every statement here means the same on SQLite and PostgreSQL.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/** Each index a programme's reads walk: its name, table, parent and order, before and after. */
const INDEXES = [
  ['workProgrammeAreasByProgramme', 'workProgrammeAreas', 'programmeId', ['position']],
  ['activitiesByProgramme', 'activities', 'programmeId', ['createdAt', 'id']],
  ['activityProgressByActivity', 'activityProgress', 'activityId', ['on', 'id']],
] as const;

/** What each index was before. */
const BEFORE: Record<(typeof INDEXES)[number][0], readonly string[]> = {
  workProgrammeAreasByProgramme: ['programmeId', 'position'],
  activitiesByProgramme: ['programmeId', 'id'],
  activityProgressByActivity: ['activityId', 'on', 'id'],
};

const columns = (names: readonly string[]) => sql.join(names.map((name) => sql.ref(name)));

/**
 * A programme's areas, activities and progress notes are read per audience, as the notes are
 * (2026-12-04T1000): public and joint rows on (parent, visibility, order...), a party's
 * caucus on (parent, party, visibility, order...). Walked from the parent alone, a read of a
 * programme went past every caucus row the other party kept in it, and took longer the more
 * there were.
 */
export async function up(db: Db): Promise<void> {
  for (const [name, table, parent, order] of INDEXES) {
    await sql`drop index ${sql.ref(name)}`.execute(db);
    await sql`create index ${sql.ref(name)}
      on ${sql.table(table)} (${columns([parent, 'visibility', ...order])})`.execute(db);
    await sql`create index ${sql.ref(`${name}Party`)}
      on ${sql.table(table)} (${columns([parent, 'party', 'visibility', ...order])})`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  for (const [name, table] of INDEXES) {
    await sql`drop index ${sql.ref(`${name}Party`)}`.execute(db);
    await sql`drop index ${sql.ref(name)}`.execute(db);
    await sql`create index ${sql.ref(name)} on ${sql.table(table)} (${columns(BEFORE[name])})`.execute(
      db,
    );
  }
}
