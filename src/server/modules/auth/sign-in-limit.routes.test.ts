import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../tests/support/test-context.ts';

const WINDOW_MS = 15 * 60_000;

let ctx: TestContext;
beforeAll(async () => {
  // The production limits: ten attempts an address a minute, ten an account a quarter hour.
  ctx = await createTestContext({ loginAttemptsPerMinute: 10 });
});
afterAll(async () => ctx.close());

// Every attempt from an address of its own: what stops them is the account's limit alone.
let address = 0;
const attempt = (party: string, username: string, password = 'a wrong guess here') => {
  address += 1;
  return ctx.app.inject({
    method: 'POST',
    url: '/api/tokens',
    remoteAddress: `10.0.${Math.floor(address / 250)}.${(address % 250) + 1}`,
    payload: { party, username, password },
  });
};

/** What a refused attempt tells the caller. */
const answer = (response: Awaited<ReturnType<typeof attempt>>) => ({
  status: response.statusCode,
  retryAfter: response.headers['retry-after'],
  body: response.json(),
});

describe('the per-account sign-in limit', () => {
  it('stops the eleventh attempt on one account from any address, with Retry-After', async () => {
    await addUser(ctx, 'nato', ['chair'], 'targeted');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await attempt('nato', 'targeted')).statusCode);
    expect(statuses).toEqual(Array(10).fill(401));
    const limited = await attempt('nato', 'targeted');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('TooManyAttempts');
    expect(Number(limited.headers['retry-after'])).toBe(WINDOW_MS / 1000);
    // Even the right password waits: otherwise the limit would answer which guess was right.
    expect((await attempt('nato', 'targeted', TEST_PASSWORD)).statusCode).toBe(429);

    ctx.advance(WINDOW_MS);
    expect((await attempt('nato', 'targeted', TEST_PASSWORD)).statusCode).toBeLessThan(300);
  });

  it('answers an account that does not exist exactly as one that does', async () => {
    await addUser(ctx, 'russia', ['chair'], 'exists');
    const real: ReturnType<typeof answer>[] = [];
    const fake: ReturnType<typeof answer>[] = [];
    for (let i = 0; i < 12; i++) {
      // The two in step, so that both windows start at the same instant.
      real.push(answer(await attempt('russia', 'exists')));
      fake.push(answer(await attempt('russia', 'does-not-exist')));
    }
    expect(fake).toEqual(real);
    expect(real.map((a) => a.status)).toEqual([...Array(10).fill(401), 429, 429]);
    ctx.advance(WINDOW_MS);
  });

  it("leaves the other party's account of the same username its own count", async () => {
    await addUser(ctx, 'nato', ['member'], 'namesake');
    await addUser(ctx, 'russia', ['member'], 'namesake');
    for (let i = 0; i < 10; i++) await attempt('russia', 'namesake');
    // NATO's namesake signs in and out freely; Russia's stays limited.
    expect((await attempt('nato', 'namesake', TEST_PASSWORD)).statusCode).toBeLessThan(300);
    expect((await attempt('russia', 'namesake', TEST_PASSWORD)).statusCode).toBe(429);
    ctx.advance(WINDOW_MS);
  });

  it("resets an account's own count when its holder signs in", async () => {
    await addUser(ctx, 'nato', ['member'], 'forgetful');
    for (let i = 0; i < 9; i++) await attempt('nato', 'forgetful');
    expect((await attempt('nato', 'forgetful', TEST_PASSWORD)).statusCode).toBeLessThan(300);
    for (let i = 0; i < 10; i++) expect((await attempt('nato', 'forgetful')).statusCode).toBe(401);
    ctx.advance(WINDOW_MS);
  });

  it('counts wrong current passwords on /api/me/password too, so a stolen token cannot guess it', async () => {
    const user = await addUser(ctx, 'nato', ['member'], 'stolen-token');
    const change = () =>
      callApi(ctx, user, 'POST', '/me/password', {
        currentPassword: 'a wrong guess here',
        newPassword: 'a brand new passphrase',
      });
    for (let i = 0; i < 10; i++) expect((await change()).statusCode).toBe(403);
    expect((await change()).statusCode).toBe(429);
    expect((await attempt('nato', 'stolen-token', TEST_PASSWORD)).statusCode).toBe(429);
    ctx.advance(WINDOW_MS);
  });

  it('keeps its count in the database, where every server of a deployment reads it', async () => {
    for (let i = 0; i < 3; i++) await attempt('nato', 'counted');
    const row = await ctx.deps.db
      .selectFrom('signInAttempts')
      .selectAll()
      .where('username', '=', 'counted')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ party: 'nato', count: 3 });
  });
});
