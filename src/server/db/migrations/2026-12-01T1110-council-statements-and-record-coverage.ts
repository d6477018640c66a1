import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// Every column type here is one that both SQLite and PostgreSQL accept.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

function item(db: Db, name: string) {
  return db.schema
    .createTable(name)
    .addColumn('visibility', 'text', (c) =>
      c.notNull().check(sql`visibility in ('public', 'joint', 'caucus')`),
    )
    .addColumn('party', 'text', (c) => c.references('parties.id'))
    .addCheckConstraint(
      `${name}_caucus_has_party`,
      sql`visibility <> 'caucus' or party is not null`,
    )
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull());
}

/**
 * What the sources say about the council as a whole (its role, how it meets, what it is for),
 * one sentence per row so that each carries its own source: the fact sheet and the Founding
 * Act say different things, and one description column could cite only one of them.
 *
 * How complete the record of a period is: the cadence report sets meetings held against the
 * Founding Act, and must not present a gap in the record as a meeting the council failed to
 * hold.
 */
export async function up(db: Db): Promise<void> {
  await item(db, 'councilStatements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('councilId', 'text', (c) => c.notNull().references('council.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('sourceId', 'text', (c) => c.references('sources.id'))
    .execute();
  await db.schema
    .createIndex('councilStatementsByCouncil')
    .on('councilStatements')
    .columns(['councilId', 'position'])
    .execute();

  await item(db, 'recordCoverage')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('startsOn', 'text', (c) => c.notNull())
    .addColumn('endsOn', 'text')
    // null: every level.
    .addColumn('level', 'text')
    .addColumn('complete', 'integer', (c) => c.notNull().check(sql`complete in (0, 1)`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('sourceId', 'text', (c) => c.references('sources.id'))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('recordCoverage').ifExists().execute();
  await db.schema.dropTable('councilStatements').ifExists().execute();
}
