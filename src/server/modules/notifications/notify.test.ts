import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callOk,
  createTestContext,
  type TestContext,
} from '../../../../tests/support/test-context.ts';
import { OPERATOR } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { nextNoticeWhere } from './notify.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

describe('the next notice a lane takes', () => {
  it('is the oldest it wants, however many it passes over, page after page', async () => {
    const secretary = await addUser(ctx, 'nato', ['secretary']);
    const text = await callOk(ctx, secretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'A communiqué',
      paragraphs: ['The Council met.'],
    });
    // 450 notices the lane does not want (more than two looks at the queue), then the one it does,
    // then one more it wants, all at one instant: the order is (at, id).
    const at = ctx.deps.clock().toISOString();
    const rows = Array.from({ length: 452 }, (_, i) => ({
      id: `notice-${String(i).padStart(4, '0')}`,
      textId: text.id,
      kind: 'statement-lodged',
      message: i < 450 ? 'passed over' : 'wanted',
      narrowTo: null,
      actorUserId: null,
      deliveredThrough: null,
      at,
    }));
    const next = await change(
      ctx.deps,
      OPERATOR,
      async (uow) => {
        for (let start = 0; start < rows.length; start += 100) {
          await uow.trx
            .insertInto('pendingNotifications')
            .values(rows.slice(start, start + 100))
            .execute();
        }
        const wanted = await nextNoticeWhere(uow.trx, [], (n) => n.message === 'wanted');
        const skipping = await nextNoticeWhere(
          uow.trx,
          ['notice-0450'],
          (n) => n.message === 'wanted',
        );
        const none = await nextNoticeWhere(uow.trx, [], () => false);
        await uow.trx.deleteFrom('pendingNotifications').execute();
        return { wanted: wanted?.id, skipping: skipping?.id, none };
      },
      { bookkeeping: true },
    );
    expect(next).toEqual({ wanted: 'notice-0450', skipping: 'notice-0451', none: undefined });
  });
});
