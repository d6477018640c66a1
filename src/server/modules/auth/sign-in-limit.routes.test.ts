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

describe('a device that signed in before', () => {
  const browser = (username: string, password: string, cookie?: string) => {
    address += 1;
    return ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress: `10.9.${Math.floor(address / 250)}.${(address % 250) + 1}`,
      payload: { party: 'russia', username, password },
      ...(cookie ? { cookies: { council_device: cookie } } : {}),
    });
  };
  const deviceCookie = (response: Awaited<ReturnType<typeof browser>>) => {
    const cookie = response.cookies.find((c) => c.name === 'council_device');
    if (!cookie) throw new Error('no device cookie');
    return cookie;
  };

  it("keeps signing in while the other party's failures lock the account elsewhere", async () => {
    await addUser(ctx, 'russia', ['chair'], 'silence-breaker');
    const first = await browser('silence-breaker', TEST_PASSWORD);
    expect(first.statusCode).toBe(200);
    const device = deviceCookie(first);
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/session' });

    // NATO fails to sign in as Russia's chair, from everywhere, to lock it out of a silence.
    for (let i = 0; i < 11; i++) await attempt('russia', 'silence-breaker');
    expect((await browser('silence-breaker', TEST_PASSWORD)).statusCode).toBe(429);
    // Anything but a proof this server signed for this account counts as an unknown device.
    const [payload, signature] = [device.value.slice(0, -10), device.value.slice(-10)];
    for (const forged of [`${payload}x${signature}`, 'not a proof', `${device.value}0`]) {
      const refused = await browser('silence-breaker', TEST_PASSWORD, forged);
      expect(refused.statusCode, forged).toBe(429);
    }
    // The chair's own browser still signs in, and is proven anew (dated now).
    ctx.advance(60_000);
    const known = await browser('silence-breaker', TEST_PASSWORD, device.value);
    expect(known.statusCode, known.body).toBe(200);
    expect(deviceCookie(known).value).not.toBe(device.value);

    ctx.advance(WINDOW_MS);
  });

  it("gives back none of the account's attempts when it signs in, and proves nothing once the password changed", async () => {
    const holder = await addUser(ctx, 'russia', ['chair'], 'keeps-count');
    const device = deviceCookie(await browser('keeps-count', TEST_PASSWORD)).value;
    for (let i = 0; i < 11; i++) await attempt('russia', 'keeps-count');
    expect((await browser('keeps-count', TEST_PASSWORD, device)).statusCode).toBe(200);
    // The guesser's count from elsewhere stands: the holder's sign-in did not clear it.
    expect((await attempt('russia', 'keeps-count')).statusCode).toBe(429);
    ctx.advance(WINDOW_MS);

    const newPassword = 'a different password entirely';
    const changed = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: holder.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword },
    });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    for (let i = 0; i < 11; i++) await attempt('russia', 'keeps-count');
    // A proof made under the old password is an unknown device now.
    expect((await browser('keeps-count', newPassword, device)).statusCode).toBe(429);
    ctx.advance(WINDOW_MS);
  });

  it("is never a typed username's count: no username holds #", async () => {
    const typed = await attempt('russia', 'keeps-count#anything');
    expect(typed.statusCode).toBe(400);
    expect(typed.json().errors).toEqual([expect.objectContaining({ field: 'username' })]);
  });

  it('counts its own attempts under the same limit, apart from the account', async () => {
    await addUser(ctx, 'russia', ['chair'], 'own-limit');
    const device = deviceCookie(await browser('own-limit', TEST_PASSWORD)).value;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await browser('own-limit', 'a wrong guess here', device)).statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // Its failures are its own: the account signs in from elsewhere.
    expect((await browser('own-limit', TEST_PASSWORD)).statusCode).toBe(200);
    ctx.advance(WINDOW_MS);
  });

  it('is proven for one account only, and to scripts by the deviceProof a token answered', async () => {
    await addUser(ctx, 'russia', ['member'], 'one-account');
    await addUser(ctx, 'russia', ['member'], 'other-account');
    const device = deviceCookie(await browser('one-account', TEST_PASSWORD)).value;
    for (let i = 0; i < 11; i++) await attempt('russia', 'other-account');
    expect((await browser('other-account', TEST_PASSWORD, device)).statusCode).toBe(429);

    const token = (await attempt('russia', 'one-account', TEST_PASSWORD)).json();
    expect(typeof token.deviceProof).toBe('string');
    for (let i = 0; i < 11; i++) await attempt('russia', 'one-account');
    address += 1;
    const script = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      remoteAddress: `10.8.0.${(address % 250) + 1}`,
      payload: {
        party: 'russia',
        username: 'one-account',
        password: TEST_PASSWORD,
        deviceProof: token.deviceProof,
      },
    });
    expect(script.statusCode, script.body).toBe(201);
    ctx.advance(WINDOW_MS);
  });
});
