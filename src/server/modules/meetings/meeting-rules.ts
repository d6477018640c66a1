import type { CreateMeetingInput } from '../../../shared/meetings.schemas.ts';
import type { Visibility } from '../../../shared/vocabularies.ts';
import type { MeetingsTable } from '../../db/schema.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { UserActor } from '../access/actor.ts';
import { BREADTH } from '../access/visibility.policy.ts';
import { assertNotPublishedAlone } from '../publication/publication.policy.ts';

/**
 * Who a new meeting belongs to. A caucus is one party's internal coordination: it is always
 * `caucus` and always the secretary's own party (NotYourParty for another). A joint meeting
 * belongs to no party and is `joint`: both parties make it, so it becomes public only when
 * both publish it (NeedsBothParties).
 */
export function ownershipOf(
  actor: UserActor,
  input: Pick<CreateMeetingInput, 'format' | 'party' | 'visibility'>,
): { visibility: Visibility; party: string | null } {
  if (input.format === 'caucus') {
    if (input.party !== undefined && input.party !== actor.party) {
      throw new DomainError('NotYourParty', "a caucus meeting belongs to the secretary's party", [
        { field: 'party', message: `must be ${actor.party}` },
      ]);
    }
    if (input.visibility !== undefined && input.visibility !== 'caucus') {
      throw invalid('visibility', 'a caucus meeting is always caucus');
    }
    return { visibility: 'caucus', party: actor.party };
  }
  if (input.party !== undefined) throw invalid('party', 'a joint meeting belongs to no party');
  if (input.visibility === 'caucus') {
    throw invalid('visibility', 'a joint meeting is joint or public');
  }
  assertNotPublishedAlone('meeting', input.visibility);
  return { visibility: 'joint', party: null };
}

/**
 * A meeting cannot be recorded as held before it has started, nor a held meeting moved to
 * start later than now. `field` names what the caller changed: the status or the start.
 */
export function assertHeldInPast(
  startsAt: string | null,
  date: string,
  now: Date,
  field: 'status' | 'startsAt' = 'status',
): void {
  const today = now.toISOString().slice(0, 10);
  const started = startsAt !== null ? Date.parse(startsAt) <= now.getTime() : date <= today;
  if (!started) throw invalid(field, 'a meeting cannot be held before it starts');
}

/** Only widening: the other side (or the public) has already seen the wider version. */
export function assertWidening(from: Visibility, to: Visibility): void {
  if (BREADTH[to] < BREADTH[from]) {
    throw new DomainError('Conflict', `visibility can only widen, not go from ${from} to ${to}`, [
      { field: 'visibility', message: `cannot narrow from ${from}` },
    ]);
  }
}

type MeetingStatus = MeetingsTable['status'];

/**
 * The statuses a meeting may move to. Held is final: the record of what happened must not
 * be reopened, or one secretary could unhold a joint meeting and then delete it with its
 * agenda and both parties' agreements. A cancelled meeting may be reinstated.
 */
const NEXT_STATUSES: Record<MeetingStatus, readonly MeetingStatus[]> = {
  planned: ['held', 'cancelled'],
  cancelled: ['planned'],
  held: [],
};

/** Keeping the current status is no transition and always allowed. Conflict otherwise. */
export function assertStatusTransition(from: MeetingStatus, to: MeetingStatus): void {
  if (from === to || NEXT_STATUSES[from].includes(to)) return;
  throw new DomainError('Conflict', `a ${from} meeting cannot become ${to}`, [
    { field: 'status', message: `cannot go from ${from} to ${to}` },
  ]);
}
