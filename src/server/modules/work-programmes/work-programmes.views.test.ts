import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  answerDecision,
  callApi,
  createTestContext,
  type Method,
  publishAsBoth,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { ANONYMOUS } from '../access/actor.ts';
import { selectProgrammes } from './work-programme.repository.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let natoChair: TestUser;
let russiaSecretary: TestUser;
let russiaChair: TestUser;
let russiaMember: TestUser;

const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callApi(ctx, user, method, url, payload);

async function created(user: TestUser, url: string, payload: object): Promise<string> {
  const response = await call(user, 'POST', url, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
});
afterAll(async () => ctx.close());

describe('area positions', () => {
  it("never count the other party's caucus areas, so Russia sees no gap", async () => {
    await created(natoSecretary, '/work-programmes', { year: 2010, title: 'Programme 2010' });
    await created(natoSecretary, '/work-programmes/2010/areas', {
      title: 'Allied coordination',
      visibility: 'caucus',
    });
    await created(natoSecretary, '/work-programmes/2010/areas', { title: 'Peacekeeping' });
    const seenByRussia = (await call(russiaMember, 'GET', '/work-programmes/2010')).json();
    expect(seenByRussia.areas).toEqual([
      expect.objectContaining({ title: 'Peacekeeping', position: 1 }),
    ]);
  });

  it('of a caucus area tabled jointly follow the joint areas, so its old place tells nothing of the caucus', async () => {
    await created(natoSecretary, '/work-programmes', { year: 2015, title: 'Programme 2015' });
    await created(natoSecretary, '/work-programmes/2015/areas', { title: 'Peacekeeping' });
    for (const title of ['Allied coordination', 'Allied exercises']) {
      await created(natoSecretary, '/work-programmes/2015/areas', { title, visibility: 'caucus' });
    }
    const tabled = await created(natoSecretary, '/work-programmes/2015/areas', {
      title: 'Arms control',
      visibility: 'caucus',
    });
    const widened = await call(natoSecretary, 'PATCH', `/work-programmes/2015/areas/${tabled}`, {
      visibility: 'joint',
    });
    expect(widened.statusCode, widened.body).toBe(200);
    expect(widened.json()).toMatchObject({ visibility: 'joint', position: 2 });
    const seenByRussia = (await call(russiaMember, 'GET', '/work-programmes/2015')).json();
    expect(seenByRussia.areas).toEqual([
      expect.objectContaining({ title: 'Peacekeeping', position: 1 }),
      expect.objectContaining({ title: 'Arms control', position: 2 }),
    ]);
  });

  it('of a caucus area tabled jointly stay where its party puts them when it says where', async () => {
    await created(natoSecretary, '/work-programmes', { year: 2016, title: 'Programme 2016' });
    await created(natoSecretary, '/work-programmes/2016/areas', { title: 'Peacekeeping' });
    const tabled = await created(natoSecretary, '/work-programmes/2016/areas', {
      title: 'Arms control',
      visibility: 'caucus',
    });
    const widened = await call(natoSecretary, 'PATCH', `/work-programmes/2016/areas/${tabled}`, {
      visibility: 'joint',
      position: 1,
    });
    expect(widened.json()).toMatchObject({ visibility: 'joint', position: 1 });
  });
});

describe('the status of a programme', () => {
  it('is approved for every caller, naming the decision only to those who may see it', async () => {
    await created(natoSecretary, '/work-programmes', { year: 2011, title: 'Programme 2011' });
    await publishAsBoth(ctx, [natoSecretary, russiaSecretary], '/work-programmes/2011');
    const decisionId = await created(natoSecretary, '/decisions', {
      subject: 'Work programme 2011',
      text: 'The council approves its work programme for 2011.',
      approves: { kind: 'workProgramme', id: 'wp-2011' },
    });
    await answerDecision(ctx, natoChair, decisionId, 'concur');
    await answerDecision(ctx, russiaChair, decisionId, 'concur');

    const anonymous = (await call(null, 'GET', '/work-programmes/2011')).json();
    expect(anonymous).toMatchObject({ status: 'approved', approvedBy: null, approvedOn: null });
    const listed = (await call(null, 'GET', '/work-programmes')).json().items;
    expect(listed).toEqual([
      expect.objectContaining({ year: 2011, status: 'approved', approvedBy: null }),
    ]);
    const report = (await call(null, 'GET', '/work-programmes/2011/report')).json();
    expect(report.status).toBe('approved');
    const member = (await call(russiaMember, 'GET', '/work-programmes/2011')).json();
    expect(member).toMatchObject({
      status: 'approved',
      approvedBy: decisionId,
      approvedOn: '2001-03-01',
    });
  });

  it('looks up the approving decision once per programme', () => {
    const { sql } = selectProgrammes(ctx.deps.db, ANONYMOUS).compile();
    // On PostgreSQL the lookup is the database's own function (past row-level security).
    const lookups = sql.match(/from "decisions"|"firstApproval"\(/g) ?? [];
    expect(lookups).toHaveLength(1);
  });
});

describe('overdue activities in the report', () => {
  // [plannedEnd, status, report date, overdue]
  const cases = [
    ['2001-05', 'planned', '2001-05-31', false],
    ['2001-05', 'planned', '2001-06-01', true],
    ['2001-05-20', 'under-way', '2001-05-21', true],
    ['2001-05-20', 'under-way', '2001-05-20', false],
    ['2001', 'planned', '2001-12-31', false],
    ['2001', 'planned', '2002-01-01', true],
    ['2001-01', 'done', '2002-01-01', false],
    ['2001-01', 'dropped', '2002-01-01', false],
    [null, 'planned', '2002-01-01', false],
  ] as const;

  it('are open activities whose whole planned end period lies before the report date', async () => {
    await created(natoSecretary, '/work-programmes', { year: 2012, title: 'Programme 2012' });
    const ids: string[] = [];
    for (const [end, status] of cases) {
      ids.push(
        await created(natoSecretary, '/work-programmes/2012/activities', {
          title: `Ends ${end}, ${status}`,
          lead: 'joint',
          status,
          ...(end ? { plannedEnd: end } : {}),
        }),
      );
    }
    const found: unknown[] = [];
    for (const [i, [end, status, on]] of cases.entries()) {
      const report = (await call(russiaMember, 'GET', `/work-programmes/2012/report?on=${on}`))
        .json()
        .overdue.map((a: { id: string }) => a.id);
      found.push([end, status, on, report.includes(ids[i])]);
    }
    expect(found).toEqual(cases);
  });
});

describe('publishing a programme', () => {
  it("waits until the topics of its joint activities are public, never for a party's caucus one", async () => {
    await created(natoSecretary, '/work-programmes', { year: 2014, title: 'Programme 2014' });
    const jointTopic = await created(natoSecretary, '/topics', { name: 'Joint exercises' });
    const caucusTopic = await created(russiaSecretary, '/topics', {
      name: 'Russian reservations',
      visibility: 'caucus',
    });
    const activity = await created(natoSecretary, '/work-programmes/2014/activities', {
      title: 'Joint exercise',
      lead: 'joint',
      topicId: jointTopic,
    });
    await created(russiaSecretary, '/work-programmes/2014/activities', {
      title: 'Our own follow-up',
      lead: 'russia',
      topicId: caucusTopic,
      visibility: 'caucus',
    });
    const read = await call(natoSecretary, 'GET', '/work-programmes/2014');
    const refused = await call(natoSecretary, 'POST', '/work-programmes/2014/publish', {
      version: read.json().version,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'VisibilityTooWide',
      errors: [
        {
          field: `activities.${activity}.topicId`,
          message: `names topic ${jointTopic}, which is joint: make it public first`,
        },
      ],
    });
    // NATO learns nothing of Russia's caucus activity or its topic from the refusal.
    expect(refused.body).not.toContain(caucusTopic);

    const widened = await call(natoSecretary, 'PATCH', `/topics/${jointTopic}`, {
      visibility: 'public',
    });
    expect(widened.statusCode).toBe(200);
    await publishAsBoth(ctx, [natoSecretary, russiaSecretary], '/work-programmes/2014');
    const published = await call(null, 'GET', '/work-programmes/2014');
    expect(published.json()).toMatchObject({ visibility: 'public' });
  });

  it('keeps the content both parties published: one party changes none of it, and execution goes on', async () => {
    await created(natoSecretary, '/work-programmes', { year: 2017, title: 'Programme 2017' });
    const area = await created(natoSecretary, '/work-programmes/2017/areas', {
      title: 'Peacekeeping',
    });
    const activity = await created(natoSecretary, '/work-programmes/2017/activities', {
      title: 'Joint exercise',
      lead: 'joint',
    });
    await publishAsBoth(ctx, [natoSecretary, russiaSecretary], '/work-programmes/2017');
    const published = (await call(null, 'GET', '/work-programmes/2017')).json();
    expect(published).toMatchObject({ visibility: 'public' });
    const attempts: [TestUser, Method, string, object][] = [
      [russiaSecretary, 'PATCH', '/work-programmes/2017', { title: 'Programme as Russia sees it' }],
      [natoSecretary, 'PATCH', `/work-programmes/2017/areas/${area}`, { title: 'Crisis response' }],
      [natoSecretary, 'POST', '/work-programmes/2017/areas', { title: 'Enlargement' }],
      [natoSecretary, 'POST', '/work-programmes/2017/activities', { title: 'New', lead: 'nato' }],
      [
        natoSecretary,
        'PATCH',
        `/work-programmes/2017/activities/${activity}`,
        { title: 'Renamed' },
      ],
    ];
    for (const [user, method, url, payload] of attempts) {
      const refused = await call(user, method, url, payload);
      expect(refused.statusCode, `${method} ${url}: ${refused.body}`).toBe(409);
      expect(refused.json().code).toBe('AlreadyAgreed');
    }
    expect((await call(null, 'GET', '/work-programmes/2017')).json()).toEqual(published);
    const status = await call(
      natoSecretary,
      'PATCH',
      `/work-programmes/2017/activities/${activity}`,
      {
        status: 'under-way',
      },
    );
    expect(status.statusCode, status.body).toBe(200);
    await created(russiaSecretary, '/work-programmes/2017/activities', {
      title: 'Our own follow-up',
      lead: 'russia',
      visibility: 'caucus',
    });
  });
});
