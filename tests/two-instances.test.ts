import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { type Db, openDatabase } from '../src/server/db/database.ts';
import type { Deps } from '../src/server/deps.ts';
import { settleDueSilences } from '../src/server/modules/texts/settle-silences.ts';
import { deliverNotifications } from '../src/server/modules/texts/text-notifications.ts';
import { prepareDatabase } from '../src/server/prepare-database.ts';
import { insertUsers } from './support/bulk-users.ts';
import { SseClient } from './support/sse-client.ts';
import {
  addUser,
  callOk,
  createTestContext,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';
import { TEST_DIALECT } from './support/test-database.ts';

/**
 * Two instances of the council on one PostgreSQL database, as behind a load balancer: each has
 * its own connections, its own LISTEN connection and its own timers, and they share nothing
 * but the database. What one does, the other's clients see at once; what both are due to do,
 * one of them does.
 */
const SECRET = 'test-secret-test-secret-test-secret-0123';
const DAY = 86_400_000;

if (TEST_DIALECT !== 'postgres') {
  console.info(
    'skipped on sqlite: several instances share a PostgreSQL database (they run when TEST_DATABASE_URL is set)',
  );
}

describe.runIf(TEST_DIALECT === 'postgres')('two instances on one PostgreSQL database', () => {
  let first: TestContext;
  let secondDb: Db;
  let secondDeps: Deps;
  let second: FastifyInstance;
  let secondUrl: string;
  let systemDb: Db;
  let secretary: TestUser;
  let chair: TestUser;
  let russia: TestUser;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    // A heartbeat far longer than the test: what arrives came through NOTIFY, not a poll.
    first = await createTestContext({
      loginAttemptsPerMinute: 3,
      app: { eventsHeartbeatMs: 600_000 },
    });
    secondDb = openDatabase(first.databaseUrl);
    await prepareDatabase(secondDb);
    secondDeps = { db: secondDb, clock: first.deps.clock, ids: () => crypto.randomUUID() };
    second = await buildApp({
      deps: secondDeps,
      secret: SECRET,
      loginAttemptsPerMinute: 3,
      eventsHeartbeatMs: 600_000,
    });
    secondUrl = await second.listen({ host: '127.0.0.1', port: 0 });
    // The server's own user, to end connections as an administrator would.
    systemDb = openDatabase(first.databaseUrl);
    secretary = await addUser(first, 'nato', ['secretary']);
    chair = await addUser(first, 'nato', ['chair']);
    russia = await addUser(first, 'russia', ['member']);
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    await second?.close();
    await secondDb?.destroy();
    await systemDb?.destroy();
    await first?.close();
  });

  const underSilence = async (title: string, deadline: string) => {
    const text = await callOk(first, secretary, 'POST', '/texts', {
      kind: 'communique',
      title,
      visibility: 'joint',
      paragraphs: ['The Council met.'],
    });
    await callOk(first, chair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      deadline,
      timeZone: 'UTC',
    });
    await first.app.silenceTimerArmed();
    return text.id as string;
  };

  const adoptions = async (id: string) =>
    (
      await first.deps.db
        .selectFrom('auditEvents')
        .select('id')
        .where('entityId', '=', id)
        .where('action', '=', 'text.adopt')
        .execute()
    ).length;

  it("shares sessions: a token opened on one instance is the other's too", async () => {
    const response = await second.inject({ url: '/api/me', headers: russia.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ party: { id: 'russia' } });
  });

  it("delivers an adoption made on one instance to the other's stream within a second", async () => {
    const id = await underSilence('Communiqué across instances', '2001-03-05T12:00');
    const client = await SseClient.open(`${secondUrl}/api/events`, russia.headers);
    clients.push(client);
    expect(client.status).toBe(200);
    await client.until(() => client.lastEventId !== undefined, 'the first id');
    first.advance(5 * DAY);
    const started = performance.now();
    expect(await settleDueSilences(first.deps)).toBe(1);
    await client.until(
      () => client.events.some((e) => e.data.includes(id) && e.data.includes('text.adopt')),
      'the adoption',
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('listens again when the server ends the listening connection, and misses nothing', async () => {
    const client = await SseClient.open(`${secondUrl}/api/events`, russia.headers);
    clients.push(client);
    await client.until(() => client.lastEventId !== undefined, 'the first id');
    // The database ends every LISTEN connection of this database (a restart would).
    const { rows } = await sql<{ ended: boolean }>`
      select pg_terminate_backend(pid) as "ended" from pg_stat_activity
      where datname = current_database() and query like 'listen %'`.execute(systemDb);
    expect(rows.length).toBeGreaterThan(0);
    const topic = await callOk(first, secretary, 'POST', '/topics', {
      name: 'Said while nobody listened',
      visibility: 'joint',
    });
    await client.until(
      () => client.events.some((e) => e.data.includes(topic.id)),
      'the topic, after listening again',
    );
  });

  it("arms each server's timer for a silence started on another", async () => {
    const id = await underSilence('Communiqué heard of elsewhere', '2001-06-01T12:00');
    const deadline = (
      await first.deps.db
        .selectFrom('texts')
        .select('silenceDeadline')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).silenceDeadline;
    expect(first.app.silenceDeadlineKnown()).toBe(deadline);
    // The second server made no write: it heard of the first one's commit.
    await vi.waitFor(() => expect(second.silenceDeadlineKnown()).toBe(deadline), {
      timeout: 5_000,
    });
  });

  it('adopts once when a deadline passes while both instances run', async () => {
    const id = await underSilence('Communiqué due on both', '2001-03-12T12:00');
    first.advance(7 * DAY);
    // Both instances settle at the same moment, as their timers do at the deadline. The second
    // server's own timer may join them: it re-arms when it hears of the first one's commits,
    // and if that news comes after the clock moved, it fires at once. One of them adopts.
    const settled = await Promise.all([
      settleDueSilences(first.deps),
      settleDueSilences({ db: secondDb, clock: first.deps.clock, ids: () => crypto.randomUUID() }),
    ]);
    expect(settled.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    expect(await adoptions(id)).toBe(1);
  });

  it("counts an address's sign-in attempts across instances", async () => {
    const attempt = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: '/api/tokens',
        remoteAddress: '10.9.8.7',
        payload: { party: 'nato', username: 'nobody', password: 'a wrong guess here' },
      });
    const statuses = [];
    for (const app of [first.app, second, first.app, second]) {
      statuses.push((await attempt(app)).statusCode);
    }
    // A budget of three a minute for the address, not three on each instance.
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('hands each notice out once when both instances hand them out at once', async () => {
    const at = first.deps.clock().toISOString();
    await insertUsers(first.deps.db, {
      prefix: 'two-instances-reader',
      party: (i) => (i % 2 === 0 ? 'nato' : 'russia'),
      count: 120,
      at,
    });
    const texts = [];
    for (const n of [1, 2, 3]) {
      texts.push(await underSilence(`Told once ${n}`, '2001-04-01T12:00'));
    }
    // Batches of 4 a party: the two instances interleave within a notice, not only between notices.
    await Promise.all([
      deliverNotifications(first.deps, { readersPerParty: 4 }),
      deliverNotifications(secondDeps, { readersPerParty: 4 }),
      second.deliverNotifications(),
    ]);
    // A pass that skipped a notice another held answered early; the second instance's own
    // passes (after commit, by its timer) run one at a time, and this one waits for them.
    await second.deliverNotifications();
    const { rows } = await sql<{ entityId: string; userId: string; n: number }>`
      select "entityId", "userId", count(*)::int as "n" from "notifications"
      where "entityId" in (${sql.join(texts)})
      group by "entityId", "userId"`.execute(systemDb);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    // Every reader but the chair who started each silence: 120 more, the secretary, Russia's member.
    expect(rows).toHaveLength(3 * 122);
    const { rows: left } = await sql<{ n: number }>`
      select count(*)::int as "n" from "pendingNotifications"`.execute(systemDb);
    expect(left[0]?.n).toBe(0);
  });
});
