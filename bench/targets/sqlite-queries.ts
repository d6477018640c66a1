// The application's own hot queries, compiled once by Kysely into SQL text and parameters, for
// the baseline (B) to prepare once and for the plan check (EXPLAIN QUERY PLAN). Nothing here
// runs at request time in the application; it reuses the repository functions so that B asks
// SQLite exactly what the application asks.
import type SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import type { Actor } from '../../src/server/modules/access/actor.ts';
import {
  commonTopicProbe,
  selectMeetingsPage,
} from '../../src/server/modules/meetings/list-meetings.ts';
import {
  agendaItemsOfMeeting,
  selectMeetingViews,
} from '../../src/server/modules/meetings/meeting.repository.ts';
import type { MeetingListQuery } from '../../src/shared/meetings.schemas.ts';

export type ListFilters = Omit<MeetingListQuery, 'limit' | 'cursor'>;

/** A Kysely that only compiles (it is never asked to run anything). */
export function compiler(raw: SQLite.Database): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
}

/** GET /api/meetings/:id: the meeting with its agenda, as getMeetingDetail asks it. */
export function meetingDetailQuery(db: Kysely<Database>, actor: Actor, id: string): CompiledQuery {
  return selectMeetingViews(db, actor)
    .select((eb) => agendaItemsOfMeeting(db, eb, actor))
    .where('meetings.id', '=', id)
    .compile();
}

/** GET /api/meetings?limit=...: the first page, as listMeetings asks it. */
export function meetingListQuery(
  db: Kysely<Database>,
  actor: Actor,
  filters: ListFilters,
  limit: number,
  topicIsCommon: boolean,
): CompiledQuery {
  return selectMeetingsPage(db, actor, filters, { topicIsCommon, after: null, limit }).compile();
}

/** Whether listMeetings would take the topic for a common one (its isCommonTopic, compiled). */
export function isCommonTopic(
  db: Kysely<Database>,
  raw: SQLite.Database,
  actor: Actor,
  topicId: string,
): boolean {
  const query = commonTopicProbe(db, actor, topicId).compile();
  return raw.prepare(query.sql).get(...(query.parameters as unknown[])) !== undefined;
}

/** The filters GET /api/meetings takes, parsed from a query string as the route parses them. */
export function filtersOf(search: URLSearchParams): ListFilters {
  const filters: Record<string, string> = {};
  for (const key of ['level', 'format', 'status', 'from', 'to', 'topicId']) {
    const value = search.get(key);
    if (value !== null) filters[key] = value;
  }
  return filters as ListFilters;
}
