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

// A hash of a random password, verified against when the username does not exist, so that a
// wrong username costs the same time as a wrong password and the two cannot be told apart.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoy;
}
