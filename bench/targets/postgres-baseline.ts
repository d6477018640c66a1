// Baseline B on PostgreSQL: Fastify answering GET /api/meetings/:id and GET /api/meetings with
// raw `pg` and one named prepared statement per SQL text (`{ name, text, values }`: the server
// parses and plans it once per connection), the same SQL the application runs (compiled by
// Kysely's PostgreSQL compiler from the application's repository functions, once per URL and
// caller), rows mapped by the application's own view functions and sent with JSON.stringify.
//
// The same visibility as ours, the same way: each connection acts as the application's role
// (council_app, under row-level security) and names its viewer (`council.viewer`), set only
// when it differs from what that connection last said, as the application's pool does
// (src/server/db/postgres.ts), and the SQL carries the application's own visibleTo filter.
// So B pays for both filters, as ours does. No hooks, no schema, no session lookup (a bearer
// token is a key of an in-memory map). A pool of the application's size (10).
// Run as a child process: DATABASE_URL, PORT, BENCH_TOKENS (JSON: token -> actor).
import Fastify from 'fastify';
import pg from 'pg';
import { fromJson } from '../../src/server/db/dialect.ts';
import { toPage } from '../../src/server/db/pagination.ts';
// The application's pool module, for its int8 parser (counts as numbers), which it installs
// on `pg` when loaded: B must hand the view functions the same types.
import '../../src/server/db/postgres.ts';
import { type Actor, ANONYMOUS } from '../../src/server/modules/access/actor.ts';
import { viewerOf } from '../../src/server/modules/access/viewer.ts';
import type {
  AgendaItemViewRow,
  MeetingViewRow,
} from '../../src/server/modules/meetings/meeting.repository.ts';
import { toAgendaItem, toMeeting } from '../../src/server/modules/meetings/meeting.view.ts';
import { cursorSigner } from './cursor.ts';
import { isCommonTopicOn, pgCompiler, statementName } from './postgres-queries.ts';
import { filtersOf, meetingDetailQuery, meetingListQuery } from './sqlite-queries.ts';

const POOL_SIZE = 10;
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL ?? '',
  max: POOL_SIZE,
  idleTimeoutMillis: 0,
});
pool.on('error', () => undefined);
pool.on('connect', (client) => {
  // Queued before anything else the connection runs (pg runs a client's queries in order).
  client.query(`set role council_app`).catch(() => undefined);
});
const { db } = pgCompiler();
const tokens = new Map<string, Actor>(
  Object.entries(JSON.parse(process.env.BENCH_TOKENS ?? '{}') as Record<string, Actor>).map(
    ([token, actor]) => [`Bearer ${token}`, actor],
  ),
);

const VIEWER = Symbol('viewer');
type Tagged = pg.PoolClient & { [VIEWER]?: string };

/** A connection serving `actor`: its viewer named only when it differs from the last. */
async function connectionFor(actor: Actor): Promise<Tagged> {
  const client = (await pool.connect()) as Tagged;
  const viewer = viewerOf(actor);
  if (client[VIEWER] !== viewer) {
    await client.query("select set_config('council.viewer', $1, false)", [viewer]);
    client[VIEWER] = viewer;
  }
  return client;
}

interface Prepared {
  name: string;
  text: string;
  values: unknown[];
}
const prepared = new Map<string, Prepared>();

function statementFor(key: string, compile: () => { sql: string; parameters: readonly unknown[] }) {
  let found = prepared.get(key);
  if (found === undefined) {
    const query = compile();
    found = { name: statementName(query.sql), text: query.sql, values: [...query.parameters] };
    prepared.set(key, found);
  }
  return found;
}

const sign = cursorSigner(process.env.COUNCIL_SECRET ?? '');
const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/api/meetings/:id', async (request, reply) => {
  const auth = request.headers.authorization;
  const actor = auth === undefined ? ANONYMOUS : tokens.get(auth);
  if (actor === undefined) return reply.code(401).send({ title: 'Unauthorized' });
  const { id } = request.params;
  const statement = statementFor(`${auth}|${id}`, () => meetingDetailQuery(db, actor, id));
  const client = await connectionFor(actor);
  let row: (MeetingViewRow & { agendaItems: string | AgendaItemViewRow[] }) | undefined;
  try {
    row = (await client.query(statement)).rows[0];
  } finally {
    client.release();
  }
  if (row === undefined) return reply.code(404).send({ title: 'Not Found' });
  const body = {
    ...toMeeting(row),
    agendaItems: fromJson(row.agendaItems).map(toAgendaItem),
  };
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
});

const common = new Map<string, boolean>();

app.get('/api/meetings', async (request, reply) => {
  const auth = request.headers.authorization;
  const actor = auth === undefined ? ANONYMOUS : tokens.get(auth);
  if (actor === undefined) return reply.code(401).send({ title: 'Unauthorized' });
  const search = new URL(request.url, 'http://x').searchParams;
  const limit = Number(search.get('limit') ?? 50);
  const filters = filtersOf(search);
  const client = await connectionFor(actor);
  let rows: MeetingViewRow[];
  try {
    const key = `${auth}|${request.url}`;
    let statement = prepared.get(key);
    if (statement === undefined) {
      // Once per URL and caller, as the SQL is compiled once: whether the topic is common.
      let isCommon = false;
      if (filters.topicId !== undefined) {
        const topicKey = `${auth}|${filters.topicId}`;
        isCommon =
          common.get(topicKey) ?? (await isCommonTopicOn(client, db, actor, filters.topicId));
        common.set(topicKey, isCommon);
      }
      statement = statementFor(key, () => meetingListQuery(db, actor, filters, limit, isCommon));
    }
    rows = (await client.query(statement)).rows as MeetingViewRow[];
  } finally {
    client.release();
  }
  const page = toPage(rows, limit, (r) => [r.date, r.id], toMeeting);
  page.nextCursor = sign('/api/meetings', actor, page.nextCursor);
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(page));
});

app.get('/ready', async () => ({ ok: true }));

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
const stop = () =>
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
