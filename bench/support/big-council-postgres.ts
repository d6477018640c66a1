// The large council of big-council.ts on PostgreSQL: a scratch database made on the server
// BENCH_DATABASE_URL names, migrated by the application's own PostgreSQL migrations, holding
// the same rows (the same ids, titles, dates, visibilities and topic links, row for row), and
// the search index built by the application's own rebuild through its tsvector store. Rows go
// in as set-based SQL (generate_series) and the paragraphs as multi-row inserts of arrays, in
// one transaction on the owner's connection; the secondary indexes of the loaded tables are
// dropped first and made again afterwards from their own definitions (one sort per index
// instead of a B-tree or GIN insert per row), so the schema ends as the migrations left it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Db, openDatabase } from '../../src/server/db/database.ts';
import { quoteIdentifier } from '../../src/server/db/postgres.ts';
import type { Deps } from '../../src/server/deps.ts';
import { OPERATOR } from '../../src/server/modules/access/actor.ts';
import { change } from '../../src/server/modules/changes/unit-of-work.ts';
import { rebuildSearchIndex } from '../../src/server/modules/transfer/rebuild-search-index.ts';
import { prepareDatabase } from '../../src/server/prepare-database.ts';
import { seedParties } from '../../tests/support/test-context.ts';
import { LEVELS, WORDS } from './big-council.ts';
import { paragraphs } from './corpus.ts';

export interface BigPostgresCouncil {
  deps: Deps;
  /** The scratch database's URL (the owner's, as BENCH_DATABASE_URL names the server). */
  url: string;
  /** Closes the application's pool (the database stays until drop). */
  close: () => Promise<void>;
  /** Drops the scratch database, whoever is still connected. */
  drop: () => Promise<void>;
}

/** The tables the loader fills: their secondary indexes are built after the rows. */
const LOADED_TABLES = [
  'meetings',
  'agendaItems',
  'agendaItemTopics',
  'notes',
  'searchDocuments',
  'searchText',
];

/** Paragraphs per insert: a few MB of text per statement. */
const NOTE_BATCH = 5_000;

export async function buildBigPostgresCouncil(options: {
  server: string;
  meetings: number;
  itemsPerMeeting: number;
  paragraphs: number;
}): Promise<BigPostgresCouncil> {
  // Unique per run and scale, so that two benchmarks on one server never meet.
  const name = `council_bench_${options.meetings}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = new URL(options.server);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: options.server });
  await admin.connect();
  await dropAbandoned(admin, url.hostname);
  await admin.query(`create database "${name}"`);
  const drop = async () => {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
  let db: Db | undefined;
  try {
    db = openDatabase(url.toString());
    await prepareDatabase(db);
    const deps: Deps = { db, clock: () => new Date('2026-12-01T00:00:00Z'), ids: () => '' };
    await seedParties(deps);
    const dropped = await fillRows(url.toString(), options);
    // The application's own rebuild, through its tsvector store, as the system (the unit of
    // work serves the operator, who sees every row): the documents any API write would make.
    await change(deps, OPERATOR, ({ trx }) => rebuildSearchIndex(trx));
    await finish(url.toString(), dropped);
    const opened = db;
    return { deps, url: url.toString(), close: () => opened.destroy(), drop };
  } catch (error) {
    await db?.destroy();
    await drop();
    throw error;
  }
}

/**
 * Drops the scratch databases of benchmark runs that were killed before they could drop their
 * own (a run's name holds its process id): on a server of this machine only, where a process
 * id that is not running is a run that ended. A database of a run still going is left alone.
 */
export async function dropAbandoned(admin: pg.Client, host: string): Promise<void> {
  if (!['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(host)) return;
  const { rows } = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname ~ '^council_bench_[0-9]+_[0-9]+_[0-9a-f]+$'`,
  );
  for (const { datname } of rows) {
    const pid = Number(datname.split('_')[3]);
    if (isRunning(pid)) continue;
    process.stdout.write(`dropping ${datname}, left by a benchmark run that ended\n`);
    await admin.query(`drop database if exists ${quoteIdentifier(datname)} with (force)`);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A connection as the database's owner (row-level security binds the tables' owner too). */
async function ownerClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A scratch database, thrown away after the run: its load need not wait for the disk.
  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '512MB'`);
  await client.query(`set council.viewer = 'operator'`);
  return client;
}

/** Fills the tables; answers the definitions of the indexes it dropped, for finish(). */
async function fillRows(
  url: string,
  options: { meetings: number; itemsPerMeeting: number; paragraphs: number },
): Promise<string[]> {
  const client = await ownerClient(url);
  try {
    await client.query('begin');
    // Secondary indexes only: primary keys and unique constraints stay (the rebuild and the
    // foreign keys need them).
    const { rows } = await client.query<{ name: string; definition: string }>(
      `select i.indexname as "name", i.indexdef as "definition" from pg_indexes i
        where i.schemaname = current_schema() and i.tablename = any($1)
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
      [LOADED_TABLES],
    );
    for (const r of rows) await client.query(`drop index ${quoteIdentifier(r.name)}`);
    const at = '2026-01-01T00:00:00.000Z';
    await client.query(
      `insert into "topics" ("id", "name", "parentId", "description", "sourceId", "visibility",
        "party", "createdAt", "updatedAt")
       select 'topic-' || w, w, null, null, null, 'public', null, $2, $2 from unnest($1::text[]) w`,
      [[...WORDS, 'unused'], at],
    );
    // big-council.ts's rows, with SQLite's 0-based json_extract as 1-based arrays and its
    // integer day arithmetic in bigint (i * 10957 passes 2^31 at a million meetings).
    await client.query(
      `insert into "meetings" ("id", "title", "level", "format", "startsAt", "endsAt", "date",
        "venue", "status", "summary", "agendaVersion", "seriesId", "sourceId", "visibility",
        "party", "createdAt", "updatedAt")
       select 'm' || i,
         'Permanent Joint Council ' || ($1::text[])[1 + i % 29] || ' ' || i,
         ($2::text[])[1 + i % 4],
         case when i % 20 = 0 then 'caucus' else 'joint' end,
         to_char(date '1997-01-01' + (i::bigint * 10957 / $3)::integer, 'YYYY-MM-DD') || 'T10:00:00.000Z',
         null,
         to_char(date '1997-01-01' + (i::bigint * 10957 / $3)::integer, 'YYYY-MM-DD'),
         'NATO headquarters',
         case when i % 3 = 0 then 'planned' else 'held' end,
         null, 1, null, null,
         case when i % 20 = 0 then 'caucus' when i % 10 = 0 then 'public' else 'joint' end,
         case when i % 40 = 0 then 'nato' when i % 20 = 0 then 'russia' else null end,
         $4, $4
       from generate_series(1, $3::integer) i`,
      [WORDS, LEVELS, options.meetings, at],
    );
    // SQLite's rowid of meeting i is i, and of its item j is (i - 1) * items + j.
    await client.query(
      `insert into "agendaItems" ("id", "meetingId", "position", "title", "outcome", "chairedBy",
        "visibility", "party", "createdAt", "updatedAt")
       select 'm' || i || '-' || j, 'm' || i, j,
         'Item ' || j || ' on ' || ($1::text[])[1 + (i + j) % 29] || ' and ' ||
           ($1::text[])[1 + (i * 7 + j) % 29],
         null, null,
         case when i % 20 = 0 then 'caucus' when i % 10 = 0 then 'public' else 'joint' end,
         case when i % 40 = 0 then 'nato' when i % 20 = 0 then 'russia' else null end,
         $4, $4
       from generate_series(1, $2::integer) i, generate_series(1, $3::integer) j`,
      [WORDS, options.meetings, options.itemsPerMeeting, at],
    );
    await client.query(
      `insert into "agendaItemTopics" ("agendaItemId", "topicId")
       select 'm' || i || '-' || j, 'topic-' || ($1::text[])[1 + (((i - 1) * $3 + j) % 29)]
       from generate_series(1, $2::integer) i, generate_series(1, $3::integer) j`,
      [WORDS, options.meetings, options.itemsPerMeeting],
    );
    await insertNotes(client, options.paragraphs, at);
    await client.query('commit');
    return rows.map((r) => r.definition);
  } finally {
    await client.end();
  }
}

/** big-council.ts's insertParagraphs: the same ids, texts and visibilities. */
async function insertNotes(client: pg.Client, count: number, at: string): Promise<void> {
  let ids: string[] = [];
  let texts: string[] = [];
  const flush = async () => {
    if (ids.length === 0) return;
    await client.query(
      `insert into "notes" ("id", "text", "authorId", "meetingId", "agendaItemId", "decisionId",
        "visibility", "party", "createdAt", "updatedAt")
       select n.id, n.text, null, null, null, null,
         case when n.k % 4 = 0 then 'joint' else 'caucus' end,
         case when n.k % 4 = 0 then null when n.k % 4 = 1 then 'nato' else 'russia' end,
         $3, $3
       from (select id, text, substr(id, 2)::integer as k
             from unnest($1::text[], $2::text[]) as u(id, text)) n`,
      [ids, texts, at],
    );
    ids = [];
    texts = [];
  };
  let i = 0;
  for (const { text } of paragraphs(count)) {
    ids.push(`p${i}`);
    texts.push(text);
    i += 1;
    if (ids.length === NOTE_BATCH) await flush();
  }
  await flush();
}

/** Makes the dropped indexes again from their own definitions, then the statistics. */
async function finish(url: string, definitions: readonly string[]): Promise<void> {
  const client = await ownerClient(url);
  try {
    for (const definition of definitions) await client.query(definition);
    // As the owner: the application's role may not analyze.
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
}
