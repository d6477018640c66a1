import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  answerDecision,
  callApi,
  createTestContext,
  type Method,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let natoChair: TestUser;
let natoMember: TestUser;
let russiaSecretary: TestUser;
let russiaChair: TestUser;

const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callApi(ctx, user, method, url, payload);

async function created<T = { id: string }>(
  user: TestUser,
  url: string,
  payload: object,
): Promise<T> {
  const response = await call(user, 'POST', url, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<T>();
}

const auditActions = (entityId: string) =>
  ctx.deps.db
    .selectFrom('auditEvents')
    .select('action')
    .where('entityId', '=', entityId)
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => r.action));

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  natoMember = await addUser(ctx, 'nato', ['member']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
});
afterAll(async () => ctx.close());

describe('creating a work programme', () => {
  it('is for secretaries, one per year, and audited', async () => {
    const forbidden = await call(natoMember, 'POST', '/work-programmes', {
      year: 2001,
      title: 'x',
    });
    expect(forbidden.statusCode).toBe(403);
    const programme = await created<{ id: string; status: string }>(
      natoSecretary,
      '/work-programmes',
      { year: 2001, title: 'PJC Work Programme for 2001' },
    );
    expect(programme).toMatchObject({ id: 'wp-2001', status: 'draft', visibility: 'joint' });
    const again = await call(russiaSecretary, 'POST', '/work-programmes', {
      year: 2001,
      title: 'Another',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'AlreadyExists',
      errors: [{ field: 'year', message: expect.any(String) }],
    });
    expect(await auditActions('wp-2001')).toEqual(['workProgramme.create']);
  });

  it('answers 404 to anonymous callers for a joint programme and lists nothing for them', async () => {
    expect((await call(null, 'GET', '/work-programmes/2001')).statusCode).toBe(404);
    expect((await call(null, 'GET', '/work-programmes')).json().items).toEqual([]);
  });
});

describe('approval', () => {
  it('flips the status to approved exactly when the approving decision is agreed', async () => {
    await created(natoSecretary, '/work-programmes', { year: 2002, title: 'Programme 2002' });
    const status = async () => (await call(russiaChair, 'GET', '/work-programmes/2002')).json();
    expect((await status()).status).toBe('draft');
    const decision = await created(natoSecretary, '/decisions', {
      subject: 'Work programme 2002',
      text: 'The council approves its work programme for 2002.',
      approves: { kind: 'workProgramme', id: 'wp-2002' },
    });
    await answerDecision(ctx, natoChair, decision.id, 'concur');
    expect((await status()).status).toBe('draft');
    await answerDecision(ctx, russiaChair, decision.id, 'concur');
    expect(await status()).toMatchObject({
      status: 'approved',
      approvedBy: decision.id,
      approvedOn: '2001-03-01',
    });
    const listed = (await call(natoMember, 'GET', '/work-programmes')).json().items;
    expect(listed.map((p: { year: number; status: string }) => [p.year, p.status])).toEqual([
      [2001, 'draft'],
      [2002, 'approved'],
    ]);
    const edit = await call(natoSecretary, 'PATCH', '/work-programmes/2002', { title: 'Changed' });
    expect(edit.json().code).toBe('AlreadyAgreed');
  });

  it('stays draft when the approving decision is declined', async () => {
    await created(natoSecretary, '/work-programmes', { year: 2003, title: 'Programme 2003' });
    const decision = await created(russiaSecretary, '/decisions', {
      subject: 'Work programme 2003',
      text: 'Approve.',
      approves: { kind: 'workProgramme', id: 'wp-2003' },
    });
    await answerDecision(ctx, natoChair, decision.id, 'decline');
    expect((await call(natoMember, 'GET', '/work-programmes/2003')).json().status).toBe('draft');
  });
});

describe('changing an area', () => {
  let jointArea: string;
  let natoArea: string;

  beforeAll(async () => {
    await created(natoSecretary, '/work-programmes', { year: 2005, title: 'Programme 2005' });
    jointArea = (await created(natoSecretary, '/work-programmes/2005/areas', { title: 'Drafts' }))
      .id;
    natoArea = (
      await created(natoSecretary, '/work-programmes/2005/areas', {
        title: 'Allied line',
        visibility: 'caucus',
      })
    ).id;
  });

  it('renames and moves it for a secretary, with an audit entry', async () => {
    const changed = await call(
      russiaSecretary,
      'PATCH',
      `/work-programmes/2005/areas/${jointArea}`,
      {
        title: 'Search and rescue at sea',
        position: 3,
      },
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'Search and rescue at sea', position: 3 });
    const programme = (await call(russiaSecretary, 'GET', '/work-programmes/2005')).json();
    expect(programme.areas.map((a: { title: string }) => a.title)).toEqual([
      'Search and rescue at sea',
    ]);
    expect(await auditActions(jointArea)).toEqual([
      'workProgrammeArea.create',
      'workProgrammeArea.update',
    ]);
  });

  it('refuses an empty title or position 0, naming the field, and a member', async () => {
    const url = `/work-programmes/2005/areas/${jointArea}`;
    const bad = await call(natoSecretary, 'PATCH', url, { position: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('position');
    const empty = await call(natoSecretary, 'PATCH', url, { title: ' ' });
    expect(empty.json().errors[0].field).toBe('title');
    expect((await call(natoMember, 'PATCH', url, { title: 'x' })).statusCode).toBe(403);
  });

  it("answers the other party's caucus area as absent, widens but never narrows", async () => {
    const url = `/work-programmes/2005/areas/${natoArea}`;
    expect((await call(russiaSecretary, 'PATCH', url, { title: 'x' })).statusCode).toBe(404);
    expect((await call(natoSecretary, 'PATCH', url, { visibility: 'public' })).statusCode).toBe(
      422,
    );
    const widened = await call(natoSecretary, 'PATCH', url, { visibility: 'joint' });
    expect(widened.json()).toMatchObject({ visibility: 'joint', party: 'nato' });
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .select(['visibility', 'party'])
      .where('entityId', '=', natoArea)
      .where('action', '=', 'workProgrammeArea.update')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ visibility: 'caucus', party: 'nato' });
    const narrowed = await call(natoSecretary, 'PATCH', url, { visibility: 'caucus' });
    expect(narrowed.json().code).toBe('Conflict');
    const elsewhere = await call(
      natoSecretary,
      'PATCH',
      `/work-programmes/2001/areas/${natoArea}`,
      {
        title: 'x',
      },
    );
    expect(elsewhere.statusCode).toBe(404);
  });
});

describe('activities and the progress report', () => {
  let areaA: string;
  let areaB: string;
  let natoOnly: string;

  beforeAll(async () => {
    areaA = (await created(natoSecretary, '/work-programmes/2001/areas', { title: 'Peacekeeping' }))
      .id;
    areaB = (
      await created(natoSecretary, '/work-programmes/2001/areas', {
        title: 'Civil emergency planning',
      })
    ).id;
    const activity = (body: object) =>
      created(natoSecretary, '/work-programmes/2001/activities', { lead: 'joint', ...body });
    await activity({ title: 'Seminar', areaId: areaA, status: 'done', plannedEnd: '2001-01' });
    await activity({ title: 'Exercise', areaId: areaA, plannedEnd: '2001-02' });
    await activity({ title: 'Study', areaId: areaB, status: 'under-way', plannedEnd: '2001-03' });
    await activity({ title: 'Conference', lead: 'russia', status: 'dropped', plannedEnd: '2000' });
    natoOnly = (
      await activity({
        title: 'Allied line for the seminar',
        areaId: areaA,
        lead: 'nato',
        plannedEnd: '2001-01',
        visibility: 'caucus',
      })
    ).id;
  });

  it('counts per status and per area only what a Russian caller may see', async () => {
    const report = (await call(russiaChair, 'GET', '/work-programmes/2001/report')).json();
    expect(report).toMatchObject({
      on: '2001-03-01',
      total: 4,
      byStatus: { planned: 1, 'under-way': 1, done: 1, dropped: 1 },
      shareDone: 1 / 3,
    });
    expect(report.areas).toEqual([
      {
        areaId: areaA,
        title: 'Peacekeeping',
        total: 2,
        byStatus: { planned: 1, 'under-way': 0, done: 1, dropped: 0 },
      },
      {
        areaId: areaB,
        title: 'Civil emergency planning',
        total: 1,
        byStatus: { planned: 0, 'under-way': 1, done: 0, dropped: 0 },
      },
      {
        areaId: null,
        title: null,
        total: 1,
        byStatus: { planned: 0, 'under-way': 0, done: 0, dropped: 1 },
      },
    ]);
    expect(report.overdue.map((a: { title: string }) => a.title)).toEqual(['Exercise']);
    expect(JSON.stringify(report)).not.toContain(natoOnly);
  });

  it("counts NATO's own caucus activity for NATO", async () => {
    const report = (await call(natoMember, 'GET', '/work-programmes/2001/report')).json();
    expect(report.total).toBe(5);
    expect(report.areas[0].byStatus.planned).toBe(2);
    expect(report.overdue.map((a: { id: string }) => a.id)).toContain(natoOnly);
  });

  it('hides a caucus activity and its progress from the other party', async () => {
    await created(natoSecretary, `/work-programmes/2001/activities/${natoOnly}/progress`, {
      on: '2001-01-15',
      text: 'Allies agreed their line.',
    });
    const russian = (await call(russiaChair, 'GET', '/work-programmes/2001')).json();
    expect(russian.activities).toHaveLength(4);
    expect(JSON.stringify(russian)).not.toContain('Allies agreed');
    const patch = await call(
      russiaSecretary,
      'PATCH',
      `/work-programmes/2001/activities/${natoOnly}`,
      { status: 'done' },
    );
    expect(patch.statusCode).toBe(404);
    const nato = (await call(natoMember, 'GET', '/work-programmes/2001')).json();
    const mine = nato.activities.find((a: { id: string }) => a.id === natoOnly);
    expect(mine.progress).toEqual([
      expect.objectContaining({ on: '2001-01-15', userId: natoSecretary.actor.userId }),
    ]);
    expect(await auditActions(natoOnly)).toEqual(['activity.create']);
  });

  it('keeps a progress note no wider than its activity', async () => {
    const response = await call(
      natoSecretary,
      'POST',
      `/work-programmes/2001/activities/${natoOnly}/progress`,
      { on: '2001-02', text: 'Shared', visibility: 'joint' },
    );
    expect(response.json().code).toBe('VisibilityTooWide');
  });

  it('changes status and widens visibility, but never narrows it', async () => {
    const id = (
      await created(natoSecretary, '/work-programmes/2001/activities', {
        title: 'Retraining',
        lead: 'nato',
        visibility: 'caucus',
      })
    ).id;
    const widened = await call(natoSecretary, 'PATCH', `/work-programmes/2001/activities/${id}`, {
      status: 'under-way',
      visibility: 'joint',
    });
    expect(widened.json()).toMatchObject({ status: 'under-way', visibility: 'joint' });
    const narrowed = await call(
      russiaSecretary,
      'PATCH',
      `/work-programmes/2001/activities/${id}`,
      {
        visibility: 'caucus',
      },
    );
    expect(narrowed.json().code).toBe('Conflict');
    expect(await auditActions(id)).toEqual(['activity.create', 'activity.update']);
  });

  it('refuses an activity wider than its area or ending before it starts', async () => {
    const caucusArea = (
      await created(natoSecretary, '/work-programmes/2001/areas', {
        title: 'Allied coordination',
        visibility: 'caucus',
      })
    ).id;
    const tooWide = await call(natoSecretary, 'POST', '/work-programmes/2001/activities', {
      title: 'x',
      lead: 'nato',
      areaId: caucusArea,
      visibility: 'joint',
    });
    expect(tooWide.json()).toMatchObject({
      code: 'VisibilityTooWide',
      errors: [{ field: 'areaId' }],
    });
    const hidden = await call(russiaSecretary, 'POST', '/work-programmes/2001/activities', {
      title: 'x',
      lead: 'russia',
      areaId: caucusArea,
    });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors[0].field).toBe('areaId');
    const backwards = await call(natoSecretary, 'POST', '/work-programmes/2001/activities', {
      title: 'x',
      lead: 'joint',
      plannedStart: '2001-06',
      plannedEnd: '2001-05-31',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('plannedEnd');
  });

  it('names the body field of a bad change to an activity', async () => {
    const id = (
      await created(natoSecretary, '/work-programmes/2001/activities', {
        title: 'Workshop',
        lead: 'joint',
        plannedStart: '2001-05',
      })
    ).id;
    const url = `/work-programmes/2001/activities/${id}`;
    const fields = async (payload: object) =>
      (await call(natoSecretary, 'PATCH', url, payload))
        .json()
        .errors.map((e: { field: string }) => e.field);
    expect(await fields({ plannedEnd: '2001-04' })).toEqual(['plannedEnd']);
    expect(await fields({ topicId: 'no-such-topic' })).toEqual(['topicId']);
    expect(await fields({ areaId: 'no-such-area' })).toEqual(['areaId']);
  });

  it('lists activities by filter, page by page', async () => {
    const first = (
      await call(russiaChair, 'GET', `/work-programmes/2001/activities?areaId=${areaA}&limit=1`)
    ).json();
    expect(first.items.map((a: { title: string }) => a.title)).toEqual(['Seminar']);
    const second = (
      await call(
        russiaChair,
        'GET',
        `/work-programmes/2001/activities?areaId=${areaA}&limit=1&cursor=${first.nextCursor}`,
      )
    ).json();
    expect(second.items.map((a: { title: string }) => a.title)).toEqual(['Exercise']);
    expect(second.nextCursor).toBeNull();
    const dropped = (
      await call(russiaChair, 'GET', '/work-programmes/2001/activities?status=dropped')
    ).json();
    expect(dropped.items.map((a: { title: string }) => a.title)).toEqual(['Conference']);
  });

  it('finds overdue activities by the report date, to the precision of the planned end', async () => {
    const report = async (on: string) =>
      (await call(russiaChair, 'GET', `/work-programmes/2001/report?on=${on}`))
        .json()
        .overdue.map((a: { title: string }) => a.title);
    expect(await report('2001-02-28')).toEqual([]);
    expect(await report('2001-04-01')).toEqual(['Exercise', 'Study']);
    // Last in this file: moving the clock a month on expires the tokens made before.
    ctx.advance(31 * 24 * 3600 * 1000);
    const reader = await addUser(ctx, 'russia', ['member']);
    const today = (await call(reader, 'GET', '/work-programmes/2001/report')).json();
    expect(today.on).toBe('2001-04-01');
    expect(today.overdue).toHaveLength(2);
  });
});
