import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

describe('signing in', () => {
  it('gives a bearer token that identifies the user, party and roles', async () => {
    const user = await addUser(ctx, 'russia', ['chair'], 'ivanov');
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { party: 'russia', username: 'ivanov', password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(201);
    const { token } = login.json();
    const me = await ctx.app.inject({
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json()).toMatchObject({
      username: user.username,
      party: { id: 'russia' },
      roles: ['chair'],
    });
  });

  it('answers a wrong username exactly as a wrong password', async () => {
    await addUser(ctx, 'nato', ['member'], 'robertson');
    const wrongPassword = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { party: 'nato', username: 'robertson', password: 'not the password at all' },
    });
    const wrongUser = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { party: 'nato', username: 'nobody-here', password: 'not the password at all' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(wrongUser.json())).toEqual(strip(wrongPassword.json()));
  });

  it('names the missing field in a problem+json answer', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { party: 'nato', username: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('refuses malformed JSON with a 400, not a 500', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('MalformedJson');
  });
});
