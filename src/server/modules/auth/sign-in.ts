import type { Credentials } from '../../../shared/auth.schemas.ts';
import type { SessionKind } from '../../../shared/vocabularies.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Opened, openSession } from './open-session.ts';
import { decoyHash, verifyPassword } from './password-hash.ts';
import { findAccount } from './users.repository.ts';

/**
 * Checks a party, username and password and opens a browser session or an API token. A wrong
 * party, a wrong username, a wrong password and a disabled user all get the same
 * InvalidCredentials, after the same amount of hashing work (an account that does not exist
 * is checked against a decoy hash).
 */
export async function signIn(
  deps: Deps,
  credentials: Credentials,
  kind: SessionKind,
): Promise<Opened> {
  const user = await findAccount(deps.db, credentials.party, credentials.username);
  const hash = user?.passwordHash ?? (await decoyHash());
  const matches = await verifyPassword(hash, credentials.password);
  if (!user || !matches || user.disabledAt !== null) {
    throw new DomainError('InvalidCredentials', 'the party, username or password is not right');
  }
  return openSession(deps, user, kind);
}
