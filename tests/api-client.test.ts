import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCouncilClient } from '../src/shared/api/client.ts';
import {
  addUser,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';

/**
 * The typed client against a real listening server. `npm test` type-checks this file first,
 * so a route, parameter or field that changes without `npm run openapi` breaks the build here,
 * as it would break every client.
 */
let ctx: TestContext;
let secretary: TestUser;
let baseUrl: string;

beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
  secretary = await addUser(ctx, 'nato', ['secretary']);
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => ctx.close());

describe('the typed API client', () => {
  it('reads the council anonymously', async () => {
    const { data, error } = await createCouncilClient({ baseUrl }).GET('/api/council');
    expect(error).toBeUndefined();
    expect(data?.shortName).toBe('PJC');
  });

  it('signs in for a token, then schedules and reads a meeting with it', async () => {
    const anonymous = createCouncilClient({ baseUrl });
    const signedIn = await anonymous.POST('/api/tokens', {
      body: { party: secretary.party, username: secretary.username, password: TEST_PASSWORD },
    });
    const token = signedIn.data?.token;
    expect(token).toEqual(expect.any(String));

    const council = createCouncilClient({ baseUrl, ...(token ? { token } : {}) });
    const created = await council.POST('/api/meetings', {
      body: {
        title: 'PJC at ambassadors',
        level: 'ambassadors',
        format: 'joint',
        startsAt: '2001-04-18T10:00:00+02:00',
      },
    });
    expect(created.response.status).toBe(201);
    const id = created.data?.id ?? '';

    const { data } = await council.GET('/api/meetings/{id}', { params: { path: { id } } });
    expect(data).toMatchObject({ id, title: 'PJC at ambassadors', agenda: { status: 'draft' } });
  });

  it('hands back the problem of a refused request as a typed error', async () => {
    const { error, response } = await createCouncilClient({ baseUrl }).GET('/api/meetings/{id}', {
      params: { path: { id: 'no-such-meeting' } },
    });
    expect(response.status).toBe(404);
    expect(error?.code).toBe('NotFound');
  });
});
