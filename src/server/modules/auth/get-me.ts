import type { Me } from '../../../shared/auth.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { findUser, pendingGrantsOf, usernamesOf } from './users.repository.ts';
import { pendingRolesOf, rolesOf } from './users.view.ts';

/**
 * The caller as it is stored: party, roles, the roles that wait for a second admin, and when
 * and by whom an admin last reset its password (the admins are of its own party, whose names
 * it may know). Unauthenticated for anyone but a signed-in user.
 */
export async function getMe(deps: Deps, actor: Actor): Promise<Me> {
  if (actor.kind !== 'user') throw new DomainError('Unauthenticated', 'sign in to see who you are');
  const row = await findUser(deps.db, actor.userId);
  if (!row) throw new DomainError('Unauthenticated', 'sign in to see who you are');
  const party = await deps.db
    .selectFrom('parties')
    .select(['id', 'name'])
    .where('id', '=', row.party)
    .executeTakeFirstOrThrow();
  const names = await usernamesOf(deps.db, [row.passwordResetBy, row.passwordResetConfirmedBy]);
  const ref = (id: string | null) => (id === null ? null : { id, username: names.get(id) ?? '' });
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    party: { id: party.id, name: party.name },
    roles: rolesOf(row),
    pendingRoles: pendingRolesOf(await pendingGrantsOf(deps.db, [row.id])),
    mustChangePassword: row.mustChangePassword === 1,
    passwordReset:
      row.passwordResetAt === null
        ? null
        : {
            at: row.passwordResetAt,
            byParty: row.party,
            by: ref(row.passwordResetBy),
            confirmedBy: ref(row.passwordResetConfirmedBy),
          },
  };
}
