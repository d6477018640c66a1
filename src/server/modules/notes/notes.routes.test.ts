import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  createTestContext,
  type Method,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import type { Visibility } from '../../../shared/vocabularies.ts';
import { searchDocuments } from '../search/search-index.ts';

let ctx: TestContext;
let natoMember: TestUser;
let natoSecretary: TestUser;
let natoOther: TestUser;
let russiaMember: TestUser;
let russiaSecretary: TestUser;
let natoAdmin: TestUser;

const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callApi(ctx, user, method, url, payload);

async function write(user: TestUser, payload: object): Promise<string> {
  const response = await call(user, 'POST', '/notes', payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function insertMeeting(id: string, visibility: Visibility, party: string | null) {
  const at = '2001-01-01T00:00:00.000Z';
  await ctx.deps.db
    .insertInto('meetings')
    .values({
      id,
      title: id,
      level: 'ambassadors',
      format: visibility === 'caucus' ? 'caucus' : 'joint',
      startsAt: null,
      endsAt: null,
      date: '2001-02',
      venue: null,
      status: 'planned',
      summary: null,
      agendaVersion: 0,
      seriesId: null,
      sourceId: null,
      visibility,
      party,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
}

const ids = (body: { items: { id: string }[] }) => body.items.map((n) => n.id);

beforeAll(async () => {
  ctx = await createTestContext();
  natoMember = await addUser(ctx, 'nato', ['member']);
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoOther = await addUser(ctx, 'nato', ['chair']);
  natoAdmin = await addUser(ctx, 'nato', ['admin']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  await insertMeeting('joint-meeting', 'joint', 'nato');
  await insertMeeting('nato-caucus', 'caucus', 'nato');
  await insertMeeting('public-meeting', 'public', null);
});
afterAll(async () => ctx.close());

describe('who sees a note', () => {
  it("keeps NATO's caucus note from Russia's users and from anonymous callers", async () => {
    const id = await write(natoMember, {
      text: 'Allied line: support the seminar.',
      visibility: 'caucus',
      meetingId: 'joint-meeting',
    });
    expect((await call(natoSecretary, 'GET', `/notes/${id}`)).statusCode).toBe(200);
    expect((await call(russiaMember, 'GET', `/notes/${id}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/notes/${id}`)).statusCode).toBe(404);
    const russian = (await call(russiaMember, 'GET', '/notes?meetingId=joint-meeting')).json();
    expect(ids(russian)).not.toContain(id);
    const nato = (await call(natoOther, 'GET', '/notes?meetingId=joint-meeting')).json();
    expect(ids(nato)).toContain(id);
    const found = await searchDocuments(ctx.deps.db, russiaMember.actor, 'seminar', {
      limit: 10,
      offset: 0,
    });
    expect(found).toEqual([]);
    const foundByNato = await searchDocuments(ctx.deps.db, natoMember.actor, 'seminar', {
      limit: 10,
      offset: 0,
    });
    expect(foundByNato.map((h) => h.entityId)).toEqual([id]);
  });

  it('shows a joint note to both parties but never to anonymous callers', async () => {
    const id = await write(russiaMember, {
      text: 'Russian position on the agenda.',
      visibility: 'joint',
      meetingId: 'public-meeting',
    });
    const seen = (await call(natoMember, 'GET', `/notes/${id}`)).json();
    // The other party learns the author's party, not the author's user id.
    expect(seen).toMatchObject({ party: 'russia', authorId: null, visibility: 'joint' });
    expect((await call(russiaSecretary, 'GET', `/notes/${id}`)).json().authorId).toBe(
      russiaMember.actor.userId,
    );
    expect((await call(null, 'GET', `/notes/${id}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', '/notes')).json().items).toEqual([]);
  });

  it('pages through the notes the caller may see', async () => {
    const first = (await call(natoMember, 'GET', '/notes?limit=1')).json();
    expect(first.items).toHaveLength(1);
    const second = (
      await call(natoMember, 'GET', `/notes?limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });
});

describe('writing a note', () => {
  it('refuses a joint note on a caucus meeting, naming the field', async () => {
    const response = await call(natoMember, 'POST', '/notes', {
      text: 'x',
      visibility: 'joint',
      meetingId: 'nato-caucus',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'VisibilityTooWide',
      errors: [{ field: 'visibility' }],
    });
  });

  it('answers 404 for a parent the author cannot see, as for a missing one', async () => {
    const hidden = await call(russiaMember, 'POST', '/notes', {
      text: 'x',
      visibility: 'caucus',
      meetingId: 'nato-caucus',
    });
    const missing = await call(russiaMember, 'POST', '/notes', {
      text: 'x',
      visibility: 'caucus',
      meetingId: 'no-such-meeting',
    });
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.json().detail).toBe(missing.json().detail);
  });

  it('refuses two parents, a public note, and callers without write-notes', async () => {
    const twoParents = await call(natoMember, 'POST', '/notes', {
      text: 'x',
      visibility: 'caucus',
      meetingId: 'joint-meeting',
      decisionId: 'd',
    });
    expect(twoParents.statusCode).toBe(400);
    expect(twoParents.json().errors[0].field).toBe('meetingId');
    const publicNote = await call(natoMember, 'POST', '/notes', {
      text: 'x',
      visibility: 'public',
    });
    expect(publicNote.statusCode).toBe(400);
    const admin = await call(natoAdmin, 'POST', '/notes', { text: 'x', visibility: 'caucus' });
    expect(admin.statusCode).toBe(403);
    const anonymous = await call(null, 'POST', '/notes', { text: 'x', visibility: 'caucus' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('changing and deleting a note', () => {
  it('lets the author and a secretary of the same party edit, nobody else', async () => {
    const id = await write(natoMember, { text: 'Draft line', visibility: 'caucus' });
    expect((await call(natoOther, 'PATCH', `/notes/${id}`, { text: 'x' })).statusCode).toBe(403);
    expect((await call(russiaSecretary, 'PATCH', `/notes/${id}`, { text: 'x' })).statusCode).toBe(
      404,
    );
    const byAuthor = await call(natoMember, 'PATCH', `/notes/${id}`, { text: 'Agreed line' });
    expect(byAuthor.json().text).toBe('Agreed line');
    const bySecretary = await call(natoSecretary, 'PATCH', `/notes/${id}`, { visibility: 'joint' });
    expect(bySecretary.json().visibility).toBe('joint');
    const narrowed = await call(natoMember, 'PATCH', `/notes/${id}`, { visibility: 'caucus' });
    expect(narrowed.json().code).toBe('Conflict');
    // Now joint, Russia sees it, but still may not change it.
    expect((await call(russiaSecretary, 'PATCH', `/notes/${id}`, { text: 'x' })).statusCode).toBe(
      403,
    );
  });

  it('never widens a note beyond its parent', async () => {
    const id = await write(natoMember, {
      text: 'x',
      visibility: 'caucus',
      meetingId: 'nato-caucus',
    });
    const response = await call(natoMember, 'PATCH', `/notes/${id}`, { visibility: 'joint' });
    expect(response.json().code).toBe('VisibilityTooWide');
  });

  it('deletes a note, with an audit row for every change', async () => {
    const id = await write(natoMember, { text: 'Temporary', visibility: 'caucus' });
    await call(natoMember, 'PATCH', `/notes/${id}`, { text: 'Temporary, edited' });
    expect((await call(russiaSecretary, 'DELETE', `/notes/${id}`)).statusCode).toBe(404);
    expect((await call(natoOther, 'DELETE', `/notes/${id}`)).statusCode).toBe(403);
    expect((await call(natoSecretary, 'DELETE', `/notes/${id}`)).statusCode).toBe(204);
    expect((await call(natoMember, 'GET', `/notes/${id}`)).statusCode).toBe(404);
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .select(['action', 'visibility', 'party'])
      .where('entityId', '=', id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'note.create', visibility: 'caucus', party: 'nato' },
      { action: 'note.update', visibility: 'caucus', party: 'nato' },
      { action: 'note.delete', visibility: 'caucus', party: 'nato' },
    ]);
    const found = await searchDocuments(ctx.deps.db, natoMember.actor, 'Temporary', {
      limit: 10,
      offset: 0,
    });
    expect(found).toEqual([]);
  });
});
