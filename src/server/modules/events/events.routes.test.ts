import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SseClient } from '../../../../tests/support/sse-client.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { openDatabase } from '../../db/database.ts';
import { createTopic } from '../topics/create-topic.ts';
import { openEventStream } from './open-event-stream.ts';
import { MAX_STREAMS_PER_CALLER } from './stream-quota.ts';

let ctx: TestContext;
let base: string;
let nato: TestUser;
let russia: TestUser;
const clients: SseClient[] = [];

beforeEach(async () => {
  ctx = await createTestContext({ app: { eventsHeartbeatMs: 50 } });
  base = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  nato = await addUser(ctx, 'nato', ['secretary']);
  russia = await addUser(ctx, 'russia', ['secretary']);
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  await ctx.close();
});

async function subscribe(user: TestUser | null, lastEventId?: string): Promise<SseClient> {
  const client = await SseClient.open(`${base}/api/events`, {
    ...(user ? user.headers : {}),
    ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
  });
  clients.push(client);
  if (client.status === 200) await client.until(() => client.lastEventId !== undefined, 'the id');
  return client;
}

/** The id `steps` events (per audience) after `from`. */
const stepped = (from: string | undefined, ...steps: number[]) =>
  (from ?? '')
    .split('.')
    .map((seq, i) => Number(seq) + (steps[i] ?? 0))
    .join('.');

async function post(user: TestUser, url: string, payload: object): Promise<{ id: string }> {
  const response = await ctx.app.inject({ method: 'POST', url, headers: user.headers, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const meeting = (user: TestUser, scope: object) =>
  post(user, '/api/meetings', {
    title: 'Meeting',
    level: 'ambassadors',
    startsAt: '2001-05-16T10:00:00Z',
    ...scope,
  });
const JOINT = { format: 'joint', visibility: 'joint' };
const caucusOf = (party: string) => ({ format: 'caucus', party });

describe('GET /api/events', () => {
  it('pushes a new meeting and its agenda item to a subscriber of the other party', async () => {
    const client = await subscribe(russia);
    expect(client.status).toBe(200);
    expect(client.contentType).toMatch(/^text\/event-stream/);
    const created = await meeting(nato, JOINT);
    const item = await post(nato, `/api/meetings/${created.id}/agenda-items`, { title: 'Item' });
    const received = await client.receive(2);
    expect(received.map(({ entity, id, action, url }) => ({ entity, id, action, url }))).toEqual([
      {
        entity: 'meeting',
        id: created.id,
        action: 'meeting.create',
        url: `/api/meetings/${created.id}`,
      },
      {
        entity: 'agendaItem',
        id: item.id,
        action: 'agendaItem.create',
        url: `/api/meetings/${created.id}`,
      },
    ]);
    expect(client.events.every((e) => e.event === 'change')).toBe(true);
  });

  it('never sends the other party’s caucus changes, and its ids show no gap for them', async () => {
    const natoClient = await subscribe(nato);
    const russiaClient = await subscribe(russia);
    const opened = russiaClient.lastEventId;
    const natoOpened = natoClient.lastEventId;
    await meeting(nato, JOINT);
    const caucus = await meeting(nato, caucusOf('nato'));
    await post(nato, `/api/meetings/${caucus.id}/agenda-items`, { title: 'Allied line' });
    const last = await meeting(nato, JOINT);
    // NATO sees all four, Russia the two joint ones: its ids count joint events 1 and 2.
    await natoClient.receive(4);
    const seen = await russiaClient.receive(2);
    expect(seen.map((e) => e.id)).not.toContain(caucus.id);
    expect(russiaClient.events.map((e) => e.id)).toEqual([
      stepped(opened, 0, 1),
      stepped(opened, 0, 2),
    ]);
    expect(natoClient.events.map((e) => e.id)).toEqual(
      [
        [0, 1, 0],
        [0, 1, 1],
        [0, 1, 2],
        [0, 2, 2],
      ].map((steps) => stepped(natoOpened, ...steps)),
    );
    // The next joint change is the very next event Russia receives: nothing came in between.
    await meeting(russia, JOINT);
    await russiaClient.receive(3);
    expect(russiaClient.events.map((e) => e.id)).toEqual(
      [1, 2, 3].map((joint) => stepped(opened, 0, joint)),
    );
    expect(seen[1]?.id).toBe(last.id);
  });

  it('sends an anonymous caller public changes only', async () => {
    const client = await subscribe(null);
    const opened = client.lastEventId;
    await meeting(nato, JOINT);
    const open = await post(nato, '/api/topics', { name: 'Open topic', visibility: 'public' });
    const [first] = await client.receive(1);
    expect(first?.id).toBe(open.id);
    expect(client.events.map((e) => e.id)).toEqual([stepped(opened, 1)]);
  });

  it('resumes after a reconnect with Last-Event-ID: exactly the missed events, once', async () => {
    const client = await subscribe(russia);
    const opened = client.lastEventId;
    const first = await meeting(nato, JOINT);
    await client.receive(1);
    const resumeFrom = client.lastEventId;
    await client.close();
    await meeting(nato, caucusOf('nato'));
    const missed = [await meeting(nato, JOINT), await meeting(russia, caucusOf('russia'))];
    const again = await subscribe(russia, resumeFrom);
    const live = await meeting(nato, JOINT);
    const received = await again.receive(3);
    expect(received.map((e) => e.id)).toEqual([...missed.map((m) => m.id), live.id]);
    expect(received.map((e) => e.id)).not.toContain(first.id);
    expect(again.events.map((e) => e.id)).toEqual([
      stepped(opened, 0, 2, 0),
      stepped(opened, 0, 2, 1),
      stepped(opened, 0, 3, 1),
    ]);
  });

  it('ends the stream of a user who signs out, before the next change reaches it', async () => {
    const client = await subscribe(russia);
    const signedOut = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/tokens/current',
      headers: russia.headers,
    });
    expect(signedOut.statusCode).toBe(204);
    await meeting(nato, JOINT);
    await client.closed();
    expect(client.events).toEqual([]);
  });

  it("asks after the credential only for what it would send and at heartbeats, never at the other party's hidden commit", async () => {
    // A stream whose session just ended must not close at the wake-up of a commit it may not
    // see: its caller would learn when the other party's caucus wrote. Counted here, with a
    // heartbeat that does not come during the test.
    let asked = 0;
    const stream = await openEventStream(ctx.deps, nato.actor, undefined, {
      heartbeatMs: 60_000,
      stillValid: async () => {
        asked += 1;
        return true;
      },
    });
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    try {
      await meeting(russia, caucusOf('russia'));
      await meeting(russia, caucusOf('russia'));
      const visible = await meeting(russia, JOINT);
      await vi.waitFor(() => expect(chunks.join('')).toContain(visible.id));
      // Once, for the joint meeting: not at the opening read, not for either caucus meeting.
      expect(asked).toBe(1);
    } finally {
      stream.destroy();
    }
  });

  it('ends at a heartbeat once the credential no longer holds, with nothing more sent', async () => {
    let valid = true;
    const stream = await openEventStream(ctx.deps, nato.actor, undefined, {
      heartbeatMs: 20,
      stillValid: async () => valid,
    });
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const ended = new Promise<void>((resolve) => stream.on('end', resolve));
    valid = false;
    await ended;
    expect(chunks.join('')).not.toContain('event: change');
  });

  it('delivers a burst of concurrent changes in commit order, without a gap or a repeat', async () => {
    const client = await subscribe(russia);
    const opened = client.lastEventId;
    const made = await Promise.all(
      Array.from({ length: 30 }, (_, i) => meeting(i % 2 ? nato : russia, JOINT)),
    );
    const received = await client.receive(30);
    expect(client.events.map((e) => e.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => stepped(opened, 0, i + 1)),
    );
    // Commit order is the outbox's order; every meeting made arrives once.
    const committed = await ctx.deps.db
      .selectFrom('changeEvents')
      .select('entityId')
      .where('entityType', '=', 'meeting')
      .orderBy('id')
      .execute();
    expect(received.map((e) => e.id)).toEqual(committed.map((row) => row.entityId));
    expect(new Set(received.map((e) => e.id))).toEqual(new Set(made.map((m) => m.id)));
  });

  it('picks up a change another process committed', async () => {
    const client = await subscribe(russia);
    // Another connection to the same database, as the CLI beside a server: no in-process signal.
    const other = openDatabase(ctx.databaseUrl);
    try {
      const topic = await createTopic({ ...ctx.deps, db: other }, nato.actor, {
        name: 'From the command line',
        visibility: 'joint',
      });
      const [received] = await client.receive(1);
      expect(received).toMatchObject({ entity: 'topic', id: topic.id });
    } finally {
      await other.destroy();
    }
  });

  it('keeps the connection alive with heartbeat comments', async () => {
    const client = await subscribe(nato);
    await client.until(() => client.comments.includes('heartbeat'), 'a heartbeat');
  });

  it('refuses a Last-Event-ID it could not have sent, naming the header', async () => {
    for (const id of ['garbage', '1.2', '0.0.99']) {
      const client = await subscribe(russia, id);
      expect(client.status).toBe(400);
      expect(JSON.parse(client.body).errors).toEqual([
        expect.objectContaining({ field: 'last-event-id', in: 'header' }),
      ]);
    }
  });

  it('ends open streams when the application closes', async () => {
    const client = await subscribe(nato);
    await ctx.app.close();
    await client.closed();
    expect(client.ended).toBe(true);
  });

  it('holds a caller to a few streams at once, whatever its credentials, and no one else', async () => {
    const held = [];
    for (let i = 0; i < MAX_STREAMS_PER_CALLER; i++) held.push(await subscribe(nato));
    expect(held.map((c) => c.status)).toEqual(held.map(() => 200));
    const refused = await subscribe(nato);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'TooManyStreams' });
    expect(refused.retryAfter).toMatch(/^\d+$/);
    // Another user, of either party, and an anonymous reader still get theirs.
    expect((await subscribe(russia)).status).toBe(200);
    expect((await subscribe(null)).status).toBe(200);
    // A stream closed frees its place (once the server has seen the connection go).
    await held[0]?.close();
    await vi.waitFor(async () => expect((await subscribe(nato)).status).toBe(200));
  });
});
