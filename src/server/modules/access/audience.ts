import type { Actor } from './actor.ts';
import type { Visible } from './visibility.policy.ts';

/**
 * An audience is everyone who may see an item: `public`, `joint` (both parties) or
 * `caucus:<party>`. Every counter a caller can observe (audit entry numbers, change event
 * numbers, search statistics) runs per audience, so that what one audience does never moves a
 * number another audience sees.
 */
export type Audience = 'public' | 'joint' | `caucus:${string}`;

export function audienceOf(item: Visible): Audience {
  if (item.visibility !== 'caucus') return item.visibility;
  if (item.party === null) throw new Error('a caucus item always belongs to a party');
  return `caucus:${item.party}`;
}

/** The audiences whose items the actor may see; null for the operator, who sees all. */
export function audiencesOf(actor: Actor): Audience[] | null {
  switch (actor.kind) {
    case 'operator':
      return null;
    case 'anonymous':
      return ['public'];
    case 'user':
      return ['public', 'joint', `caucus:${actor.party}`];
  }
}

/** The visibility columns an audience stands for (the inverse of audienceOf). */
export function visibleOfAudience(audience: Audience): Visible {
  if (audience === 'public' || audience === 'joint') return { visibility: audience, party: null };
  return { visibility: 'caucus', party: audience.slice('caucus:'.length) };
}
