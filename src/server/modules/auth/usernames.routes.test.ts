import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  createTestContext,
  signInForToken,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

/** A problem body without the one field that names the request (its path). */
const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });

describe('usernames are unique within a party only', () => {
  it('lets both parties create "ivanov": creating one learns nothing of the other party', async () => {
    const natoAdmin = await addUser(ctx, 'nato', ['admin']);
    const russiaAdmin = await addUser(ctx, 'russia', ['admin']);
    const body = { username: 'ivanov', password: TEST_PASSWORD, roles: ['member'] };
    const russian = await callApi(ctx, russiaAdmin, 'POST', '/users', body);
    expect(russian.statusCode).toBe(201);
    const allied = await callApi(ctx, natoAdmin, 'POST', '/users', body);
    expect(allied.statusCode).toBe(201);
    expect(allied.json()).toMatchObject({ username: 'ivanov', party: 'nato' });
    expect(allied.json().id).not.toBe(russian.json().id);

    // Taken is said of the caller's own party only.
    const again = await callApi(ctx, natoAdmin, 'POST', '/users', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('username ivanov is taken in nato');
  });

  it("lists the admin's own party only, and answers another party's user as a missing one", async () => {
    const natoAdmin = await addUser(ctx, 'nato', ['admin']);
    const russian = await addUser(ctx, 'russia', ['member'], 'sergeev');
    const list = await callApi(ctx, natoAdmin, 'GET', '/users');
    expect(list.json().items.map((u: { party: string }) => u.party)).not.toContain('russia');
    expect(list.json().items.map((u: { username: string }) => u.username)).not.toContain('sergeev');
    const theirs = await callApi(ctx, natoAdmin, 'PATCH', `/users/${russian.actor.userId}`, {
      displayName: 'Probe',
    });
    const none = await callApi(ctx, natoAdmin, 'PATCH', '/users/no-such-user', {
      displayName: 'Probe',
    });
    expect(theirs.statusCode).toBe(404);
    expect(withoutInstance(theirs.json())).toEqual(withoutInstance(none.json()));
  });
});

describe('signing in names the party', () => {
  it('opens the account of the party named, when both parties have the username', async () => {
    await addUser(ctx, 'nato', ['member'], 'lavrov');
    await addUser(ctx, 'russia', ['chair'], 'lavrov');
    for (const party of ['nato', 'russia']) {
      const { headers } = await signInForToken(ctx, { party, username: 'lavrov' });
      const me = await ctx.app.inject({ url: '/api/me', headers: headers ?? {} });
      expect(me.json()).toMatchObject({ username: 'lavrov', party: { id: party } });
    }
  });

  it('answers a wrong party exactly as a wrong password, for a session and a token', async () => {
    await addUser(ctx, 'russia', ['chair'], 'primakov');
    for (const url of ['/api/tokens', '/api/session']) {
      const attempt = (payload: object) =>
        ctx.app.inject({
          method: 'POST',
          url,
          remoteAddress: '203.0.113.7',
          payload: { username: 'primakov', ...payload },
        });
      const wrongParty = await attempt({ party: 'nato', password: TEST_PASSWORD });
      const unknownParty = await attempt({ party: 'ukraine', password: TEST_PASSWORD });
      const wrongPassword = await attempt({ party: 'russia', password: 'not the password' });
      expect(wrongPassword.statusCode).toBe(401);
      for (const response of [wrongParty, unknownParty]) {
        expect(response.statusCode).toBe(401);
        expect(response.headers['www-authenticate']).toBe(
          wrongPassword.headers['www-authenticate'],
        );
        expect(response.json()).toEqual(wrongPassword.json());
      }
    }
  });

  it('refuses a sign-in that does not name the party', async () => {
    await addUser(ctx, 'nato', ['member'], 'solana');
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { username: 'solana', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'party' })]);
  });
});
