import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// Every column type here is one that both SQLite and PostgreSQL accept. SQLite adds a column
// with a foreign key only when its default is null, which every `sourceId` here is.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * Agenda items, programme areas, attendance and co-chairs were stored without the source they
 * came from, so a reader could not tell which document states them. Items the record composes
 * itself (an agenda item made from an outcome a source reports, a date worked out from two
 * sourced facts) say so in `reconstructed`. A source also keeps its publisher's postal address
 * and contact details, as the fact sheet prints them.
 */
// No `down`: SQLite cannot drop a column that carries a foreign key, so the way back is a copy
// of the database file taken before migrating.
export async function up(db: Db): Promise<void> {
  for (const table of [
    'agendaItems',
    'workProgrammeAreas',
    'meetingAttendance',
    'meetingCoChairs',
  ]) {
    await db.schema
      .alterTable(table)
      .addColumn('sourceId', 'text', (c) => c.references('sources.id'))
      .execute();
  }
  for (const table of ['agendaItems', 'timelineEvents']) {
    await db.schema
      .alterTable(table)
      .addColumn('reconstructed', 'integer', (c) =>
        c.notNull().defaultTo(0).check(sql`"reconstructed" in (0, 1)`),
      )
      .execute();
  }
  for (const column of ['publisherAddress', 'publisherFax', 'publisherEmail', 'publisherWebsite']) {
    await db.schema.alterTable('sources').addColumn(column, 'text').execute();
  }
}
