import type { SelectQueryBuilder } from 'kysely';

/**
 * The query helpers whose SQL differs between SQLite and PostgreSQL. Services import them from
 * here, never from `kysely/helpers/<dialect>`, so that adding PostgreSQL changes this file and
 * the full-text search module (modules/search/search-index.ts) and nothing else.
 */
export { jsonArrayFrom } from 'kysely/helpers/sqlite';

/** SQLite hands JSON aggregates back as text, PostgreSQL as values: accept both. */
export function fromJson<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

/**
 * Locks the rows a transaction reads before it changes them (`for update` on PostgreSQL).
 * A no-op on SQLite, which rejects the clause and needs none: the app's one connection runs
 * one transaction at a time, and in WAL mode a write based on a stale read fails with
 * SQLITE_BUSY_SNAPSHOT instead of overwriting a newer row.
 */
export function forUpdate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return query;
}
