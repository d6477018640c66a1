import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBothUpdatesKept } from '../../../../tests/support/concurrent-updates.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { updateDelegation } from './update-delegation.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;

const post = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: user.headers, payload });
const get = (url: string, user?: TestUser) =>
  ctx.app.inject({ url, ...(user ? { headers: user.headers } : {}) });

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  const delegations = [
    { countryCode: 'BE', name: 'Belgium', visibility: 'public' },
    { countryCode: 'pl', name: 'Poland', joinedOn: '1999-03-12', visibility: 'public' },
  ];
  for (const d of delegations) {
    expect((await post(natoSecretary, '/api/parties/nato/delegations', d)).statusCode).toBe(201);
  }
  await post(russiaSecretary, '/api/parties/russia/delegations', {
    id: 'russia-mission',
    name: 'Mission of the Russian Federation to NATO',
    visibility: 'public',
  });
});
afterAll(async () => ctx.close());

describe('parties and delegations', () => {
  it('lists the parties in alternat order with their delegations', async () => {
    const body = (await get('/api/parties')).json();
    expect(body.items.map((p: { id: string }) => p.id)).toEqual(['nato', 'russia']);
    expect(body.items[0].delegations.map((d: { id: string }) => d.id)).toEqual([
      'nato-be',
      'nato-pl',
    ]);
    expect(body.items[1].delegations[0]).toMatchObject({ id: 'russia-mission', countryCode: null });
  });

  it('lets only a secretary of the party add to it', async () => {
    const other = await post(russiaSecretary, '/api/parties/nato/delegations', {
      countryCode: 'FR',
      name: 'France',
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('NotYourParty');
    const foreignId = await post(natoSecretary, '/api/parties/nato/delegations', {
      id: 'russia-x',
      name: 'X',
    });
    expect(foreignId.statusCode).toBe(400);
    const twice = await post(natoSecretary, '/api/parties/nato/delegations', {
      countryCode: 'BE',
      name: 'Belgium',
    });
    expect(twice.statusCode).toBe(409);
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/delegations/nato-be',
      headers: russiaSecretary.headers,
      payload: { name: 'Belgique' },
    });
    expect(patched.json().code).toBe('NotYourParty');
  });

  it('lists the members on a date', async () => {
    const before = (await get('/api/parties/nato/delegations?at=1999-03-11')).json();
    const after = (await get('/api/parties/nato/delegations?at=1999-03-12')).json();
    expect(before.items.map((d: { id: string }) => d.id)).toEqual(['nato-be']);
    expect(after.items.map((d: { id: string }) => d.id)).toEqual(['nato-be', 'nato-pl']);
  });

  it("hides a party's caucus delegation from the other party", async () => {
    await post(natoSecretary, '/api/parties/nato/delegations', {
      id: 'nato-staff',
      name: 'Staff',
      visibility: 'caucus',
    });
    const russia = (await get('/api/parties/nato', russiaSecretary)).json();
    const nato = (await get('/api/parties/nato', natoSecretary)).json();
    expect(russia.delegations.map((d: { id: string }) => d.id)).not.toContain('nato-staff');
    expect(nato.delegations.map((d: { id: string }) => d.id)).toContain('nato-staff');
    expect((await get('/api/delegations/nato-staff', russiaSecretary)).statusCode).toBe(404);
  });

  it('changes a delegation, indexes it for search, and refuses narrowing', async () => {
    const changed = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/delegations/nato-pl',
      headers: natoSecretary.headers,
      payload: { name: 'Republic of Poland' },
    });
    expect(changed.json()).toMatchObject({ name: 'Republic of Poland', joinedOn: '1999-03-12' });
    const found = (await get('/api/search?q=republic%20poland', russiaSecretary)).json();
    expect(found.items[0]).toMatchObject({ entityId: 'nato-pl', url: '/api/delegations/nato-pl' });
    const narrowed = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/delegations/nato-pl',
      headers: natoSecretary.headers,
      payload: { visibility: 'joint' },
    });
    expect(narrowed.statusCode).toBe(409);
  });
});

describe('concurrent changes to a delegation', () => {
  it('keep both changes and audit each against the row it changed', async () => {
    await expectBothUpdatesKept(ctx.deps, {
      table: 'delegations',
      id: 'nato-be',
      updates: [
        () =>
          updateDelegation(ctx.deps, natoSecretary.actor, 'nato-be', {
            name: 'Kingdom of Belgium',
          }),
        () =>
          updateDelegation(ctx.deps, natoSecretary.actor, 'nato-be', { joinedOn: '1949-04-04' }),
      ],
      expected: { name: 'Kingdom of Belgium', joinedOn: '1949-04-04' },
      auditedBefore: { action: 'delegation.update', field: 'name', value: 'Kingdom of Belgium' },
    });
  });
});
