import {
  AliasNode,
  ColumnNode,
  type Expression,
  IdentifierNode,
  type OperationNode,
  PostgresAdapter,
  RawNode,
  ReferenceNode,
  type SelectQueryBuilder,
  type SelectQueryNode,
  sql,
  TableNode,
} from 'kysely';
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
  if (isPostgres(db)) return postgresJsonArrayFrom(query);
  return sqliteOrderedArrayFrom(query) ?? sqliteJsonArrayFrom(query);
}

/**
 * SQLite: an ordered subquery's rows as a JSON array, ordered by the aggregate
 * (`json_group_array(... order by ...)`, SQLite 3.44 and later) instead of by the subquery.
 * The same rows in the same order, but SQLite runs an ordered subquery under an aggregate as a
 * co-routine with a sorter, and that costs some 50 µs even for no rows: a meeting with ten
 * agenda items, each with its ordered topics and activities, spent most of its read there.
 * Null (use Kysely's helper) unless every ordering term is a column the subquery selects and
 * the subquery has no limit or offset (which must apply to the ordered rows).
 */
function sqliteOrderedArrayFrom<O>(
  query: SubqueryOf<O>,
): ReturnType<typeof sqliteJsonArrayFrom<O>> | null {
  const node = query.toOperationNode() as SelectQueryNode;
  if (node.orderBy === undefined || node.limit !== undefined || node.offset !== undefined) {
    return null;
  }
  const selected = selectedNames(node);
  if (selected === null) return null;
  const terms = [];
  for (const item of node.orderBy.items) {
    const name = selectedAs(item.orderBy, selected);
    const direction = directionOf(item.direction);
    if (name === null || direction === null || item.nulls || item.collation) return null;
    terms.push(sql`${sql.ref(`agg.${name}`)} ${sql.raw(direction)}`);
  }
  const unordered = (query as unknown as SelectQueryBuilder<object, never, O>).clearOrderBy();
  const object = sql.join(
    selected.names.flatMap((name) => [sql.lit(name), sql.ref(`agg.${name}`)]),
  );
  return sql`(select coalesce(json_group_array(json_object(${object}) order by ${sql.join(terms)}), '[]') from ${unordered} as agg)`;
}

interface Selected {
  /** Every output name, in the order of the selections. */
  names: string[];
  /** An output name of each selected reference, by `table.column`: what an ordering term reads. */
  byReference: Map<string, string>;
}

function selectedNames(node: SelectQueryNode): Selected | null {
  const names: string[] = [];
  const byReference = new Map<string, string>();
  for (const { selection } of node.selections ?? []) {
    let name: string;
    let key: string | null;
    if (ReferenceNode.is(selection) && ColumnNode.is(selection.column)) {
      name = selection.column.column.name;
      key = referenceKey(selection);
    } else if (AliasNode.is(selection) && IdentifierNode.is(selection.alias)) {
      name = selection.alias.name;
      key = ReferenceNode.is(selection.node) ? referenceKey(selection.node) : null;
    } else {
      return null;
    }
    names.push(name);
    // A column selected twice (as itself and under an alias) orders by either name.
    if (key !== null && !byReference.has(key)) byReference.set(key, name);
  }
  return { names, byReference };
}

function referenceKey(node: ReferenceNode): string | null {
  if (!ColumnNode.is(node.column)) return null;
  const table = node.table && TableNode.is(node.table) ? node.table.table.identifier.name : '';
  return `${table}.${node.column.column.name}`;
}

/** The output name an ordering term reads, if it is a selected column. */
function selectedAs(term: OperationNode, selected: Selected): string | null {
  if (!ReferenceNode.is(term)) return null;
  const key = referenceKey(term);
  return key === null ? null : (selected.byReference.get(key) ?? null);
}

function directionOf(node: OperationNode | undefined): 'asc' | 'desc' | null {
  if (node === undefined) return 'asc';
  if (!RawNode.is(node) || node.sqlFragments.length !== 1) return null;
  const word = node.sqlFragments[0]?.trim().toLowerCase();
  return word === 'asc' || word === 'desc' ? word : null;
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
