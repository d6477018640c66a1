import type { Meeting } from '../../../shared/meetings.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
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
 * caucus notes on it are that party's alone. JointMeetingOnly for a caucus.
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
