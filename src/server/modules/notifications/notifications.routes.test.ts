import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  callOk,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

/**
 * The inbox: each user reads its own notifications, newest first, a page at a time, marks them
 * read one by one or all at once, and never reaches another user's. Notifications come from
 * the silence procedure: each silence started on a joint text tells every user but the chair.
 */

let ctx: TestContext;
let secretary: TestUser;
let chair: TestUser;
let reader: TestUser;
let other: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  secretary = await addUser(ctx, 'nato', ['secretary']);
  chair = await addUser(ctx, 'nato', ['chair']);
  reader = await addUser(ctx, 'russia', ['member']);
  other = await addUser(ctx, 'russia', ['member']);
});
afterAll(async () => ctx.close());

let serial = 0;
async function silenceStarted(): Promise<string> {
  const text = await callOk(ctx, secretary, 'POST', '/texts', {
    kind: 'communique',
    title: `Communiqué ${++serial}`,
    visibility: 'joint',
    paragraphs: ['The Council met.'],
  });
  ctx.advance(1000);
  await callOk(ctx, chair, 'POST', `/texts/${text.id}/silence`, {
    version: text.version,
    deadline: '2001-04-01T12:00',
    timeZone: 'Europe/Moscow',
  });
  await ctx.app.deliverNotifications();
  return text.id;
}

describe('the notifications inbox', () => {
  it('pages through the caller’s own, newest first, with the unread count', async () => {
    const texts = [await silenceStarted(), await silenceStarted(), await silenceStarted()];
    const first = await callOk(ctx, reader, 'GET', '/notifications?limit=2');
    expect(first.unread).toBe(3);
    expect(first.items.map((n: { entity: { id: string } }) => n.entity.id)).toEqual([
      texts[2],
      texts[1],
    ]);
    expect(first.items[0]).toMatchObject({
      kind: 'silence-started',
      entity: { kind: 'text', id: texts[2] },
      readAt: null,
    });
    const second = await callOk(
      ctx,
      reader,
      'GET',
      `/notifications?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
    );
    expect(second.items.map((n: { entity: { id: string } }) => n.entity.id)).toEqual([texts[0]]);
    expect(second.nextCursor).toBeNull();
    // A cursor is the reader's party's own: another party's user cannot use it.
    const borrowed = await callApi(
      ctx,
      secretary,
      'GET',
      `/notifications?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
    );
    expect(borrowed.statusCode).toBe(400);
    expect(borrowed.json().errors[0].field).toBe('cursor');
  });

  it('marks one read, keeps the first time, and filters on unread', async () => {
    const before = await callOk(ctx, reader, 'GET', '/notifications');
    const [newest] = before.items;
    const read = await callOk(ctx, reader, 'POST', `/notifications/${newest.id}/read`);
    expect(read).toMatchObject({ id: newest.id, readAt: expect.any(String) });
    ctx.advance(1000);
    const again = await callOk(ctx, reader, 'POST', `/notifications/${newest.id}/read`);
    expect(again.readAt).toBe(read.readAt);
    const unread = await callOk(ctx, reader, 'GET', '/notifications?unread=true');
    expect(unread.unread).toBe(before.unread - 1);
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(newest.id);
    expect(unread.items).toHaveLength(before.unread - 1);
  });

  it("never reaches another user's notification: 404 as for none", async () => {
    const { items } = await callOk(ctx, reader, 'GET', '/notifications');
    const theirs = await callApi(ctx, other, 'POST', `/notifications/${items[0].id}/read`);
    const none = await callApi(ctx, other, 'POST', '/notifications/no-such-one/read');
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().detail).toBe(none.json().detail);
    expect((await callOk(ctx, reader, 'GET', '/notifications')).items[0]).toEqual(items[0]);
    expect((await callApi(ctx, null, 'GET', '/notifications')).statusCode).toBe(401);
  });

  it('marks everything read at once, and only the caller’s', async () => {
    const othersBefore = await callOk(ctx, other, 'GET', '/notifications');
    const before = await callOk(ctx, reader, 'GET', '/notifications');
    const all = await callOk(ctx, reader, 'POST', '/notifications/read-all');
    expect(all).toEqual({ marked: before.unread, unread: 0 });
    expect(await callOk(ctx, reader, 'GET', '/notifications?unread=true')).toMatchObject({
      items: [],
      unread: 0,
    });
    expect(await callOk(ctx, other, 'GET', '/notifications')).toEqual(othersBefore);
    expect(await callOk(ctx, reader, 'POST', '/notifications/read-all')).toEqual({
      marked: 0,
      unread: 0,
    });
  });

  it('shows nothing about a text the reader may no longer read', async () => {
    const id = await silenceStarted();
    const before = await callOk(ctx, reader, 'GET', '/notifications');
    expect(before.items[0].entity.id).toBe(id);
    // Its marking rises above the reader's clearance (as a change of marking would).
    await ctx.deps.db
      .updateTable('texts')
      .set({ classification: 'nato-secret' })
      .where('id', '=', id)
      .execute();
    const after = await callOk(ctx, reader, 'GET', '/notifications');
    expect(after.items.map((n: { entity: { id: string } }) => n.entity.id)).not.toContain(id);
    expect(after.unread).toBe(before.unread - 1);
  });
});
