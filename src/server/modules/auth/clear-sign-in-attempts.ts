import type { Deps } from '../../deps.ts';
import { ANONYMOUS } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { type AccountName, attemptsKey } from './count-sign-in-attempt.ts';

/**
 * After a successful sign-in, forgets the attempts it counted in: the account's own row, or the
 * known device's, so that one success never gives back the attempts spent on another account
 * (the same username in the other party included) or from another device.
 */
export async function clearSignInAttempts(
  deps: Deps,
  account: AccountName,
  device: string | null = null,
): Promise<void> {
  // From a known device, that device's count only: clearing the account's too would give back,
  // at every sign-in of its holder, the attempts someone else spent guessing from elsewhere.
  const row = attemptsKey(account, device);
  await change(
    deps,
    ANONYMOUS,
    async ({ trx }) => {
      await trx
        .deleteFrom('signInAttempts')
        .where('party', '=', row.party)
        .where('username', '=', row.username)
        .execute();
    },
    { bookkeeping: true },
  );
}
