import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBothUpdatesKept } from '../../../../tests/support/concurrent-updates.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { checkInvariants } from '../integrity/check-invariants.ts';
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
});

describe("the council's description, which both parties publish", () => {
  const DESCRIBED = 'Forum for consultation and cooperation.';
  const put = (user: TestUser, description: string | null) =>
    ctx.app.inject({
      method: 'PUT',
      url: '/api/council/description-proposal',
      headers: user.headers,
      payload: { description },
    });
  const publish = (user: TestUser, version?: number) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/council/description-proposal/publish',
      headers: user.headers,
      payload: version === undefined ? {} : { version },
    });
  const withdraw = (user: TestUser) =>
    ctx.app.inject({
      method: 'DELETE',
      url: '/api/council/description-proposal',
      headers: user.headers,
    });
  const anonymousView = async () => (await ctx.app.inject({ url: '/api/council' })).body;
  const viewOf = async (user: TestUser) =>
    (await ctx.app.inject({ url: '/api/council', headers: user.headers })).json();

  it('is no longer changed by one party alone: PATCH is gone', async () => {
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/council',
      headers: russiaSecretary.headers,
      payload: { description: 'Changed by one party.' },
    });
    expect(patched.statusCode).toBe(405);
    expect((await viewOf(natoSecretary)).description).toBeNull();
  });

  it("is proposed by one party, shown to both, and the public's view does not move", async () => {
    expect((await put(russiaMember, 'x')).statusCode).toBe(403);
    const publicBefore = await anonymousView();
    const proposed = await put(russiaSecretary, DESCRIBED);
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json()).toMatchObject({
      description: null,
      descriptionProposal: {
        description: DESCRIBED,
        proposedBy: 'russia',
        publication: { requestedBy: ['russia'] },
      },
    });
    expect((await viewOf(natoSecretary)).descriptionProposal.description).toBe(DESCRIBED);
    // Nothing the public reads tells of the proposal: not the description, not updatedAt.
    expect(await anonymousView()).toBe(publicBefore);
    expect(JSON.parse(publicBefore).descriptionProposal).toBeNull();
  });

  it('becomes the description once the other party publishes the version it read', async () => {
    const { version } = (await viewOf(natoSecretary)).descriptionProposal;
    expect((await publish(natoSecretary)).json().code).toBe('VersionRequired');
    expect((await publish(natoSecretary, version - 1)).json().code).toBe('StaleVersion');
    const published = await publish(natoSecretary, version);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ description: DESCRIBED, descriptionProposal: null });
    expect(JSON.parse(await anonymousView()).description).toBe(DESCRIBED);
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'council.update')
      .executeTakeFirstOrThrow();
    expect(audit.visibility).toBe('public');
    expect(JSON.parse(audit.after ?? '{}')).toEqual({
      description: DESCRIBED,
      proposedBy: 'russia',
      publishedBy: ['nato', 'russia'],
    });
  });

  it('holds for the proposal read: a counter-proposal voids the request for the one before', async () => {
    await put(natoSecretary, 'First wording.');
    const first = (await viewOf(russiaSecretary)).descriptionProposal.version;
    const counter = await put(russiaSecretary, 'Second wording.');
    expect(counter.json().descriptionProposal).toMatchObject({
      description: 'Second wording.',
      proposedBy: 'russia',
      publication: { requestedBy: ['russia'] },
    });
    // NATO read the first wording: its request for it does not publish the second.
    const stale = await publish(natoSecretary, first);
    expect(stale.json().code).toBe('StaleVersion');
    expect(JSON.parse(await anonymousView()).description).toBe(DESCRIBED);
  });

  it('is declined by the other party, and the description stays', async () => {
    expect((await withdraw(russiaMember)).statusCode).toBe(403);
    expect((await withdraw(natoSecretary)).statusCode).toBe(204);
    expect((await viewOf(russiaSecretary)).descriptionProposal).toBeNull();
    expect((await withdraw(natoSecretary)).statusCode).toBe(404);
    expect((await publish(natoSecretary, 1)).statusCode).toBe(404);
    expect(JSON.parse(await anonymousView()).description).toBe(DESCRIBED);
    expect((await put(natoSecretary, DESCRIBED)).json()).toMatchObject({
      code: 'ValidationFailed',
      errors: [{ field: 'description', pointer: '/description', in: 'body' }],
    });
  });
});

describe("the invariants of the council's description", () => {
  it('name a request for a description no longer proposed, and a proposal of no party', async () => {
    const council = await ctx.deps.db.selectFrom('council').selectAll().executeTakeFirstOrThrow();
    await ctx.deps.db
      .insertInto('publicationRequests')
      .values({
        entityType: 'council',
        entityId: council.id,
        party: 'nato',
        version: council.descriptionVersion,
        userId: null,
        requestedAt: council.updatedAt,
      })
      .execute();
    const found = (await checkInvariants(ctx.deps.db)).map((f) => f.message);
    expect(found).toContainEqual(expect.stringMatching(/has none proposed/));
    await ctx.deps.db
      .deleteFrom('publicationRequests')
      .where('entityType', '=', 'council')
      .execute();
    await ctx.deps.db
      .updateTable('council')
      .set({ descriptionProposedBy: 'nobody', descriptionProposedAt: council.updatedAt })
      .execute();
    expect((await checkInvariants(ctx.deps.db)).map((f) => f.message)).toContainEqual(
      expect.stringMatching(/descriptionProposedBy nobody is no party/),
    );
    await ctx.deps.db
      .updateTable('council')
      .set({ descriptionProposedBy: null, descriptionProposedAt: null })
      .execute();
    expect(await checkInvariants(ctx.deps.db)).toEqual([]);
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
