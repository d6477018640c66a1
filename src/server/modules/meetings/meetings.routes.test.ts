import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, publishMeeting } from '../../../../tests/support/meetings.fixtures.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { searchDocuments } from '../search/search-index.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let russiaMember: TestUser;
let natoMember: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  natoMember = await addUser(ctx, 'nato', ['member']);
});
afterAll(async () => ctx.close());

describe('scheduling a meeting', () => {
  it('stores times in UTC, dates the meeting by its local day and answers the full shape', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, {
      title: 'PJC ambassadors, 18 April',
      startsAt: '2001-04-18T00:30:00+02:00',
      endsAt: '2001-04-18T03:00:00+02:00',
      venue: 'NATO headquarters, Brussels',
    });
    expect(meeting).toMatchObject({
      title: 'PJC ambassadors, 18 April',
      level: 'ambassadors',
      format: 'joint',
      party: null,
      visibility: 'joint',
      status: 'planned',
      startsAt: '2001-04-17T22:30:00.000Z',
      endsAt: '2001-04-18T01:00:00.000Z',
      date: '2001-04-18',
      summary: null,
      agenda: { status: 'draft', version: 0, agreedBy: [] },
      coChairs: [],
      attendance: [],
    });
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('entityId', '=', meeting.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['meeting.create']);
  });

  it('names endsAt when the meeting would end before it starts', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: natoSecretary.headers,
      payload: {
        title: 'Backwards',
        level: 'experts',
        format: 'joint',
        startsAt: '2001-04-18T10:00:00Z',
        endsAt: '2001-04-18T09:00:00Z',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'endsAt' })]);
  });

  it('refuses an instant without an offset at the edge', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: natoSecretary.headers,
      payload: { title: 'x', level: 'experts', format: 'joint', startsAt: '2001-04-18 10:00' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('startsAt');
  });

  it('lets only secretaries schedule', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: natoMember.headers,
      payload: { title: 'x', level: 'experts', format: 'joint', startsAt: '2001-04-18T10:00:00Z' },
    });
    expect(response.statusCode).toBe(403);
  });

  it("gives a caucus the secretary's own party and refuses another party's", async () => {
    const caucus = await createMeeting(ctx, natoSecretary, { format: 'caucus', title: '19 at 19' });
    expect(caucus).toMatchObject({ visibility: 'caucus', party: 'nato' });
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: natoSecretary.headers,
      payload: {
        title: 'x',
        level: 'ambassadors',
        format: 'caucus',
        party: 'russia',
        startsAt: '2001-04-18T10:00:00Z',
      },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('NotYourParty');
  });

  it('refuses a meeting recorded as held before it starts', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: natoSecretary.headers,
      payload: {
        title: 'x',
        level: 'experts',
        format: 'joint',
        status: 'held',
        startsAt: '2001-12-18T10:00:00Z',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('status');
  });
});

describe('a NATO caucus meeting', () => {
  let caucusId: string;
  beforeAll(async () => {
    const caucus = await createMeeting(ctx, natoSecretary, {
      format: 'caucus',
      title: 'Allied coordination on Balkans wording',
      startsAt: '2001-05-02T10:00:00Z',
    });
    caucusId = caucus.id;
  });

  it("answers 404 to Russia's users and to anonymous callers, as if absent", async () => {
    for (const headers of [russiaMember.headers, russiaSecretary.headers, {}]) {
      const response = await ctx.app.inject({ url: `/api/meetings/${caucusId}`, headers });
      expect(response.statusCode).toBe(404);
      const absent = await ctx.app.inject({ url: '/api/meetings/no-such-meeting', headers });
      expect(response.json().detail).toBe(absent.json().detail);
    }
    const nato = await ctx.app.inject({
      url: `/api/meetings/${caucusId}`,
      headers: natoMember.headers,
    });
    expect(nato.statusCode).toBe(200);
  });

  it("is absent from Russia's lists and calendar, and from search", async () => {
    const list = await ctx.app.inject({
      url: '/api/meetings?limit=200',
      headers: russiaMember.headers,
    });
    expect(list.json().items.map((m: { id: string }) => m.id)).not.toContain(caucusId);
    const ics = await ctx.app.inject({ url: '/api/meetings.ics', headers: russiaMember.headers });
    expect(ics.body).not.toContain(caucusId);
    expect(ics.body).not.toContain('Allied coordination');
    const hits = await searchDocuments(ctx.deps.db, russiaMember.actor, 'Balkans wording', {
      limit: 10,
      offset: 0,
    });
    expect(hits).toEqual([]);
    const natoHits = await searchDocuments(ctx.deps.db, natoMember.actor, 'Balkans wording', {
      limit: 10,
      offset: 0,
    });
    expect(natoHits.map((h) => h.entityId)).toEqual([caucusId]);
  });

  it("cannot be changed or deleted by Russia's secretary (404)", async () => {
    const patch = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${caucusId}`,
      headers: russiaSecretary.headers,
      payload: { title: 'Seen it' },
    });
    expect(patch.statusCode).toBe(404);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/meetings/${caucusId}`,
      headers: russiaSecretary.headers,
    });
    expect(del.statusCode).toBe(404);
  });

  it('stays a caucus: it cannot be widened to joint', async () => {
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${caucusId}`,
      headers: natoSecretary.headers,
      payload: { visibility: 'joint' },
    });
    expect(response.statusCode).toBe(409);
  });
});

describe('listing meetings', () => {
  let ctx2: TestContext;
  let secretary: TestUser;
  beforeAll(async () => {
    ctx2 = await createTestContext();
    secretary = await addUser(ctx2, 'nato', ['secretary']);
    for (const [level, startsAt] of [
      ['ambassadors', '2001-01-17T10:00:00Z'],
      ['ambassadors', '2001-02-21T10:00:00Z'],
      ['defence-ministers', '2001-06-07T10:00:00Z'],
      ['ambassadors', '2001-03-21T10:00:00Z'],
      ['foreign-ministers', '2001-05-30T10:00:00Z'],
    ] as const) {
      await createMeeting(ctx2, secretary, { level, startsAt, title: `${level} ${startsAt}` });
    }
    await createMeeting(ctx2, secretary, {
      format: 'caucus',
      startsAt: '2001-01-16T10:00:00Z',
      title: 'caucus',
    });
  });
  afterAll(async () => ctx2.close());

  const list = async (query: string, user: TestUser = secretary) => {
    const response = await ctx2.app.inject({
      url: `/api/meetings?${query}`,
      headers: user.headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: { date: string; level: string }[]; nextCursor: string };
  };

  it('orders by date and pages with a cursor without gaps or repeats', async () => {
    const dates: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { date: string }[]; nextCursor: string | null } = await list(
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      dates.push(...page.items.map((m) => m.date));
      cursor = page.nextCursor;
    } while (cursor);
    expect(dates).toEqual([
      '2001-01-16',
      '2001-01-17',
      '2001-02-21',
      '2001-03-21',
      '2001-05-30',
      '2001-06-07',
    ]);
  });

  it('filters by level, format and partial-date range', async () => {
    const ambassadors = await list('level=ambassadors&format=joint');
    expect(ambassadors.items.map((m) => m.date)).toEqual([
      '2001-01-17',
      '2001-02-21',
      '2001-03-21',
    ]);
    const spring = await list('from=2001-02&to=2001-05');
    expect(spring.items.map((m) => m.date)).toEqual(['2001-02-21', '2001-03-21', '2001-05-30']);
    const caucus = await list('format=caucus');
    expect(caucus.items.map((m) => m.date)).toEqual(['2001-01-16']);
    const none = await list('status=cancelled');
    expect(none.items).toEqual([]);
  });

  it('refuses a cursor it never gave out', async () => {
    const response = await ctx2.app.inject({
      url: '/api/meetings?cursor=bogus',
      headers: secretary.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('InvalidCursor');
  });
});

describe('changing and deleting a meeting', () => {
  it('becomes public only when both parties publish, never narrows, and audits at the narrower visibility', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, { title: 'To be published' });
    const alone = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${meeting.id}`,
      headers: russiaSecretary.headers,
      payload: { visibility: 'public', venue: 'Brussels' },
    });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().code).toBe('NeedsBothParties');
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: russiaSecretary.headers,
      payload: {
        title: 'Public at once',
        level: 'ambassadors',
        format: 'joint',
        startsAt: '2001-04-18T10:00:00+02:00',
        visibility: 'public',
      },
    });
    expect(created.json().code).toBe('NeedsBothParties');
    const first = await publishMeeting(ctx, [russiaSecretary], meeting.id);
    expect(first).toMatchObject({ visibility: 'joint', publication: { requestedBy: ['russia'] } });
    expect((await ctx.app.inject({ url: `/api/meetings/${meeting.id}` })).statusCode).toBe(404);
    const both = await publishMeeting(ctx, [natoSecretary], meeting.id);
    expect(both).toMatchObject({ visibility: 'public', publication: { requestedBy: [] } });
    expect((await ctx.app.inject({ url: `/api/meetings/${meeting.id}` })).statusCode).toBe(200);
    const narrow = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${meeting.id}`,
      headers: natoSecretary.headers,
      payload: { visibility: 'joint' },
    });
    expect(narrow.statusCode).toBe(409);
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .select(['action', 'visibility'])
      .where('entityId', '=', meeting.id)
      .where('action', '=', 'meeting.publish')
      .execute();
    expect(audit).toEqual([{ action: 'meeting.publish', visibility: 'joint' }]);
  });

  it('records the summary and moves the date with a new start', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, { startsAt: '2001-02-14T10:00:00Z' });
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${meeting.id}`,
      headers: natoSecretary.headers,
      payload: { startsAt: '2001-02-15T10:00:00+01:00', status: 'held', summary: 'Met.' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      date: '2001-02-15',
      startsAt: '2001-02-15T09:00:00.000Z',
      status: 'held',
      summary: 'Met.',
    });
  });

  it('deletes only a planned meeting', async () => {
    const held = await createMeeting(ctx, natoSecretary, {
      startsAt: '2001-01-10T10:00:00Z',
      status: 'held',
    });
    const refused = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/meetings/${held.id}`,
      headers: natoSecretary.headers,
    });
    expect(refused.statusCode).toBe(409);
    const planned = await createMeeting(ctx, natoSecretary);
    const deleted = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/meetings/${planned.id}`,
      headers: natoSecretary.headers,
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await ctx.app.inject({
      url: `/api/meetings/${planned.id}`,
      headers: natoSecretary.headers,
    });
    expect(gone.statusCode).toBe(404);
  });
});
