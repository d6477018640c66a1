import type { Visibility } from '../../../shared/vocabularies.ts';
import { DomainError } from '../../domain/errors.ts';
import type { UserActor } from './actor.ts';
import { BREADTH, type Visible } from './visibility.policy.ts';

/**
 * The visibility of an item created through the API. Joint unless asked otherwise, because a
 * secretariat's default audience is both parties; a caucus item always belongs to the
 * caller's party, whatever party the caller named, so no one can write into the other caucus.
 */
export function visibilityOnCreate(
  actor: UserActor,
  requested: Visibility | undefined,
  owner: string | null = actor.party,
): Visible {
  const visibility = requested ?? 'joint';
  return { visibility, party: visibility === 'caucus' ? actor.party : owner };
}

/**
 * The visibility of a child created under `parent` when the caller names none: joint, or
 * the parent's own when that is narrower (assertWithin still checks an explicit choice).
 */
export function defaultWithin(
  requested: Visibility | undefined,
  parent: Visible,
): Visibility | undefined {
  if (requested !== undefined) return requested;
  return BREADTH[parent.visibility] < BREADTH.joint ? parent.visibility : 'joint';
}

/**
 * A visibility change may only widen (caucus -> joint -> public): the wider audience has
 * already seen the item, so narrowing would pretend otherwise. Conflict when it narrows.
 */
export function widenVisibility(current: Visible, requested: Visibility | undefined): Visible {
  // Only the two columns: callers spread the answer over an edited row.
  if (requested === undefined || requested === current.visibility) {
    return { visibility: current.visibility, party: current.party };
  }
  if (BREADTH[requested] < BREADTH[current.visibility]) {
    throw new DomainError('Conflict', `a ${current.visibility} item cannot become ${requested}`, [
      { field: 'visibility', message: 'may only widen: caucus -> joint -> public' },
    ]);
  }
  return { visibility: requested, party: current.party };
}

/** Who may read the audit entry of a change: the narrower of the item before and after. */
export function auditScope(before: Visible, after: Visible): Visible {
  const scope = BREADTH[before.visibility] <= BREADTH[after.visibility] ? before : after;
  return { visibility: scope.visibility, party: scope.party };
}
