import argon2 from 'argon2';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4), which meet OWASP's minimums. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
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
