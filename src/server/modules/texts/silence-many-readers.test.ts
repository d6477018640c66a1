import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUsers } from '../../../../tests/support/bulk-users.ts';
import {
  addUser,
  callOk,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { deliverNotifications } from './text-notifications.ts';

/**
 * A text read by more users than one insert can bind (8 values a notification, 32,766 bound
 * values a SQLite statement): breaking its silence must still work, or the other party could
 * add users until an objection failed and the text was adopted as though nobody objected; and
 * every reader is told once, across the batches that hand the notice out, even when a batch
 * is larger than one insert.
 */

let ctx: TestContext;
let natoSecretary: TestUser;
let natoChair: TestUser;
let russiaChair: TestUser;
const READERS = 4_200;

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
});
afterAll(async () => ctx.close());

describe('a silence with thousands of readers', () => {
  it('is broken, every reader told, in batches', async () => {
    expect(READERS * 8).toBeGreaterThan(32_766);
    const text = await callOk(ctx, natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Read by many',
      visibility: 'joint',
      paragraphs: ['A clean paragraph.'],
    });
    await callOk(ctx, natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      deadline: '2001-03-03T18:00',
      timeZone: 'Europe/Brussels',
    });
    await insertUsers(ctx.deps.db, {
      prefix: 'reader',
      party: 'nato',
      count: READERS,
      at: '2001-03-01T09:00:00.000Z',
    });
    const broken = await callOk(ctx, russiaChair, 'POST', `/texts/${text.id}/silence/break`, {
      reason: 'We object.',
    });
    expect(broken.state).toBe('tabled');
    // Batches larger than one insert takes, then the default ones: each reader told once.
    // Two notices: the silence started, and broken.
    expect(await deliverNotifications(ctx.deps, { readersPerParty: 3_000 })).toBe(2);
    const told = await ctx.deps.db
      .selectFrom('notifications')
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn.count<number>('userId').distinct().as('readers'),
      ])
      .where('entityId', '=', text.id)
      .where('kind', '=', 'silence-broken')
      .where('userId', 'like', 'reader-%')
      .executeTakeFirstOrThrow();
    expect(Number(told.count)).toBe(READERS);
    expect(Number(told.readers)).toBe(READERS);
  }, 60_000);
});
