import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  /** The raw driver handle, for the few things Kysely does not cover (backup, pragmas). */
  sqlite: SQLite.Database;
}

/**
 * Opens the embedded database. WAL lets readers run beside the single writer, foreign keys
 * are off by default in SQLite and must be switched on per connection, and the busy timeout
 * makes a second process (the CLI beside a running server) wait instead of failing.
 */
export function openDatabase(file: string): OpenedDatabase {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, sqlite };
}
