import type { SelectQueryBuilder } from 'kysely';

/**
 * The queries as one `union all`, for the reads that take each audience the caller may see on
 * its own (audienceConditions): an order given after it applies to the whole, by the result's
 * column names.
 */
export function unionAllOf<DB, TB extends keyof DB, O>(
  queries: readonly SelectQueryBuilder<DB, TB, O>[],
): SelectQueryBuilder<DB, TB, O> {
  const [first, ...others] = queries;
  if (!first) throw new Error('a caller sees at least one audience');
  return others.reduce((union, query) => union.unionAll(query), first);
}
