import type { AgreeAgendaInput, Meeting } from '../../../shared/meetings.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { getMeeting } from './get-meeting.ts';
import { findVisibleMeeting } from './meeting.repository.ts';

/**
 * A secretary agrees the version of a joint meeting's agenda it read, for its OWN party
 * (agree-agenda); the party comes from the caller, never from the request. The version covers
 * the agenda and the meeting's terms: VersionRequired when none is named, StaleVersion when
 * either changed since. The agenda is agreed once every party has agreed the same version
 * (agenda.policy.ts). Errors: NotFound, JointMeetingOnly (a caucus agenda needs no joint
 * agreement), AgendaLocked (not planned), Conflict (empty agenda).
 */
export async function agreeAgenda(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  input: AgreeAgendaInput,
): Promise<Meeting> {
  const user = requirePermission(actor, 'agree-agenda');
  return change(deps, actor, async ({ trx, at, record }) => {
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    if (meeting.format !== 'joint') {
      throw new DomainError('JointMeetingOnly', "a caucus agenda is the party's own to set");
    }
    if (meeting.status !== 'planned') {
      throw new DomainError('AgendaLocked', `the agenda of a ${meeting.status} meeting is closed`);
    }
    assertCurrentVersion('agenda', meeting.agendaVersion, input.agendaVersion, 'agendaVersion');
    const item = await trx
      .selectFrom('agendaItems')
      .select('id')
      .where('meetingId', '=', meetingId)
      .limit(1)
      .executeTakeFirst();
    if (!item) throw new DomainError('Conflict', 'an empty agenda cannot be agreed');
    const agreement = {
      meetingId,
      party: user.party,
      userId: user.userId,
      agendaVersion: meeting.agendaVersion,
      agreedAt: at,
      visibility: meeting.visibility,
    };
    await trx
      .insertInto('agendaAgreements')
      .values(agreement)
      .onConflict((oc) =>
        oc.columns(['meetingId', 'party']).doUpdateSet({
          userId: user.userId,
          agendaVersion: meeting.agendaVersion,
          agreedAt: at,
        }),
      )
      .execute();
    record({
      entity: 'meeting',
      id: meetingId,
      action: 'agree-agenda',
      scope: meeting,
      audit: { after: { party: user.party, agendaVersion: meeting.agendaVersion } },
    });
    return getMeeting(trx, actor, meetingId);
  });
}
