import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;

const post = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: user.headers, payload });
const patch = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'PATCH', url, headers: user.headers, payload });

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
});
afterAll(async () => ctx.close());

describe('offices', () => {
  it('move forward one step at a time, each step dated', async () => {
    const created = await post(natoSecretary, '/api/offices', {
      name: 'NATO Information Office',
      kind: 'information-office',
      location: 'Moscow',
      proposedOn: '2000-12',
    });
    expect(created.json()).toMatchObject({ status: 'proposed', visibility: 'joint' });
    const url = `/api/offices/${created.json().id}`;
    const agreed = await patch(russiaSecretary, url, { status: 'agreed', on: '2000-12-15' });
    expect(agreed.json()).toMatchObject({ status: 'agreed', agreedOn: '2000-12-15' });
    const opened = await patch(natoSecretary, url, { status: 'open', on: '2001-02-20' });
    expect(opened.json()).toMatchObject({ status: 'open', openedOn: '2001-02-20' });
    const back = await patch(natoSecretary, url, { status: 'agreed' });
    expect(back.statusCode).toBe(409);
    const closed = await patch(natoSecretary, url, { status: 'closed' });
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: '2001-03-01' });
    const actions = await ctx.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityId', '=', created.json().id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'office.create',
      'office.agreed',
      'office.open',
      'office.closed',
    ]);
  });

  it('refuse skipping a step and a creation whose dates contradict its status', async () => {
    const created = await post(natoSecretary, '/api/offices', {
      name: 'Military Liaison Mission',
      kind: 'military-liaison-mission',
    });
    const skip = await patch(natoSecretary, `/api/offices/${created.json().id}`, {
      status: 'open',
    });
    expect(skip.statusCode).toBe(409);
    const contradiction = await post(natoSecretary, '/api/offices', {
      name: 'X',
      kind: 'other',
      status: 'agreed',
      openedOn: '2001-01-01',
    });
    expect(contradiction.statusCode).toBe(400);
    expect(contradiction.json().errors[0].field).toBe('openedOn');
  });

  it("keep a party's caucus office from the other party: absent from lists, 404 by id", async () => {
    const caucus = await post(natoSecretary, '/api/offices', {
      name: 'Allied coordination cell',
      kind: 'other',
      visibility: 'caucus',
    });
    const id = caucus.json().id;
    const forRussia = await ctx.app.inject({
      url: '/api/offices',
      headers: russiaSecretary.headers,
    });
    const forNato = await ctx.app.inject({ url: '/api/offices', headers: natoSecretary.headers });
    expect(forRussia.json().items.map((o: { id: string }) => o.id)).not.toContain(id);
    expect(forNato.json().items.map((o: { id: string }) => o.id)).toContain(id);
    expect(
      (await ctx.app.inject({ url: `/api/offices/${id}`, headers: russiaSecretary.headers }))
        .statusCode,
    ).toBe(404);
    expect(
      (await patch(russiaSecretary, `/api/offices/${id}`, { name: 'mine now' })).statusCode,
    ).toBe(404);
    expect((await ctx.app.inject({ url: `/api/offices/${id}` })).statusCode).toBe(404);
  });

  it('filter by status and keep the search index current', async () => {
    const open = await ctx.app.inject({
      url: '/api/offices?status=closed',
      headers: natoSecretary.headers,
    });
    expect(open.json().items.map((o: { name: string }) => o.name)).toEqual([
      'NATO Information Office',
    ]);
    const created = await post(natoSecretary, '/api/offices', {
      name: 'Liaison office',
      kind: 'other',
    });
    await patch(natoSecretary, `/api/offices/${created.json().id}`, { location: 'Vladivostok' });
    const found = await ctx.app.inject({
      url: '/api/search?q=vladivostok',
      headers: russiaSecretary.headers,
    });
    expect(found.json().items.map((i: { entityId: string }) => i.entityId)).toEqual([
      created.json().id,
    ]);
  });
});
