import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUsers } from '../../../../tests/support/bulk-users.ts';
import { countingQueries } from '../../../../tests/support/counting-queries.ts';
import {
  addUser,
  callOk,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { OPERATOR } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { startSilence } from './start-silence.ts';
import { deliverNotifications, notifyReaders } from './text-notifications.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * A change tells a text's readers what happened through one notice, handed out after its
 * commit: the request that made the change does the same work whether the other party has
 * two users cleared for the text or two thousand, so its timing tells the caller nothing of
 * the other party's user administration.
 */

let ctx: TestContext;
let natoSecretary: TestUser;
let natoChair: TestUser;
let russian: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  russian = await addUser(ctx, 'russia', ['member']);
});
afterAll(async () => ctx.close());

let serial = 0;
const jointText = () =>
  callOk(ctx, natoSecretary, 'POST', '/texts', {
    kind: 'communique',
    title: `Communiqué ${++serial}`,
    visibility: 'joint',
    paragraphs: ['The Council met.'],
  });
const SILENCE = { deadline: '2001-04-01T12:00', timeZone: 'Europe/Brussels' };

const countOf = async (table: 'notifications' | 'pendingNotifications') =>
  Number(
    (
      await ctx.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Starts a silence as NATO's chair, counting the queries the change runs. */
async function startCounted(id: string, version: number): Promise<number> {
  const counting = countingQueries(ctx.deps);
  await startSilence(counting.deps, natoChair.actor, id, { version, ...SILENCE });
  return counting.queries();
}

const addRussianReaders = (count: number) =>
  insertUsers(ctx.deps.db, {
    prefix: 'russian-reader',
    party: 'russia',
    count,
    at: ctx.deps.clock().toISOString(),
  });

describe("telling a text's readers", () => {
  it('costs the change the same however many readers the other party has, and tells each once the server hands the notice out', async () => {
    const first = await jointText();
    const notified = await countOf('notifications');
    const few = await startCounted(first.id, first.version);
    // The change left one notice and told nobody yet.
    expect(await countOf('pendingNotifications')).toBe(1);
    expect(await countOf('notifications')).toBe(notified);

    expect(await deliverNotifications(ctx.deps)).toBe(1);
    const toldOf = async (id: string) =>
      (
        await ctx.deps.db
          .selectFrom('notifications')
          .select('userId')
          .where('entityId', '=', id)
          .execute()
      ).map((n) => n.userId);
    // Every reader but the chair who acted.
    expect((await toldOf(first.id)).sort()).toEqual(
      [natoSecretary.actor.userId, russian.actor.userId].sort(),
    );

    await addRussianReaders(1_000);
    const second = await jointText();
    const before = await countOf('notifications');
    const many = await startCounted(second.id, second.version);
    expect(many).toBe(few);
    expect(await countOf('pendingNotifications')).toBe(1);
    expect(await countOf('notifications')).toBe(before);

    expect(await deliverNotifications(ctx.deps)).toBe(1);
    expect(await countOf('pendingNotifications')).toBe(0);
    expect(await toldOf(second.id)).toHaveLength(1_002);
    expect(await toldOf(second.id)).not.toContain(natoChair.actor.userId);
    const told = await ctx.deps.db
      .selectFrom('notifications')
      .select(['entityId', 'at'])
      .where('entityId', '=', second.id)
      .execute();
    // Dated when it happened, not when it was handed out.
    const started = await ctx.deps.db
      .selectFrom('auditEvents')
      .select('at')
      .where('entityId', '=', second.id)
      .where('action', '=', 'text.start-silence')
      .executeTakeFirstOrThrow();
    expect(new Set(told.filter((n) => n.entityId === second.id).map((n) => n.at))).toEqual(
      new Set([started.at]),
    );
    // Handing out again finds nothing: each notice is handed out once.
    expect(await deliverNotifications(ctx.deps)).toBe(0);
  }, 60_000);

  it("tells each party's readers side by side, a batch at a time, and resumes where it stood", async () => {
    const toldOf = (textId: string) =>
      ctx.deps.db
        .selectFrom('notifications')
        .select(['id', 'userId'])
        .where('entityId', '=', textId)
        .orderBy('id')
        .execute();
    const russians = (
      await ctx.deps.db
        .selectFrom('users')
        .select('id')
        .where('party', '=', 'russia')
        .orderBy('id')
        .execute()
    ).map((u) => u.id);

    // NATO's chair acts and NATO has more readers than a batch takes: Russia's readers are
    // told from the first batch on, beside NATO's, not once NATO's are done (and NATO's not
    // after Russia's thousand).
    await insertUsers(ctx.deps.db, {
      prefix: 'nato-reader',
      party: 'nato',
      count: 20,
      at: ctx.deps.clock().toISOString(),
    });
    const ordered = await jointText();
    await startSilence(ctx.deps, natoChair.actor, ordered.id, {
      version: ordered.version,
      ...SILENCE,
    });
    expect(await deliverNotifications(ctx.deps, { readersPerParty: 7 })).toBe(1);
    const first = await toldOf(ordered.id);
    expect(first).toHaveLength(21 + russians.length);
    // Written in the order handed out (the test's ids count up): the first batch is seven of
    // each party.
    const firstBatch = new Set(first.slice(0, 14).map((n) => n.userId));
    expect(russians.filter((id) => firstBatch.has(id))).toHaveLength(7);
    expect(firstBatch.has(natoSecretary.actor.userId)).toBe(true);

    const resumed = await jointText();
    await startSilence(ctx.deps, natoChair.actor, resumed.id, {
      version: resumed.version,
      ...SILENCE,
    });
    // As if a server had told NATO's readers and the first Russian, then crashed.
    const [firstRussian, ...otherRussians] = russians;
    await ctx.deps.db
      .updateTable('pendingNotifications')
      .set({ deliveredThrough: JSON.stringify({ nato: '~done', russia: firstRussian }) })
      .execute();
    expect(await deliverNotifications(ctx.deps, { readersPerParty: 7 })).toBe(1);
    const rest = (await toldOf(resumed.id)).map((n) => n.userId);
    expect(rest.sort()).toEqual([...otherRussians].sort());
  }, 60_000);

  // The review: one lane for every notice made a NATO caucus notice with thousands of NATO
  // readers hold up Russia's next notice, and Russia, timing its own inbox, learned when
  // NATO's caucus acted and how many readers it had.
  it("gives each party a lane: a party's notice never waits behind the other party's readers", async () => {
    const at = ctx.deps.clock().toISOString();
    await insertUsers(ctx.deps.db, { prefix: 'nato-lane-reader', party: 'nato', count: 60, at });
    const russianSecretary = await addUser(ctx, 'russia', ['secretary']);
    const natoDraft = await callOk(ctx, natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'NATO caucus draft',
      paragraphs: ['The Alliance met.'],
    });
    const russianDraft = await callOk(ctx, russianSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Russian caucus draft',
      paragraphs: ['Russia met.'],
    });
    expect([natoDraft.visibility, russianDraft.visibility]).toEqual(['caucus', 'caucus']);
    // NATO's notice first, then Russia's: one lane would tell all of NATO's readers first.
    for (const [id, message] of [
      [natoDraft.id, 'NATO caucus notice'],
      [russianDraft.id, 'Russian caucus notice'],
    ] as const) {
      await change(ctx.deps, OPERATOR, async (uow) => {
        const row = await findTextRow(uow.trx, OPERATOR, id);
        await notifyReaders(uow, row, 'statement-lodged', message);
      });
    }
    expect(await deliverNotifications(ctx.deps, { readersPerParty: 5 })).toBe(2);
    const told = await ctx.deps.db
      .selectFrom('notifications')
      .select(['id', 'entityId'])
      .where('entityId', 'in', [natoDraft.id, russianDraft.id])
      .orderBy('id')
      .execute();
    const russianAt = told.findIndex((n) => n.entityId === russianDraft.id);
    const natoTold = told.filter((n) => n.entityId === natoDraft.id).length;
    expect(natoTold).toBeGreaterThan(60);
    // Russia's reader was told in the first turn of its lane: after NATO's first batch only.
    expect(russianAt).toBeGreaterThanOrEqual(0);
    expect(russianAt).toBeLessThanOrEqual(5);
  });

  it('leaves a notice that fails for later and hands out the others', async () => {
    const broken = await jointText();
    const fine = await jointText();
    const at = ctx.deps.clock().toISOString();
    await ctx.deps.db
      .insertInto('pendingNotifications')
      .values([
        {
          id: 'notice-broken',
          textId: broken.id,
          kind: 'silence-started',
          message: 'damaged',
          narrowTo: 'not json',
          actorUserId: null,
          deliveredThrough: null,
          at,
        },
        {
          id: 'notice-fine',
          textId: fine.id,
          kind: 'silence-broken',
          message: 'fine',
          narrowTo: null,
          actorUserId: null,
          deliveredThrough: null,
          at,
        },
      ])
      .execute();
    const failed: string[] = [];
    expect(await deliverNotifications(ctx.deps, { onFailure: (id) => failed.push(id) })).toBe(1);
    expect(failed).toEqual(['notice-broken']);
    const left = await ctx.deps.db.selectFrom('pendingNotifications').select('id').execute();
    expect(left).toEqual([{ id: 'notice-broken' }]);
    await ctx.deps.db.deleteFrom('pendingNotifications').execute();
  });

  it('hands a notice out after the commit by itself, on a server that delivers after commits', async () => {
    const server = await createTestContext({ app: { notifications: 'after-commit' } });
    try {
      const secretary = await addUser(server, 'nato', ['secretary']);
      const chair = await addUser(server, 'nato', ['chair']);
      const reader = await addUser(server, 'russia', ['member']);
      const text = await callOk(server, secretary, 'POST', '/texts', {
        kind: 'communique',
        title: 'Told after the commit',
        visibility: 'joint',
        paragraphs: ['The Council met.'],
      });
      const handedOut = new Promise<number>((resolve) => {
        const listener = (count: number) => {
          if (count === 0) return;
          server.app.notificationPasses.off('pass', listener);
          resolve(count);
        };
        server.app.notificationPasses.on('pass', listener);
      });
      await callOk(server, chair, 'POST', `/texts/${text.id}/silence`, {
        version: text.version,
        ...SILENCE,
      });
      expect(await handedOut).toBe(1);
      const inbox = await callOk(server, reader, 'GET', '/notifications');
      expect(inbox.items).toMatchObject([{ kind: 'silence-started', entity: { id: text.id } }]);
    } finally {
      await server.close();
    }
  });
});
