import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  createTestContext,
  signInForToken,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const RESET = 'an admin chose this passphrase';
const OWN = 'a passphrase of my very own';

const reset = (admin: TestUser, user: TestUser, password = RESET) =>
  callApi(ctx, admin, 'PATCH', `/users/${user.actor.userId}`, { password });

describe('a password reset by an admin', () => {
  it('opens a session that may do nothing but choose a new password, and says who reset it', async () => {
    const admin = await addUser(ctx, 'nato', ['admin']);
    const member = await addUser(ctx, 'nato', ['member', 'secretary']);
    const answer = await reset(admin, member);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ mustChangePassword: true, pendingPasswordReset: false });
    // The old token ended with the reset.
    expect((await callApi(ctx, member, 'GET', '/me')).statusCode).toBe(401);

    const old = await signInForToken(ctx, { party: 'nato', username: member.username });
    expect(old.response.statusCode).toBe(401);
    const signedIn = await signInForToken(ctx, {
      party: 'nato',
      username: member.username,
      password: RESET,
    });
    expect(signedIn.response.json().mustChangePassword).toBe(true);
    const headers = signedIn.headers ?? {};
    for (const [method, url] of [
      ['GET', '/api/meetings'],
      ['GET', '/api/audit'],
      ['POST', '/api/notes'],
    ] as const) {
      const refused = await ctx.app.inject({ method, url, headers, payload: { text: 'x' } });
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().code).toBe('PasswordChangeRequired');
    }
    const me = await ctx.app.inject({ url: '/api/me', headers });
    expect(me.json()).toMatchObject({
      mustChangePassword: true,
      passwordReset: {
        at: expect.any(String),
        byParty: 'nato',
        by: { id: admin.actor.userId, username: admin.username },
        confirmedBy: null,
      },
    });

    const changed = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers,
      payload: { newPassword: OWN },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ mustChangePassword: false });
    // The same token now acts for the user, and the new password signs in.
    expect((await ctx.app.inject({ url: '/api/meetings', headers })).statusCode).toBe(200);
    const again = await signInForToken(ctx, {
      party: 'nato',
      username: member.username,
      password: OWN,
    });
    expect(again.response.statusCode).toBe(201);
    expect(again.response.json().mustChangePassword).toBe(false);

    // The user's own audit trail says who reset the password, and that it chose its own.
    const trail = await ctx.app.inject({
      url: `/api/audit?entityType=user&entityId=${member.actor.userId}&limit=10`,
      headers,
    });
    const entries = trail.json().items as { action: string; actorId: string | null }[];
    expect(entries.find((e) => e.action === 'user.reset-password')?.actorId).toBe(
      admin.actor.userId,
    );
    expect(entries.map((e) => e.action)).toContain('user.change-password');
  });

  it('refuses keeping the password the admin chose', async () => {
    const admin = await addUser(ctx, 'nato', ['admin']);
    const member = await addUser(ctx, 'nato', ['member']);
    await reset(admin, member);
    const { headers } = await signInForToken(ctx, {
      party: 'nato',
      username: member.username,
      password: RESET,
    });
    const same = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: headers ?? {},
      payload: { newPassword: RESET },
    });
    expect(same.statusCode).toBe(422);
    expect(same.json().code).toBe('WeakPassword');
  });

  it('is refused on the admin itself: it changes its own password knowing the current one', async () => {
    const admin = await addUser(ctx, 'nato', ['admin']);
    const own = await reset(admin, admin);
    expect(own.statusCode).toBe(403);
    const without = await callApi(ctx, admin, 'POST', '/me/password', { newPassword: OWN });
    expect(without.statusCode).toBe(400);
    expect(without.json().errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const wrong = await callApi(ctx, admin, 'POST', '/me/password', {
      currentPassword: 'not my password',
      newPassword: OWN,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await callApi(ctx, admin, 'POST', '/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: OWN,
    });
    expect(right.statusCode).toBe(200);
    // The token the change was made with stays; the new password signs in.
    expect((await callApi(ctx, admin, 'GET', '/users')).statusCode).toBe(200);
  });
});

describe("a chair's password", () => {
  it('cannot be reset by one admin alone: it waits, and the admin cannot sign in as the chair', async () => {
    const admin = await addUser(ctx, 'russia', ['admin']);
    const second = await addUser(ctx, 'russia', ['admin']);
    const chair = await addUser(ctx, 'russia', ['chair']);
    const answer = await reset(admin, chair);
    expect(answer.json()).toMatchObject({ pendingPasswordReset: true, mustChangePassword: false });

    // Neither the password the admin chose nor anything else opens the chair's account.
    const asChair = await signInForToken(ctx, {
      party: 'russia',
      username: chair.username,
      password: RESET,
    });
    expect(asChair.response.statusCode).toBe(401);
    // The chair itself is untouched: its token and its password still work.
    expect((await callApi(ctx, chair, 'GET', '/me')).statusCode).toBe(200);
    const own = await signInForToken(ctx, { party: 'russia', username: chair.username });
    expect(own.response.statusCode).toBe(201);

    const grants = (await callApi(ctx, second, 'GET', '/role-grants')).json().items as {
      id: string;
      kind: string;
      user: { id: string };
    }[];
    const grant = grants.find((g) => g.user.id === chair.actor.userId);
    expect(grant?.kind).toBe('password-reset');
    expect(JSON.stringify(grants)).not.toMatch(/argon2|passwordHash/);
    const self = await callApi(ctx, admin, 'POST', `/role-grants/${grant?.id}/confirm`);
    expect(self.statusCode).toBe(403);

    const confirmed = await callApi(ctx, second, 'POST', `/role-grants/${grant?.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    const after = await signInForToken(ctx, {
      party: 'russia',
      username: chair.username,
      password: RESET,
    });
    expect(after.response.json().mustChangePassword).toBe(true);
    const me = await ctx.app.inject({ url: '/api/me', headers: after.headers ?? {} });
    expect(me.json().passwordReset).toMatchObject({
      by: { id: admin.actor.userId },
      confirmedBy: { id: second.actor.userId },
    });
    // Signed in with the admin's password, the chair's session concurs in nothing.
    const concur = await ctx.app.inject({
      method: 'POST',
      url: '/api/decisions/any/concur',
      headers: after.headers ?? {},
      payload: { version: 1 },
    });
    expect(concur.json().code).toBe('PasswordChangeRequired');
  });

  it('keeps its pending hash out of the audit trail', async () => {
    const rows = await ctx.deps.db
      .selectFrom('auditEvents')
      .select(['before', 'after'])
      .where('entityType', '=', 'user')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(`${row.before}${row.after}`).not.toMatch(/argon2|passwordHash/);
  });
});

describe('an account an admin creates', () => {
  it('must choose its own password at its first sign-in, since the admin chose this one', async () => {
    const admin = await addUser(ctx, 'nato', ['admin']);
    const created = await callApi(ctx, admin, 'POST', '/users', {
      username: 'fresh-secretary',
      password: RESET,
      roles: ['secretary'],
    });
    expect(created.json().mustChangePassword).toBe(true);
    const { response, headers } = await signInForToken(ctx, {
      party: 'nato',
      username: 'fresh-secretary',
      password: RESET,
    });
    expect(response.json().mustChangePassword).toBe(true);
    const meeting = await ctx.app.inject({ url: '/api/meetings', headers: headers ?? {} });
    expect(meeting.json().code).toBe('PasswordChangeRequired');
  });
});
