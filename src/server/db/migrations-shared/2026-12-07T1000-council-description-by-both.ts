import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// One file for both dialects: every statement here means the same on SQLite and PostgreSQL.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * The council's description is what the public reads of the council as a whole, under both
 * parties' names; until now one party's secretary changed it alone. A new description is now
 * proposed by one party (`proposedDescription`, joint: both parties read it, the public does
 * not) and becomes the council's once every party asked to publish the same proposal
 * (`descriptionVersion`, which every proposal moves, is what a request names).
 *
 * `descriptionProposedBy` is null when nothing is proposed; a proposal may propose no
 * description at all (`proposedDescription` null). No foreign key, as for the marking
 * ceilings: the invariants check that it names a party.
 */
export async function up(db: Db): Promise<void> {
  await sql`alter table "council" add column "descriptionVersion" integer not null default 1`.execute(
    db,
  );
  await sql`alter table "council" add column "proposedDescription" text`.execute(db);
  await sql`alter table "council" add column "descriptionProposedBy" text`.execute(db);
  await sql`alter table "council" add column "descriptionProposedAt" text`.execute(db);
}

export async function down(db: Db): Promise<void> {
  for (const column of [
    'descriptionProposedAt',
    'descriptionProposedBy',
    'proposedDescription',
    'descriptionVersion',
  ]) {
    await sql`alter table "council" drop column ${sql.ref(column)}`.execute(db);
  }
}
