import type { Role } from '../../../shared/vocabularies.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor, UserActor } from './actor.ts';

/**
 * What each role may do. Roles are not ranked: a chair who is not also a secretary cannot
 * manage meetings, and an admin manages users without concurring for the party.
 */
export type Permission =
  | 'read' // see joint and own-caucus items
  | 'write-notes'
  | 'manage-council' // meetings, agendas, programmes, decisions, offices, operations, records
  | 'agree-agenda'
  | 'respond-to-decisions'
  | 'manage-users';

const grants: Record<Role, readonly Permission[]> = {
  member: ['read', 'write-notes'],
  secretary: ['read', 'write-notes', 'manage-council', 'agree-agenda'],
  chair: ['read', 'write-notes', 'respond-to-decisions'],
  admin: ['read', 'manage-users'],
};

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'operator') return true;
  if (actor.kind === 'anonymous') return false;
  return actor.roles.some((role) => grants[role].includes(permission));
}

/**
 * Records that belong to one party (its delegations, its people and their posts) are that
 * party's to change: the other party may read them, never write them. NotYourParty otherwise.
 */
export function requireOwnParty(user: UserActor, party: string | null, what: string): void {
  if (party !== user.party) {
    throw new DomainError('NotYourParty', `only a party's own secretaries change ${what}`);
  }
}

/** The access check every mutating service starts with. */
export function requirePermission(actor: Actor, permission: Permission): UserActor {
  if (actor.kind === 'anonymous') {
    throw new DomainError('Unauthenticated', 'sign in to do this');
  }
  if (actor.kind === 'operator' || !can(actor, permission)) {
    // The operator acts through the CLI's own functions, never through a user service.
    throw new DomainError('Forbidden', `your roles do not allow: ${permission}`);
  }
  return actor;
}
