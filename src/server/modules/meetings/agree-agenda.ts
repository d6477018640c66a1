import type { AgreeAgendaInput, Meeting } from '../../../shared/meetings.schemas.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { getMeeting } from './get-meeting.ts';
import { findVisibleMeeting } from './meeting.repository.ts';

/**
 * A secretary agrees the current version of a joint meeting's agenda for their OWN party
 * (agree-agenda); the party comes from the caller, never from the request. The agenda is
 * agreed once every party has agreed the same version (agenda.policy.ts). Errors: NotFound,
 * JointMeetingOnly (a caucus agenda needs no joint agreement), AgendaLocked (not planned),
 * Conflict (empty agenda, or `agendaVersion` given and no longer current).
 */
export async function agreeAgenda(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  input: AgreeAgendaInput,
): Promise<Meeting> {
  const user = requirePermission(actor, 'agree-agenda');
  const at = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    if (meeting.format !== 'joint') {
      throw new DomainError('JointMeetingOnly', "a caucus agenda is the party's own to set");
    }
    if (meeting.status !== 'planned') {
      throw new DomainError('AgendaLocked', `the agenda of a ${meeting.status} meeting is closed`);
    }
    if (input.agendaVersion !== undefined && input.agendaVersion !== meeting.agendaVersion) {
      throw new DomainError('Conflict', 'the agenda changed since you read it', [
        { field: 'body.agendaVersion', message: `the current version is ${meeting.agendaVersion}` },
      ]);
    }
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
    await recordAudit(trx, {
      actor,
      at,
      action: 'agenda.agree',
      entityType: 'meeting',
      entityId: meetingId,
      visibility: meeting.visibility,
      party: meeting.party,
      after: { party: user.party, agendaVersion: meeting.agendaVersion },
    });
  });
  return getMeeting(deps, actor, meetingId);
}
