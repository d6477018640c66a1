import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDriver,
  type Transaction,
  type TransactionSettings,
} from 'kysely';
import { isPostgresUrl } from './database-url.ts';
import { LruMap } from './lru-map.ts';
import { openPostgres } from './postgres.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** Either the database or an open transaction: for reads that run in both. */
export type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Opens the embedded database. WAL lets readers run beside the single writer, foreign keys
 * are off by default in SQLite and must be switched on per connection, and the busy timeout
 * makes a second process (the CLI beside a running server) wait instead of failing.
 * `synchronous = FULL` syncs the log at every commit: a change the API acknowledged survives
 * a crash of the process and a loss of power (NORMAL, in WAL, may lose the last commits on
 * power loss). tests/crash.test.ts kills a server mid-stream and finds every acknowledged write.
 */
export function openDatabase(location: string): Db {
  if (isPostgresUrl(location)) return openPostgres(location);
  return openSqlite(location);
}

function openSqlite(file: string): Db {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = FULL');
  // The planner picks indexes from table statistics; without them it guesses, and a guess at a
  // hundred thousand meetings can be a scan. optimize gathers them where they are missing or
  // stale, reading at most a bounded sample of each index.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  sqliteHandles.set(db, sqlite);
  return db;
}

const sqliteHandles = new WeakMap<Db, SQLite.Database>();

/**
 * SQLite's count of the commits other connections made to the file (PRAGMA data_version: it
 * changes when another process commits, never for this connection's own writes), or null
 * for a database that is not an embedded SQLite file opened here. Asked synchronously of the
 * connection, outside Kysely's queue: a pragma that reads no table may run while a
 * transaction is open.
 */
export function sqliteDataVersion(db: object): number | null {
  const sqlite = sqliteHandles.get(db as Db);
  if (sqlite === undefined || !sqlite.open) return null;
  return sqlite.pragma('data_version', { simple: true }) as number;
}

/**
 * SQLite's `begin` defers the write lock to the first write, and a transaction that read first
 * and then writes while another process (the CLI beside the server) committed fails with
 * SQLITE_BUSY at once, whatever the busy timeout. `begin immediate` takes the write lock at the
 * start, so a write transaction waits its turn (busy timeout) and then sees the latest rows:
 * every unit of work holds the lock on everything it read. A read-only transaction (an export's
 * snapshot) keeps the deferred `begin` and never blocks a writer.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver() as SqliteDriver;
    const begin = driver.beginTransaction.bind(driver);
    driver.beginTransaction = async (
      connection: DatabaseConnection,
      settings?: TransactionSettings,
    ) => {
      if (settings?.accessMode === 'read only') return begin(connection);
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely asks the driver to prepare every query afresh. A query's SQL text is the same on every
 * request (values travel as parameters), so each distinct text is compiled by SQLite once and
 * the statement reused. Kysely runs one query at a time on this single connection and never
 * streams here, so a cached statement is never busy when it is handed out again.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new LruMap<string, SQLite.Statement>(STATEMENT_CACHE_SIZE);
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
