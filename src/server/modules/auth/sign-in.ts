import type { Credentials } from '../../../shared/auth.schemas.ts';
import type { SessionKind } from '../../../shared/vocabularies.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { clearSignInAttempts } from './clear-sign-in-attempts.ts';
import { countSignInAttempt } from './count-sign-in-attempt.ts';
import { type KnownDevice, passwordStampOf } from './device-proof.ts';
import { type Opened, openSession } from './open-session.ts';
import { decoyHash, verifyPassword } from './password-hash.ts';
import { ACCOUNT_SIGN_IN_LIMIT, type AccountSignInLimit } from './sign-in-limit.policy.ts';
import { findAccount } from './users.repository.ts';

/**
 * Checks a party, username and password and opens a browser session or an API token. A wrong
 * party, a wrong username, a wrong password and a disabled user all get the same
 * InvalidCredentials, after the same amount of hashing work (an account that does not exist
 * is checked against a decoy hash). Each attempt counts against the account's own limit
 * first (TooManyAttempts, the same for accounts that do not exist); success clears that count.
 * From a device known to the account (`device`, proven at the edge: device-proof.ts) attempts
 * count apart, so that failures from elsewhere do not lock the account's own devices out.
 */
export async function signIn(
  deps: Deps,
  credentials: Omit<Credentials, 'deviceProof'>,
  kind: SessionKind,
  limit: AccountSignInLimit = ACCOUNT_SIGN_IN_LIMIT,
  proven: KnownDevice | null = null,
): Promise<Opened & { passwordStamp: string }> {
  const account = { party: credentials.party, username: credentials.username };
  const user = await findAccount(deps.db, account.party, account.username);
  // A proof made under another password proves nothing: the device is unknown again.
  const device =
    proven !== null && user && passwordStampOf(user.passwordHash) === proven.stamp
      ? proven.device
      : null;
  await countSignInAttempt(deps, account, limit, device);
  const hash = user?.passwordHash ?? decoyHash();
  const matches = await verifyPassword(hash, credentials.password);
  if (!user || !matches || user.disabledAt !== null) {
    throw new DomainError('InvalidCredentials', 'the party, username or password is not right');
  }
  await clearSignInAttempts(deps, account, device);
  const opened = await openSession(deps, user, kind);
  return { ...opened, passwordStamp: passwordStampOf(user.passwordHash) };
}
