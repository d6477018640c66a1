import { describe, expect, it } from 'vitest';
import {
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
