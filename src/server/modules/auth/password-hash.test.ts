import { describe, expect, it } from 'vitest';
import {
  decoyHash,
  hashPassword,
  PRODUCTION_COST,
  useTestPasswordCost,
  verifyPassword,
} from './password-hash.ts';

describe('password hashing', () => {
  it('uses argon2id with 64 MiB, three passes and four lanes in production', async () => {
    const hash = await hashPassword('correct horse battery staple', PRODUCTION_COST);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stable')).toBe(false);
  });

  it('verifies an unknown username against a decoy shaped like a real hash, which nothing matches', async () => {
    const real = await hashPassword('correct horse battery staple', PRODUCTION_COST);
    const decoy = decoyHash(PRODUCTION_COST);
    // The same algorithm, version, cost, salt length and digest length: the same work to verify.
    const shape = (hash: string) =>
      hash.split('$').map((part, i) => (i < 4 ? part : Buffer.from(part, 'base64').length));
    expect(shape(decoy)).toEqual(shape(real));
    expect(decoyHash(PRODUCTION_COST)).not.toBe(decoy);
    expect(await verifyPassword(decoy, 'correct horse battery staple')).toBe(false);
    expect(await verifyPassword(decoy, '')).toBe(false);
  });

  it('cannot be made cheaper outside the test runner', () => {
    const saved = process.env.VITEST;
    delete process.env.VITEST;
    try {
      expect(() => useTestPasswordCost()).toThrow(/only be lowered in tests/);
    } finally {
      process.env.VITEST = saved;
    }
  });
});
