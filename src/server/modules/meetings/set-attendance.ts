import type { Meeting, SetAttendanceInput } from '../../../shared/meetings.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { isNarrowerThan, visibleTo } from '../access/visibility.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertPublishedKept } from '../publication/publication.policy.ts';
import { voidRequestsFor } from '../publication/publication-voiding.ts';
import { getMeeting } from './get-meeting.ts';
import { findVisibleMeeting } from './meeting.repository.ts';

/** One line of attendance, as it is compared. */
interface Attended {
  delegationId: string;
  personId: string | null;
  representative: string | null;
}

/**
 * Records who attended, one entry per delegation, replacing the previous list
 * (manage-council). A caucus is attended by its own party's delegations only. Attendance is
 * read by the meeting's whole audience, so every delegation and person named must be at least
 * as visible as the meeting (a joint meeting cannot list a caucus delegation). Attendance is
 * an outcome, not an agreed term: agreements stand. Errors: NotFound, ValidationFailed
 * (unknown or repeated delegation, unknown person), VisibilityTooWide.
 */
export async function setAttendance(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  input: SetAttendanceInput,
): Promise<Meeting> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    const delegationIds = [...new Set(input.map((a) => a.delegationId))];
    const personIds = [...new Set(input.map((a) => a.personId).filter((p): p is string => !!p))];
    const delegations =
      delegationIds.length === 0
        ? []
        : await trx
            .selectFrom('delegations')
            .select(['id', 'party', 'visibility'])
            .where('id', 'in', delegationIds)
            .where(visibleTo(actor, 'delegations'))
            .execute();
    const people =
      personIds.length === 0
        ? []
        : await trx
            .selectFrom('people')
            .select(['id', 'visibility', 'party'])
            .where('id', 'in', personIds)
            .where(visibleTo(actor, 'people'))
            .execute();
    const partyOf = new Map(delegations.map((d) => [d.id, d.party]));
    const knownPeople = new Set(people.map((p) => p.id));
    const tooNarrow = new Set(
      [...delegations, ...people].filter((r) => isNarrowerThan(r, meeting)).map((r) => r.id),
    );
    const narrowProblems: FieldError[] = [];
    input.forEach((entry, i) => {
      for (const [key, id] of [
        ['delegationId', entry.delegationId],
        ['personId', entry.personId],
      ] as const) {
        if (id !== undefined && tooNarrow.has(id)) {
          narrowProblems.push({
            field: `${i}.${key}`,
            message: `names an item narrower than this ${meeting.visibility} meeting`,
          });
        }
      }
    });
    if (narrowProblems.length > 0) {
      throw new DomainError(
        'VisibilityTooWide',
        `a ${meeting.visibility} meeting's attendance is read by all who see it: it cannot name caucus items`,
        narrowProblems,
      );
    }
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    input.forEach((entry, i) => {
      const field = `${i}`;
      if (seen.has(entry.delegationId)) {
        problems.push({ field: `${field}.delegationId`, message: 'listed twice' });
      }
      seen.add(entry.delegationId);
      if (!partyOf.has(entry.delegationId)) {
        problems.push({
          field: `${field}.delegationId`,
          message: `no delegation ${entry.delegationId}`,
        });
      } else if (meeting.format === 'caucus' && partyOf.get(entry.delegationId) !== meeting.party) {
        problems.push({
          field: `${field}.delegationId`,
          message: `a ${meeting.party} caucus is attended by ${meeting.party} delegations only`,
        });
      }
      if (entry.personId !== undefined && !knownPeople.has(entry.personId)) {
        problems.push({ field: `${field}.personId`, message: `no person ${entry.personId}` });
      }
    });
    if (problems.length > 0) {
      throw new DomainError('ValidationFailed', 'the attendance list does not fit', problems);
    }
    const before = await trx
      .selectFrom('meetingAttendance')
      .select(['delegationId', 'personId', 'representative'])
      .where('meetingId', '=', meetingId)
      .execute();
    const rows = input.map((a) => ({
      meetingId,
      delegationId: a.delegationId,
      personId: a.personId ?? null,
      representative: a.representative ?? null,
      visibility: meeting.visibility,
      party: meeting.party,
    }));
    // The same list sent again changes nothing, even of a public meeting.
    const listed = (list: readonly Attended[]) =>
      list
        .map((a) => JSON.stringify([a.delegationId, a.personId, a.representative]))
        .sort()
        .join();
    if (listed(before) !== listed(rows)) assertPublishedKept('meeting', meeting, ['attendance']);
    await trx.deleteFrom('meetingAttendance').where('meetingId', '=', meetingId).execute();
    if (rows.length > 0) await trx.insertInto('meetingAttendance').values(rows).execute();
    await trx.updateTable('meetings').set({ updatedAt: at }).where('id', '=', meetingId).execute();
    record({
      entity: 'meeting',
      id: meetingId,
      action: 'set-attendance',
      scope: meeting,
      audit: {
        before,
        after: rows.map(({ delegationId, personId, representative }) => ({
          delegationId,
          personId,
          representative,
        })),
      },
    });
    if (meeting.visibility === 'joint') {
      await voidRequestsFor(trx, { entity: 'meeting', id: meetingId });
    }
    return getMeeting(trx, actor, meetingId);
  });
}
