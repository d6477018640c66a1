import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let defence: string;
let sar: string;

const post = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: user.headers, payload });
const patch = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'PATCH', url, headers: user.headers, payload });
const get = (url: string, user: TestUser) => ctx.app.inject({ url, headers: user.headers });

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  defence = (await post(natoSecretary, '/api/topics', { name: 'Defence cooperation' })).json().id;
  sar = (
    await post(russiaSecretary, '/api/topics', {
      name: 'Search and rescue at sea',
      parentId: defence,
    })
  ).json().id;
  await post(natoSecretary, '/api/topics', { name: 'Defence reform', parentId: defence });
  await post(natoSecretary, '/api/topics', {
    name: 'Allied line',
    parentId: defence,
    visibility: 'caucus',
  });
  await post(natoSecretary, '/api/topics', { name: 'Arms control' });
});
afterAll(async () => ctx.close());

describe('topics', () => {
  it('count only the sub-topics the caller may see', async () => {
    expect((await get(`/api/topics/${defence}`, natoSecretary)).json().childCount).toBe(3);
    expect((await get(`/api/topics/${defence}`, russiaSecretary)).json().childCount).toBe(2);
  });

  it('filter by parent and by top level', async () => {
    const children = (await get(`/api/topics?parentId=${defence}`, russiaSecretary)).json();
    expect(children.items.map((t: { name: string }) => t.name)).toEqual([
      'Defence reform',
      'Search and rescue at sea',
    ]);
    const top = (await get('/api/topics?topLevel=true', russiaSecretary)).json();
    expect(top.items.map((t: { name: string }) => t.name)).toEqual([
      'Arms control',
      'Defence cooperation',
    ]);
  });

  it('form a tree of what the caller may see', async () => {
    const tree = (await get('/api/topics/tree', russiaSecretary)).json();
    expect(tree.items.map((t: { name: string }) => t.name)).toEqual([
      'Arms control',
      'Defence cooperation',
    ]);
    expect(tree.items[1].children.map((t: { name: string }) => t.name)).toEqual([
      'Defence reform',
      'Search and rescue at sea',
    ]);
  });

  it('refuse a cycle and a child wider than its parent', async () => {
    const cycle = await patch(natoSecretary, `/api/topics/${defence}`, { parentId: sar });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().errors[0].field).toBe('parentId');
    const hidden = (
      await post(natoSecretary, '/api/topics', { name: 'Internal', visibility: 'caucus' })
    ).json();
    const wide = await post(natoSecretary, '/api/topics', {
      name: 'Leak',
      parentId: hidden.id,
      visibility: 'joint',
    });
    expect(wide.statusCode).toBe(422);
    const under = await post(russiaSecretary, '/api/topics', {
      name: 'Probe',
      parentId: hidden.id,
    });
    expect(under.statusCode).toBe(400);
  });

  it('are renamed and moved by a secretary', async () => {
    const moved = await patch(russiaSecretary, `/api/topics/${sar}`, {
      parentId: null,
      name: 'Search and rescue',
    });
    expect(moved.json()).toMatchObject({
      parentId: null,
      name: 'Search and rescue',
      description: null,
    });
    expect((await get(`/api/topics/${defence}`, russiaSecretary)).json().childCount).toBe(1);
  });
});

describe('the cycle check', () => {
  const insertTopics = async (links: [id: string, parentId: string | null][]) => {
    const at = ctx.deps.clock().toISOString();
    await ctx.deps.db
      .insertInto('topics')
      .values(
        links.map(([id, parentId]) => ({
          id,
          name: id,
          parentId,
          description: null,
          sourceId: null,
          visibility: 'joint' as const,
          party: null,
          createdAt: at,
          updatedAt: at,
        })),
      )
      .execute();
  };

  it('finds a cycle however deep the taxonomy', async () => {
    const chain = Array.from({ length: 100 }, (_, n) => `level-${n}`);
    await insertTopics(chain.map((id, n) => [id, n === 0 ? null : (chain[n - 1] ?? null)]));
    const cycle = await patch(natoSecretary, '/api/topics/level-0', { parentId: 'level-99' });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().errors[0].field).toBe('parentId');
  });

  it('ends on a loop already stored and lets a topic outside it move under it', async () => {
    await insertTopics([
      ['loop-a', null],
      ['loop-b', 'loop-a'],
      ['outside', null],
    ]);
    await ctx.deps.db
      .updateTable('topics')
      .set({ parentId: 'loop-b' })
      .where('id', '=', 'loop-a')
      .execute();
    const moved = await patch(natoSecretary, '/api/topics/outside', { parentId: 'loop-a' });
    expect(moved.statusCode).toBe(200);
  });
});
