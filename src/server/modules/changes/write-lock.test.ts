import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';
import { itOnlyOn } from '../../../../tests/support/test-database.ts';
import { OPERATOR } from '../access/actor.ts';
import { countAddressAttempt } from '../auth/address-attempts-store.ts';
import { change } from './unit-of-work.ts';

/**
 * On PostgreSQL every change waits for the one write lock, but bookkeeping that records nothing
 * (a sign-in attempt counted) does not: a flood of sign-ins never queues the council's writes.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

describe('the write lock', () => {
  itOnlyOn('postgres', 'SQLite has one writer at a time by itself (begin immediate)')(
    'lets bookkeeping through while a change holds it, and holds the next change',
    async () => {
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holding = change(ctx.deps, OPERATOR, async ({ trx }) => {
        await trx.selectFrom('parties').select('id').execute();
        await held;
      });
      // While the lock is held: bookkeeping completes, a change does not.
      const counted = await countAddressAttempt(ctx.deps, '10.1.2.3', 60_000);
      expect(counted.current).toBe(1);
      let second = false;
      const waiting = change(ctx.deps, OPERATOR, async () => {
        second = true;
      });
      await countAddressAttempt(ctx.deps, '10.1.2.3', 60_000);
      expect(second).toBe(false);
      release();
      await holding;
      await waiting;
      expect(second).toBe(true);
    },
  );

  it('refuses bookkeeping that records something', async () => {
    const recording = change(
      ctx.deps,
      OPERATOR,
      async ({ record }) => {
        record({
          entity: 'party',
          id: 'nato',
          action: 'seed-update',
          scope: { visibility: 'public', party: null },
        });
      },
      { bookkeeping: true },
    );
    await expect(recording).rejects.toThrow(/bookkeeping records nothing/);
  });
});
