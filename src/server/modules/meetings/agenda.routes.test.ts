import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addItem,
  createMeeting,
  insertReferenceData,
} from '../../../../tests/support/meetings.fixtures.ts';
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
let natoChair: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  await insertReferenceData(ctx);
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
});
afterAll(async () => ctx.close());

// A secretary agrees the version it read; by default the version the GET shows now.
const agree = async (user: TestUser, meetingId: string, payload?: Record<string, unknown>) => {
  const body = payload ?? { agendaVersion: (await agendaOf(meetingId, user)).version };
  return ctx.app.inject({
    method: 'POST',
    url: `/api/meetings/${meetingId}/agenda/agree`,
    headers: user.headers,
    payload: body,
  });
};

async function agendaOf(meetingId: string, user: TestUser = russiaMember) {
  const response = await ctx.app.inject({
    url: `/api/meetings/${meetingId}`,
    headers: user.headers,
  });
  return response.json().agenda as { status: string; version: number; agreedBy: string[] };
}

describe('the joint agenda', () => {
  let meetingId: string;
  let itemId: string;

  beforeAll(async () => {
    meetingId = (await createMeeting(ctx, natoSecretary)).id;
    const first = await addItem(ctx, natoSecretary, meetingId, {
      title: 'Situation in the Balkans',
      topicIds: ['search-and-rescue-at-sea'],
    });
    expect(first.statusCode).toBe(201);
    // Entered as an agenda item by a secretary: neither reconstructed nor taken from a source.
    expect(first.json()).toMatchObject({ reconstructed: false, sourceId: null, source: null });
    itemId = first.json().id;
    await addItem(ctx, russiaSecretary, meetingId, { title: 'Search and rescue at sea' });
  });

  it('is agreed only after a secretary of each party agrees', async () => {
    expect(await agendaOf(meetingId)).toEqual({ status: 'draft', version: 2, agreedBy: [] });
    expect((await agree(natoSecretary, meetingId)).statusCode).toBe(200);
    expect(await agendaOf(meetingId)).toEqual({ status: 'draft', version: 2, agreedBy: ['nato'] });
    // Agreeing twice for the same party still leaves the other party's agreement missing.
    expect((await agree(natoSecretary, meetingId)).json().agenda.status).toBe('draft');
    const both = await agree(russiaSecretary, meetingId);
    expect(both.json().agenda).toEqual({
      status: 'agreed',
      version: 2,
      agreedBy: ['nato', 'russia'],
    });
  });

  it('is draft again after a change, until both agree the new version', async () => {
    const edit = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${meetingId}/agenda-items/${itemId}`,
      headers: natoSecretary.headers,
      payload: { title: 'Situation in the former Yugoslavia' },
    });
    expect(edit.statusCode).toBe(200);
    expect(await agendaOf(meetingId)).toEqual({ status: 'draft', version: 3, agreedBy: [] });
    await agree(russiaSecretary, meetingId);
    expect((await agree(natoSecretary, meetingId)).json().agenda.status).toBe('agreed');
  });

  it.each([
    ['adding an item', 'POST', '', { title: 'Any other business' }],
    ['reordering', 'POST', '/order', null],
    ['changing the topics', 'PATCH', '/ITEM', { topicIds: [] }],
    ['naming the chairing co-chair', 'PATCH', '/ITEM', { chairedBy: 'russia' }],
    ['removing an item', 'DELETE', '/LAST', null],
  ] as const)('counts %s as a change', async (_name, method, suffix, body) => {
    await agree(natoSecretary, meetingId);
    await agree(russiaSecretary, meetingId);
    const before = await agendaOf(meetingId);
    expect(before.status).toBe('agreed');
    const items = (
      await ctx.app.inject({
        url: `/api/meetings/${meetingId}/agenda-items`,
        headers: natoSecretary.headers,
      })
    ).json().items as { id: string }[];
    const payload = suffix === '/order' ? { itemIds: items.map((i) => i.id).reverse() } : body;
    const path = suffix
      .replace('ITEM', itemId)
      .replace('LAST', items.filter((i) => i.id !== itemId).pop()?.id ?? '');
    const response = await ctx.app.inject({
      method,
      url: `/api/meetings/${meetingId}/agenda-items${path}`,
      headers: russiaSecretary.headers,
      ...(payload === null ? {} : { payload }),
    });
    expect(response.statusCode).toBeLessThan(300);
    expect(await agendaOf(meetingId)).toEqual({
      status: 'draft',
      version: before.version + 1,
      agreedBy: [],
    });
  });

  it('cannot be agreed by a member or a chair, nor for the other party', async () => {
    expect((await agree(russiaMember, meetingId)).statusCode).toBe(403);
    expect((await agree(natoChair, meetingId)).statusCode).toBe(403);
    const forOther = await agree(natoSecretary, meetingId, { party: 'russia' });
    expect(forOther.statusCode).toBe(400);
    await agree(natoSecretary, meetingId);
    expect((await agendaOf(meetingId)).agreedBy).toEqual(['nato']);
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/agenda/agree`,
      payload: {},
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses an agreement naming no version, or a version the secretary did not read', async () => {
    const { version } = await agendaOf(meetingId);
    const unnamed = await agree(russiaSecretary, meetingId, {});
    expect(unnamed.statusCode).toBe(428);
    expect(unnamed.json().code).toBe('VersionRequired');
    const stale = await agree(russiaSecretary, meetingId, { agendaVersion: version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('StaleVersion');
    expect((await agree(russiaSecretary, meetingId, { agendaVersion: version })).statusCode).toBe(
      200,
    );
  });

  it('keeps the agreement when the outcome is recorded after the meeting', async () => {
    // Already past on the test clock, still planned until the secretariat marks it held.
    const past = await createMeeting(ctx, natoSecretary, { startsAt: '2001-02-20T10:00:00Z' });
    const item = (await addItem(ctx, natoSecretary, past.id, { title: 'KFOR' })).json().id;
    await agree(natoSecretary, past.id);
    await agree(russiaSecretary, past.id);
    const early = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${past.id}/agenda-items/${item}`,
      headers: natoSecretary.headers,
      payload: { outcome: 'Too early' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('MeetingNotHeld');

    const held = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${past.id}`,
      headers: natoSecretary.headers,
      payload: { status: 'held' },
    });
    expect(held.statusCode).toBe(200);
    const agreed = await agendaOf(past.id);
    expect(agreed.status).toBe('agreed');
    const outcome = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${past.id}/agenda-items/${item}`,
      headers: natoSecretary.headers,
      payload: { outcome: 'Ministers commended the cooperation in KFOR.' },
    });
    expect(outcome.statusCode).toBe(200);
    expect(outcome.json().outcome).toBe('Ministers commended the cooperation in KFOR.');
    expect(await agendaOf(past.id)).toEqual(agreed);
    const locked = await addItem(ctx, natoSecretary, past.id, { title: 'Late item' });
    expect(locked.json().code).toBe('AgendaLocked');
  });
});

describe('agenda items', () => {
  it('take the meeting visibility and stay hidden with a caucus', async () => {
    const caucus = await createMeeting(ctx, natoSecretary, { format: 'caucus' });
    const item = await addItem(ctx, natoSecretary, caucus.id, { title: 'Common position' });
    expect(item.json()).toMatchObject({ visibility: 'caucus', party: 'nato' });
    const search = (user: TestUser) =>
      searchDocuments(ctx.deps.db, user.actor, 'common position', { limit: 10, offset: 0 });
    expect(await search(russiaSecretary)).toEqual([]);
    expect((await search(natoSecretary)).map((h) => h.entityType)).toContain('agendaItem');
    const list = await ctx.app.inject({
      url: `/api/meetings/${caucus.id}/agenda-items`,
      headers: russiaSecretary.headers,
    });
    expect(list.statusCode).toBe(404);
    const edit = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${caucus.id}/agenda-items/${item.json().id}`,
      headers: russiaSecretary.headers,
      payload: { title: 'x' },
    });
    expect(edit.statusCode).toBe(404);
  });

  it('of a caucus need no joint agreement and have no chairing co-chair', async () => {
    const caucus = await createMeeting(ctx, natoSecretary, { format: 'caucus' });
    expect(caucus.agenda.status).toBe('not-required');
    await addItem(ctx, natoSecretary, caucus.id, { title: 'Common position' });
    const agreement = await agree(natoSecretary, caucus.id);
    expect(agreement.json().code).toBe('JointMeetingOnly');
    const chaired = await addItem(ctx, natoSecretary, caucus.id, {
      title: 'x',
      chairedBy: 'rotating',
    });
    expect(chaired.json().code).toBe('JointMeetingOnly');
  });

  it('link only to topics that exist, and the meeting is found by topic', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, { startsAt: '2001-11-21T10:00:00Z' });
    const bad = await addItem(ctx, natoSecretary, meeting.id, {
      title: 'x',
      topicIds: ['no-such-topic'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('topicIds.0');
    await addItem(ctx, natoSecretary, meeting.id, {
      title: 'SAR',
      topicIds: ['search-and-rescue-at-sea'],
    });
    const found = await ctx.app.inject({
      url: '/api/meetings?topicId=search-and-rescue-at-sea&from=2001-11',
      headers: russiaMember.headers,
    });
    expect(found.json().items.map((m: { id: string }) => m.id)).toEqual([meeting.id]);
  });

  it('reorder only as a complete list of the agenda', async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    const a = (await addItem(ctx, natoSecretary, meeting.id, { title: 'A' })).json().id;
    const b = (await addItem(ctx, natoSecretary, meeting.id, { title: 'B' })).json().id;
    const partial = await ctx.app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/agenda-items/order`,
      headers: natoSecretary.headers,
      payload: { itemIds: [b] },
    });
    expect(partial.statusCode).toBe(400);
    const reordered = await ctx.app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/agenda-items/order`,
      headers: natoSecretary.headers,
      payload: { itemIds: [b, a] },
    });
    expect(reordered.json().items.map((i: { title: string }) => i.title)).toEqual(['B', 'A']);
    const detail = await ctx.app.inject({
      url: `/api/meetings/${meeting.id}`,
      headers: natoSecretary.headers,
    });
    expect(detail.json().agendaItems.map((i: { position: number }) => i.position)).toEqual([1, 2]);
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityId', 'in', [meeting.id, a, b])
      .orderBy('id')
      .execute();
    expect(audit.map((e) => e.action)).toEqual([
      'meeting.create',
      'agendaItem.create',
      'agendaItem.create',
      'meeting.reorder-agenda',
    ]);
  });
});
