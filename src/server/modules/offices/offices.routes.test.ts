import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBothUpdatesKept } from '../../../../tests/support/concurrent-updates.ts';
import {
  addUser,
  createTestContext,
  publishAsBoth,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { updateOffice } from './update-office.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let natoChair: TestUser;
let russiaChair: TestUser;

const post = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: user.headers, payload });
const patch = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'PATCH', url, headers: user.headers, payload });

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
});
afterAll(async () => ctx.close());

describe('offices', () => {
  it('are agreed only by a joint decision, then opened and closed by a secretary', async () => {
    const created = await post(natoSecretary, '/api/offices', {
      name: 'NATO Information Office',
      kind: 'information-office',
      location: 'Moscow',
      proposedOn: '2000-12',
    });
    expect(created.json()).toMatchObject({ status: 'proposed', visibility: 'joint' });
    const id = created.json().id;
    const url = `/api/offices/${id}`;
    for (const secretary of [natoSecretary, russiaSecretary]) {
      const alone = await patch(secretary, url, { status: 'agreed', on: '2000-12-15' });
      expect(alone.statusCode).toBe(409);
      expect(alone.json().detail).toMatch(/joint decision/);
    }
    const decision = await post(natoSecretary, '/api/decisions', {
      subject: 'NATO Information Office in Moscow',
      text: 'The council agrees to the office.',
      approves: { kind: 'office', id },
    });
    for (const chair of [natoChair, russiaChair]) {
      await post(chair, `/api/decisions/${decision.json().id}/concur`, {
        version: decision.json().version,
      });
    }
    const agreed = await ctx.app.inject({ url, headers: russiaSecretary.headers });
    expect(agreed.json()).toMatchObject({ status: 'agreed', agreedOn: '2001-03-01' });
    const opened = await patch(natoSecretary, url, { status: 'open', on: '2001-03-01' });
    expect(opened.json()).toMatchObject({ status: 'open', openedOn: '2001-03-01' });
    const back = await patch(natoSecretary, url, { status: 'agreed' });
    expect(back.statusCode).toBe(409);
    const closed = await patch(natoSecretary, url, { status: 'closed' });
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: '2001-03-01' });
    const actions = await ctx.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityId', '=', id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'office.create',
      'office.agree',
      'office.open',
      'office.close',
    ]);
  });

  it('are created proposed: a later status or the date of a later step is refused', async () => {
    const created = await post(natoSecretary, '/api/offices', {
      name: 'Military Liaison Mission',
      kind: 'military-liaison-mission',
      status: 'proposed',
    });
    expect(created.json().status).toBe('proposed');
    const skip = await patch(natoSecretary, `/api/offices/${created.json().id}`, {
      status: 'open',
    });
    expect(skip.statusCode).toBe(409);
    for (const payload of [
      { status: 'agreed' },
      { status: 'open' },
      { agreedOn: '2001-01-01' },
      { openedOn: '2001-01-01' },
      { closedOn: '2001-01-01' },
    ]) {
      const refused = await post(natoSecretary, '/api/offices', {
        name: 'X',
        kind: 'other',
        ...payload,
      });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const names = await ctx.deps.db.selectFrom('offices').select('name').execute();
    expect(names.map((o) => o.name)).not.toContain('X');
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

describe('concurrent changes to an office', () => {
  it('keep both changes and audit each against the row it changed', async () => {
    const { id } = (
      await post(natoSecretary, '/api/offices', { name: 'MLM', kind: 'other' })
    ).json();
    await expectBothUpdatesKept(ctx.deps, {
      table: 'offices',
      id,
      updates: [
        () => updateOffice(ctx.deps, natoSecretary.actor, id, { location: 'Moscow' }),
        () =>
          updateOffice(ctx.deps, natoSecretary.actor, id, { establishedBy: 'Exchange of letters' }),
      ],
      expected: { location: 'Moscow', establishedBy: 'Exchange of letters' },
      auditedBefore: { action: 'office.update', field: 'location', value: 'Moscow' },
    });
  });
});

describe('a public office', () => {
  it('stays as both parties published it: one party renames or moves it no more', async () => {
    const created = await post(natoSecretary, '/api/offices', {
      name: 'Military Liaison Mission',
      kind: 'military-liaison-mission',
      location: 'Moscow',
    });
    const id = created.json().id;
    await publishAsBoth(ctx, [natoSecretary, russiaSecretary], `/offices/${id}`);
    const published = (await ctx.app.inject({ url: `/api/offices/${id}` })).json();
    expect(published).toMatchObject({ visibility: 'public', status: 'proposed' });
    const refused = await patch(russiaSecretary, `/api/offices/${id}`, { location: 'Brussels' });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'AlreadyAgreed',
      errors: [{ field: 'location', message: 'published by both parties' }],
    });
    expect((await ctx.app.inject({ url: `/api/offices/${id}` })).json()).toEqual(published);
  });
});
