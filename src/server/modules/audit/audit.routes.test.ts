import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  answerDecision,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let natoMember: TestUser;
let russiaSecretary: TestUser;
let caucusEventId: string;
let jointEventId: string;

const audit = (query: string, user?: TestUser) =>
  ctx.app.inject({ url: `/api/audit?${query}`, ...(user ? { headers: user.headers } : {}) });

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoMember = await addUser(ctx, 'nato', ['member']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  const caucus = await ctx.app.inject({
    method: 'POST',
    url: '/api/timeline',
    headers: natoSecretary.headers,
    payload: {
      date: '2000-12-14',
      kind: 'caucus',
      title: 'Allies agree a line',
      visibility: 'caucus',
    },
  });
  caucusEventId = caucus.json().id;
  ctx.advance(60_000);
  const joint = await ctx.app.inject({
    method: 'POST',
    url: '/api/timeline',
    headers: russiaSecretary.headers,
    payload: { date: '2000-12-15', kind: 'meeting', title: 'Foreign ministers meet' },
  });
  jointEventId = joint.json().id;
  ctx.advance(60_000);
  await ctx.app.inject({
    method: 'PATCH',
    url: `/api/timeline/${jointEventId}`,
    headers: russiaSecretary.headers,
    payload: { title: 'Foreign ministers meet in Brussels' },
  });
});
afterAll(async () => ctx.close());

describe('the audit trail', () => {
  it('is for signed-in users only', async () => {
    const response = await audit('');
    expect(response.statusCode).toBe(401);
  });

  it("names the acting user to the actor's own party only", async () => {
    const note = await ctx.app.inject({
      method: 'POST',
      url: '/api/notes',
      headers: natoMember.headers,
      payload: { text: 'A joint remark', visibility: 'joint' },
    });
    const query = `entityType=note&entityId=${note.json().id}`;
    const [own] = (await audit(query, natoSecretary)).json().items;
    const [other] = (await audit(query, russiaSecretary)).json().items;
    expect(own).toMatchObject({ actorId: natoMember.actor.userId, actorParty: 'nato' });
    expect(own.after.authorId).toBe(natoMember.actor.userId);
    expect(other).toMatchObject({ actorId: null, actorParty: 'nato' });
    expect(other.after).toMatchObject({ authorId: null, text: 'A joint remark' });
  });

  it("keeps the proposer's user id from the other party even when that party acts", async () => {
    const natoChair = await addUser(ctx, 'nato', ['chair']);
    const russiaChair = await addUser(ctx, 'russia', ['chair']);
    const proposed = await ctx.app.inject({
      method: 'POST',
      url: '/api/decisions',
      headers: natoSecretary.headers,
      payload: { subject: 'Expert group', text: 'The council agrees.' },
    });
    const id = proposed.json().id;
    for (const chair of [natoChair, russiaChair]) await answerDecision(ctx, chair, id);
    const seenByRussia = (await audit(`entityType=decision&entityId=${id}`, russiaSecretary)).json()
      .items;
    const agreed = seenByRussia.find((e: { action: string }) => e.action === 'decision.agree');
    expect(agreed).toMatchObject({ actorParty: 'russia', actorId: russiaChair.actor.userId });
    expect(agreed.before.proposedBy).toBeNull();
    expect(JSON.stringify(seenByRussia)).not.toContain(natoSecretary.actor.userId);
    expect(JSON.stringify(seenByRussia)).not.toContain(natoChair.actor.userId);
  });

  it('returns lists recorded in an entry as lists, for every reader', async () => {
    const meeting = await ctx.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: natoSecretary.headers,
      payload: {
        title: 'PJC',
        level: 'ambassadors',
        format: 'joint',
        startsAt: '2001-05-16T10:00:00+02:00',
      },
    });
    const id = meeting.json().id;
    await ctx.app.inject({
      method: 'POST',
      url: '/api/parties/nato/delegations',
      headers: natoSecretary.headers,
      payload: { id: 'nato-be', name: 'Belgium', countryCode: 'BE' },
    });
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/api/meetings/${id}/attendance`,
      headers: natoSecretary.headers,
      payload: [{ delegationId: 'nato-be', representative: 'Ambassador' }],
    });
    expect(put.statusCode).toBe(200);
    for (const reader of [natoSecretary, russiaSecretary]) {
      const entries = (await audit(`entityType=meeting&entityId=${id}`, reader)).json().items;
      const attendance = entries.find((e: { action: string }) => e.action.includes('attendance'));
      expect(Array.isArray(attendance.after)).toBe(true);
    }
  });

  it("hides a party's caucus entries from the other party", async () => {
    const russia = (await audit('entityType=timelineEvent', russiaSecretary)).json();
    const nato = (await audit('entityType=timelineEvent', natoMember)).json();
    const entities = (body: { items: { entityId: string }[] }) => body.items.map((i) => i.entityId);
    expect(entities(russia)).not.toContain(caucusEventId);
    expect(entities(nato)).toContain(caucusEventId);
    const direct = (await audit(`entityId=${caucusEventId}`, russiaSecretary)).json();
    expect(direct.items).toEqual([]);
  });

  it('lists newest first with before and after as JSON', async () => {
    const body = (await audit(`entityId=${jointEventId}`, natoMember)).json();
    expect(body.items.map((i: { action: string }) => i.action)).toEqual([
      'timelineEvent.update',
      'timelineEvent.create',
    ]);
    expect(body.items[0].before.title).toBe('Foreign ministers meet');
    expect(body.items[0].after.title).toBe('Foreign ministers meet in Brussels');
    expect(body.items[1].before).toBeNull();
  });

  it('filters by actor and time', async () => {
    const mine = (
      await audit(`actor=${russiaSecretary.actor.userId}&entityType=timelineEvent`, russiaSecretary)
    ).json();
    expect(mine.items.length).toBe(2);
    // The other party cannot learn what one user did by filtering on them.
    const theirs = (await audit(`actor=${russiaSecretary.actor.userId}`, natoMember)).json();
    expect(theirs.items).toEqual([]);
    const later = (
      await audit('from=2001-03-01T09:01:30Z&entityType=timelineEvent', natoMember)
    ).json();
    expect(later.items.map((i: { action: string }) => i.action)).toEqual(['timelineEvent.update']);
  });

  it('pages with a cursor and refuses a forged one', async () => {
    const first = (await audit('limit=1&entityType=timelineEvent', natoMember)).json();
    expect(first.items).toHaveLength(1);
    const second = (
      await audit(`limit=1&entityType=timelineEvent&cursor=${first.nextCursor}`, natoMember)
    ).json();
    const [audience, seq] = first.items[0].id.split('/');
    expect(second.items[0].id).toBe(`${audience}/${Number(seq) - 1}`);
    // Only the signed cursor this list gave out is accepted: not one made up, not the same
    // payload unsigned, not one handed to a user of the other party.
    const unsigned = first.nextCursor.split('.')[0];
    for (const [cursor, user] of [
      ['bm90LWEtY3Vyc29y', natoMember],
      [unsigned, natoMember],
      [`${unsigned}.AAAAAAAAAAAAAAAAAAAAAA`, natoMember],
      [first.nextCursor, russiaSecretary],
    ] as const) {
      const forged = await audit(`limit=1&entityType=timelineEvent&cursor=${cursor}`, user);
      expect(forged.statusCode).toBe(400);
      expect(forged.json().code).toBe('InvalidCursor');
    }
  });

  it('cannot be changed or removed, even by a direct query', async () => {
    await expect(
      ctx.deps.db
        .updateTable('auditEvents')
        .set({ action: 'note.create', entityId: 'forged' })
        .execute(),
    ).rejects.toThrow(/append only/);
    await expect(ctx.deps.db.deleteFrom('auditEvents').execute()).rejects.toThrow(/append only/);
  });
});
