import { sql } from 'kysely';
import type { Executor } from './database.ts';
import { isPostgres } from './dialect.ts';

export interface LiveTable {
  name: string;
  /** Each column and its type, named as SQLite declares it (`TEXT`, `INTEGER`) on both dialects. */
  columns: { name: string; type: string }[];
}

const POSTGRES_TYPES: Record<string, string> = {
  text: 'TEXT',
  int4: 'INTEGER',
  int8: 'INTEGER',
  integer: 'INTEGER',
  bigint: 'INTEGER',
};

/**
 * The tables of this database and their columns. On PostgreSQL, those of the schema the
 * connection works in only: Kysely's introspection lists every schema of the database, and a
 * server may hold several councils (or a test suite's many schemas).
 */
export async function liveTables(db: Executor): Promise<LiveTable[]> {
  const tables = await db.introspection.getTables();
  if (!isPostgres(db)) {
    return tables.map((t) => ({
      name: t.name,
      columns: t.columns.map((c) => ({ name: c.name, type: c.dataType.toUpperCase() })),
    }));
  }
  const { rows } = await sql<{ schema: string }>`select current_schema() as "schema"`.execute(db);
  const schema = rows[0]?.schema;
  return tables
    .filter((t) => t.schema === schema)
    .map((t) => ({
      name: t.name,
      columns: t.columns.map((c) => ({
        name: c.name,
        type: POSTGRES_TYPES[c.dataType] ?? c.dataType.toUpperCase(),
      })),
    }));
}
