import type { Role } from '../../../shared/vocabularies.ts';
import type { Actor } from './actor.ts';
import { visibilityFilterIsOff } from './visibility.policy.ts';

/**
 * The caller, split for a prepared query (db/prepared-query.ts): what changes the SQL of the
 * visibility rules (the kind of caller, its roles, the test-only filter switch) goes into the
 * shape, what is bound as a parameter (the party, the user) into the values.
 */
export interface ActorShape {
  kind: Actor['kind'];
  roles: readonly Role[];
  filterOff: boolean;
}

export interface ActorValues extends Record<string, string> {
  actorParty: string;
  actorUserId: string;
  actorUsername: string;
}

export function actorShape(actor: Actor): ActorShape {
  return {
    kind: actor.kind,
    roles: actor.kind === 'user' ? [...actor.roles].sort() : [],
    filterOff: visibilityFilterIsOff(),
  };
}

/** An actor that is not a user binds empty strings, which no query of its shape reads. */
export function actorValues(actor: Actor): ActorValues {
  if (actor.kind !== 'user') return { actorParty: '', actorUserId: '', actorUsername: '' };
  return { actorParty: actor.party, actorUserId: actor.userId, actorUsername: actor.username };
}

/** The actor a prepared query's build sees: its kind and roles, markers for the rest. */
export function actorFrom(shape: ActorShape, values: ActorValues): Actor {
  switch (shape.kind) {
    case 'anonymous':
      return { kind: 'anonymous' };
    case 'operator':
      return { kind: 'operator' };
    case 'user':
      return {
        kind: 'user',
        party: values.actorParty,
        userId: values.actorUserId,
        username: values.actorUsername,
        roles: shape.roles,
      };
  }
}
