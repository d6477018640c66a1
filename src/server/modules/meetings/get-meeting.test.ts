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
import { getMeetingDetail, listAgendaItems } from './get-meeting.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaMember: TestUser;
let meetingId: string;
let caucusId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  await insertReferenceData(ctx);
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  meetingId = (await createMeeting(ctx, natoSecretary)).id;
  await addItem(ctx, natoSecretary, meetingId, { title: 'Opening' });
  const item = await addItem(ctx, natoSecretary, meetingId, {
    title: 'Search and rescue at sea',
    topicIds: ['search-and-rescue-at-sea'],
  });
  // A caucus topic linked behind the API's back: the detail must still filter it per caller.
  const at = '2001-01-01T00:00:00.000Z';
  await ctx.deps.db
    .insertInto('topics')
    .values({
      id: 'allied-fallback',
      name: 'Allied fallback',
      parentId: null,
      description: null,
      sourceId: null,
      visibility: 'caucus',
      party: 'nato',
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await ctx.deps.db
    .insertInto('agendaItemTopics')
    .values({ agendaItemId: item.json().id, topicId: 'allied-fallback' })
    .execute();
  caucusId = (await createMeeting(ctx, natoSecretary, { format: 'caucus' })).id;
  await addItem(ctx, natoSecretary, caucusId, { title: 'Common position' });
});
afterAll(async () => ctx.close());

const counting = () => countingQueries(ctx.deps);

describe('a meeting with its agenda', () => {
  it('comes back in one query, with the agenda in order and links filtered per caller', async () => {
    const { deps, queries } = counting();
    const nato = await getMeetingDetail(deps, natoSecretary.actor, meetingId);
    expect(queries()).toBe(1);
    expect(nato.agendaItems.map((i) => [i.position, i.title, i.topicIds])).toEqual([
      [1, 'Opening', []],
      [2, 'Search and rescue at sea', ['allied-fallback', 'search-and-rescue-at-sea']],
    ]);
    const russia = await getMeetingDetail(ctx.deps, russiaMember.actor, meetingId);
    expect(russia.agendaItems.map((i) => i.topicIds)).toEqual([[], ['search-and-rescue-at-sea']]);
  });

  it('costs one query and no agenda query when the meeting is hidden', async () => {
    const { deps, queries } = counting();
    await expect(getMeetingDetail(deps, russiaMember.actor, caucusId)).rejects.toMatchObject({
      code: 'NotFound',
    });
    expect(queries()).toBe(1);
  });

  it('lists the agenda items alone in one query, NotFound for a hidden meeting', async () => {
    const { deps, queries } = counting();
    const items = await listAgendaItems(deps, natoSecretary.actor, meetingId);
    expect(queries()).toBe(1);
    expect(items).toEqual(
      (await getMeetingDetail(ctx.deps, natoSecretary.actor, meetingId)).agendaItems,
    );
    await expect(listAgendaItems(deps, russiaMember.actor, caucusId)).rejects.toMatchObject({
      code: 'NotFound',
    });
  });
});
