import type { Transaction } from 'kysely';
import type { AgendaItem } from '../../../shared/meetings.schemas.ts';
import type { CoChairRole } from '../../../shared/vocabularies.ts';
import type { Executor } from '../../db/database.ts';
import type { Database, Row } from '../../db/schema.ts';
import { DomainError, type FieldError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertWithin, visibleTo } from '../access/visibility.policy.ts';
import { selectAgendaItems } from './meeting.repository.ts';
import { toAgendaItem } from './meeting.view.ts';

type Meeting = Row<'meetings'>;

/**
 * The agenda is history once the meeting is held or cancelled: only outcomes may still be
 * recorded. Record a past meeting as planned, set its agenda, then mark it held.
 */
export function assertAgendaOpen(meeting: Meeting): void {
  if (meeting.status !== 'planned') {
    throw new DomainError(
      'AgendaLocked',
      `the agenda of a ${meeting.status} meeting cannot change`,
    );
  }
}

/** Co-chairs chair items of joint meetings only. */
export function assertChairable(meeting: Meeting, chairedBy: CoChairRole | null | undefined): void {
  if (chairedBy != null && meeting.format !== 'joint') {
    throw new DomainError('JointMeetingOnly', 'a caucus meeting has no co-chairs', [
      { field: 'chairedBy', message: 'only for joint meetings' },
    ]);
  }
}

/** An outcome is what happened at the meeting, so it waits until the meeting is held. */
export function assertOutcomeRecordable(
  meeting: Meeting,
  outcome: string | null | undefined,
): void {
  if (outcome != null && meeting.status !== 'held') {
    throw new DomainError('MeetingNotHeld', 'record the outcome once the meeting is held', [
      { field: 'outcome', message: `the meeting is ${meeting.status}` },
    ]);
  }
}

/**
 * Checks that every linked topic and activity exists for the caller and is at least as visible
 * as the item: a joint item may not point at a caucus activity, or the link would leak it.
 */
export async function assertLinksFit(
  trx: Transaction<Database>,
  actor: Actor,
  item: Pick<Meeting, 'visibility' | 'party'>,
  topicIds: readonly string[] | undefined,
  activityIds: readonly string[] | undefined,
): Promise<void> {
  const problems: FieldError[] = [];
  for (const [field, table, ids] of [
    ['topicIds', 'topics', topicIds],
    ['activityIds', 'activities', activityIds],
  ] as const) {
    if (!ids || ids.length === 0) continue;
    const rows = await trx
      .selectFrom(table)
      .select(['id', 'visibility', 'party'])
      .where('id', 'in', ids)
      .where(visibleTo(actor, table))
      .execute();
    const found = new Map(rows.map((r) => [r.id, r]));
    ids.forEach((id, i) => {
      const linked = found.get(id);
      if (!linked) problems.push({ field: `${field}.${i}`, message: `no ${table} ${id}` });
      else assertWithin(item, linked, `${field}.${i}`);
    });
    if (new Set(ids).size !== ids.length) {
      problems.push({ field: `${field}`, message: 'lists an id twice' });
    }
  }
  if (problems.length > 0) {
    throw new DomainError('ValidationFailed', 'the linked items do not fit', problems);
  }
}

export async function replaceLinks(
  trx: Transaction<Database>,
  itemId: string,
  topicIds: readonly string[] | undefined,
  activityIds: readonly string[] | undefined,
): Promise<void> {
  if (topicIds !== undefined) {
    await trx.deleteFrom('agendaItemTopics').where('agendaItemId', '=', itemId).execute();
    if (topicIds.length > 0) {
      await trx
        .insertInto('agendaItemTopics')
        .values(topicIds.map((topicId) => ({ agendaItemId: itemId, topicId })))
        .execute();
    }
  }
  if (activityIds !== undefined) {
    await trx.deleteFrom('agendaItemActivities').where('agendaItemId', '=', itemId).execute();
    if (activityIds.length > 0) {
      await trx
        .insertInto('agendaItemActivities')
        .values(activityIds.map((activityId) => ({ agendaItemId: itemId, activityId })))
        .execute();
    }
  }
}

export async function linksOf(trx: Transaction<Database>, itemId: string) {
  const topics = await trx
    .selectFrom('agendaItemTopics')
    .select('topicId')
    .where('agendaItemId', '=', itemId)
    .orderBy('topicId')
    .execute();
  const activities = await trx
    .selectFrom('agendaItemActivities')
    .select('activityId')
    .where('agendaItemId', '=', itemId)
    .orderBy('activityId')
    .execute();
  return {
    topicIds: topics.map((t) => t.topicId),
    activityIds: activities.map((a) => a.activityId),
  };
}

export async function getAgendaItem(
  db: Executor,
  actor: Actor,
  meetingId: string,
  itemId: string,
): Promise<AgendaItem> {
  const row = await selectAgendaItems(db, actor, meetingId)
    .where('i.id', '=', itemId)
    .executeTakeFirst();
  if (!row) throw notFound('agenda item');
  return toAgendaItem(row);
}
