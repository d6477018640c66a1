import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createTestContext,
  publishAsBoth,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';

/**
 * The issue's own example: a caucus note of one party is invisible to the other party's users
 * in list, fetch, search, audit, calendar and private calendar feeds, and to anonymous callers.
 * The note sits on a public joint meeting, so every channel that shows the meeting is a channel
 * it could leak into.
 */
let ctx: TestContext;
let allied: TestUser;
let russian: TestUser;
let meetingId: string;
let noteId: string;
const SECRET = 'fallbackposition';
const CAUCUS_SECRET = 'redlinememo';
let caucusMeetingId: string;

/** A private feed of `user`, as the path a calendar app subscribes to. */
async function feedOf(user: TestUser): Promise<string> {
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/api/me/calendar-feeds',
    headers: user.headers,
    payload: { label: 'Calendar app' },
  });
  expect(created.statusCode).toBe(201);
  return new URL(created.json().url).pathname;
}

beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
  const secretary = await addUser(ctx, 'nato', ['secretary']);
  allied = await addUser(ctx, 'nato', ['member']);
  russian = await addUser(ctx, 'russia', ['secretary', 'chair', 'member']);
  const meeting = await ctx.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: secretary.headers,
    payload: {
      title: 'PJC at ambassadors',
      level: 'ambassadors',
      format: 'joint',
      startsAt: '2001-04-18T10:00:00+02:00',
    },
  });
  meetingId = meeting.json().id;
  await publishAsBoth(ctx, [secretary, russian], `/meetings/${meetingId}`);
  const note = await ctx.app.inject({
    method: 'POST',
    url: '/api/notes',
    headers: allied.headers,
    payload: {
      text: `Allied ${SECRET}: concede on the agenda if pressed`,
      visibility: 'caucus',
      meetingId,
    },
  });
  expect(note.statusCode).toBe(201);
  noteId = note.json().id;
  const caucus = await ctx.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: secretary.headers,
    payload: {
      title: `Allied caucus on the ${CAUCUS_SECRET}`,
      level: 'ambassadors',
      format: 'caucus',
      startsAt: '2001-04-17T16:00:00+02:00',
      timeZone: 'Europe/Brussels',
    },
  });
  expect(caucus.statusCode).toBe(201);
  caucusMeetingId = caucus.json().id;
});
afterAll(async () => ctx.close());

// Resolved when a test runs: the users exist only after beforeAll.
const OUTSIDERS = ['a Russian user', 'an anonymous caller'] as const;
const headersOf = (who: (typeof OUTSIDERS)[number]) =>
  who === 'a Russian user' ? russian.headers : {};

describe('a NATO caucus note on a public joint meeting', () => {
  it('is seen by its own party everywhere', async () => {
    const fetched = await ctx.app.inject({ url: `/api/notes/${noteId}`, headers: allied.headers });
    expect(fetched.statusCode).toBe(200);
    const listed = await ctx.app.inject({
      url: `/api/notes?meetingId=${meetingId}`,
      headers: allied.headers,
    });
    expect(listed.json().items.map((n: { id: string }) => n.id)).toContain(noteId);
    const found = await ctx.app.inject({ url: `/api/search?q=${SECRET}`, headers: allied.headers });
    expect(found.json().items.map((h: { entityId: string }) => h.entityId)).toContain(noteId);
    const audit = await ctx.app.inject({
      url: `/api/audit?entityId=${noteId}`,
      headers: allied.headers,
    });
    expect(audit.json().items).toHaveLength(1);
  });

  it.each(OUTSIDERS)('is a 404 for %s, exactly like a note that does not exist', async (who) => {
    const headers = headersOf(who);
    const hidden = await ctx.app.inject({ url: `/api/notes/${noteId}`, headers });
    const missing = await ctx.app.inject({ url: '/api/notes/no-such-note', headers });
    expect(hidden.statusCode).toBe(404);
    expect({ ...hidden.json(), instance: null }).toEqual({ ...missing.json(), instance: null });
  });

  it.each(OUTSIDERS)('is absent from lists for %s', async (who) => {
    const headers = headersOf(who);
    const listed = await ctx.app.inject({ url: `/api/notes?meetingId=${meetingId}`, headers });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(noteId);
    expect(listed.body).not.toContain(SECRET);
  });

  it.each(OUTSIDERS)('is never a search hit for %s', async (who) => {
    const headers = headersOf(who);
    const found = await ctx.app.inject({ url: `/api/search?q=${SECRET}`, headers });
    expect(found.statusCode).toBe(200);
    expect(found.json().items).toEqual([]);
  });

  it('leaves no trace in the audit trail the other party reads', async () => {
    const audit = await ctx.app.inject({ url: '/api/audit?limit=200', headers: russian.headers });
    expect(audit.statusCode).toBe(200);
    expect(audit.body).not.toContain(noteId);
    expect(audit.body).not.toContain(SECRET);
  });

  it.each(OUTSIDERS)(
    'stays out of the calendar for %s, which still shows the meeting',
    async (who) => {
      const headers = headersOf(who);
      const calendar = await ctx.app.inject({ url: '/api/meetings.ics', headers });
      expect(calendar.statusCode).toBe(200);
      expect(calendar.body).toContain('PJC at ambassadors');
      expect(calendar.body).not.toContain(SECRET);
    },
  );

  it("stays out of a Russian user's private feed, with the NATO caucus meeting, which NATO's feed shows", async () => {
    const russianFeed = await ctx.app.inject({ url: await feedOf(russian) });
    expect(russianFeed.statusCode).toBe(200);
    expect(russianFeed.body).toContain('PJC at ambassadors');
    expect(russianFeed.body).not.toContain(SECRET);
    expect(russianFeed.body).not.toContain(CAUCUS_SECRET);
    expect(russianFeed.body).not.toContain(caucusMeetingId);
    const alliedFeed = await ctx.app.inject({ url: await feedOf(allied) });
    expect(alliedFeed.body).toContain(caucusMeetingId);
    expect(alliedFeed.body).toContain(CAUCUS_SECRET);
    expect(alliedFeed.body).not.toContain(SECRET);
  });

  it('answers 404 on the feed of a user who has been disabled', async () => {
    const admin = await addUser(ctx, 'nato', ['admin']);
    const leaving = await addUser(ctx, 'nato', ['member']);
    const feed = await feedOf(leaving);
    expect((await ctx.app.inject({ url: feed })).body).toContain(CAUCUS_SECRET);
    const disabled = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${leaving.actor.userId}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    const after = await ctx.app.inject({ url: feed });
    expect(after.statusCode).toBe(404);
    expect(after.body).not.toContain(CAUCUS_SECRET);
  });

  it('does not show in the meeting itself for the other party', async () => {
    const meeting = await ctx.app.inject({
      url: `/api/meetings/${meetingId}`,
      headers: russian.headers,
    });
    expect(meeting.statusCode).toBe(200);
    expect(meeting.body).not.toContain(SECRET);
  });
});
