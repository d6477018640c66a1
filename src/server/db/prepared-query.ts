import { type Compilable, type CompiledQuery, createQueryId } from 'kysely';
import type { Executor } from './database.ts';
import { LruMap } from './lru-map.ts';
import { nameStatement } from './named-statements.ts';
import { currentViewer, type Viewer } from './postgres.ts';

/** What a prepared query's values are: strings the driver binds as parameters. */
export type Value = string;

type Slot = { kind: 'value'; name: string } | { kind: 'constant'; value: unknown };

interface Template {
  sql: string;
  query: CompiledQuery['query'];
  slots: Slot[];
}

const MARK = '\u0000council-value:';
const VERIFY = process.env.VITEST !== undefined;
/**
 * Shapes kept per query and executor. A caller chooses a shape (its filters, its page size),
 * so the count is bounded by what the API accepts, which is large: the least recently used
 * shape makes room (LruMap), and a caller sweeping through shapes costs compilations, not
 * memory.
 */
const SHAPES_PER_QUERY = 256;

/**
 * A hot read built and compiled by Kysely once per shape and then run with fresh values.
 *
 * Kysely builds an operation tree and compiles it to SQL on every call, and for the meeting
 * read that cost as much as running the SQL (bench/, issue 9). The SQL text of a query
 * depends only on its shape (which filters are present, whether the caller is anonymous, a
 * user or the operator, the dialect), never on the values, which travel as parameters. So the
 * first call of each shape builds the query with a marker in place of every value, compiles
 * it, and notes which parameter is which value; later calls only swap the values in.
 *
 * The build sees the real `shape` (JSON, the cache key) and only markers for `values`, so
 * whatever changes the SQL (a filter present or not, the caller's kind, a page size) must be
 * in the shape, and whatever is bound (an id, a party, a date) in the values.
 * A value that ends up in the SQL text instead of a parameter would be frozen into the cached
 * SQL for every later caller: the first compile refuses it, loudly, as it refuses a value the
 * build changed before binding it. Under Vitest every call also builds the query afresh and
 * throws unless the cached SQL with the swapped values is exactly that query, so the whole
 * suite checks every shape it reaches.
 *
 * Each compiled text is also marked for a named prepared statement (named-statements.ts): on
 * PostgreSQL the unnamed statement Kysely sends is parsed and planned on every call, and for
 * the meeting read (a dozen subqueries under row-level security) that cost most of the read.
 *
 * Templates are kept per executor: a transaction compiles its own (it lives for one change),
 * and a database wrapped with a plugin (a test counting queries) gets its plugin applied; and
 * per viewer of the request. The layers below still share what they keep by SQL text (SQLite's
 * statement cache, PostgreSQL's named statements), so a caller sweeping through hundreds of
 * shapes can still slow another's next read of a shape by one compilation by SQLite or one
 * Parse by PostgreSQL (README, "Who sees what"): that tells what someone asked, never a row.
 */
export function preparedQuery<Shape, Values extends Record<string, Value>, Row>(
  build: (db: Executor, shape: Shape, values: Values) => Compilable<Row>,
): (db: Executor, shape: Shape, values: Values) => Promise<Row[]> {
  const templates = new WeakMap<Executor, Map<Viewer, LruMap<string, Template>>>();
  return async (db, shape, values) => {
    let byViewer = templates.get(db);
    if (byViewer === undefined) {
      byViewer = new Map();
      templates.set(db, byViewer);
    }
    // Each viewer (a party, the anonymous, the operator) keeps its own shapes: in one map, one
    // party sweeping through shapes would evict the other's, and the other's next read,
    // compiled again, would be slower: a channel for what the other party asks.
    const viewer = currentViewer();
    let byShape = byViewer.get(viewer);
    if (byShape === undefined) {
      byShape = new LruMap(SHAPES_PER_QUERY);
      byViewer.set(viewer, byShape);
    }
    const key = JSON.stringify(shape);
    let template = byShape.get(key);
    if (template === undefined) {
      template = compileTemplate((marked) => build(db, shape, marked), values);
      byShape.set(key, template);
      // PostgreSQL then parses and plans it once per connection, not once per call.
      nameStatement(template.sql);
    }
    const parameters = template.slots.map((slot) =>
      slot.kind === 'value' ? values[slot.name] : slot.value,
    );
    const compiled: CompiledQuery<Row> = {
      sql: template.sql,
      parameters,
      query: template.query,
      queryId: createQueryId(),
    };
    if (VERIFY) assertSameQuery(compiled, build(db, shape, values).compile(), key);
    const result = await db.executeQuery(compiled);
    return result.rows;
  };
}

/** Builds the query with markers for values and notes where each marker became a parameter. */
function compileTemplate<Values extends Record<string, Value>, Row>(
  build: (values: Values) => Compilable<Row>,
  values: Values,
): Template {
  const marked = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, markerOf(name, value)]),
  ) as Values;
  const compiled = build(marked).compile();
  if (compiled.sql.includes(MARK)) {
    throw new Error('a prepared query wrote a value into its SQL text instead of a parameter');
  }
  const slots: Slot[] = compiled.parameters.map((parameter) => {
    if (typeof parameter === 'string' && parameter.includes(MARK)) {
      const name = parameter.slice(MARK.length);
      // A value the build changed (trimmed, joined, lower-cased) is not the caller's value:
      // swapping the caller's in later would run a different query than a fresh build.
      if (!parameter.startsWith(MARK) || !Object.hasOwn(values, name)) {
        throw new Error(`a prepared query changed its value ${name} before binding it`);
      }
      return { kind: 'value', name };
    }
    return { kind: 'constant', value: parameter };
  });
  return { sql: compiled.sql, query: compiled.query, slots };
}

/**
 * Values are strings: a marker can stand for a string, but a number would be added to or
 * compared in the build, silently. A number (a page size) belongs in the shape instead.
 */
function markerOf(name: string, value: Value): string {
  if (typeof value !== 'string') {
    throw new Error(`a prepared query takes strings as values; ${name} is ${typeof value}`);
  }
  return `${MARK}${name}`;
}

function assertSameQuery(cached: CompiledQuery, fresh: CompiledQuery, shape: string): void {
  const same =
    cached.sql === fresh.sql &&
    cached.parameters.length === fresh.parameters.length &&
    cached.parameters.every((value, i) => Object.is(value, fresh.parameters[i]));
  if (!same) {
    throw new Error(`a prepared query of shape ${shape} differs from a fresh build:
${cached.sql} ${JSON.stringify(cached.parameters)}
${fresh.sql} ${JSON.stringify(fresh.parameters)}`);
  }
}
