import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBothUpdatesKept } from '../../../../tests/support/concurrent-updates.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { updateTimelineEvent } from './update-timeline-event.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaMember: TestUser;
let caucusId: string;

const post = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: user.headers, payload });
const list = (query: string, user: TestUser) =>
  ctx.app.inject({ url: `/api/timeline?${query}`, headers: user.headers });
const titles = (body: { items: { title: string }[] }) => body.items.map((i) => i.title);

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  const events = [
    { date: '1999-03-24', kind: 'suspension', title: 'Russia suspends participation' },
    { date: '1997-07-18', kind: 'meeting', title: 'First meeting of the PJC' },
    { date: '1999-07', kind: 'meeting', title: 'Meetings resume on KFOR matters' },
    { date: '2000-02-16', kind: 'visit', title: 'Secretary General visits Moscow' },
    { date: '1997-05-27', kind: 'founding', title: 'Founding Act signed in Paris' },
  ];
  for (const event of events)
    expect((await post(natoSecretary, '/api/timeline', event)).statusCode).toBe(201);
  const caucus = await post(natoSecretary, '/api/timeline', {
    date: '1999-04',
    kind: 'caucus',
    title: 'Allies coordinate their line',
    visibility: 'caucus',
  });
  caucusId = caucus.json().id;
});
afterAll(async () => ctx.close());

describe('the timeline', () => {
  it('lists events in date order, month-precision dates before the days of the month', async () => {
    const body = (await list('', russiaMember)).json();
    expect(titles(body)).toEqual([
      'Founding Act signed in Paris',
      'First meeting of the PJC',
      'Russia suspends participation',
      'Meetings resume on KFOR matters',
      'Secretary General visits Moscow',
    ]);
  });

  it('filters by kind and by dates, `to` at its own precision', async () => {
    expect(titles((await list('kind=meeting', russiaMember)).json())).toHaveLength(2);
    expect(titles((await list('from=1999&to=1999', russiaMember)).json())).toEqual([
      'Russia suspends participation',
      'Meetings resume on KFOR matters',
    ]);
  });

  it("shows a party's caucus events to that party only, and 404s them for the other", async () => {
    expect(titles((await list('from=1999-04&to=1999-04', natoSecretary)).json())).toEqual([
      'Allies coordinate their line',
    ]);
    const hidden = await ctx.app.inject({
      url: `/api/timeline/${caucusId}`,
      headers: russiaMember.headers,
    });
    const missing = await ctx.app.inject({
      url: '/api/timeline/no-such-id',
      headers: russiaMember.headers,
    });
    expect(hidden.statusCode).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(hidden.json())).toEqual(strip(missing.json()));
  });

  it('pages with cursors and refuses a forged one', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await list(query, russiaMember)).json();
      seen.push(...titles(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const forged = await list(`cursor=${Buffer.from('["x"]').toString('base64url')}`, russiaMember);
    expect(forged.statusCode).toBe(400);
  });

  it('widens a caucus event but never narrows a joint one', async () => {
    const widened = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/timeline/${caucusId}`,
      headers: natoSecretary.headers,
      payload: { visibility: 'joint' },
    });
    expect(widened.json()).toMatchObject({ visibility: 'joint', party: 'nato' });
    const narrowed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/timeline/${caucusId}`,
      headers: natoSecretary.headers,
      payload: { visibility: 'caucus' },
    });
    expect(narrowed.statusCode).toBe(409);
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .select(['visibility', 'party'])
      .where('entityId', '=', caucusId)
      .where('action', '=', 'timelineEvent.update')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ visibility: 'caucus', party: 'nato' });
  });

  it('refuses writes from a member', async () => {
    const response = await post(russiaMember, '/api/timeline', {
      date: '2001',
      kind: 'x',
      title: 'y',
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('concurrent changes to an event', () => {
  it('keep both changes and audit each against the row it changed', async () => {
    const { id } = (
      await post(natoSecretary, '/api/timeline', { date: '2002-05-28', kind: 'other', title: 'R' })
    ).json();
    await expectBothUpdatesKept(ctx.deps, {
      table: 'timelineEvents',
      id,
      updates: [
        () => updateTimelineEvent(ctx.deps, natoSecretary.actor, id, { title: 'Rome summit' }),
        () =>
          updateTimelineEvent(ctx.deps, natoSecretary.actor, id, {
            description: 'The NRC replaces the PJC',
          }),
      ],
      expected: { title: 'Rome summit', description: 'The NRC replaces the PJC' },
      auditedBefore: { action: 'timelineEvent.update', field: 'title', value: 'Rome summit' },
    });
  });
});
