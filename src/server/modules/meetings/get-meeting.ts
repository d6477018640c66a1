import type { MeetingDetail } from '../../../shared/meetings.schemas.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { selectAgendaItems, selectMeetingViews } from './meeting.repository.ts';
import { toAgendaItem, toMeeting } from './meeting.view.ts';

/** One meeting with co-chairs, attendance and agenda status. NotFound if the caller cannot see it. */
export async function getMeeting(deps: Deps, actor: Actor, id: string) {
  const row = await selectMeetingViews(deps.db, actor)
    .where('meetings.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('meeting');
  return toMeeting(row);
}

/** The meeting with its agenda items in order. NotFound if the caller cannot see it. */
export async function getMeetingDetail(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<MeetingDetail> {
  const [meeting, items] = await Promise.all([
    getMeeting(deps, actor, id),
    selectAgendaItems(deps.db, actor, id).execute(),
  ]);
  return { ...meeting, agendaItems: items.map(toAgendaItem) };
}
