import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';
import type { Visibility } from '../../../shared/vocabularies.ts';
import { type Actor, ANONYMOUS, OPERATOR } from './actor.ts';
import { assertWithin, canSee, visibleTo } from './visibility.policy.ts';

const nato: Actor = { kind: 'user', userId: 'u1', username: 'n', party: 'nato', roles: ['member'] };
const russia: Actor = {
  kind: 'user',
  userId: 'u2',
  username: 'r',
  party: 'russia',
  roles: ['chair'],
};

const items: { id: string; visibility: Visibility; party: string | null }[] = [
  { id: 'public', visibility: 'public', party: null },
  { id: 'public-of-nato', visibility: 'public', party: 'nato' },
  { id: 'joint', visibility: 'joint', party: null },
  { id: 'joint-of-russia', visibility: 'joint', party: 'russia' },
  { id: 'nato-caucus', visibility: 'caucus', party: 'nato' },
  { id: 'russia-caucus', visibility: 'caucus', party: 'russia' },
];

const expected: [string, Actor, string[]][] = [
  ['anonymous', ANONYMOUS, ['public', 'public-of-nato']],
  ['a NATO user', nato, ['public', 'public-of-nato', 'joint', 'joint-of-russia', 'nato-caucus']],
  [
    'a Russian user',
    russia,
    ['public', 'public-of-nato', 'joint', 'joint-of-russia', 'russia-caucus'],
  ],
  ['the operator', OPERATOR, items.map((i) => i.id)],
];

describe('canSee', () => {
  it.each(expected)('lets %s see exactly its items', (_name, actor, visible) => {
    expect(items.filter((item) => canSee(actor, item)).map((i) => i.id)).toEqual(visible);
  });
});

describe('visibleTo (the same rule in SQL)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    const at = '2001-01-01T00:00:00.000Z';
    await ctx.deps.db
      .insertInto('timelineEvents')
      .values(
        items.map((i) => ({
          ...i,
          date: '2001',
          title: i.id,
          description: null,
          kind: 'test',
          sourceId: null,
          createdAt: at,
          updatedAt: at,
        })),
      )
      .execute();
  });
  afterAll(async () => ctx.close());

  it.each(expected)('selects for %s exactly what canSee allows', async (_name, actor, visible) => {
    const rows = await ctx.deps.db
      .selectFrom('timelineEvents')
      .select('id')
      .where(visibleTo(actor, 'timelineEvents'))
      .execute();
    expect(rows.map((r) => r.id).sort()).toEqual([...visible].sort());
  });
});

describe('assertWithin', () => {
  const caucus = { visibility: 'caucus' as const, party: 'nato' };
  const joint = { visibility: 'joint' as const, party: null };
  it('refuses a joint child under a caucus parent', () => {
    expect(() => assertWithin(joint, caucus)).toThrow(/cannot be joint/);
  });
  it("refuses one party's caucus child under the other party's caucus", () => {
    expect(() => assertWithin({ visibility: 'caucus', party: 'russia' }, caucus)).toThrow();
  });
  it('allows a caucus child under a joint parent', () => {
    expect(() => assertWithin(caucus, joint)).not.toThrow();
  });
});
