import { type Expression, PostgresAdapter, type SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Executor } from './database.ts';

/**
 * The query helpers whose SQL differs between SQLite and PostgreSQL. Services import them from
 * here, never from `kysely/helpers/<dialect>`: the dialect is chosen when the application
 * starts (DATABASE_URL), so each helper asks the executor it runs on which one it is.
 */

/** Whether `db` (the database or a transaction on it) runs on PostgreSQL. */
export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

type SubqueryOf<O> = Parameters<typeof sqliteJsonArrayFrom<O>>[0] & Expression<O>;

/** A subquery's rows as one JSON array column, in the dialect of `db`. */
export function jsonArrayFrom<O>(
  db: Executor,
  query: SubqueryOf<O>,
): ReturnType<typeof sqliteJsonArrayFrom<O>> {
  // Both helpers build a value of the same type; only their SQL differs.
  return isPostgres(db) ? postgresJsonArrayFrom(query) : sqliteJsonArrayFrom(query);
}

/** SQLite hands JSON aggregates back as text, PostgreSQL as values: accept both. */
export function fromJson<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

/**
 * Locks the rows a transaction reads before it changes them. A no-op on both dialects today:
 * SQLite's `begin immediate` and, on PostgreSQL, the unit of work's transaction-scoped write
 * lock (src/server/modules/changes/unit-of-work.ts) let one write transaction run at a time,
 * so a row read inside one cannot change under it. Kept at the call sites so that a finer
 * lock (`for update`) has one place to go if writes ever need to run side by side.
 */
export function forUpdate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return query;
}
