import { sql } from 'kysely';
import type { TimelineEvent, TimelineQuery } from '../../../shared/timeline.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

export function toTimelineEvent(row: Row<'timelineEvents'>): TimelineEvent {
  const { createdAt: _created, reconstructed, ...event } = row;
  return { ...event, ...cited(row), reconstructed: reconstructed === 1 };
}

/**
 * The record in date order (a month-precision date sorts before the days of that month).
 * `to` is compared at its own precision, so to=1999 keeps every event of 1999.
 */
export async function listTimeline(deps: Deps, actor: Actor, query: TimelineQuery) {
  let select = deps.db
    .selectFrom('timelineEvents')
    .selectAll()
    .where(visibleTo(actor, 'timelineEvents'))
    .orderBy('date')
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.from) select = select.where('date', '>=', query.from);
  if (query.to) {
    const to = query.to;
    select = select.where(sql<boolean>`substr("date", 1, ${to.length}) <= ${to}`);
  }
  if (query.kind) select = select.where('kind', '=', query.kind);
  if (query.cursor) select = select.where(afterCursor(['date', 'id'], query.cursor));
  const rows = await select.execute();
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
