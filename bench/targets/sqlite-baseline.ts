// Baseline B on SQLite: Fastify answering GET /api/meetings/:id and GET /api/meetings with one
// prepared better-sqlite3 statement each, the same SQL the application runs (compiled by
// Kysely once, on the first request of each URL and caller, then reused), rows mapped by the
// application's own view functions and sent with JSON.stringify. No hooks, no schema, no
// session lookup (a bearer token is a key of an in-memory map); it signs the next page's cursor
// as ours does (cursor.ts): the driver's limit for the
// same work. Run as a child process: DATABASE_URL, PORT, BENCH_TOKENS (JSON: token -> actor).
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { fromJson } from '../../src/server/db/dialect.ts';
import { toPage } from '../../src/server/db/pagination.ts';
import { type Actor, ANONYMOUS } from '../../src/server/modules/access/actor.ts';
import type {
  AgendaItemViewRow,
  MeetingViewRow,
} from '../../src/server/modules/meetings/meeting.repository.ts';
import { toAgendaItem, toMeeting } from '../../src/server/modules/meetings/meeting.view.ts';
import { cursorSigner } from './cursor.ts';
import {
  compiler,
  filtersOf,
  isCommonTopic,
  meetingDetailQuery,
  meetingListQuery,
} from './sqlite-queries.ts';

const raw = new SQLite(process.env.DATABASE_URL ?? '', { readonly: true });
raw.pragma('journal_mode = WAL');
const db = compiler(raw);
const tokens = new Map<string, Actor>(
  Object.entries(JSON.parse(process.env.BENCH_TOKENS ?? '{}') as Record<string, Actor>).map(
    ([token, actor]) => [`Bearer ${token}`, actor],
  ),
);

interface Prepared {
  statement: SQLite.Statement;
  parameters: unknown[];
}
const prepared = new Map<string, Prepared>();

function statementFor(key: string, compile: () => { sql: string; parameters: readonly unknown[] }) {
  let found = prepared.get(key);
  if (found === undefined) {
    const query = compile();
    found = { statement: raw.prepare(query.sql), parameters: [...query.parameters] };
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
  const { statement, parameters } = statementFor(`${auth}|${id}`, () =>
    meetingDetailQuery(db, actor, id),
  );
  const row = statement.get(...parameters) as
    | (MeetingViewRow & { agendaItems: string | AgendaItemViewRow[] })
    | undefined;
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
  const { statement, parameters } = statementFor(`${auth}|${request.url}`, () => {
    let isCommon = false;
    if (filters.topicId !== undefined) {
      const key = `${auth}|${filters.topicId}`;
      isCommon = common.get(key) ?? isCommonTopic(db, raw, actor, filters.topicId);
      common.set(key, isCommon);
    }
    return meetingListQuery(db, actor, filters, limit, isCommon);
  });
  const rows = statement.all(...parameters) as MeetingViewRow[];
  const page = toPage(rows, limit, (r) => [r.date, r.id], toMeeting);
  page.nextCursor = sign('/api/meetings', actor, page.nextCursor);
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(page));
});

app.get('/ready', async () => ({ ok: true }));

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
