import { type Expression, type SqlBool, sql } from 'kysely';
import { DomainError } from '../domain/errors.ts';

/**
 * Keyset pagination: a cursor is the sort key of the last item of a page, opaque to clients.
 * Pages stay stable while items are added, and every page costs one indexed query.
 */
export type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the one error below
  }
  throw invalidCursor();
}

export function invalidCursor(): DomainError {
  return new DomainError('InvalidCursor', 'the cursor is not one this list gave out', [
    { field: 'cursor', message: 'not a cursor from this list' },
  ]);
}

/**
 * Rows strictly after the cursor in the order `(columns...) asc|desc`. Sort columns must be
 * non-null (coalesce them in the select when they can be null).
 */
export function afterCursor(
  columns: string[],
  cursor: string,
  direction: 'asc' | 'desc' = 'asc',
): Expression<SqlBool> {
  return afterValues(columns, decodeCursor(cursor, columns.length), direction);
}

/** Rows strictly after the sort key `values` (a decoded cursor), as afterCursor. */
export function afterValues(
  columns: string[],
  values: readonly (CursorValue | undefined)[],
  direction: 'asc' | 'desc' = 'asc',
): Expression<SqlBool> {
  const left = sql.join(columns.map((c) => sql.ref(c)));
  const right = sql.join(values.map((v) => sql`${v}`));
  return direction === 'asc'
    ? sql<SqlBool>`(${left}) > (${right})`
    : sql<SqlBool>`(${left}) < (${right})`;
}

/** Cuts one extra row fetched beyond `limit` into a page and the cursor for the next. */
export function toPage<T, R>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => CursorValue[],
  map: (row: T) => R,
): { items: R[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
