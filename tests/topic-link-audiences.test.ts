import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../src/server/modules/integrity/check-invariants.ts';
import {
  addUser,
  callOk,
  createTestContext,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';
import { TEST_DIALECT } from './support/test-database.ts';

/**
 * The links of agenda items to topics carry their item's audience, kept by the database's
 * triggers (migration 2026-12-03T1500), so that the meetings list by topic seeks only the
 * links the caller may see (tests/query-plans.test.ts shows the seek). Whatever writes a link
 * or moves an item, the API or a statement of its own, the audience follows (a statement that
 * sets it is overruled), and `council verify` names a link whose audience is not its item's.
 */
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
afterAll(async () => ctx?.close());

async function audiencesOfLinks(topicId: string): Promise<Record<string, string>> {
  const rows = await ctx.deps.db
    .selectFrom('agendaItemTopics')
    .select(['agendaItemId', 'audience'])
    .where('topicId', '=', topicId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.agendaItemId, r.audience]));
}

describe("a topic link's audience", () => {
  it("is its item's when written, follows the item when it moves, and cannot be set otherwise", async () => {
    const topic = await callOk(ctx, natoSecretary, 'POST', '/topics', {
      name: 'Search and rescue at sea',
      visibility: 'joint',
    });
    const joint = await callOk(ctx, natoSecretary, 'POST', '/meetings', {
      title: 'Plenary',
      level: 'ambassadors',
      format: 'joint',
      startsAt: '2001-05-16T10:00:00Z',
    });
    const caucus = await callOk(ctx, russiaSecretary, 'POST', '/meetings', {
      title: 'Russian delegation',
      level: 'ambassadors',
      format: 'caucus',
      party: 'russia',
      startsAt: '2001-05-15T10:00:00Z',
    });
    const jointItem = await callOk(
      ctx,
      natoSecretary,
      'POST',
      `/meetings/${joint.id}/agenda-items`,
      {
        title: 'Exercise',
        topicIds: [topic.id],
      },
    );
    const caucusItem = await callOk(
      ctx,
      russiaSecretary,
      'POST',
      `/meetings/${caucus.id}/agenda-items`,
      { title: 'Our line on the exercise', topicIds: [topic.id] },
    );
    expect(await audiencesOfLinks(topic.id)).toEqual({
      [jointItem.id]: 'joint',
      [caucusItem.id]: 'caucus:russia',
    });
    // Both parties' users find what they may see, by the seek on their own audiences.
    const natoPage = await callOk(ctx, natoSecretary, 'GET', `/meetings?topicId=${topic.id}`);
    expect(natoPage.items.map((m: { id: string }) => m.id)).toEqual([joint.id]);
    const russiaPage = await callOk(ctx, russiaMember, 'GET', `/meetings?topicId=${topic.id}`);
    expect(russiaPage.items.map((m: { id: string }) => m.id)).toEqual([caucus.id, joint.id]);

    // An item that moves (here by a statement of its own, as an import or a repair would)
    // takes its links with it.
    await ctx.deps.db
      .updateTable('agendaItems')
      .set({ visibility: 'public', party: null })
      .where('id', '=', jointItem.id)
      .execute();
    expect((await audiencesOfLinks(topic.id))[jointItem.id]).toBe('public');
    await ctx.deps.db
      .updateTable('agendaItems')
      .set({ visibility: 'joint' })
      .where('id', '=', jointItem.id)
      .execute();
    expect(await checkInvariants(ctx.deps.db)).toEqual([]);

    // A statement that sets a link's audience itself is overruled: a wrong one would let the
    // topic's index seek the link for callers who may not see its item.
    await ctx.deps.db
      .updateTable('agendaItemTopics')
      .set({ audience: 'caucus:nato' })
      .where('agendaItemId', '=', caucusItem.id)
      .execute();
    expect((await audiencesOfLinks(topic.id))[caucusItem.id]).toBe('caucus:russia');
    expect(await checkInvariants(ctx.deps.db)).toEqual([]);

    // With the trigger gone (a database someone altered by hand), verify names the link.
    if (TEST_DIALECT === 'postgres') {
      const owner = new pg.Client({ connectionString: ctx.databaseUrl });
      await owner.connect();
      try {
        await owner.query(
          'alter table "agendaItemTopics" disable trigger "agendaItemTopicTakesAudience"',
        );
      } finally {
        await owner.end();
      }
    } else {
      await sql`drop trigger "agendaItemTopicKeepsAudience"`.execute(ctx.deps.db);
    }
    await ctx.deps.db
      .updateTable('agendaItemTopics')
      .set({ audience: 'caucus:nato' })
      .where('agendaItemId', '=', caucusItem.id)
      .execute();
    expect(await checkInvariants(ctx.deps.db)).toEqual([
      expect.objectContaining({
        invariant: 'meetings.named-items-fit',
        message: expect.stringContaining("not its item's (caucus:russia)"),
      }),
    ]);
  });
});
