import type { Role } from '../../../shared/vocabularies.ts';

/** Who is asking. Every service receives one; anonymous callers are actors too. */
export type Actor = AnonymousActor | UserActor | OperatorActor;

export interface AnonymousActor {
  kind: 'anonymous';
}

export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  party: string;
  roles: readonly Role[];
}

/**
 * The operator at the command line (seed, import, export). Sees everything; never reachable
 * through HTTP.
 */
export interface OperatorActor {
  kind: 'operator';
}

export const ANONYMOUS: AnonymousActor = { kind: 'anonymous' };
export const OPERATOR: OperatorActor = { kind: 'operator' };

export function actorParty(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.party : null;
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/**
 * Whether `party` is the actor's own. A user id names a person of one party: the other party
 * learns only which party acted, never who.
 */
export function isOwnParty(actor: Actor, party: string | null): boolean {
  return actor.kind === 'operator' || (actor.kind === 'user' && actor.party === party);
}
