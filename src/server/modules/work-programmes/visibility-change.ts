import type { Visibility } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Visible } from '../access/visibility.policy.ts';

const breadth: Record<Visibility, number> = { caucus: 0, joint: 1, public: 2 };

/**
 * The visibility an item gets from a change request. Only widening is allowed: once the
 * other side (or the public) has seen an item it cannot be taken back, so narrowing is a
 * Conflict. The item keeps its party, so a widened caucus item still names its owner.
 */
export function widenedVisibility(before: Visible, requested: Visibility | undefined): Visible {
  if (requested === undefined || requested === before.visibility) return before;
  if (breadth[requested] < breadth[before.visibility]) {
    throw new DomainError(
      'Conflict',
      `a ${before.visibility} item cannot become ${requested}: visibility only widens`,
      [{ field: 'visibility', message: `cannot narrow from ${before.visibility}` }],
    );
  }
  return { visibility: requested, party: before.party };
}
