import type { ChangePasswordInput, Me } from '../../../shared/auth.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { clearSignInAttempts } from './clear-sign-in-attempts.ts';
import { countSignInAttempt } from './count-sign-in-attempt.ts';
import { getMe } from './get-me.ts';
import { partyCaucus } from './party-caucus.ts';
import { assertPasswordAcceptable } from './password.policy.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { hashSecret } from './session-secrets.ts';
import { ACCOUNT_SIGN_IN_LIMIT, type AccountSignInLimit } from './sign-in-limit.policy.ts';
import { findUser } from './users.repository.ts';

/**
 * A user chooses its own password. It proves the current one, unless an admin set it and the
 * user must change it now (it has just signed in with it). The new one passes the policy and
 * differs from the current one, which an admin may know (WeakPassword). A wrong current
 * password is Forbidden and counts against the account's sign-in limit (TooManyAttempts), so a
 * stolen session cannot be used to guess it. Every other session and token of the user ends;
 * the one in use (`currentSecret`) stays, now free of the must-change restriction.
 */
export async function changeOwnPassword(
  deps: Deps,
  actor: Actor,
  input: ChangePasswordInput,
  currentSecret: string | null,
  limit: AccountSignInLimit = ACCOUNT_SIGN_IN_LIMIT,
): Promise<Me> {
  if (actor.kind !== 'user') throw new DomainError('Unauthenticated', 'sign in first');
  const seen = await findUser(deps.db, actor.userId);
  if (!seen) throw new DomainError('Unauthenticated', 'sign in first');
  if (input.currentPassword === undefined && seen.mustChangePassword !== 1) {
    throw invalid('currentPassword', 'required: the password you signed in with');
  }
  if (input.currentPassword !== undefined) {
    const account = { party: seen.party, username: seen.username };
    await countSignInAttempt(deps, account, limit);
    if (!(await verifyPassword(seen.passwordHash, input.currentPassword))) {
      throw new DomainError('Forbidden', 'the current password is not right', [
        { field: 'currentPassword', message: 'is not your current password' },
      ]);
    }
    await clearSignInAttempts(deps, account);
  }
  assertPasswordAcceptable(input.newPassword, seen.username, 'newPassword');
  if (await verifyPassword(seen.passwordHash, input.newPassword)) {
    throw new DomainError('WeakPassword', 'newPassword must differ from the current password', [
      { field: 'newPassword', message: 'must differ from the current password' },
    ]);
  }
  // Hashed before the unit of work: argon2's work must not hold the write lock.
  const passwordHash = await hashPassword(input.newPassword);
  await change(deps, actor, async ({ trx, at, record }) => {
    const before = await findUser(trx, seen.id);
    if (!before) throw new DomainError('Unauthenticated', 'sign in first');
    const after: Row<'users'> = { ...before, passwordHash, mustChangePassword: 0, updatedAt: at };
    await trx
      .updateTable('users')
      .set({ passwordHash, mustChangePassword: 0, updatedAt: at })
      .where('id', '=', before.id)
      .execute();
    let others = trx.deleteFrom('sessions').where('userId', '=', before.id);
    if (currentSecret !== null) others = others.where('id', '!=', hashSecret(currentSecret));
    await others.execute();
    record({
      entity: 'user',
      id: before.id,
      action: 'change-password',
      before,
      after,
      scope: partyCaucus(before.party),
    });
  });
  return getMe(deps, actor);
}
