import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { ANONYMOUS } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { type AccountSignInLimit, attemptVerdict, windowCutoff } from './sign-in-limit.policy.ts';

/** The account a sign-in names, as typed: it need not exist. */
export interface AccountName {
  party: string;
  username: string;
}

/**
 * Where an attempt counts: the account's own row, or, from a device that signed in to it before
 * (device-proof.ts), that device's row, so that failures elsewhere never lock it out. `#` is
 * no letter of a username, so a device's row is never an account's.
 */
export function attemptsKey(account: AccountName, device: string | null): AccountName {
  return device === null
    ? account
    : { party: account.party, username: `${account.username}#${device}` };
}

/**
 * Counts an attempt to prove the password of `account` before the password is checked, so
 * that attempts racing each other cannot slip past the limit; a successful one is taken back
 * by clearSignInAttempts. The count lives in the database, one atomic upsert, so that every
 * server of a deployment counts the same attempts. TooManyAttempts (with its Retry-After)
 * once the account's window holds more than the limit allows, exactly alike for an account
 * that exists and one that does not.
 */
export async function countSignInAttempt(
  deps: Deps,
  account: AccountName,
  limit: AccountSignInLimit,
  device: string | null = null,
): Promise<void> {
  const bucket = attemptsKey(account, device);
  const counted = await change(
    deps,
    ANONYMOUS,
    async ({ trx, at }) => {
      // Forgetting ended windows here keeps the table as small as the attempts of one window.
      await trx
        .deleteFrom('signInAttempts')
        .where('windowStartedAt', '<=', windowCutoff(new Date(at), limit))
        .execute();
      const row = await trx
        .insertInto('signInAttempts')
        .values({ party: bucket.party, username: bucket.username, count: 1, windowStartedAt: at })
        .onConflict((oc) =>
          oc
            .columns(['party', 'username'])
            .doUpdateSet((eb) => ({ count: eb('signInAttempts.count', '+', 1) })),
        )
        .returning(['count', 'windowStartedAt'])
        .executeTakeFirstOrThrow();
      return { ...row, at };
    },
    { bookkeeping: true },
  );
  const verdict = attemptVerdict(
    counted.count,
    counted.windowStartedAt,
    new Date(counted.at),
    limit,
  );
  if (!verdict.allowed) {
    throw new DomainError(
      'TooManyAttempts',
      `too many sign-in attempts for this party and username: try again in ${verdict.retryAfterSeconds} seconds`,
      undefined,
      { retryAfterSeconds: verdict.retryAfterSeconds },
    );
  }
}
