import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, publishMeeting } from '../../../../tests/support/meetings.fixtures.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let russiaMember: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
});
afterAll(async () => ctx.close());

const ambassadorsMonthly = {
  title: 'PJC at ambassadors level',
  level: 'ambassadors',
  format: 'joint',
  venue: 'NATO headquarters, Brussels',
  startsAt: '2001-01-24T10:00:00+01:00',
  until: '2001-12-31',
  cadence: 'monthly',
  timeZone: 'Europe/Brussels',
};

const schedule = (user: TestUser, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url: '/api/meetings/series', headers: user.headers, payload });

describe('scheduling a series', () => {
  it('schedules ambassadors monthly through 2001 once, however often it is asked', async () => {
    // One meeting is already on the record for 24 March: that month must not get a second.
    const march = await createMeeting(ctx, russiaSecretary, {
      startsAt: '2001-03-24T11:00:00+01:00',
    });
    const first = await schedule(natoSecretary, ambassadorsMonthly);
    expect(first.statusCode).toBe(201);
    expect(first.json().created).toHaveLength(11);
    expect(first.json().skipped).toEqual([
      { date: '2001-03-24', startsAt: '2001-03-24T09:00:00.000Z', existingMeetingId: march.id },
    ]);
    const again = await schedule(russiaSecretary, ambassadorsMonthly);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ seriesId: null, created: [] });
    expect(again.json().skipped).toHaveLength(12);

    const list = await ctx.app.inject({
      url: '/api/meetings?level=ambassadors&from=2001&to=2001&limit=50',
      headers: russiaMember.headers,
    });
    const items = list.json().items as { date: string; startsAt: string }[];
    expect(items).toHaveLength(12);
    expect(new Set(items.map((m) => m.date)).size).toBe(12);
    // 10:00 in Brussels in winter and in summer alike.
    expect(items.find((m) => m.date === '2001-07-24')?.startsAt).toBe('2001-07-24T08:00:00.000Z');
  });

  it("does not treat the other party's caucus as a duplicate of a joint meeting", async () => {
    const caucus = await schedule(natoSecretary, {
      ...ambassadorsMonthly,
      format: 'caucus',
      until: '2001-02-28',
    });
    expect(caucus.json().created).toHaveLength(2);
    const russia = await schedule(russiaSecretary, {
      ...ambassadorsMonthly,
      format: 'caucus',
      until: '2001-02-28',
    });
    expect(russia.json().created).toHaveLength(2);
  });

  it('refuses an unknown time zone by field', async () => {
    const response = await schedule(natoSecretary, {
      ...ambassadorsMonthly,
      timeZone: 'Mars/Base',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('timeZone');
  });
});

describe('the Founding Act cadence', () => {
  let ctx2: TestContext;
  let secretary: TestUser;
  beforeAll(async () => {
    ctx2 = await createTestContext();
    secretary = await addUser(ctx2, 'nato', ['secretary']);
    const russianSecretary = await addUser(ctx2, 'russia', ['secretary']);
    const response = await ctx2.app.inject({
      method: 'POST',
      url: '/api/meetings/series',
      headers: secretary.headers,
      payload: { ...ambassadorsMonthly, startsAt: '2001-01-24T10:00:00+01:00' },
    });
    expect(response.json().created).toHaveLength(12);
    const created = response.json().created as { id: string; date: string }[];
    const patch = (id: string, payload: Record<string, unknown>) =>
      ctx2.app.inject({
        method: 'PATCH',
        url: `/api/meetings/${id}`,
        headers: secretary.headers,
        payload,
      });
    await patch(created[0]?.id ?? '', { status: 'held' });
    await publishMeeting(ctx2, [secretary, russianSecretary], created[0]?.id ?? '');
    await patch(created[11]?.id ?? '', { status: 'cancelled' });
    for (const startsAt of ['2001-06-07T10:00:00Z', '2001-12-18T10:00:00Z']) {
      await createMeeting(ctx2, secretary, { level: 'defence-ministers', startsAt });
    }
    // A caucus is not a council meeting and never counts towards the Founding Act.
    await createMeeting(ctx2, secretary, { level: 'foreign-ministers', format: 'caucus' });
  });
  afterAll(async () => ctx2.close());

  it('counts held, planned and cancelled joint meetings per level against the requirement', async () => {
    const response = await ctx2.app.inject({
      url: '/api/council/cadence?year=2001',
      headers: secretary.headers,
    });
    const line = (level: string) =>
      response.json().levels.find((l: { level: string }) => l.level === level);
    expect(line('ambassadors')).toMatchObject({
      required: { count: 12 },
      held: 1,
      planned: 10,
      cancelled: 1,
      shortfall: 1,
    });
    expect(line('defence-ministers')).toMatchObject({ planned: 2, shortfall: 0 });
    expect(line('foreign-ministers')).toMatchObject({ held: 0, planned: 0, shortfall: 2 });
    expect(line('experts')).toMatchObject({ required: { count: null }, shortfall: 0 });
  });

  it('counts for anonymous callers only what is public', async () => {
    const response = await ctx2.app.inject({ url: '/api/council/cadence?year=2001' });
    const ambassadors = response
      .json()
      .levels.find((l: { level: string }) => l.level === 'ambassadors');
    expect(ambassadors).toMatchObject({ held: 1, planned: 0, cancelled: 0, shortfall: 11 });
  });
});

describe('the meetings calendar', () => {
  let publicId: string;
  let jointId: string;
  let caucusId: string;
  beforeAll(async () => {
    publicId = (
      await createMeeting(ctx, natoSecretary, {
        title: 'Foreign ministers, Budapest',
        level: 'foreign-ministers',
        startsAt: '2001-05-30T10:00:00+02:00',
        endsAt: '2001-05-30T12:30:00+02:00',
      })
    ).id;
    await publishMeeting(ctx, [natoSecretary, russiaSecretary], publicId);
    jointId = (await createMeeting(ctx, natoSecretary, { title: 'Joint only, not public' })).id;
    caucusId = (await createMeeting(ctx, natoSecretary, { format: 'caucus', title: 'Allies only' }))
      .id;
    const stamp = { createdAt: '2001-01-01T00:00:00.000Z', updatedAt: '2001-01-01T00:00:00.000Z' };
    const record = {
      level: 'defence-ministers' as const,
      format: 'joint' as const,
      startsAt: null,
      endsAt: null,
      venue: null,
      status: 'held' as const,
      summary: null,
      agendaVersion: 0,
      seriesId: null,
      sourceId: null,
      visibility: 'public' as const,
      party: null,
      ...stamp,
    };
    await ctx.deps.db
      .insertInto('meetings')
      .values([
        {
          ...record,
          id: 'pjc-2000-12-05-defence-ministers',
          title: 'Known to the day',
          date: '2000-12-05',
        },
        {
          ...record,
          id: 'pjc-2000-06-defence-ministers',
          title: 'Known to the month',
          date: '2000-06',
        },
      ])
      .execute();
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${publicId}`,
      headers: natoSecretary.headers,
      payload: { status: 'cancelled' },
    });
  });

  it('gives anonymous callers public meetings only', async () => {
    const response = await ctx.app.inject({ url: '/api/meetings.ics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/calendar');
    const ics = response.body;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain(`UID:${publicId}@joint-council`);
    expect(ics).not.toContain(jointId);
    expect(ics).not.toContain(caucusId);
    expect(ics).not.toContain('Allies only');
  });

  it('makes timed, all-day or no events by what is known of the date, and marks cancellations', async () => {
    const ics = (await ctx.app.inject({ url: '/api/meetings.ics' })).body.replace(/\r\n /g, '');
    const event = (uid: string) =>
      ics.split('BEGIN:VEVENT').find((e) => e.includes(`UID:${uid}@joint-council`)) ?? '';
    expect(event(publicId)).toContain('DTSTART:20010530T080000Z');
    expect(event(publicId)).toContain('DTEND:20010530T103000Z');
    expect(event(publicId)).toContain('STATUS:CANCELLED');
    expect(event('pjc-2000-12-05-defence-ministers')).toContain('DTSTART;VALUE=DATE:20001205');
    expect(ics).not.toContain('pjc-2000-06-defence-ministers');
  });

  it('gives the same text for the same meetings', async () => {
    const first = (await ctx.app.inject({ url: '/api/meetings.ics' })).body;
    const second = (await ctx.app.inject({ url: '/api/meetings.ics' })).body;
    expect(second).toBe(first);
  });

  it("gives each party its joint meetings and its own caucus, never the other's", async () => {
    const russia = (
      await ctx.app.inject({ url: '/api/meetings.ics', headers: russiaMember.headers })
    ).body;
    expect(russia).toContain(jointId);
    expect(russia).not.toContain(caucusId);
    const nato = (
      await ctx.app.inject({ url: '/api/meetings.ics', headers: natoSecretary.headers })
    ).body;
    expect(nato).toContain(caucusId);
  });
});
