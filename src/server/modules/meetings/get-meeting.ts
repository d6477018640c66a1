import type { AgendaItem, MeetingDetail } from '../../../shared/meetings.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { fromJson } from '../../db/dialect.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import {
  type ActorShape,
  type ActorValues,
  actorFrom,
  actorShape,
  actorValues,
} from '../access/prepared-actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { agendaItemsOfMeeting, selectMeetingViews } from './meeting.repository.ts';
import { toAgendaItem, toMeeting } from './meeting.view.ts';

/** One meeting with co-chairs, attendance and agenda status. NotFound if the caller cannot see it. */
export async function getMeeting(db: Executor, actor: Actor, id: string) {
  const row = await selectMeetingViews(db, actor).where('meetings.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('meeting');
  return toMeeting(row);
}

const meetingDetail = preparedQuery(
  (db, shape: ActorShape, values: ActorValues & { id: string }) => {
    const actor = actorFrom(shape, values);
    return selectMeetingViews(db, actor)
      .select((eb) => agendaItemsOfMeeting(db, eb, actor))
      .where('meetings.id', '=', values.id);
  },
);

/**
 * The meeting with its agenda items in order, in one query: the detail page is the hot read
 * path (compiled once per kind of caller), and a hidden meeting costs no agenda query.
 * NotFound if the caller cannot see it.
 */
export async function getMeetingDetail(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<MeetingDetail> {
  const [row] = await meetingDetail(deps.db, actorShape(actor), { ...actorValues(actor), id });
  if (!row) throw notFound('meeting');
  return { ...toMeeting(row), agendaItems: fromJson(row.agendaItems).map(toAgendaItem) };
}

/** A meeting's agenda items in order, in one query. NotFound if the caller cannot see it. */
export async function listAgendaItems(
  deps: Deps,
  actor: Actor,
  meetingId: string,
): Promise<AgendaItem[]> {
  const row = await deps.db
    .selectFrom('meetings')
    .select((eb) => agendaItemsOfMeeting(deps.db, eb, actor))
    .where('meetings.id', '=', meetingId)
    .where(visibleTo(actor, 'meetings'))
    .executeTakeFirst();
  if (!row) throw notFound('meeting');
  return fromJson(row.agendaItems).map(toAgendaItem);
}
