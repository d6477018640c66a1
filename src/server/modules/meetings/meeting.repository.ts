import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { jsonArrayFrom } from '../../db/dialect.ts';
import type { AgendaItemsTable, Database } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';

/**
 * A meeting with its co-chairs, attendance, agenda agreements and the parties that must agree,
 * in one query (JSON aggregation). Visibility is filtered in SQL on the meeting and on every
 * child row. The json helpers follow the dialect of `db`.
 */
export function selectMeetingViews(db: Executor, actor: Actor) {
  return db
    .selectFrom('meetings')
    .selectAll('meetings')
    .select((eb) => [
      jsonArrayFrom(
        db,
        eb
          .selectFrom('meetingCoChairs as c')
          .select(['c.role', 'c.personId', 'c.delegationId', 'c.sourceId'])
          .whereRef('c.meetingId', '=', 'meetings.id')
          .where(visibleTo(actor, 'c')),
      ).as('coChairs'),
      jsonArrayFrom(
        db,
        eb
          .selectFrom('meetingAttendance as a')
          .select(['a.delegationId', 'a.personId', 'a.representative', 'a.sourceId'])
          .whereRef('a.meetingId', '=', 'meetings.id')
          .where(visibleTo(actor, 'a'))
          .orderBy('a.delegationId'),
      ).as('attendance'),
      jsonArrayFrom(
        db,
        eb
          .selectFrom('agendaAgreements as g')
          .select(['g.party', 'g.agendaVersion'])
          .whereRef('g.meetingId', '=', 'meetings.id')
          .where(visibleTo(actor, 'g')),
      ).as('agreements'),
      jsonArrayFrom(db, eb.selectFrom('parties').select('parties.id')).as('parties'),
      jsonArrayFrom(
        db,
        eb
          .selectFrom('publicationRequests as p')
          .select('p.party')
          .where('p.entityType', '=', 'meeting')
          .whereRef('p.entityId', '=', 'meetings.id')
          .whereRef('p.version', '=', 'meetings.agendaVersion')
          .orderBy('p.party'),
      ).as('publicationRequests'),
    ])
    .where(visibleTo(actor, 'meetings'));
}

/**
 * The meetings of one ownership, a party's caucus (`party`) or the joint and public ones
 * (null), in the terms that choose the meetings' indexes of that ownership only (migration
 * 2026-12-07T1400 and audienceConditions' `sharedApart`): a read of the one never walks the
 * other's meetings, whatever the planner's statistics.
 */
export function meetingsOwnedBy(party: string | null): Expression<SqlBool> {
  const visibility = sql.ref('meetings.visibility');
  return party === null
    ? sql<SqlBool>`(${visibility} in ('public', 'joint') and ${visibility} <> 'caucus')`
    : sql<SqlBool>`(${visibility} = 'caucus' and ${sql.ref('meetings.party')} = ${party})`;
}

export type MeetingViewRow = Awaited<
  ReturnType<ReturnType<typeof selectMeetingViews>['executeTakeFirstOrThrow']>
>;

type AgendaItemScope = Database & { i: AgendaItemsTable };

const AGENDA_ITEM_COLUMNS = [
  'i.id',
  'i.meetingId',
  'i.position',
  'i.title',
  'i.outcome',
  'i.chairedBy',
  'i.sourceId',
  'i.reconstructed',
  'i.visibility',
  'i.party',
] as const;

/** An agenda item's topics and activities, only those the caller can see. */
function agendaItemLinks(db: Executor, eb: ExpressionBuilder<AgendaItemScope, 'i'>, actor: Actor) {
  return [
    jsonArrayFrom(
      db,
      eb
        .selectFrom('agendaItemTopics as t')
        .innerJoin('topics', 'topics.id', 't.topicId')
        .select('t.topicId as id')
        .whereRef('t.agendaItemId', '=', 'i.id')
        .where(visibleTo(actor, 'topics'))
        .orderBy('t.topicId'),
    ).as('topics'),
    jsonArrayFrom(
      db,
      eb
        .selectFrom('agendaItemActivities as l')
        .innerJoin('activities', 'activities.id', 'l.activityId')
        .select('l.activityId as id')
        .whereRef('l.agendaItemId', '=', 'i.id')
        .where(visibleTo(actor, 'activities'))
        .orderBy('l.activityId'),
    ).as('activities'),
  ] as const;
}

/** The agenda items of one meeting in order, with the topics and activities the caller can see. */
export function selectAgendaItems(db: Executor, actor: Actor, meetingId: string) {
  return db
    .selectFrom('agendaItems as i')
    .select(AGENDA_ITEM_COLUMNS)
    .select((eb) => agendaItemLinks(db, eb, actor))
    .where('i.meetingId', '=', meetingId)
    .where(visibleTo(actor, 'i'))
    .orderBy('i.position')
    .orderBy('i.id');
}

/**
 * The same agenda items as `selectAgendaItems`, as a JSON array nested in a query on
 * `meetings`, so that a meeting and its agenda come back in one query.
 */
export function agendaItemsOfMeeting(
  db: Executor,
  eb: ExpressionBuilder<Database, 'meetings'>,
  actor: Actor,
) {
  return jsonArrayFrom(
    db,
    eb
      .selectFrom('agendaItems as i')
      .select(AGENDA_ITEM_COLUMNS)
      .select((eb) => agendaItemLinks(db, eb, actor))
      .whereRef('i.meetingId', '=', 'meetings.id')
      .where(visibleTo(actor, 'i'))
      .orderBy('i.position')
      .orderBy('i.id'),
  ).as('agendaItems');
}

export type AgendaItemViewRow = Awaited<
  ReturnType<ReturnType<typeof selectAgendaItems>['execute']>
>[number];

/**
 * The meeting row if the caller may see it; NotFound otherwise, exactly as if it did not
 * exist. Inside a transaction this is also the read the change is based on.
 */
export async function findVisibleMeeting(db: Executor, actor: Actor, id: string) {
  const row = await db
    .selectFrom('meetings')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'meetings'))
    .executeTakeFirst();
  if (!row) throw notFound('meeting');
  return row;
}

export async function findVisibleAgendaItem(
  db: Executor,
  actor: Actor,
  meetingId: string,
  itemId: string,
) {
  const row = await db
    .selectFrom('agendaItems')
    .selectAll()
    .where('id', '=', itemId)
    .where('meetingId', '=', meetingId)
    .where(visibleTo(actor, 'agendaItems'))
    .executeTakeFirst();
  if (!row) throw notFound('agenda item');
  return row;
}
