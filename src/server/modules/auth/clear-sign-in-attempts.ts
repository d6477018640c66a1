import type { Deps } from '../../deps.ts';
import { ANONYMOUS } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import type { AccountName } from './count-sign-in-attempt.ts';

/**
 * After a successful sign-in, forgets that account's attempts: only its own row, so that one
 * holder's success never gives back the attempts spent on another account (the same username
 * in the other party included).
 */
export async function clearSignInAttempts(deps: Deps, account: AccountName): Promise<void> {
  await change(
    deps,
    ANONYMOUS,
    async ({ trx }) => {
      await trx
        .deleteFrom('signInAttempts')
        .where('party', '=', account.party)
        .where('username', '=', account.username)
        .execute();
    },
    { bookkeeping: true },
  );
}
