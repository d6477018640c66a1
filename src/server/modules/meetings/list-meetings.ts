import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Meeting, MeetingListQuery } from '../../../shared/meetings.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { isPostgres } from '../../db/dialect.ts';
import { LruMap } from '../../db/lru-map.ts';
import { afterValues, decodeCursor, invalidCursor, toPage } from '../../db/pagination.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { Database } from '../../db/schema.ts';
import { unionAllOf } from '../../db/union-all.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import {
  type ActorShape,
  type ActorValues,
  actorFrom,
  actorShape,
  actorValues,
} from '../access/prepared-actor.ts';
import { viewerOf } from '../access/viewer.ts';
import { audienceConditions, inAudienceOf, visibleTo } from '../access/visibility.policy.ts';
import { selectMeetingViews } from './meeting.repository.ts';
import { toMeeting } from './meeting.view.ts';

type Filters = Omit<MeetingListQuery, 'limit' | 'cursor'>;

/**
 * Narrows a meetings query to the caller's visible meetings matching the filters, in SQL.
 * Dates are partial, so `from`/`to` keep every meeting whose date overlaps the range: a
 * meeting known only as "2001" is in a list from 2001-03.
 */
export function withMeetingFilters<O>(
  query: SelectQueryBuilder<Database, 'meetings', O>,
  actor: Actor,
  filters: Filters,
  topicIsCommon = false,
  /** Which meetings: by default all the caller may see; a list's page, one audience of them. */
  visible: Expression<SqlBool> = visibleTo(actor, 'meetings'),
): SelectQueryBuilder<Database, 'meetings', O> {
  let q = query.where(visible);
  if (filters.level !== undefined) q = q.where('meetings.level', '=', filters.level);
  if (filters.format !== undefined) q = q.where('meetings.format', '=', filters.format);
  if (filters.status !== undefined) q = q.where('meetings.status', '=', filters.status);
  if (filters.from !== undefined) {
    const from = filters.from;
    // A date may be partial (`2001`, `2001-03`): it is in the window when its own precision
    // says so. The second bound follows from the first (the window's year is a prefix of every
    // value the first compares with) and lets the planner seek the date index to it.
    // Both in SQL, from the value as given: a prepared query binds it (db/prepared-query.ts).
    q = q
      .where(sql<boolean>`"meetings"."date" >= substr(${from}, 1, length("meetings"."date"))`)
      .where(sql<boolean>`"meetings"."date" >= substr(${from}, 1, 4)`);
  }
  if (filters.to !== undefined) {
    const to = filters.to;
    // Implied too: a date whose first characters are at most `to` sorts at most `to~` ('~'
    // after every digit and '-'), a bound the index can seek to.
    q = q
      .where(sql<boolean>`substr("meetings"."date", 1, length(${to})) <= ${to}`)
      .where(sql<boolean>`"meetings"."date" <= ${to} || '~'`);
  }
  if (filters.topicId !== undefined) {
    const topicId = filters.topicId;
    if (topicIsCommon) {
      // Many meetings have it: walking the meetings in date order finds a page of them soon.
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('agendaItems as i')
            .innerJoin('agendaItemTopics as t', 't.agendaItemId', 'i.id')
            .select('i.id')
            .whereRef('i.meetingId', '=', 'meetings.id')
            .where('t.topicId', '=', topicId)
            .where(visibleTo(actor, 'i')),
        ),
      );
    } else {
      // Few have it: from the topic's links to their meetings, so that a topic on no agenda
      // never costs a walk through every meeting.
      q = q.where('meetings.id', 'in', (eb) =>
        eb
          .selectFrom('agendaItemTopics as t')
          .innerJoin('agendaItems as i', 'i.id', 't.agendaItemId')
          .select('i.meetingId')
          .where('t.topicId', '=', topicId)
          .where(inAudienceOf(actor, 't.audience'))
          .where(visibleTo(actor, 'i')),
      );
    }
  }
  return q;
}

const ORDER = ['meetings.date', 'meetings.id'];

/** Which page: the topic filter's form, where it starts (after this date and id), its size. */
export interface MeetingsPage {
  topicIsCommon: boolean;
  after: readonly [date: string, id: string] | null;
  limit: number;
}

/**
 * One page of the visible meetings matching the filters, one more than asked for. Each
 * audience the caller may see (public, joint, its party's caucus: audienceConditions) is read
 * on an index of that audience's meetings only, in date order (migration 2026-12-07T1400): a
 * shared audience on an index of public and joint meetings, the caucus on one of the party's
 * own, whatever either planner's statistics say. The pages are merged, and only the page's
 * meetings are then read whole: the list never walks a
 * meeting the caller may not see, so how long it takes is a function of what the caller sees
 * (bench/hidden-meetings.ts). Also asked by the benchmark's baseline (bench/targets).
 */
export function selectMeetingsPage(
  db: Executor,
  actor: Actor,
  filters: Filters,
  page: MeetingsPage,
) {
  const pageOf = audienceConditions(actor, 'meetings', { sharedApart: true }).map((audience) => {
    // The audience alone, not the whole rule beside it: the page's own columns are then all
    // in the audience's index, and SQLite reads no meeting to find the page (the meetings read
    // whole are tested against the whole rule, by selectMeetingViews).
    let q = withMeetingFilters(
      db.selectFrom('meetings').select(['meetings.id', 'meetings.date']),
      actor,
      filters,
      page.topicIsCommon,
      audience,
    );
    if (page.after !== null) q = q.where(afterValues(ORDER, page.after));
    return db
      .selectFrom(
        q
          .orderBy('meetings.date')
          .orderBy('meetings.id')
          .limit(page.limit + 1)
          .as('audience'),
      )
      .selectAll();
  });
  const ids = db
    .selectFrom(unionAllOf(pageOf).as('merged'))
    .select('merged.id')
    .orderBy('merged.date')
    .orderBy('merged.id')
    .limit(page.limit + 1);
  // PostgreSQL took `id in (page)` for a semi-join and, below some thousands of meetings,
  // hashed the page against a scan of every meeting; an array computed once is looked up
  // on the primary key whatever the size.
  const onPage = isPostgres(db)
    ? sql<boolean>`${sql.ref('meetings.id')} = any(array(${ids}))`
    : sql<boolean>`${sql.ref('meetings.id')} in (${ids})`;
  return selectMeetingViews(db, actor)
    .where(onPage)
    .orderBy('meetings.date')
    .orderBy('meetings.id');
}

interface ListShape {
  actor: ActorShape;
  /** The filters present, by name: each adds its own condition. */
  filters: string[];
  topicIsCommon: boolean;
  after: boolean;
  limit: number;
}

type ListValues = ActorValues & Filters & { afterDate?: string; afterId?: string };

// The list is the calendar's and every dashboard's read: compiled once per shape.
const meetingsPage = preparedQuery((db, shape: ListShape, values: ListValues) => {
  const actor = actorFrom(shape.actor, values);
  const filters = Object.fromEntries(
    shape.filters.map((name) => [name, values[name as keyof Filters]]),
  ) as Filters;
  return selectMeetingsPage(db, actor, filters, {
    topicIsCommon: shape.topicIsCommon,
    after: shape.after ? [values.afterDate ?? '', values.afterId ?? ''] : null,
    limit: shape.limit,
  });
});

/** A page of visible meetings ordered by date then id. */
export async function listMeetings(
  deps: Deps,
  actor: Actor,
  query: MeetingListQuery,
): Promise<{ items: Meeting[]; nextCursor: string | null }> {
  const { limit, cursor, ...filters } = query;
  const common =
    filters.topicId !== undefined && (await isCommonTopic(deps, actor, filters.topicId));
  const after = cursor === undefined ? null : meetingCursor(cursor);
  const present = Object.entries(filters).filter(([, value]) => value !== undefined);
  const rows = await meetingsPage(
    deps.db,
    {
      actor: actorShape(actor),
      filters: present.map(([name]) => name).sort(),
      topicIsCommon: common,
      after: after !== null,
      limit,
    },
    {
      ...actorValues(actor),
      ...Object.fromEntries(present),
      ...(after === null ? {} : { afterDate: after[0], afterId: after[1] }),
    },
  );
  return toPage(rows, limit, (r) => [r.date, r.id], toMeeting);
}

/** A meeting list's cursor: the date and id of the last meeting of the page before. */
function meetingCursor(cursor: string): [string, string] {
  const [date, id] = decodeCursor(cursor, ORDER.length);
  if (typeof date !== 'string' || typeof id !== 'string') throw invalidCursor();
  return [date, id];
}

/** Beyond this many visible agenda links, a topic is common (see withMeetingFilters). */
const COMMON_TOPIC_LINKS = 2_000;

/**
 * How long a topic's answer is kept. The answer only picks the plan of the list, never its
 * rows (both forms of the topic filter return the same meetings), so an answer gone stale
 * costs speed at worst; asking on every request cost a walk of up to COMMON_TOPIC_LINKS
 * index entries, as much as the page itself.
 */
const COMMON_TOPIC_TTL_MS = 30_000;
const COMMON_TOPIC_ENTRIES = 1_024;

/**
 * Per database (each test context, each bench target has its own answers) and per viewer: one
 * party filling its own map with topics evicts nothing of the other's, so how fast its own
 * answers come says nothing of what the other party asks.
 */
const commonTopicAnswers = new WeakMap<
  object,
  Map<string, LruMap<string, { common: boolean; until: number }>>
>();

/**
 * Whether more than COMMON_TOPIC_LINKS visible agenda items link to the topic: a walk down the
 * topic's index that stops at the threshold and seeks only the audiences the caller may see
 * (the index starts with the link's audience), so its cost is bounded and says nothing of the
 * other party's caucus. The answer is kept per viewer (a party, the public), the unit the count
 * is a function of: no answer computed from one party's caucus ever decides anything for the
 * other.
 */
async function isCommonTopic(deps: Deps, actor: Actor, topicId: string): Promise<boolean> {
  let viewers = commonTopicAnswers.get(deps.db);
  if (viewers === undefined) {
    viewers = new Map();
    commonTopicAnswers.set(deps.db, viewers);
  }
  const viewer = viewerOf(actor);
  let answers = viewers.get(viewer);
  if (answers === undefined) {
    answers = new LruMap(COMMON_TOPIC_ENTRIES);
    viewers.set(viewer, answers);
  }
  const now = performance.now();
  const known = answers.get(topicId);
  if (known !== undefined && known.until > now) return known.common;
  const common = (await commonTopicProbe(deps.db, actor, topicId).executeTakeFirst()) !== undefined;
  answers.set(topicId, { common, until: now + COMMON_TOPIC_TTL_MS });
  return common;
}

/** The query isCommonTopic asks: a row when the topic is on more agendas than the threshold. */
export function commonTopicProbe(db: Executor, actor: Actor, topicId: string) {
  return db
    .selectFrom('agendaItemTopics as t')
    .innerJoin('agendaItems as i', 'i.id', 't.agendaItemId')
    .select('t.agendaItemId')
    .where('t.topicId', '=', topicId)
    .where(inAudienceOf(actor, 't.audience'))
    .where(visibleTo(actor, 'i'))
    .limit(1)
    .offset(COMMON_TOPIC_LINKS);
}
