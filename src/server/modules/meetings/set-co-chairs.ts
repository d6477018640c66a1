import type { Meeting, SetCoChairsInput } from '../../../shared/meetings.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertReferenceFits, visibleTo } from '../access/visibility.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertPublishedKept } from '../publication/publication.policy.ts';
import {
  type CoChairFacts,
  coChairProblems,
  coChairRowsOf,
  type DelegationFact,
  type PersonFact,
} from './co-chairs.policy.ts';
import { getMeeting } from './get-meeting.ts';
import { findVisibleMeeting } from './meeting.repository.ts';
import { assertAgreedTermsOpen, reviseAgreedTerms, type VoidedAgreement } from './revise-terms.ts';

/**
 * Sets the co-chairs of a joint meeting (manage-council), replacing the previous set: the
 * Secretary General, the rotating NATO member state, Russia's representative. They are part
 * of the meeting's terms: a different set moves the agenda version on and voids earlier
 * agreements. A co-chair named on a joint meeting is read by both parties, so it must be at
 * least as visible as the meeting (VisibilityTooWide for a caucus person or delegation). A
 * caucus has no co-chairs (JointMeetingOnly). Errors: NotFound, ValidationFailed (see
 * co-chairs.policy).
 */
export async function setCoChairs(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  input: SetCoChairsInput,
): Promise<Meeting & { voidedAgreements: VoidedAgreement[] }> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    if (meeting.format !== 'joint') {
      throw new DomainError('JointMeetingOnly', 'a caucus meeting has no co-chairs');
    }
    const facts = await loadFacts(trx, actor, meeting, input);
    const problems = coChairProblems(input, facts);
    if (problems.length > 0) {
      throw new DomainError('ValidationFailed', 'these co-chairs do not fit', problems);
    }
    const before = await trx
      .selectFrom('meetingCoChairs')
      .select(['role', 'personId', 'delegationId'])
      .where('meetingId', '=', meetingId)
      .orderBy('role')
      .execute();
    const rows = coChairRowsOf(input);
    const same =
      before.length === rows.length &&
      rows.every((r) =>
        before.some(
          (b) =>
            b.role === r.role && b.personId === r.personId && b.delegationId === r.delegationId,
        ),
      );
    let voidedAgreements: VoidedAgreement[] = [];
    if (!same) {
      assertPublishedKept('meeting', meeting, Object.keys(input));
      await assertAgreedTermsOpen(trx, meeting, meeting.status, 'coChairs');
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
      await trx
        .updateTable('meetings')
        .set({ updatedAt: at })
        .where('id', '=', meetingId)
        .execute();
      ({ voidedAgreements } = await reviseAgreedTerms(uow, meeting, 'the co-chairs changed'));
      record({
        entity: 'meeting',
        id: meetingId,
        action: 'set-co-chairs',
        scope: meeting,
        audit: { before, after: rows },
      });
    }
    return { ...(await getMeeting(trx, actor, meetingId)), voidedAgreements };
  });
}

/**
 * The people and delegations named, as far as the caller can see them; each must be at
 * least as visible as the meeting (VisibilityTooWide), or naming it would show it to the
 * meeting's whole audience.
 */
async function loadFacts(
  db: Executor,
  actor: Actor,
  meeting: Row<'meetings'>,
  input: SetCoChairsInput,
): Promise<CoChairFacts> {
  const named: [string, string | undefined][] = [
    ['secretaryGeneral', input.secretaryGeneral],
    ['rotating.personId', input.rotating?.personId],
    ['russia', input.russia],
  ];
  const personIds = named.map(([, id]) => id).filter((id): id is string => id !== undefined);
  const people =
    personIds.length === 0
      ? []
      : await db
          .selectFrom('people')
          .select(['id', 'delegationId', 'visibility', 'party'])
          .where('id', 'in', personIds)
          .where(visibleTo(actor, 'people'))
          .execute();
  for (const [field, id] of named) {
    const person = people.find((p) => p.id === id);
    if (person) assertReferenceFits(meeting, person, field);
  }
  const delegationIds = [...people.map((p) => p.delegationId), input.rotating?.delegationId].filter(
    (id): id is string => typeof id === 'string',
  );
  const delegations =
    delegationIds.length === 0
      ? []
      : await db
          .selectFrom('delegations')
          .select(['id', 'party', 'countryCode', 'joinedOn', 'leftOn', 'visibility'])
          .where('id', 'in', delegationIds)
          .where(visibleTo(actor, 'delegations'))
          .execute();
  const rotating = delegations.find((d) => d.id === input.rotating?.delegationId);
  if (rotating) assertReferenceFits(meeting, rotating, 'rotating.delegationId');
  return {
    date: meeting.date,
    people: new Map<string, PersonFact>(people.map((p) => [p.id, p])),
    delegations: new Map<string, DelegationFact>(delegations.map((d) => [d.id, d])),
  };
}
