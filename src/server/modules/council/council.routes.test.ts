import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBothUpdatesKept } from '../../../../tests/support/concurrent-updates.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { updateCouncilPeriod } from './update-council-period.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let russiaMember: TestUser;

const post = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: user.headers, payload });

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  const at = ctx.deps.clock().toISOString();
  await ctx.deps.db
    .insertInto('council')
    .values({
      id: 'pjc',
      name: 'NATO-Russia Permanent Joint Council',
      shortName: 'PJC',
      foundingInstrument: 'NATO-Russia Founding Act',
      foundedOn: '1997-05-27',
      languages: '["en","fr","ru"]',
      description: null,
      sourceId: null,
      visibility: 'public',
      party: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  for (const period of [
    { status: 'active', startsOn: '1997-07-18', endsOn: '1999-03-24', visibility: 'public' },
    { status: 'suspended', startsOn: '1999-03-24', endsOn: '1999-07', visibility: 'public' },
    {
      status: 'restricted',
      scope: 'KFOR matters only',
      startsOn: '1999-07',
      endsOn: '2000-03-15',
      visibility: 'public',
    },
    { status: 'active', startsOn: '2000-03-15', visibility: 'public' },
  ]) {
    expect((await post(natoSecretary, '/api/council/periods', period)).statusCode).toBe(201);
  }
});
afterAll(async () => ctx.close());

const statusOn = async (at: string, user?: TestUser) =>
  (
    await ctx.app.inject({
      url: `/api/council/status?at=${at}`,
      ...(user ? { headers: user.headers } : {}),
    })
  ).json();

describe('the council', () => {
  it('is described with its founding instrument, languages as a list and its periods', async () => {
    const response = await ctx.app.inject({ url: '/api/council' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      shortName: 'PJC',
      foundedOn: '1997-05-27',
      languages: ['en', 'fr', 'ru'],
      source: null,
    });
    expect(response.json().periods.map((p: { status: string }) => p.status)).toEqual([
      'active',
      'suspended',
      'restricted',
      'active',
    ]);
  });

  it('lets a secretary change the description, with an audit entry, and refuses a member', async () => {
    const refused = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/council',
      headers: russiaMember.headers,
      payload: { description: 'x' },
    });
    expect(refused.statusCode).toBe(403);
    const changed = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/council',
      headers: russiaSecretary.headers,
      payload: { description: 'Forum for consultation and cooperation.' },
    });
    expect(changed.json().description).toBe('Forum for consultation and cooperation.');
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'council.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after ?? '{}')).toEqual({
      description: 'Forum for consultation and cooperation.',
    });
  });
});

describe('the council status on a date', () => {
  it.each([
    ['1999-03-23', 'active'],
    ['1999-05-01', 'suspended'],
    ['1999-07-05', 'restricted'],
    ['1999-09-01', 'restricted'],
    ['2000-12-15', 'active'],
  ])('on %s is %s', async (at, status) => {
    expect((await statusOn(at)).status).toBe(status);
  });

  it('names the scope of a restricted period', async () => {
    expect(await statusOn('1999-09-01')).toMatchObject({
      at: '1999-09-01',
      scope: 'KFOR matters only',
      period: { startsOn: '1999-07' },
    });
  });

  it("answers for today's date by default", async () => {
    const response = await ctx.app.inject({ url: '/api/council/status' });
    expect(response.json()).toMatchObject({ at: '2001-03-01', status: 'active' });
  });

  it('is null with a reason before any period', async () => {
    const answer = await statusOn('1996-01-01');
    expect(answer).toMatchObject({ status: null, period: null, scope: null });
    expect(answer.reason).toContain('before the first period');
  });

  it('refuses a date that is not a calendar date, naming the field', async () => {
    const response = await ctx.app.inject({ url: '/api/council/status?at=1999-02-30' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: 'at', in: 'query', pointer: '/at' });
  });

  it("ignores the other party's caucus periods", async () => {
    const created = await post(natoSecretary, '/api/council/periods', {
      status: 'suspended',
      startsOn: '2000-12-15',
      endsOn: '2000-12-15',
      visibility: 'caucus',
    });
    expect(created.json()).toMatchObject({ visibility: 'caucus', party: 'nato' });
    expect((await statusOn('2000-12-15', natoSecretary)).status).toBe('suspended');
    expect((await statusOn('2000-12-15', russiaSecretary)).status).toBe('active');
    const periods = await ctx.app.inject({
      url: '/api/council/periods',
      headers: russiaSecretary.headers,
    });
    expect(periods.json().items).toHaveLength(4);
  });

  it('refuses a period that ends before it starts', async () => {
    const response = await post(natoSecretary, '/api/council/periods', {
      status: 'active',
      startsOn: '2001-05',
      endsOn: '2001-04-30',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('endsOn');
  });
});

const patch = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'PATCH', url, headers: user.headers, payload });
const get = (url: string, user: TestUser) => ctx.app.inject({ url, headers: user.headers });

describe('the list of periods', () => {
  it('pages oldest first with a cursor and filters by status', async () => {
    const first = await ctx.app.inject({ url: '/api/council/periods?limit=3' });
    expect(first.json().items.map((p: { startsOn: string }) => p.startsOn)).toEqual([
      '1997-07-18',
      '1999-03-24',
      '1999-07',
    ]);
    const rest = await ctx.app.inject({
      url: `/api/council/periods?limit=3&cursor=${first.json().nextCursor}`,
    });
    expect(rest.json()).toMatchObject({ items: [{ startsOn: '2000-03-15' }], nextCursor: null });
    const active = await ctx.app.inject({ url: '/api/council/periods?status=active' });
    expect(active.json().items.map((p: { startsOn: string }) => p.startsOn)).toEqual([
      '1997-07-18',
      '2000-03-15',
    ]);
  });

  it('refuses an unknown status, naming the field', async () => {
    const response = await ctx.app.inject({ url: '/api/council/periods?status=dormant' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({
      field: 'status',
      in: 'query',
      pointer: '/status',
    });
  });
});

describe('one period', () => {
  const period = async (payload: object) =>
    (await post(natoSecretary, '/api/council/periods', payload)).json();

  it('is fetched by id, and a caucus period is absent for the other party', async () => {
    const open = await period({ status: 'active', startsOn: '2031-01', visibility: 'public' });
    const fetched = await ctx.app.inject({ url: `/api/council/periods/${open.id}` });
    expect(fetched.json()).toEqual(open);
    const hidden = await period({ status: 'suspended', startsOn: '2031-02', visibility: 'caucus' });
    expect((await get(`/api/council/periods/${hidden.id}`, natoSecretary)).statusCode).toBe(200);
    expect((await get(`/api/council/periods/${hidden.id}`, russiaSecretary)).statusCode).toBe(404);
    expect((await get('/api/council/periods/no-such', natoSecretary)).statusCode).toBe(404);
  });

  it('is ended by a secretary, with the change in the audit', async () => {
    const running = await period({ status: 'restricted', scope: 'KFOR', startsOn: '2032-01' });
    const changed = await patch(russiaSecretary, `/api/council/periods/${running.id}`, {
      endsOn: '2032-06',
      scope: null,
      visibility: 'public',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ endsOn: '2032-06', scope: null, visibility: 'public' });
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'councilPeriod.update')
      .where('entityId', '=', running.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ visibility: 'joint' });
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ endsOn: '2032-06' });
  });

  it('refuses an end before the start, naming endsOn, and a narrower visibility', async () => {
    const running = await period({ status: 'active', startsOn: '2033-05', visibility: 'public' });
    const early = await patch(natoSecretary, `/api/council/periods/${running.id}`, {
      endsOn: '2033-04-30',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].field).toBe('endsOn');
    const moved = await patch(natoSecretary, `/api/council/periods/${running.id}`, {
      startsOn: '2033-05-02',
      endsOn: '2033-05',
    });
    expect(moved.json()).toMatchObject({ startsOn: '2033-05-02', endsOn: '2033-05' });
    const narrowed = await patch(natoSecretary, `/api/council/periods/${running.id}`, {
      visibility: 'joint',
    });
    expect(narrowed.statusCode).toBe(409);
    expect(narrowed.json().errors[0].field).toBe('visibility');
  });

  it("refuses a member, and answers the other party's caucus period as absent", async () => {
    const hidden = await period({ status: 'suspended', startsOn: '2034', visibility: 'caucus' });
    const refused = await patch(russiaMember, `/api/council/periods/${hidden.id}`, {
      status: 'active',
    });
    expect(refused.statusCode).toBe(403);
    const absent = await patch(russiaSecretary, `/api/council/periods/${hidden.id}`, {
      status: 'active',
    });
    expect(absent.statusCode).toBe(404);
  });
});

describe('concurrent changes to a period', () => {
  it('keep both changes and audit each against the row it changed', async () => {
    const { id } = (
      await post(natoSecretary, '/api/council/periods', { status: 'active', startsOn: '2002-05' })
    ).json();
    await expectBothUpdatesKept(ctx.deps, {
      table: 'councilPeriods',
      id,
      updates: [
        () => updateCouncilPeriod(ctx.deps, natoSecretary.actor, id, { scope: 'NRC preparations' }),
        () =>
          updateCouncilPeriod(ctx.deps, russiaSecretary.actor, id, {
            description: 'Until the NRC',
          }),
      ],
      expected: { scope: 'NRC preparations', description: 'Until the NRC' },
      auditedBefore: { action: 'councilPeriod.update', field: 'scope', value: 'NRC preparations' },
    });
  });
});
