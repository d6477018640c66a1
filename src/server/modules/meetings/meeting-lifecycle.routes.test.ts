import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addItem,
  createMeeting,
  insertReferenceData,
  publishMeeting,
} from '../../../../tests/support/meetings.fixtures.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import type { QualifiedAction } from '../../../shared/entities.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let russiaMember: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  await insertReferenceData(ctx);
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
});
afterAll(async () => ctx.close());

const patch = (user: TestUser, id: string, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: 'PATCH', url: `/api/meetings/${id}`, headers: user.headers, payload });
const remove = (user: TestUser, url: string) =>
  ctx.app.inject({ method: 'DELETE', url: `/api/${url}`, headers: user.headers });

async function writeNote(user: TestUser, payload: Record<string, unknown>): Promise<string> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/notes',
    headers: user.headers,
    payload: { text: 'Fall back to the 1997 wording if pressed', visibility: 'caucus', ...payload },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

const auditOf = (entityId: string, action: QualifiedAction) =>
  ctx.deps.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('entityId', '=', entityId)
    .where('action', '=', action)
    .execute();

describe('the status of a meeting', () => {
  it('cannot leave held, so a held joint meeting cannot be unheld and deleted', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, {
      startsAt: '2001-01-10T10:00:00Z',
      status: 'held',
    });
    for (const status of ['planned', 'cancelled']) {
      const response = await patch(natoSecretary, meeting.id, { status });
      expect(response.statusCode).toBe(409);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'status' })]);
    }
    expect((await remove(natoSecretary, `meetings/${meeting.id}`)).statusCode).toBe(409);
    const item = await addItem(ctx, natoSecretary, meeting.id, { title: 'Late addition' });
    expect(item.json().code).toBe('AgendaLocked');
  });

  it('lets a cancelled meeting be reinstated, but not recorded as held straight away', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, { startsAt: '2001-01-11T10:00:00Z' });
    expect((await patch(natoSecretary, meeting.id, { status: 'cancelled' })).statusCode).toBe(200);
    const held = await patch(natoSecretary, meeting.id, { status: 'held' });
    expect(held.statusCode).toBe(409);
    const reinstated = await patch(russiaSecretary, meeting.id, { status: 'planned' });
    expect(reinstated.statusCode).toBe(200);
    expect(reinstated.json().status).toBe('planned');
  });
  // The review renamed a held meeting whose agenda both parties had agreed: the agreements
  // were voided, and a held meeting's agenda can never be agreed again.
  it('keeps the terms of a held meeting whose agenda was agreed: they are on record as agreed', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, { startsAt: '2001-02-20T10:00:00Z' });
    await addItem(ctx, natoSecretary, meeting.id, { title: 'Situation in the Balkans' });
    const agree = async (user: TestUser) => {
      const read = await ctx.app.inject({
        url: `/api/meetings/${meeting.id}`,
        headers: user.headers,
      });
      return ctx.app.inject({
        method: 'POST',
        url: `/api/meetings/${meeting.id}/agenda/agree`,
        headers: user.headers,
        payload: { agendaVersion: read.json().agenda.version },
      });
    };
    for (const user of [natoSecretary, russiaSecretary])
      expect((await agree(user)).statusCode).toBe(200);
    // Held and renamed at once: the agreement would be voided as the agenda locks.
    const atOnce = await patch(natoSecretary, meeting.id, { status: 'held', title: 'Renamed' });
    expect(atOnce.statusCode).toBe(409);
    expect(atOnce.json()).toMatchObject({ code: 'AlreadyAgreed', errors: [{ field: 'title' }] });
    expect((await patch(natoSecretary, meeting.id, { status: 'held' })).statusCode).toBe(200);
    for (const [attempt, field] of [
      [() => patch(natoSecretary, meeting.id, { title: 'Renamed' }), 'title'],
      [() => patch(russiaSecretary, meeting.id, { startsAt: '2001-02-20T12:00:00Z' }), 'startsAt'],
      [
        () =>
          ctx.app.inject({
            method: 'PUT',
            url: `/api/meetings/${meeting.id}/co-chairs`,
            headers: natoSecretary.headers,
            payload: { secretaryGeneral: 'robertson' },
          }),
        'coChairs',
      ],
    ] as const) {
      const refused = await attempt();
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'AlreadyAgreed', errors: [{ field }] });
    }
    const seen = await ctx.app.inject({
      url: `/api/meetings/${meeting.id}`,
      headers: russiaMember.headers,
    });
    expect(seen.json().agenda.status).toBe('agreed');
    // A held meeting nobody agreed the agenda of is still corrected.
    const unagreed = await createMeeting(ctx, natoSecretary, {
      startsAt: '2001-02-21T10:00:00Z',
      status: 'held',
    });
    expect((await patch(natoSecretary, unagreed.id, { title: 'Corrected' })).statusCode).toBe(200);
  });

  // The review: a change of title voided both agreements, and the meeting both parties had
  // agreed could then be deleted by one of them.
  it('refuses to delete a meeting whose agenda was agreed, even after a change voided it', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, { startsAt: '2001-04-20T10:00:00Z' });
    await addItem(ctx, natoSecretary, meeting.id, { title: 'Search and rescue at sea' });
    const read = await ctx.app.inject({
      url: `/api/meetings/${meeting.id}`,
      headers: russiaSecretary.headers,
    });
    const agreed = await ctx.app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/agenda/agree`,
      headers: russiaSecretary.headers,
      payload: { agendaVersion: read.json().agenda.version },
    });
    expect(agreed.statusCode).toBe(200);
    const renamed = await patch(natoSecretary, meeting.id, { title: 'Another title' });
    expect(renamed.json().voidedAgreements).toEqual([
      { party: 'russia', agendaVersion: read.json().agenda.version },
    ]);
    const deleted = await remove(natoSecretary, `meetings/${meeting.id}`);
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json().code).toBe('AlreadyAgreed');
    // Cancelled, it stays on the record.
    expect((await patch(natoSecretary, meeting.id, { status: 'cancelled' })).statusCode).toBe(200);
  });

  it('keeps a held meeting in the past when its times change, naming startsAt', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, {
      startsAt: '2001-01-12T10:00:00Z',
      status: 'held',
    });
    // The test clock stands at 2001-03-01T09:00Z.
    const later = await patch(natoSecretary, meeting.id, { startsAt: '2001-03-01T10:00:00Z' });
    expect(later.statusCode).toBe(400);
    expect(later.json().errors).toEqual([expect.objectContaining({ field: 'startsAt' })]);
    const row = await ctx.deps.db
      .selectFrom('meetings')
      .select(['startsAt', 'status'])
      .where('id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ startsAt: '2001-01-12T10:00:00.000Z', status: 'held' });
    const corrected = await patch(natoSecretary, meeting.id, {
      startsAt: '2001-01-12T11:00:00+01:00',
      endsAt: '2001-01-12T16:00:00Z',
    });
    expect(corrected.statusCode).toBe(200);
  });
});

describe('deleting a meeting with the other party’s caucus notes on it', () => {
  it('neither refuses nor destroys a Russian caucus note, and answers as with no notes', async () => {
    const bare = await createMeeting(ctx, natoSecretary, { title: 'No notes' });
    const annotated = await createMeeting(ctx, natoSecretary, { title: 'With notes' });
    const item = await addItem(ctx, natoSecretary, annotated.id, { title: 'Balkans' });
    const onMeeting = await writeNote(russiaMember, { meetingId: annotated.id });
    const onItem = await writeNote(russiaMember, { agendaItemId: item.json().id });

    const withoutNotes = await remove(natoSecretary, `meetings/${bare.id}`);
    const withNotes = await remove(natoSecretary, `meetings/${annotated.id}`);
    expect(withNotes.statusCode).toBe(204);
    expect(withNotes.statusCode).toBe(withoutNotes.statusCode);
    expect(withNotes.body).toBe(withoutNotes.body);

    for (const noteId of [onMeeting, onItem]) {
      const note = await ctx.app.inject({
        url: `/api/notes/${noteId}`,
        headers: russiaMember.headers,
      });
      expect(note.statusCode).toBe(200);
      expect(note.json()).toMatchObject({
        visibility: 'caucus',
        party: 'russia',
        meetingId: null,
        agendaItemId: null,
      });
      const audit = await auditOf(noteId, 'note.detach');
      expect(audit).toEqual([expect.objectContaining({ visibility: 'caucus', party: 'russia' })]);
    }
  });

  it('records the agenda items and their links in the audit of the deletion', async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    const item = await addItem(ctx, natoSecretary, meeting.id, {
      title: 'Search and rescue',
      topicIds: ['search-and-rescue-at-sea'],
    });
    expect((await remove(natoSecretary, `meetings/${meeting.id}`)).statusCode).toBe(204);
    const [audit] = await auditOf(meeting.id, 'meeting.delete');
    expect(JSON.parse(audit?.before ?? 'null')).toMatchObject({
      id: meeting.id,
      agendaItems: [
        {
          id: item.json().id,
          title: 'Search and rescue',
          topicIds: ['search-and-rescue-at-sea'],
          activityIds: [],
        },
      ],
    });
  });

  it('still refuses a meeting a decision refers to', async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    const at = '2001-03-01T09:00:00.000Z';
    await ctx.deps.db
      .insertInto('decisions')
      .values({
        id: `decision-on-${meeting.id}`,
        subject: 'Search and rescue',
        text: 'Agreed to co-operate.',
        approvesKind: null,
        approvesId: null,
        status: 'proposed',
        meetingId: meeting.id,
        proposedBy: null,
        decidedOn: null,
        sourceId: null,
        visibility: 'joint',
        party: 'nato',
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    expect((await remove(natoSecretary, `meetings/${meeting.id}`)).statusCode).toBe(409);
  });
});

describe('removing an agenda item with the other party’s caucus notes on it', () => {
  it('moves the notes up to the meeting instead of refusing or destroying them', async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    const item = (await addItem(ctx, natoSecretary, meeting.id, { title: 'KFOR' })).json();
    const noteId = await writeNote(russiaMember, { agendaItemId: item.id });
    const response = await remove(natoSecretary, `meetings/${meeting.id}/agenda-items/${item.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ agenda: { status: 'draft' }, voidedAgreements: [] });
    const note = await ctx.app.inject({
      url: `/api/notes/${noteId}`,
      headers: russiaMember.headers,
    });
    expect(note.json()).toMatchObject({ meetingId: meeting.id, agendaItemId: null });
    const audit = await auditOf(noteId, 'note.detach');
    expect(audit).toEqual([expect.objectContaining({ visibility: 'caucus', party: 'russia' })]);
    expect(JSON.parse(audit[0]?.after ?? 'null')).toEqual({
      meetingId: meeting.id,
      agendaItemId: null,
    });
  });
});

describe('publishing a meeting', () => {
  it('widens its agenda with it, each item recorded, and never the caucus notes on it', async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    const item = (await addItem(ctx, natoSecretary, meeting.id, { title: 'Public item' })).json();
    const noteId = await writeNote(russiaMember, { agendaItemId: item.id });
    const published = await publishMeeting(ctx, [natoSecretary, russiaSecretary], meeting.id);
    expect(published.visibility).toBe('public');
    const [audit] = await auditOf(meeting.id, 'meeting.publish');
    expect(audit?.visibility).toBe('joint');
    expect(JSON.parse(audit?.after ?? 'null')).toMatchObject({ visibility: 'public' });
    const [widened] = await auditOf(item.id, 'agendaItem.update');
    expect(JSON.parse(widened?.after ?? 'null')).toMatchObject({ visibility: 'public' });
    const note = await ctx.app.inject({
      url: `/api/notes/${noteId}`,
      headers: russiaMember.headers,
    });
    expect(note.json()).toMatchObject({ visibility: 'caucus', party: 'russia' });
  });

  it('waits until every topic its agenda names is public, naming it, and asks nothing meanwhile', async () => {
    const topic = await ctx.app.inject({
      method: 'POST',
      url: '/api/topics',
      headers: natoSecretary.headers,
      payload: { name: 'Submarine rescue' },
    });
    expect(topic.json()).toMatchObject({ visibility: 'joint' });
    const meeting = await createMeeting(ctx, natoSecretary, { title: 'Naming a joint topic' });
    const item = await addItem(ctx, natoSecretary, meeting.id, {
      title: 'Submarine rescue',
      topicIds: [topic.json().id],
    });
    const refused = await ctx.app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/publish`,
      headers: natoSecretary.headers,
      payload: { version: 1 },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'VisibilityTooWide',
      errors: [
        {
          field: `agendaItems.${item.json().id}.topicIds`,
          message: `names topic ${topic.json().id}, which is joint: make it public first`,
        },
      ],
    });
    expect(await auditOf(meeting.id, 'meeting.request-publication')).toEqual([]);

    const widened = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/topics/${topic.json().id}`,
      headers: natoSecretary.headers,
      payload: { visibility: 'public' },
    });
    expect(widened.statusCode).toBe(200);
    const published = await publishMeeting(ctx, [natoSecretary, russiaSecretary], meeting.id);
    expect(published.visibility).toBe('public');
  });

  it("leaves every caucus row under it caucus, and is not held up by what the other party's caucus names", async () => {
    const meeting = await createMeeting(ctx, natoSecretary, { title: 'With caucus rows under it' });
    await addItem(ctx, natoSecretary, meeting.id, { title: 'Joint item' });
    // Rows of Russia's caucus under the joint meeting, as no API route writes them (an older
    // database, or a file the import now refuses): publishing must not widen them either.
    const at = '2001-03-01T09:00:00.000Z';
    const russian = { visibility: 'caucus' as const, party: 'russia' };
    await ctx.deps.db
      .insertInto('topics')
      .values({
        id: 'russian-fallback',
        name: 'Russian fallback',
        parentId: null,
        description: null,
        sourceId: null,
        ...russian,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await ctx.deps.db
      .insertInto('agendaItems')
      .values({
        id: 'russian-caucus-item',
        meetingId: meeting.id,
        position: 2,
        title: 'Russian line',
        outcome: null,
        chairedBy: null,
        sourceId: null,
        ...russian,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await ctx.deps.db
      .insertInto('agendaItemTopics')
      .values({ agendaItemId: 'russian-caucus-item', topicId: 'russian-fallback' })
      .execute();
    await ctx.deps.db
      .insertInto('meetingAttendance')
      .values({
        meetingId: meeting.id,
        delegationId: 'russia-mission',
        representative: 'Caucus delegate',
        personId: null,
        sourceId: null,
        ...russian,
      })
      .execute();
    const noteId = await writeNote(russiaMember, { meetingId: meeting.id });

    const published = await publishMeeting(ctx, [natoSecretary, russiaSecretary], meeting.id);
    expect(published.visibility).toBe('public');
    const db = ctx.deps.db;
    const stayed = [
      await db
        .selectFrom('agendaItems')
        .select(['visibility', 'party'])
        .where('id', '=', 'russian-caucus-item')
        .executeTakeFirstOrThrow(),
      await db
        .selectFrom('meetingAttendance')
        .select(['visibility', 'party'])
        .where('meetingId', '=', meeting.id)
        .executeTakeFirstOrThrow(),
      await db
        .selectFrom('topics')
        .select(['visibility', 'party'])
        .where('id', '=', 'russian-fallback')
        .executeTakeFirstOrThrow(),
      await db
        .selectFrom('notes')
        .select(['visibility', 'party'])
        .where('id', '=', noteId)
        .executeTakeFirstOrThrow(),
    ];
    expect(stayed).toEqual([russian, russian, russian, russian]);
    const seenByNato = await ctx.app.inject({
      url: `/api/meetings/${meeting.id}`,
      headers: natoSecretary.headers,
    });
    expect(seenByNato.body).not.toContain('Russian line');
    expect(seenByNato.body).not.toContain('Caucus delegate');
  });
});

describe('a request to publish a meeting', () => {
  const as = (user: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    ctx.app.inject({ method, url: `/api/${url}`, headers: user.headers, payload });
  const ask = async (user: TestUser, id: string) => {
    const read = (await as(user, 'GET', `meetings/${id}`)).json();
    return as(user, 'POST', `meetings/${id}/publish`, { version: read.agenda.version });
  };

  it('holds for what the party read: a change of the summary record voids it, visibly', async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    await as(natoSecretary, 'PATCH', `meetings/${meeting.id}`, { summary: 'Agreed summary v1' });
    expect((await ask(russiaSecretary, meeting.id)).statusCode).toBe(200);
    const changed = await as(natoSecretary, 'PATCH', `meetings/${meeting.id}`, {
      summary: 'Russia conceded.',
    });
    expect(changed.json().publication).toEqual({ requestedBy: [] });
    // NATO asking now publishes nothing Russia did not read: Russia must ask again.
    expect((await ask(natoSecretary, meeting.id)).json()).toMatchObject({
      visibility: 'joint',
      publication: { requestedBy: ['nato'] },
    });
    const published = (await ask(russiaSecretary, meeting.id)).json();
    expect(published).toMatchObject({ visibility: 'public', summary: 'Russia conceded.' });
  });

  it("is not voided by the other party's caucus: nothing of it shows in the requests", async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    const item = (await addItem(ctx, natoSecretary, meeting.id, { title: 'KFOR' })).json();
    await ask(natoSecretary, meeting.id);
    await writeNote(russiaMember, { agendaItemId: item.id });
    expect((await as(natoSecretary, 'GET', `meetings/${meeting.id}`)).json().publication).toEqual({
      requestedBy: ['nato'],
    });
  });
});

describe('a public meeting', () => {
  const as = (
    user: TestUser,
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    ctx.app.inject({
      method,
      url: `/api/${url}`,
      headers: user.headers,
      payload: payload as object,
    });
  const publicView = async (id: string) =>
    (await ctx.app.inject({ url: `/api/meetings/${id}` })).json();

  it('keeps the record both parties published: one party changes none of it, and loses nothing trying', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, {
      title: 'Ambassadors on KFOR',
      startsAt: '2001-03-07T10:00:00+01:00',
    });
    const first = (await addItem(ctx, natoSecretary, meeting.id, { title: 'KFOR' })).json();
    await addItem(ctx, natoSecretary, meeting.id, { title: 'Arms control' });
    await as(natoSecretary, 'PATCH', `meetings/${meeting.id}`, {
      status: 'held',
      summary: 'Both parties welcomed cooperation in KFOR.',
    });
    await as(natoSecretary, 'PUT', `meetings/${meeting.id}/attendance`, [
      { delegationId: 'russia-mission', personId: 'ivanov' },
    ]);
    await publishMeeting(ctx, [natoSecretary, russiaSecretary], meeting.id);
    const published = await publicView(meeting.id);
    expect(published).toMatchObject({ visibility: 'public', summary: published.summary });

    const attempts: [string, () => ReturnType<typeof as>, string][] = [
      [
        'summary',
        () => as(russiaSecretary, 'PATCH', `meetings/${meeting.id}`, { summary: 'NATO conceded.' }),
        'summary',
      ],
      [
        'title',
        () =>
          as(natoSecretary, 'PATCH', `meetings/${meeting.id}`, { title: 'KFOR, as NATO saw it' }),
        'title',
      ],
      [
        'venue',
        () => as(natoSecretary, 'PATCH', `meetings/${meeting.id}`, { venue: 'Mons' }),
        'venue',
      ],
      [
        'outcome',
        () =>
          as(russiaSecretary, 'PATCH', `meetings/${meeting.id}/agenda-items/${first.id}`, {
            outcome: 'NATO yielded.',
          }),
        'outcome',
      ],
      [
        'attendance',
        () =>
          as(natoSecretary, 'PUT', `meetings/${meeting.id}/attendance`, [
            { delegationId: 'nato-be' },
          ]),
        'attendance',
      ],
    ];
    for (const [what, attempt, field] of attempts) {
      const refused = await attempt();
      expect(refused.statusCode, `${what}: ${refused.body}`).toBe(409);
      expect(refused.json()).toMatchObject({
        code: 'AlreadyAgreed',
        errors: [{ field, message: 'published by both parties' }],
      });
    }
    expect(await publicView(meeting.id)).toEqual(published);
    // The same attendance sent again changes nothing, and is no change to refuse.
    const again = await as(natoSecretary, 'PUT', `meetings/${meeting.id}/attendance`, [
      { delegationId: 'russia-mission', personId: 'ivanov' },
    ]);
    expect(again.statusCode).toBe(200);
  });

  it('keeps its published agenda and co-chairs while planned, and still moves its status', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, {
      startsAt: '2031-05-01T10:00:00+02:00',
    });
    const first = (await addItem(ctx, natoSecretary, meeting.id, { title: 'KFOR' })).json();
    const second = (
      await addItem(ctx, natoSecretary, meeting.id, { title: 'Arms control' })
    ).json();
    await publishMeeting(ctx, [natoSecretary, russiaSecretary], meeting.id);
    const published = await publicView(meeting.id);
    const attempts = [
      () => addItem(ctx, russiaSecretary, meeting.id, { title: 'Enlargement' }),
      () =>
        as(natoSecretary, 'PATCH', `meetings/${meeting.id}/agenda-items/${first.id}`, {
          title: 'KFOR (renamed)',
        }),
      () => as(natoSecretary, 'DELETE', `meetings/${meeting.id}/agenda-items/${second.id}`),
      () =>
        as(natoSecretary, 'POST', `meetings/${meeting.id}/agenda-items/order`, {
          itemIds: [second.id, first.id],
        }),
      () => as(russiaSecretary, 'PUT', `meetings/${meeting.id}/co-chairs`, { russia: 'ivanov' }),
      () =>
        as(natoSecretary, 'PATCH', `meetings/${meeting.id}`, {
          startsAt: '2031-12-01T10:00:00+01:00',
        }),
    ];
    for (const attempt of attempts) {
      const refused = await attempt();
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().code).toBe('AlreadyAgreed');
    }
    expect(await publicView(meeting.id)).toEqual(published);
    // Nor is it deleted by one party, planned with no agreement on record as it is.
    const deleted = await as(natoSecretary, 'DELETE', `meetings/${meeting.id}`);
    expect(deleted.json()).toMatchObject({ status: 409, code: 'AlreadyAgreed' });
    const cancelled = await as(russiaSecretary, 'PATCH', `meetings/${meeting.id}`, {
      status: 'cancelled',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await publicView(meeting.id)).toMatchObject({
      status: 'cancelled',
      title: published.title,
    });
    // Cancelled, reinstated or not, it stays on the public record.
    await as(russiaSecretary, 'PATCH', `meetings/${meeting.id}`, { status: 'planned' });
    expect((await as(natoSecretary, 'DELETE', `meetings/${meeting.id}`)).statusCode).toBe(409);
  });
});
