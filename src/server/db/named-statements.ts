import { createHash } from 'node:crypto';
import { LruMap } from './lru-map.ts';

/**
 * SQL texts worth a named prepared statement, and the name of each: the texts preparedQuery
 * compiled for its hot reads (prepared-query.ts). Kysely's pg driver sends every query
 * unnamed, which PostgreSQL parses and plans afresh on every execution; a named one it parses
 * once per connection and may then keep its plan. The PostgreSQL pool (postgres.ts) asks here
 * for the name of each text it is about to run; SQLite never asks, as better-sqlite3 already
 * keeps its statements.
 *
 * Bounded like the shapes that register texts (3 queries of up to 256 shapes each, every
 * transaction compiling the same texts again): a text that fell out runs unnamed, as before.
 */
const TEXTS = 1024;

const names = new LruMap<string, string>(TEXTS);

/** Marks `sql` to run as a named statement where the driver can (PostgreSQL). */
export function nameStatement(sql: string): void {
  if (names.get(sql) !== undefined) return;
  // A function of the text alone: pg refuses one name for two texts on a connection, and every
  // connection then calls the same text by the same name. SHA-1 is a name here, not a seal:
  // 120 of its bits keep two texts from ever sharing one.
  const digest = createHash('sha1').update(sql).digest('base64url').slice(0, 20);
  names.set(sql, `council_${digest}`);
}

/** The name `sql` runs under, or undefined for a text that runs unnamed. */
export function statementNameOf(sql: string): string | undefined {
  return names.get(sql);
}
