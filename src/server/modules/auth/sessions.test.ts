import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ loginAttemptsPerMinute: 5 });
});
afterAll(async () => ctx.close());

function cookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (header ?? '').split(';')[0] ?? '';
}

// Each sign-in comes from its own address, so that only the rate-limit test meets the limit.
let address = 0;
const nextAddress = () => `192.0.2.${++address}`;

async function signInWithCookie(username: string, party = 'nato') {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/session',
    remoteAddress: nextAddress(),
    payload: { party, username, password: TEST_PASSWORD },
  });
  expect(response.statusCode).toBe(200);
  return {
    cookie: cookieOf(response.headers['set-cookie']),
    csrfToken: response.json().csrfToken as string,
    response,
  };
}

describe('browser sessions', () => {
  it('set an httpOnly SameSite=Strict cookie that identifies the user', async () => {
    await addUser(ctx, 'nato', ['member'], 'cookie-user');
    const { cookie, response } = await signInWithCookie('cookie-user');
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    const me = await ctx.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.json().username).toBe('cookie-user');
  });

  it('refuse a state-changing cookie request without the CSRF token, and accept it with', async () => {
    await addUser(ctx, 'nato', ['member'], 'csrf-user');
    const { cookie, csrfToken } = await signInWithCookie('csrf-user');
    const without = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('CsrfTokenMissing');
    const forged = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'x-csrf-token': 'x'.repeat(csrfToken.length) },
    });
    expect(forged.statusCode).toBe(403);
    const withToken = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(withToken.statusCode).toBe(204);
    const me = await ctx.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });
});

describe('a session cookie', () => {
  it('is signed: an altered one makes the caller anonymous', async () => {
    await addUser(ctx, 'nato', ['member'], 'signed-user');
    const { cookie } = await signInWithCookie('signed-user');
    const [name, value] = cookie.split('=') as [string, string];
    // One character of the signature changed, always to another one (the one before last: all
    // of its bits are the signature's, where the last one's may be padding).
    const altered = value.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${name}=${value.slice(0, -2)}${altered}${value.slice(-1)}`;
    expect(tampered).not.toBe(cookie);
    expect((await ctx.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    expect(
      (await ctx.app.inject({ url: '/api/me', headers: { cookie: tampered } })).statusCode,
    ).toBe(401);
  });
});

describe('revoking an API token', () => {
  it('ends that token at once and leaves the user’s other tokens working', async () => {
    await addUser(ctx, 'nato', ['member'], 'script-user');
    const mint = async () => {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/tokens',
        remoteAddress: nextAddress(),
        payload: { party: 'nato', username: 'script-user', password: TEST_PASSWORD },
      });
      return { authorization: `Bearer ${response.json().token}` };
    };
    const leaked = await mint();
    const other = await mint();
    const revoked = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/tokens/current',
      headers: leaked,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await ctx.app.inject({ url: '/api/me', headers: leaked })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/api/me', headers: other })).statusCode).toBe(200);
  });

  it('needs a bearer token, not a session cookie', async () => {
    await addUser(ctx, 'nato', ['member'], 'cookie-revoker');
    const { cookie, csrfToken } = await signInWithCookie('cookie-revoker');
    const response = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/tokens/current',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('disabling a user', () => {
  it('ends its sessions and tokens at once', async () => {
    const admin = await addUser(ctx, 'russia', ['admin']);
    const target = await addUser(ctx, 'russia', ['member'], 'to-be-disabled');
    const { cookie } = await signInWithCookie('to-be-disabled', 'russia');
    expect((await ctx.app.inject({ url: '/api/me', headers: target.headers })).statusCode).toBe(
      200,
    );

    const disable = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${target.actor.userId}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(disable.json().disabledAt).not.toBeNull();

    expect((await ctx.app.inject({ url: '/api/me', headers: target.headers })).statusCode).toBe(
      401,
    );
    expect((await ctx.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { party: 'russia', username: 'to-be-disabled', password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(401);
  });

  it("is out of reach for the other party's admin", async () => {
    const natoAdmin = await addUser(ctx, 'nato', ['admin']);
    const russian = await addUser(ctx, 'russia', ['member']);
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${russian.actor.userId}`,
      headers: natoAdmin.headers,
      payload: { disabled: true },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('user administration', () => {
  it("adds users to the admin's own party only", async () => {
    const admin = await addUser(ctx, 'nato', ['admin']);
    const other = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: 'infiltrator',
        password: TEST_PASSWORD,
        roles: ['chair'],
        party: 'russia',
      },
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('NotYourParty');
    const own = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'new-secretary', password: TEST_PASSWORD, roles: ['secretary'] },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ party: 'nato', roles: ['secretary'] });
    expect(own.json()).not.toHaveProperty('passwordHash');
  });

  it('refuses a common password, naming the field', async () => {
    const admin = await addUser(ctx, 'nato', ['admin']);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'weakling', password: '123qweasdzxc', roles: ['member'] },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      {
        field: 'password',
        in: 'body',
        pointer: '/password',
        message: expect.stringMatching(/common/),
      },
    ]);
  });

  it('keeps password hashes out of the audit trail', async () => {
    const rows = await ctx.deps.db
      .selectFrom('auditEvents')
      .select(['after'])
      .where('entityType', '=', 'user')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.after ?? '').not.toMatch(/argon2|passwordHash/);
  });
});

describe('every response', () => {
  it('carries secure headers', async () => {
    const response = await ctx.app.inject({ url: '/api/me' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self';");
    expect(response.headers['x-frame-options']).toBeDefined();
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 after too many attempts from one address, counting both ways of signing in', async () => {
    const statuses: number[] = [];
    let last: { code?: string } = {};
    for (let i = 0; i < 7; i++) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: i % 2 === 0 ? '/api/tokens' : '/api/session',
        remoteAddress: '10.9.9.9',
        payload: { party: 'nato', username: 'nobody', password: 'wrong password here' },
      });
      statuses.push(response.statusCode);
      last = response.json();
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(last.code).toBe('TooManyRequests');
  });

  it('counts each address on its own', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      remoteAddress: '10.9.9.10',
      payload: { party: 'nato', username: 'nobody', password: 'wrong password here' },
    });
    expect(response.statusCode).toBe(401);
  });
});
