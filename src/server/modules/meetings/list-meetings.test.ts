import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingQueries } from '../../../../tests/support/counting-queries.ts';
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
import { type Actor, ANONYMOUS } from '../access/actor.ts';
import { listMeetings, withMeetingFilters } from './list-meetings.ts';
import { selectMeetingViews } from './meeting.repository.ts';

const TOPIC = 'search-and-rescue-at-sea';
let ctx: TestContext;
let natoSecretary: TestUser;
let russiaMember: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  await insertReferenceData(ctx);
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  const joint = await createMeeting(ctx, natoSecretary, { startsAt: '2001-03-01T10:00:00Z' });
  await addItem(ctx, natoSecretary, joint.id, { title: 'Rescue at sea', topicIds: [TOPIC] });
  const caucus = await createMeeting(ctx, natoSecretary, {
    format: 'caucus',
    startsAt: '2001-06-01T10:00:00Z',
  });
  // An agenda item takes its meeting's visibility: this one is the allies' own.
  await addItem(ctx, natoSecretary, caucus.id, { title: 'Rescue position', topicIds: [TOPIC] });
  await createMeeting(ctx, natoSecretary, { startsAt: '2001-07-01T10:00:00Z' });
});
afterAll(async () => ctx.close());

const counting = () => countingQueries(ctx.deps);

describe('meetings by topic', () => {
  // The commonness of a topic is kept for a while (list-meetings.ts): that is safe only
  // because it picks the plan and never the rows.
  it('lists the same meetings whichever form of the topic filter is planned', async () => {
    const viewers: Actor[] = [ANONYMOUS, natoSecretary.actor, russiaMember.actor];
    for (const actor of viewers) {
      const ids = async (common: boolean) =>
        (
          await withMeetingFilters(
            selectMeetingViews(ctx.deps.db, actor),
            actor,
            { topicId: TOPIC },
            common,
          )
            .orderBy('meetings.date')
            .execute()
        ).map((m) => m.id);
      expect(await ids(true)).toEqual(await ids(false));
    }
    const nato = await listMeetings(ctx.deps, natoSecretary.actor, { topicId: TOPIC, limit: 50 });
    const russia = await listMeetings(ctx.deps, russiaMember.actor, { topicId: TOPIC, limit: 50 });
    expect(nato.items).toHaveLength(2);
    expect(russia.items).toHaveLength(1);
  });

  it('asks whether a topic is common once per viewer, not on every page', async () => {
    const { deps, queries } = counting();
    const query = { topicId: TOPIC, limit: 50 };
    await listMeetings(deps, natoSecretary.actor, query);
    expect(queries()).toBe(2);
    await listMeetings(deps, natoSecretary.actor, query);
    expect(queries()).toBe(3);
    // The other party's answer is its own, counted over what it may see.
    await listMeetings(deps, russiaMember.actor, query);
    expect(queries()).toBe(5);
  });

  it("keeps a viewer's answers whatever the other party asks: its speed says nothing of them", async () => {
    const { deps, queries } = counting();
    const query = { topicId: TOPIC, limit: 50 };
    await listMeetings(deps, natoSecretary.actor, query);
    // More topics than a viewer's answers hold (1,024), each asked once by the other party.
    for (let i = 0; i < 1_100; i++) {
      await listMeetings(deps, russiaMember.actor, { topicId: `no-such-topic-${i}`, limit: 50 });
    }
    const asked = queries();
    await listMeetings(deps, natoSecretary.actor, query);
    // The page alone: NATO's answer was not pushed out by Russia's.
    expect(queries()).toBe(asked + 1);
  });
});
