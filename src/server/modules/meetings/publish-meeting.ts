import type { Meeting } from '../../../shared/meetings.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertNamesOnlyPublic, type NamedItem } from '../publication/publication.policy.ts';
import {
  clearPublicationRequests,
  requestPublication,
} from '../publication/publication-requests.ts';
import { getMeeting } from './get-meeting.ts';
import { findVisibleMeeting } from './meeting.repository.ts';

/**
 * The caller's party asks to publish the version of a joint meeting it read (manage-council;
 * VersionRequired, StaleVersion: the version is the agenda version). A joint meeting is both
 * parties' own, so it becomes public, with its agenda, co-chairs, attendance and agreements,
 * only once every party has asked for the same version. Notes stay as they are: a party's
 * caucus notes on it are that party's alone, and so is any caucus row under it: only the
 * joint rows of its record are widened. VisibilityTooWide while that record names a topic,
 * activity, person or delegation that is not public (its owner publishes it first).
 * JointMeetingOnly for a caucus.
 */
export async function publishMeeting(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
): Promise<Meeting> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const before = await findVisibleMeeting(trx, actor, id);
    if (before.format !== 'joint') {
      throw new DomainError('JointMeetingOnly', "a caucus meeting stays within its party's caucus");
    }
    if (before.visibility === 'public') return getMeeting(trx, actor, id);
    assertCurrentVersion('meeting', before.agendaVersion, version);
    assertNamesOnlyPublic('meeting', await namedByJointRecord(trx, id));
    const { everyPartyAsked } = await requestPublication(uow, user, {
      entity: 'meeting',
      id,
      version: before.agendaVersion,
      scope: before,
    });
    if (everyPartyAsked) {
      const after: Row<'meetings'> = { ...before, visibility: 'public', updatedAt: at };
      await trx
        .updateTable('meetings')
        .set({ visibility: 'public', updatedAt: at })
        .where('id', '=', id)
        .execute();
      // Only the meeting's own joint children: nothing of a party's caucus is ever widened.
      for (const table of ['meetingCoChairs', 'meetingAttendance', 'agendaAgreements'] as const) {
        await trx
          .updateTable(table)
          .set({ visibility: 'public' })
          .where('meetingId', '=', id)
          .where('visibility', '=', 'joint')
          .execute();
      }
      const items = await trx
        .updateTable('agendaItems')
        .set({ visibility: 'public', updatedAt: at })
        .where('meetingId', '=', id)
        .where('visibility', '=', 'joint')
        .returningAll()
        .execute();
      for (const item of items) {
        record({
          entity: 'agendaItem',
          id: item.id,
          action: 'update',
          before: { ...item, visibility: 'joint' },
          after: item,
        });
      }
      await clearPublicationRequests(uow, 'meeting', id);
      record({ entity: 'meeting', id, action: 'publish', before, after });
    }
    return getMeeting(trx, actor, id);
  });
}

/**
 * What the meeting's joint record, once public, shows the public: the topics and activities
 * of its joint agenda items, the people and delegations of its joint co-chairs and attendance.
 * Only joint rows: a caucus row is never widened, and its links are no business of the other
 * party, who must not learn of them from an error either.
 */
async function namedByJointRecord(trx: Executor, meetingId: string): Promise<NamedItem[]> {
  const named: NamedItem[] = [];
  const items = trx
    .selectFrom('agendaItems')
    .select('agendaItems.id')
    .where('agendaItems.meetingId', '=', meetingId)
    .where('agendaItems.visibility', '=', 'joint');
  const topics = await trx
    .selectFrom('agendaItemTopics')
    .innerJoin('topics', 'topics.id', 'agendaItemTopics.topicId')
    .select(['agendaItemTopics.agendaItemId', 'topics.id', 'topics.visibility', 'topics.party'])
    .where('agendaItemTopics.agendaItemId', 'in', items)
    .orderBy('agendaItemTopics.agendaItemId')
    .orderBy('topics.id')
    .execute();
  for (const t of topics) {
    named.push({ field: `agendaItems.${t.agendaItemId}.topicIds`, what: `topic ${t.id}`, item: t });
  }
  const activities = await trx
    .selectFrom('agendaItemActivities')
    .innerJoin('activities', 'activities.id', 'agendaItemActivities.activityId')
    .select([
      'agendaItemActivities.agendaItemId',
      'activities.id',
      'activities.visibility',
      'activities.party',
    ])
    .where('agendaItemActivities.agendaItemId', 'in', items)
    .orderBy('agendaItemActivities.agendaItemId')
    .orderBy('activities.id')
    .execute();
  for (const a of activities) {
    named.push({
      field: `agendaItems.${a.agendaItemId}.activityIds`,
      what: `activity ${a.id}`,
      item: a,
    });
  }
  for (const table of ['meetingCoChairs', 'meetingAttendance'] as const) {
    const rows = await trx
      .selectFrom(table)
      .select(['personId', 'delegationId'])
      .where('meetingId', '=', meetingId)
      .where('visibility', '=', 'joint')
      .execute();
    const field = table === 'meetingCoChairs' ? 'coChairs' : 'attendance';
    for (const [column, refTable, what] of [
      ['personId', 'people', 'person'],
      ['delegationId', 'delegations', 'delegation'],
    ] as const) {
      const ids = [...new Set(rows.map((r) => r[column]).filter((v): v is string => v !== null))];
      if (ids.length === 0) continue;
      const found = await trx
        .selectFrom(refTable)
        .select(['id', 'visibility', 'party'])
        .where('id', 'in', ids)
        .orderBy('id')
        .execute();
      for (const item of found) {
        named.push({ field: `${field}.${column}`, what: `${what} ${item.id}`, item });
      }
    }
  }
  return named;
}
