import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

export interface PasswordCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** argon2id at the library's defaults (m=64 MiB, t=3, p=4), which meet OWASP's minimums. */
export const PRODUCTION_COST: PasswordCost = { memoryCost: 65_536, timeCost: 3, parallelism: 4 };

let cost = PRODUCTION_COST;

/**
 * For the test suite only, which creates hundreds of users on two cores: what the tests check
 * does not depend on the cost, and a hash records its own parameters, so verification is
 * unchanged. Refuses to run outside Vitest.
 */
export function useTestPasswordCost(): void {
  if (!process.env.VITEST) throw new Error('the password cost can only be lowered in tests');
  cost = { memoryCost: 1_024, timeCost: 1, parallelism: 1 };
}

export function hashPassword(password: string, with_: PasswordCost = cost): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...with_ });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password);
}

/**
 * What an unknown username is verified against, so that a wrong username costs the same time as
 * a wrong password and the two cannot be told apart. It is written as argon2 writes a hash, at
 * the current cost, with a random salt and a random digest: verifying hashes the password with
 * exactly the parameters and lengths a real hash has (the same work), and no password matches.
 * Made without hashing anything, so a start need not spend a hash's time and memory on it.
 */
export function decoyHash(with_: PasswordCost = cost): string {
  const { memoryCost: m, timeCost: t, parallelism: p } = with_;
  const salt = randomBytes(SALT_BYTES);
  const digest = randomBytes(DIGEST_BYTES);
  return `$argon2id$v=19$m=${m},p=${p},t=${t}$${phcBase64(salt)}$${phcBase64(digest)}`;
}

/** argon2's defaults, which every stored hash was made with (hashPassword passes neither). */
const SALT_BYTES = 16;
const DIGEST_BYTES = 32;

/** The PHC string format's base64: the standard alphabet without padding. */
function phcBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
