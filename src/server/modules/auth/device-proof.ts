import { createHash, randomBytes } from 'node:crypto';
import type { AccountName } from './count-sign-in-attempt.ts';

/** How long a device stays known after its last successful sign-in. */
export const DEVICE_PROOF_DAYS = 180;

/** The browser's proof of a device, sent to the sign-in routes only. */
export const DEVICE_COOKIE = 'council_device';

/** How the edge signs and checks a value (the cookie plugin's HMAC with COUNCIL_SECRET). */
export interface Signer {
  sign: (value: string) => string;
  unsign: (value: string) => { valid: boolean; value: string | null };
}

interface Proven {
  party: string;
  username: string;
  device: string;
  /** passwordStampOf the password it was issued under: a new password ends every proof. */
  stamp: string;
  issuedAt: string;
}

/** A device the edge found proven: its id, and the password it was proven under. */
export interface KnownDevice {
  device: string;
  stamp: string;
}

/**
 * What a proof remembers of the password it was issued under: 16 hex digits of the SHA-256 of
 * its stored hash, whose salt is new at every change, so a password changed or reset ends every
 * proof made before (a former holder of the password keeps no bucket of its own to guess in).
 */
export function passwordStampOf(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('hex').slice(0, 16);
}

/**
 * A device that has signed in to an account before keeps signing in while the account is
 * locked by failed attempts from elsewhere (OWASP's device cookies): the lock is how the other
 * party could keep a chair from breaking a silence in its last minutes, by failing to sign in
 * as that chair. The proof is issued only after the password was right, names the account and
 * a random device id, and is signed, so nobody without the password makes one; its own attempts
 * are counted apart, under the same limit (countSignInAttempt's `device`).
 */
export function issueDeviceProof(
  signer: Signer,
  account: AccountName,
  device: string | null,
  stamp: string,
  at: Date,
): { device: string; proof: string } {
  const id = device ?? randomBytes(16).toString('base64url');
  const proven: Proven = {
    party: account.party,
    username: account.username,
    device: id,
    stamp,
    issuedAt: at.toISOString(),
  };
  const value = Buffer.from(JSON.stringify(proven)).toString('base64url');
  return { device: id, proof: signer.sign(value) };
}

/**
 * The device a proof names, when it is one this server signed for this very account (as
 * typed) within DEVICE_PROOF_DAYS; signIn then holds its stamp to the account's password. Null
 * for anything else, which then counts as an unknown
 * device: a forged, altered, expired or borrowed proof changes nothing.
 */
export function deviceOf(
  signer: Signer,
  proof: string | undefined,
  account: AccountName,
  now: Date,
): KnownDevice | null {
  if (!proof) return null;
  const { valid, value } = signer.unsign(proof);
  if (!valid || value === null) return null;
  try {
    const proven = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Proven>;
    if (proven.party !== account.party || proven.username !== account.username) return null;
    if (typeof proven.device !== 'string' || typeof proven.stamp !== 'string') return null;
    if (typeof proven.issuedAt !== 'string') return null;
    const age = now.getTime() - Date.parse(proven.issuedAt);
    if (!(age >= 0 && age <= DEVICE_PROOF_DAYS * 86_400_000)) return null;
    return { device: proven.device, stamp: proven.stamp };
  } catch {
    return null;
  }
}
