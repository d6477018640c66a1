import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Deps } from '../../deps.ts';
import { ANONYMOUS } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';

/**
 * The per-address sign-in limit's counter (@fastify/rate-limit's store), in the database: every
 * instance behind a load balancer counts the same attempts of an address, where the plugin's
 * own store would give each instance a budget of its own. One upsert per attempt in a fixed
 * window that starts at the address's first attempt; ended windows are forgotten as new
 * attempts arrive, so the table holds one minute of addresses.
 */
export function addressAttemptsStore(deps: Deps): new () => FastifyRateLimitStore {
  return class AddressAttemptsStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      countAddressAttempt(deps, key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

export async function countAddressAttempt(
  deps: Deps,
  address: string,
  windowMs: number,
): Promise<{ current: number; ttl: number }> {
  return change(
    deps,
    ANONYMOUS,
    async ({ trx, at }) => {
      const now = new Date(at).getTime();
      const cutoff = new Date(now - windowMs).toISOString();
      await trx.deleteFrom('addressAttempts').where('windowStartedAt', '<=', cutoff).execute();
      const row = await trx
        .insertInto('addressAttempts')
        .values({ address, count: 1, windowStartedAt: at })
        .onConflict((oc) =>
          oc
            .column('address')
            .doUpdateSet((eb) => ({ count: eb('addressAttempts.count', '+', 1) })),
        )
        .returning(['count', 'windowStartedAt'])
        .executeTakeFirstOrThrow();
      const ttl = Math.max(0, new Date(row.windowStartedAt).getTime() + windowMs - now);
      return { current: row.count, ttl };
    },
    { bookkeeping: true },
  );
}
