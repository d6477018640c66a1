import type { Role } from '../../../shared/vocabularies.ts';
import type { Row } from '../../db/schema.ts';
import type { UserActor } from '../access/actor.ts';

/** The actor a stored user acts as: its party and roles come from the row, never a request. */
export function toActor(
  user: Pick<Row<'users'>, 'id' | 'username' | 'party' | 'roles'>,
): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    party: user.party,
    roles: JSON.parse(user.roles) as Role[],
  };
}
