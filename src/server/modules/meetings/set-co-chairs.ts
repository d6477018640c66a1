import type { Meeting, SetCoChairsInput } from '../../../shared/meetings.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  type CoChairFacts,
  coChairProblems,
  coChairRowsOf,
  type DelegationFact,
  type PersonFact,
} from './co-chairs.policy.ts';
import { getMeeting } from './get-meeting.ts';
import { findVisibleMeeting } from './meeting.repository.ts';

/**
 * Sets the co-chairs of a joint meeting (manage-council), replacing the previous set: the
 * Secretary General, the rotating NATO member state, Russia's representative. A caucus has
 * no co-chairs (JointMeetingOnly). Errors: NotFound, ValidationFailed (see co-chairs.policy).
 */
export async function setCoChairs(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  input: SetCoChairsInput,
): Promise<Meeting> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    if (meeting.format !== 'joint') {
      throw new DomainError('JointMeetingOnly', 'a caucus meeting has no co-chairs');
    }
    const facts = await loadFacts(trx, actor, meeting.date, input);
    const problems = coChairProblems(input, facts);
    if (problems.length > 0) {
      throw new DomainError('ValidationFailed', 'these co-chairs do not fit', problems);
    }
    const before = await trx
      .selectFrom('meetingCoChairs')
      .select(['role', 'personId', 'delegationId'])
      .where('meetingId', '=', meetingId)
      .execute();
    const rows = coChairRowsOf(input);
    await trx.deleteFrom('meetingCoChairs').where('meetingId', '=', meetingId).execute();
    if (rows.length > 0) {
      await trx
        .insertInto('meetingCoChairs')
        .values(
          rows.map((r) => ({
            ...r,
            meetingId,
            visibility: meeting.visibility,
            party: meeting.party,
          })),
        )
        .execute();
    }
    await trx.updateTable('meetings').set({ updatedAt: at }).where('id', '=', meetingId).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'meeting.co-chairs',
      entityType: 'meeting',
      entityId: meetingId,
      visibility: meeting.visibility,
      party: meeting.party,
      before,
      after: rows,
    });
  });
  return getMeeting(deps, actor, meetingId);
}

/** The people and delegations named, as far as the caller can see them. */
async function loadFacts(
  db: Executor,
  actor: Actor,
  date: string,
  input: SetCoChairsInput,
): Promise<CoChairFacts> {
  const personIds = [input.secretaryGeneral, input.rotating?.personId, input.russia].filter(
    (id): id is string => id !== undefined,
  );
  const people =
    personIds.length === 0
      ? []
      : await db
          .selectFrom('people')
          .select(['id', 'delegationId'])
          .where('id', 'in', personIds)
          .where(visibleTo(actor, 'people'))
          .execute();
  const delegationIds = [...people.map((p) => p.delegationId), input.rotating?.delegationId].filter(
    (id): id is string => typeof id === 'string',
  );
  const delegations =
    delegationIds.length === 0
      ? []
      : await db
          .selectFrom('delegations')
          .select(['id', 'party', 'countryCode', 'joinedOn', 'leftOn'])
          .where('id', 'in', delegationIds)
          .where(visibleTo(actor, 'delegations'))
          .execute();
  return {
    date,
    people: new Map<string, PersonFact>(people.map((p) => [p.id, p])),
    delegations: new Map<string, DelegationFact>(delegations.map((d) => [d.id, d])),
  };
}
