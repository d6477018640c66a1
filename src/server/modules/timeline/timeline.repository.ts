import { sql } from 'kysely';
import type { TimelineEvent, TimelineQuery } from '../../../shared/timeline.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import { unionAllOf } from '../../db/union-all.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { audienceConditions, visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

export function toTimelineEvent(row: Row<'timelineEvents'>): TimelineEvent {
  const { createdAt: _created, reconstructed, ...event } = row;
  return { ...event, ...cited(row), reconstructed: reconstructed === 1 };
}

/**
 * The record in date order (a month-precision date sorts before the days of that month).
 * `to` is compared at its own precision, so to=1999 keeps every event of 1999. Each audience
 * the caller may see is read on an index of its own events only (migration 2026-12-07T1600),
 * a page of each, merged: the other party's caucus events are never walked, so the list's
 * time says nothing of how many it keeps.
 */
export async function listTimeline(deps: Deps, actor: Actor, query: TimelineQuery) {
  const db = deps.db;
  const pageOf = audienceConditions(actor, 'timelineEvents', { sharedApart: true }).map(
    (audience) => {
      let select = db
        .selectFrom('timelineEvents')
        .selectAll()
        .where(audience)
        .orderBy('date')
        .orderBy('id')
        .limit(query.limit + 1);
      if (query.from) select = select.where('date', '>=', query.from);
      if (query.to) {
        const to = query.to;
        // The second bound follows from the first ('~' sorts after every digit and '-') and
        // lets the index seek to it.
        select = select
          .where(sql<boolean>`substr("date", 1, ${to.length}) <= ${to}`)
          .where(sql<boolean>`"date" <= ${to} || '~'`);
      }
      if (query.kind) select = select.where('kind', '=', query.kind);
      if (query.cursor) select = select.where(afterCursor(['date', 'id'], query.cursor));
      return db.selectFrom(select.as('audience')).selectAll();
    },
  );
  const rows = await db
    .selectFrom(unionAllOf(pageOf).as('merged'))
    .selectAll()
    .orderBy('date')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, (row) => [row.date, row.id], toTimelineEvent);
}

export async function findTimelineEventRow(db: Executor, actor: Actor, id: string) {
  const row = await db
    .selectFrom('timelineEvents')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'timelineEvents'))
    .executeTakeFirst();
  if (!row) throw notFound('timeline event');
  return row;
}
