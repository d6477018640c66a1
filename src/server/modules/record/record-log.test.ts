import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';
import type { Deps } from '../../deps.ts';
import { OPERATOR } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { checkInvariants } from '../integrity/check-invariants.ts';
import { generateKeyPair, keyIdOf } from './ed25519.ts';
import { registerServerKey } from './record-log.ts';

describe('a new server key (record-key.pem replaced)', () => {
  let ctx: TestContext;
  const first = { server: generateKeyPair(), sealKey: Buffer.alloc(32, 1) };
  const second = { server: generateKeyPair(), sealKey: Buffer.alloc(32, 1) };
  const withKey = (keyring: typeof first): Deps => ({ ...ctx.deps, keyring });

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('retires the key before it, on the record, and the record still verifies', async () => {
    await change(withKey(first), OPERATOR, registerServerKey);
    ctx.advance(1000);
    await change(withKey(second), OPERATOR, registerServerKey);
    const keys = await ctx.deps.db
      .selectFrom('partyKeys')
      .select(['id', 'retiredAt'])
      .where('kind', '=', 'server')
      .orderBy('registeredAt')
      .execute();
    expect(keys).toEqual([
      { id: keyIdOf(first.server.publicKey), retiredAt: expect.any(String) },
      { id: keyIdOf(second.server.publicKey), retiredAt: null },
    ]);
    const retirement = await ctx.deps.db
      .selectFrom('recordLog')
      .select(['kind', 'entityId', 'signerKeyId'])
      .where('kind', '=', 'partyKey.retire')
      .executeTakeFirstOrThrow();
    // Signed by the key that replaced it.
    expect(retirement).toEqual({
      kind: 'partyKey.retire',
      entityId: keyIdOf(first.server.publicKey),
      signerKeyId: keyIdOf(second.server.publicKey),
    });
    expect(await checkInvariants(ctx.deps.db)).toEqual([]);
  });

  it('leaves a server whose own key was retired unable to sign, saying why', async () => {
    await expect(change(withKey(first), OPERATOR, registerServerKey)).rejects.toThrow(
      /record key ed25519:\w+ was retired at .*: every instance must use the same record-key\.pem/,
    );
    // Nothing of the refused change stays.
    expect(await checkInvariants(ctx.deps.db)).toEqual([]);
  });
});
