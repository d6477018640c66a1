import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../../../tests/support/meetings.fixtures.ts';
import {
  addUser,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { buildApp } from '../../app.ts';
import { MAX_FEEDS_PER_USER } from './create-calendar-feed.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaMember: TestUser;
let russiaAdmin: TestUser;
let caucusId: string;
let jointId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  russiaAdmin = await addUser(ctx, 'russia', ['admin']);
  caucusId = (await createMeeting(ctx, natoSecretary, { format: 'caucus', title: 'Allied caucus' }))
    .id;
  jointId = (await createMeeting(ctx, natoSecretary, { title: 'PJC at ambassadors level' })).id;
});
afterAll(async () => ctx.close());

interface Created {
  id: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  url: string;
}

async function makeFeed(user: TestUser, label = 'Phone'): Promise<Created & { path: string }> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/me/calendar-feeds',
    headers: user.headers,
    payload: { label },
  });
  expect(response.statusCode, response.body).toBe(201);
  const created = response.json() as Created;
  return { ...created, path: new URL(created.url).pathname };
}

/** A feed read as a calendar app reads it: no header, no cookie. */
const readFeed = (path: string) => ctx.app.inject({ url: path });
const listFeeds = async (user: TestUser) =>
  (await ctx.app.inject({ url: '/api/me/calendar-feeds', headers: user.headers })).json().items;

describe('a private calendar feed', () => {
  it('answers its URL once; the list shows its id, label and dates, never the URL', async () => {
    const feed = await makeFeed(russiaMember, 'Work phone');
    expect(feed.url).toMatch(/^http:\/\/localhost(:80)?\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed).toMatchObject({ label: 'Work phone', lastUsedAt: null });
    const listed = await ctx.app.inject({
      url: '/api/me/calendar-feeds',
      headers: russiaMember.headers,
    });
    expect(listed.json().items).toContainEqual({
      id: feed.id,
      label: 'Work phone',
      createdAt: feed.createdAt,
      lastUsedAt: null,
    });
    const secret = feed.path.slice('/api/calendar/'.length, -'.ics'.length);
    expect(listed.body).not.toContain(secret);
    const stored = await ctx.deps.db
      .selectFrom('calendarFeeds')
      .select('tokenHash')
      .where('id', '=', feed.id)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(secret);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows a calendar app that sends nothing exactly what its user may see', async () => {
    const nato = await readFeed((await makeFeed(natoSecretary)).path);
    expect(nato.statusCode).toBe(200);
    expect(nato.headers['content-type']).toContain('text/calendar');
    expect(nato.body).toContain(`UID:${caucusId}@joint-council`);
    expect(nato.body).toContain(`UID:${jointId}@joint-council`);
    const russia = await readFeed((await makeFeed(russiaMember)).path);
    expect(russia.body).toContain(`UID:${jointId}@joint-council`);
    expect(russia.body).not.toContain(caucusId);
    expect(russia.body).not.toContain('Allied caucus');
    // The same request without a feed sees the public record only.
    expect((await ctx.app.inject({ url: '/api/meetings.ics' })).body).not.toContain(jointId);
  });

  it("shows its user's view whoever asks, whatever credential they send", async () => {
    const feed = await makeFeed(russiaMember);
    const asNato = await ctx.app.inject({ url: feed.path, headers: natoSecretary.headers });
    expect(asNato.body).not.toContain(caucusId);
  });

  it('covers the default window: 90 days back to a year ahead', async () => {
    const old = await createMeeting(ctx, natoSecretary, { startsAt: '1999-01-27T10:00:00Z' });
    const feed = await readFeed((await makeFeed(natoSecretary)).path);
    expect(feed.body).not.toContain(old.id);
  });

  it('is kept by no cache and sets no cookie', async () => {
    const feed = await readFeed((await makeFeed(russiaMember)).path);
    expect(feed.headers['cache-control']).toBe('private, no-store');
    expect(feed.headers['set-cookie']).toBeUndefined();
    expect(feed.headers['referrer-policy']).toBe('no-referrer');
  });

  it('notes when it was last read', async () => {
    const feed = await makeFeed(russiaMember, 'Tablet');
    ctx.advance(60_000);
    await readFeed(feed.path);
    const listed = (await listFeeds(russiaMember)) as Created[];
    expect(listed.find((f) => f.id === feed.id)?.lastUsedAt).toBe(
      new Date(Date.parse(feed.createdAt) + 60_000).toISOString(),
    );
  });

  it('answers 404 problem+json for a secret no feed has, like any missing item', async () => {
    const feed = await makeFeed(russiaMember);
    const forged = feed.path.replace(/[A-Za-z0-9_-]{43}/, 'A'.repeat(43));
    for (const path of [forged, '/api/calendar/.ics', '/api/calendar/x.ics']) {
      const response = await readFeed(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('NotFound');
    }
  });

  it('answers only GET: its URL authenticates nothing else', async () => {
    const feed = await makeFeed(russiaMember);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
      const response = await ctx.app.inject({ method, url: feed.path, payload: {} });
      expect(response.statusCode, method).toBe(405);
    }
  });

  it('is no bearer token and no session, and a bearer token is no feed', async () => {
    const feed = await makeFeed(russiaMember);
    const secret = feed.path.slice('/api/calendar/'.length, -'.ics'.length);
    const asBearer = await ctx.app.inject({
      url: '/api/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(asBearer.statusCode).toBe(401);
    const asCookie = await ctx.app.inject({
      url: '/api/me',
      cookies: { council_session: ctx.app.signCookie(secret) },
    });
    expect(asCookie.statusCode).toBe(401);
    const token = russiaMember.headers.authorization.slice('Bearer '.length);
    expect((await readFeed(`/api/calendar/${token}.ics`)).statusCode).toBe(404);
  });
});

describe('revoking a feed', () => {
  it('ends its URL at once', async () => {
    const feed = await makeFeed(russiaMember);
    const revoked = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/me/calendar-feeds/${feed.id}`,
      headers: russiaMember.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await readFeed(feed.path)).statusCode).toBe(404);
    expect((await listFeeds(russiaMember)).map((f: Created) => f.id)).not.toContain(feed.id);
  });

  it("is for its own user only: another's feed is a 404 and keeps working", async () => {
    const feed = await makeFeed(russiaMember);
    const refused = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/me/calendar-feeds/${feed.id}`,
      headers: natoSecretary.headers,
    });
    expect(refused.statusCode).toBe(404);
    expect((await readFeed(feed.path)).statusCode).toBe(200);
  });

  it("is recorded in the audit trail of the user's party, naming the feed and never its secret", async () => {
    const feed = await makeFeed(russiaMember, 'Audited');
    await ctx.app.inject({
      method: 'DELETE',
      url: `/api/me/calendar-feeds/${feed.id}`,
      headers: russiaMember.headers,
    });
    const audit = await ctx.app.inject({
      url: `/api/audit?entityId=${russiaMember.actor.userId}&limit=200`,
      headers: russiaMember.headers,
    });
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    expect(actions).toContain('user.create-calendar-feed');
    expect(actions).toContain('user.revoke-calendar-feed');
    expect(audit.body).toContain(feed.id);
    expect(audit.body).not.toContain(feed.path.slice('/api/calendar/'.length, -'.ics'.length));
    const other = await ctx.app.inject({
      url: '/api/audit?limit=200',
      headers: natoSecretary.headers,
    });
    expect(other.body).not.toContain(feed.id);
  });

  it(`keeps at most ${MAX_FEEDS_PER_USER} feeds a user`, async () => {
    const user = await addUser(ctx, 'russia', ['member']);
    for (let i = 0; i < MAX_FEEDS_PER_USER; i++) await makeFeed(user, `Feed ${i}`);
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/calendar-feeds',
      headers: user.headers,
      payload: {},
    });
    expect(refused.statusCode).toBe(409);
  });
});

describe('disabling a user', () => {
  const setDisabled = (user: TestUser, disabled: boolean) =>
    ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.actor.userId}`,
      headers: russiaAdmin.headers,
      payload: { disabled },
    });

  it('ends its feeds, for good: enabling it again does not bring them back', async () => {
    const user = await addUser(ctx, 'russia', ['member']);
    const feed = await makeFeed(user);
    expect((await readFeed(feed.path)).statusCode).toBe(200);
    ctx.advance(1000);
    expect((await setDisabled(user, true)).statusCode).toBe(200);
    const disabled = await readFeed(feed.path);
    expect(disabled.statusCode).toBe(404);
    expect(disabled.json().code).toBe('NotFound');
    ctx.advance(1000);
    expect((await setDisabled(user, false)).statusCode).toBe(200);
    expect((await readFeed(feed.path)).statusCode).toBe(404);
  });

  it('leaves the user, enabled again, free to make new feeds, which work', async () => {
    const user = await addUser(ctx, 'russia', ['member']);
    const old = await makeFeed(user, 'Before');
    ctx.advance(1000);
    await setDisabled(user, true);
    ctx.advance(1000);
    await setDisabled(user, false);
    // The user signs in again (disabling ended its tokens) and makes a new feed.
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { party: 'russia', username: user.username, password: TEST_PASSWORD },
    });
    const headers = { authorization: `Bearer ${again.json().token}` };
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/calendar-feeds',
      headers,
      payload: { label: 'After' },
    });
    expect(made.statusCode).toBe(201);
    expect((await readFeed(new URL(made.json().url).pathname)).statusCode).toBe(200);
    const listed = await ctx.app.inject({ url: '/api/me/calendar-feeds', headers });
    expect(listed.json().items.map((f: Created) => f.label)).toEqual(['After']);
    expect(listed.body).not.toContain(old.id);
  });
});

describe('the log', () => {
  it("keeps a feed's secret out of the request it writes", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildApp({
      deps: ctx.deps,
      secret: 'test-secret-test-secret-test-secret-0123',
      logger: { level: 'info', stream },
    });
    const feed = await makeFeed(russiaMember);
    const secret = feed.path.slice('/api/calendar/'.length, -'.ics'.length);
    const response = await logged.inject({ url: feed.path });
    expect(response.statusCode).toBe(200);
    await logged.close();
    const log = lines.join('');
    expect(log).toContain('/api/calendar/<secret>.ics');
    expect(log).not.toContain(secret);
  });
});
