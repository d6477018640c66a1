import { type SelectQueryBuilder, sql } from 'kysely';
import type { Meeting, MeetingListQuery } from '../../../shared/meetings.schemas.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
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
): SelectQueryBuilder<Database, 'meetings', O> {
  let q = query.where(visibleTo(actor, 'meetings'));
  if (filters.level !== undefined) q = q.where('meetings.level', '=', filters.level);
  if (filters.format !== undefined) q = q.where('meetings.format', '=', filters.format);
  if (filters.status !== undefined) q = q.where('meetings.status', '=', filters.status);
  if (filters.from !== undefined) {
    const from = filters.from;
    q = q.where(sql<boolean>`"meetings"."date" >= substr(${from}, 1, length("meetings"."date"))`);
  }
  if (filters.to !== undefined) {
    const to = filters.to;
    q = q.where(sql<boolean>`substr("meetings"."date", 1, ${to.length}) <= ${to}`);
  }
  if (filters.topicId !== undefined) {
    const topicId = filters.topicId;
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
  }
  return q;
}

/** A page of visible meetings ordered by date then id. */
export async function listMeetings(
  deps: Deps,
  actor: Actor,
  query: MeetingListQuery,
): Promise<{ items: Meeting[]; nextCursor: string | null }> {
  const { limit, cursor, ...filters } = query;
  let select = withMeetingFilters(selectMeetingViews(deps.db, actor), actor, filters);
  if (cursor !== undefined)
    select = select.where(afterCursor(['meetings.date', 'meetings.id'], cursor));
  const rows = await select
    .orderBy('meetings.date')
    .orderBy('meetings.id')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, (r) => [r.date, r.id], toMeeting);
}
