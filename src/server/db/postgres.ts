import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
import pg from 'pg';
import { statementNameOf } from './named-statements.ts';
import type { Database } from './schema.ts';

// int8 (count(*), sum of integers) arrives from the driver as a string, because a 64-bit
// integer may not fit a JavaScript number. Every int8 this application reads is a count or a
// sum of small counts, far below 2^53, and SQLite hands the same values back as numbers: parse
// them, so that both dialects answer the same types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Connections per process: enough for the write path and the reads beside it on two cores. */
export const POOL_SIZE = 10;

/**
 * Whom a connection serves, for PostgreSQL's row-level security
 * (migrations-postgres/2026-12-03T1100-row-level-security.ts): `party:<id>`, `anonymous`, or
 * `operator` for the system's own work.
 */
export type Viewer = 'operator' | 'anonymous' | `party:${string}`;

interface ViewerScope {
  viewer: Viewer;
  /** A read that row-level security does not filter: any viewer's connection serves it. */
  anyViewer?: boolean;
}

const scopes = new AsyncLocalStorage<ViewerScope>();

/**
 * Runs `fn` (and everything it starts) as serving `viewer` until `setViewer` says otherwise:
 * the HTTP layer runs every request in one, first as `anonymous`, then as the caller it
 * authenticated. Outside any scope the database serves the system (`operator`): the CLI, the
 * scheduler, the start-up, the tests' own checks.
 */
export function runAsViewer<T>(viewer: Viewer, fn: () => T): T {
  return scopes.run({ viewer }, fn);
}

/** Changes whom the current scope serves (the request's caller, once authenticated). */
export function setViewer(viewer: Viewer): void {
  const scope = scopes.getStore();
  if (scope) scope.viewer = viewer;
}

/** Whom the current scope serves: the request's caller once authenticated. */
export function currentViewer(): Viewer {
  return scopes.getStore()?.viewer ?? 'operator';
}

/**
 * Runs `fn`, a read of tables without row-level security (the session lookup), on whatever
 * connection is free, without first making it name this scope's viewer: the answer is the
 * same for every viewer, and a signed-in request then switches its connection once (to its
 * caller), not twice. A connection that never named a viewer still names `anonymous`.
 */
export function runAsAnyViewer<T>(fn: () => T): T {
  return scopes.run({ viewer: 'anonymous', anyViewer: true }, fn);
}

const APP_ROLE = 'council_app';
const SETTINGS = Symbol('councilSettings');
const NAMED = Symbol('councilNamedStatements');
type TaggedClient = PostgresPoolClient & {
  [SETTINGS]?: string;
  [NAMED]?: NamedState;
};

/** What a connection's named statements stand at. */
interface NamedState {
  /** The statement names this connection ran (and so holds, parsed, on the server). */
  names: Set<string>;
  /** A statement failed as stale inside a transaction: deallocate all at the next checkout. */
  stale: boolean;
  /** Whether the connection is inside a transaction Kysely opened (so a failure aborted it). */
  inTransaction: boolean;
}

/**
 * A named statement that can no longer run as parsed: its result columns changed (a migration
 * added a column to a table it reads with `*`, 0A000 "cached plan must not change result
 * type"), or the server no longer knows its name (26000). Either stays so on every later run
 * on that connection until the statement is deallocated.
 */
export function isStaleStatement(error: unknown): boolean {
  const { code, routine } = (error ?? {}) as { code?: unknown; routine?: unknown };
  // The routine that raised it, not the message: a server's lc_messages translates the text.
  return code === '26000' || (code === '0A000' && routine === 'RevalidateCachedQuery');
}

/**
 * Named statements a connection may hold: the hot reads need a handful (the meeting read and
 * the session lookup per kind of caller, the common list filters). A caller sweeping through
 * list filters registers new texts, each parsed and kept on the server by every connection it
 * reaches, and a connection lives as long as the process (no idle timeout, no maxUses): past
 * this many, the connection's next checkout deallocates them all, and the hot ones are parsed
 * again once. So each connection holds at most this many plus what one checkout names.
 */
const NAMED_PER_CONNECTION = 64;

/** pg's record of the statements it parsed on a connection (lib/connection.js), not typed. */
interface ParsedStatements {
  connection: {
    parsedStatements: Record<string, string>;
    submittedNamedStatements: Record<string, string>;
  };
}

/**
 * Makes `client` run the texts preparedQuery marked (named-statements.ts) as named prepared
 * statements: pg sends a named statement's Parse only the first time the connection runs it
 * (connection.parsedStatements), and PostgreSQL keeps its plan, where an unnamed statement is
 * parsed and planned on every call. Only Kysely's form of call, `query(text, values)`, is
 * named; every other (a callback, a config, a cursor) goes through untouched.
 *
 * The plan a named statement keeps may be generic (after five executions): it still asks the
 * row-level security policies' current_setting('council.viewer') at every execution, not at
 * planning, so a connection serving another viewer since sees that viewer's rows; and
 * PostgreSQL plans again on its own when the role, the search path or the schema changed.
 */
function nameStatements(client: TaggedClient): NamedState {
  const state: NamedState = { names: new Set(), stale: false, inTransaction: false };
  const pgClient = client as unknown as pg.PoolClient;
  // biome-ignore lint/suspicious/noExplicitAny: pg's query is overloaded many ways; this passes each call on as it came.
  const query = pgClient.query.bind(pgClient) as (...args: any[]) => any;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  pgClient.query = ((...args: any[]) => {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values)) {
      // Kysely's transactions: begin (or start transaction ...), then commit or rollback.
      if (/^(begin|start transaction)\b/i.test(text)) state.inTransaction = true;
      else if (/^(commit|rollback)\s*$/i.test(text)) state.inTransaction = false;
      const name = statementNameOf(text);
      if (name !== undefined) {
        state.names.add(name);
        return (query({ name, text, values }) as Promise<unknown>).catch(async (error) => {
          if (!isStaleStatement(error)) throw error;
          // A failed statement aborted the transaction: nothing more runs on it until its end.
          if (state.inTransaction) {
            state.stale = true;
            throw error;
          }
          await forgetNamedStatements(client, state);
          return query({ name, text, values });
        });
      }
    }
    return query(...args);
  }) as typeof pgClient.query;
  return state;
}

/** Deallocates every named statement of `client`; nothing else may be in flight on it. */
async function forgetNamedStatements(client: TaggedClient, state: NamedState): Promise<void> {
  await client.query('deallocate all', []);
  // pg parses each name again on its next use.
  const { connection } = client as unknown as ParsedStatements;
  connection.parsedStatements = {};
  connection.submittedNamedStatements = {};
  state.names.clear();
  state.stale = false;
}

/**
 * At a checkout (outside any transaction, nothing in flight): deallocates every named
 * statement of `client` once it holds too many, or once one went stale in a transaction.
 */
async function boundNamedStatements(client: TaggedClient): Promise<void> {
  const state = client[NAMED];
  if (state === undefined) {
    client[NAMED] = nameStatements(client);
    return;
  }
  state.inTransaction = false;
  if (state.names.size <= NAMED_PER_CONNECTION && !state.stale) return;
  await forgetNamedStatements(client, state);
}

/**
 * The pool Kysely draws connections from. Before a connection serves a query or a transaction,
 * it acts as the application's role (once the migrations have made it) and names the viewer of
 * the current scope, in one statement and only when either differs from what the connection
 * last said. Both are session settings, set outside any transaction, so a rollback cannot undo
 * them; the unit of work repeats the viewer inside its transaction (`set local`), from its own
 * actor, whatever the scope.
 */
class ViewerPool implements PostgresPool {
  /** Set once the row-level security migration has made the role (enableRowSecurity). */
  appRole = false;
  readonly pool: pg.Pool;
  readonly options: object;

  private readonly channel: CommitChannel;

  constructor(pool: pg.Pool, channel: CommitChannel) {
    this.pool = pool;
    this.options = pool.options;
    this.channel = channel;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = (await this.pool.connect()) as unknown as TaggedClient;
    // `none` is the session's own user: the owner, who runs the migrations.
    const role = this.appRole ? APP_ROLE : 'none';
    const viewer = currentViewer();
    const settings = `${role}/${viewer}`;
    const anyViewer = scopes.getStore()?.anyViewer === true;
    const fits = anyViewer
      ? client[SETTINGS]?.startsWith(`${role}/`) === true
      : client[SETTINGS] === settings;
    try {
      await boundNamedStatements(client);
      if (!fits) {
        await client.query(
          "select set_config('role', $1, false), set_config('council.viewer', $2, false)",
          [role, viewer],
        );
        client[SETTINGS] = settings;
      }
    } catch (error) {
      // Destroyed, not returned to the pool: a connection that failed here may be broken.
      (client as unknown as pg.PoolClient).release(error as Error);
      throw error;
    }
    return client;
  }

  async end(): Promise<void> {
    await this.channel.close();
    await this.pool.end();
  }
}

/**
 * Commits, heard across instances: a change that committed says so with `NOTIFY` on the
 * council's channel (one per schema, so that councils sharing a database do not wake each
 * other), and one connection per process, kept apart from the pool, LISTENs and wakes the
 * local subscribers (the live-update streams). A notice carries nothing; the outbox is the
 * truth, and the streams also look at every heartbeat, so a notice lost while the listening
 * connection reconnects delays an event by one heartbeat and loses nothing.
 */
class CommitChannel {
  readonly channel: string;
  /** Sent with every notice of this process, so that it can tell its own from other servers'. */
  readonly origin = randomUUID();
  private readonly listeners = new Set<(origin: string | null) => void>();
  private client: pg.Client | null = null;
  private closed = false;

  private readonly connectionString: string;

  constructor(connectionString: string, schema: string | undefined) {
    this.connectionString = connectionString;
    this.channel = `council_changes_${schema ?? 'public'}`.slice(0, 63);
  }

  subscribe(listener: (origin: string | null) => void): () => void {
    // Called in the subscriber's own async context (a stream's request, serving its caller),
    // not the listening connection's, which serves no one.
    const bound = AsyncResource.bind(listener);
    this.listeners.add(bound);
    if (this.client === null && !this.closed) this.connect();
    return () => {
      this.listeners.delete(bound);
    };
  }

  private connect(): void {
    const client = new pg.Client({ connectionString: this.connectionString });
    this.client = client;
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
      // While streams listen, listen again: a second later, and again until the server answers.
      if (!this.closed && this.listeners.size > 0) {
        setTimeout(() => {
          if (!this.closed && this.client === null && this.listeners.size > 0) this.connect();
        }, RECONNECT_MS).unref();
      }
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => this.wakeAll(message.payload ?? null));
    client
      .connect()
      .then(() => client.query(`listen ${quoteIdentifier(this.channel)}`))
      // Whatever committed while no connection listened is in the outbox: every stream looks.
      .then(() => this.wakeAll(null))
      .catch(drop);
  }

  /** `origin`: the process whose commit it was, or null when unknown (after connecting). */
  private wakeAll(origin: string | null): void {
    for (const listener of this.listeners) listener(origin);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/** How long the listening connection waits before it connects again after losing the server. */
const RECONNECT_MS = 1_000;

const pools = new WeakMap<object, ViewerPool>();
const channels = new WeakMap<object, CommitChannel>();

/** Wakes every instance's subscribers of `db` (after a commit that appended change events). */
export function announceCommit(db: object): void {
  const channel = channels.get(db);
  const pool = pools.get(db);
  if (!channel || !pool) return;
  pool.pool
    .query('select pg_notify($1, $2)', [channel.channel, channel.origin])
    .catch(() => undefined);
}

/**
 * Calls `listener` whenever any instance announces a commit on `db` (with `othersOnly`, only
 * another process, or when it is not known whose: after the listening connection connected);
 * returns the unsubscribe.
 */
export function listenForCommits(
  db: object,
  listener: () => void,
  othersOnly = false,
): (() => void) | null {
  const channel = channels.get(db);
  if (channel === undefined) return null;
  return channel.subscribe((origin) => {
    if (!othersOnly || origin !== channel.origin) listener();
  });
}

/**
 * Opens a PostgreSQL database through Kysely's pg dialect. The URL is DATABASE_URL as given
 * (`postgres://user@host:port/database`); `?schema=name` (ours, removed before the driver
 * sees it) puts every table in that schema, which lets a test suite give each file a schema
 * of its own on one server.
 */
export function openPostgres(url: string): Kysely<Database> {
  const { connectionString, schema } = splitSchema(url);
  // No idle timeout: an idle connection stays open for the next request (and the pool keeps no
  // timer running, which would hold a process or a fake clock). No JIT: the policies' subplans
  // lift the estimated cost of a page of meetings past jit_above_cost, and compiling it took
  // 50 to 500 ms at 100,000 meetings for queries that run in 15 to 600 ms without it (search
  // and the lists, bench/hostile-reads.ts). An `options` in DATABASE_URL still wins.
  const pool = new pg.Pool({
    connectionString,
    max: POOL_SIZE,
    idleTimeoutMillis: 0,
    options: '-c jit=off',
  });
  // An idle connection the server ended (a restart, an administrator) leaves the pool; without
  // a listener its error would end the process. The next query takes a new connection.
  pool.on('error', () => undefined);
  if (schema !== undefined) {
    // Queued on the new connection before anything else it runs (node-postgres runs one
    // client's queries in order), so no query ever sees another search path.
    pool.on('connect', (client) => {
      client.query(`set search_path to ${quoteIdentifier(schema)}`).catch(() => undefined);
    });
  }
  const channel = new CommitChannel(connectionString, schema);
  const viewerPool = new ViewerPool(pool, channel);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: viewerPool }) });
  pools.set(db, viewerPool);
  channels.set(db, channel);
  return db;
}

/**
 * From now on, every connection of `db` acts as the application's role, under row-level
 * security. Called once the migrations that make the role have run (prepare-database.ts);
 * a no-op on SQLite.
 */
export function enableRowSecurity(db: object): void {
  const pool = pools.get(db);
  if (pool) pool.appRole = true;
}

function splitSchema(url: string): { connectionString: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  if (schema === null) return { connectionString: url };
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The server settings without which an acknowledged commit may be lost in a crash: fsync on,
 * and synchronous_commit anything but off (on, local, remote_write and remote_apply all wait
 * for the commit to reach this server's disk).
 */
const DURABLE = {
  fsync: (value: string) => value === 'on',
  synchronous_commit: (value: string) => value !== 'off',
} as const;

/**
 * Refuses a PostgreSQL server that may lose a commit it acknowledged (fsync or
 * synchronous_commit off): the council answers a concurrence only once it is stored. With
 * `allowUnsafe` (COUNCIL_ALLOW_NON_DURABLE=1, for a throwaway test server) it runs, and `warn`
 * says so loudly. Answers the settings it found.
 */
export async function assertDurable(
  db: Kysely<Database>,
  options: { allowUnsafe: boolean; warn: (message: string) => void },
): Promise<Record<keyof typeof DURABLE, string>> {
  const { rows } = await sql<{ fsync: string; synchronous_commit: string }>`
    select current_setting('fsync') as "fsync",
      current_setting('synchronous_commit') as "synchronous_commit"`.execute(db);
  const found = rows[0] ?? { fsync: 'unknown', synchronous_commit: 'unknown' };
  const unsafe = (Object.keys(DURABLE) as (keyof typeof DURABLE)[]).filter(
    (name) => !DURABLE[name](found[name]),
  );
  if (unsafe.length > 0) {
    const settings = unsafe.map((name) => `${name}=${found[name]}`).join(', ');
    const message = `PostgreSQL runs with ${settings}: a crash may lose commits the council acknowledged`;
    if (!options.allowUnsafe) {
      throw new Error(
        `${message}. Set ${unsafe.map((n) => `${n}=on`).join(' and ')}, or COUNCIL_ALLOW_NON_DURABLE=1 to run anyway`,
      );
    }
    options.warn(`!!! ${message} (COUNCIL_ALLOW_NON_DURABLE=1) !!!`);
  }
  return found;
}

/**
 * Runs `fn` as the system, seeing every row, inside a request that otherwise serves its
 * caller: for the deliberate reads that must see past the caller (whether a calendar feed's
 * user was disabled, which the audit trail of that user's party says). Nothing `fn` returns
 * may reach the caller unless the caller may see it.
 */
export function runAsSystem<T>(fn: () => T): T {
  return scopes.run({ viewer: 'operator' }, fn);
}
