import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitBeforeNextTransaction } from '../../../../tests/support/commit-before-transaction.ts';
import { expectBothUpdatesKept } from '../../../../tests/support/concurrent-updates.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { addPost } from './add-post.ts';
import { updatePerson } from './update-person.ts';
import { updatePost } from './update-post.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let robertson: string;
let sergeev: string;

const post = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: user.headers, payload });
const get = (url: string, user: TestUser) => ctx.app.inject({ url, headers: user.headers });
const names = (body: { items: { name: string }[] }) => body.items.map((p) => p.name);

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  await post(russiaSecretary, '/api/parties/russia/delegations', {
    id: 'russia-mission',
    name: 'Russian Mission',
  });
  robertson = (
    await post(natoSecretary, '/api/people', { name: 'Robertson', honorific: 'Lord' })
  ).json().id;
  sergeev = (
    await post(russiaSecretary, '/api/people', {
      name: 'Igor Sergeev',
      honorific: 'Marshal',
      delegationId: 'russia-mission',
    })
  ).json().id;
  await post(natoSecretary, `/api/people/${robertson}/posts`, {
    title: 'Secretary General',
    startsOn: '1999-10-14',
  });
  await post(russiaSecretary, `/api/people/${sergeev}/posts`, {
    title: 'Minister of Defence',
    delegationId: 'russia-mission',
    startsOn: '1997-05',
    endsOn: '2001-03',
  });
});
afterAll(async () => ctx.close());

describe('people', () => {
  it('belong to their party: the other party can neither add, rename, nor change their posts', async () => {
    const patch = (url: string, payload: object) =>
      ctx.app.inject({ method: 'PATCH', url, headers: natoSecretary.headers, payload });
    const before = (await get(`/api/people/${sergeev}`, russiaSecretary)).json();
    const postId = before.posts[0].id;
    const attempts = [
      await post(natoSecretary, '/api/people', {
        name: 'A NATO entry in the Russian mission',
        delegationId: 'russia-mission',
      }),
      await patch(`/api/people/${sergeev}`, { name: 'Renamed by NATO' }),
      await post(natoSecretary, `/api/people/${sergeev}/posts`, { title: 'Invented post' }),
      await patch(`/api/people/${sergeev}/posts/${postId}`, { endsOn: '1999-01' }),
    ];
    expect(attempts.map((r) => [r.statusCode, r.json().code])).toEqual([
      [403, 'NotYourParty'],
      [403, 'NotYourParty'],
      [403, 'NotYourParty'],
      [403, 'NotYourParty'],
    ]);
    expect((await get(`/api/people/${sergeev}`, russiaSecretary)).json()).toEqual(before);
  });

  it("cannot be moved into the other party's delegation by their own party", async () => {
    const moved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/people/${robertson}`,
      headers: natoSecretary.headers,
      payload: { delegationId: 'russia-mission' },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors).toEqual([
      {
        field: 'delegationId',
        in: 'body',
        pointer: '/delegationId',
        message: 'a nato person sits in nato delegations only',
      },
    ]);
  });

  it('belong to the party of their delegation', async () => {
    const person = (await get(`/api/people/${sergeev}`, natoSecretary)).json();
    expect(person).toMatchObject({
      party: 'russia',
      honorific: 'Marshal',
      delegationId: 'russia-mission',
    });
    expect(names((await get('/api/people?party=russia', natoSecretary)).json())).toEqual([
      'Igor Sergeev',
    ]);
  });

  it('come with their posts over time', async () => {
    const person = (await get(`/api/people/${sergeev}`, natoSecretary)).json();
    expect(person.posts).toEqual([
      expect.objectContaining({
        title: 'Minister of Defence',
        startsOn: '1997-05',
        endsOn: '2001-03',
      }),
    ]);
  });

  it('are found by a date they held a post, bounds counted at their precision', async () => {
    expect(names((await get('/api/people?at=1998-01-01', natoSecretary)).json())).toEqual([
      'Igor Sergeev',
    ]);
    expect(names((await get('/api/people?at=2001-03-31', natoSecretary)).json())).toEqual([
      'Igor Sergeev',
      'Robertson',
    ]);
    expect(names((await get('/api/people?at=2001-04-01', natoSecretary)).json())).toEqual([
      'Robertson',
    ]);
  });

  it("never count a post of the other party's caucus", async () => {
    const aide = (
      await post(russiaSecretary, '/api/people', { name: 'An aide', visibility: 'caucus' })
    ).json();
    expect(aide.party).toBe('russia');
    const post1 = await post(russiaSecretary, `/api/people/${aide.id}/posts`, {
      title: 'Adviser',
      startsOn: '1996',
    });
    expect(post1.json().visibility).toBe('caucus');
    expect(names((await get('/api/people?at=1996-06-01', natoSecretary)).json())).toEqual([]);
    expect(names((await get('/api/people?at=1996-06-01', russiaSecretary)).json())).toEqual([
      'An aide',
    ]);
    expect((await get(`/api/people/${aide.id}`, natoSecretary)).statusCode).toBe(404);
    const wide = await post(russiaSecretary, `/api/people/${aide.id}/posts`, {
      title: 'X',
      visibility: 'joint',
    });
    expect(wide.statusCode).toBe(422);
  });

  it('refuse naming a delegation the caller cannot see', async () => {
    await post(russiaSecretary, '/api/parties/russia/delegations', {
      id: 'russia-cell',
      name: 'Cell',
      visibility: 'caucus',
    });
    const response = await post(natoSecretary, '/api/people', {
      name: 'Y',
      delegationId: 'russia-cell',
    });
    const unknown = await post(natoSecretary, '/api/people', {
      name: 'Y',
      delegationId: 'no-such',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual(unknown.json().errors);
  });

  it('are renamed with the search index kept current', async () => {
    const renamed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/people/${robertson}`,
      headers: natoSecretary.headers,
      payload: { name: 'George Robertson' },
    });
    expect(renamed.json()).toMatchObject({ name: 'George Robertson', honorific: 'Lord' });
    const found = (await get('/api/search?q=george', russiaSecretary)).json();
    expect(found.items.map((i: { title: string }) => i.title)).toEqual(['Lord George Robertson']);
  });
});

describe('posts', () => {
  const patch = (user: TestUser, url: string, payload: object) =>
    ctx.app.inject({ method: 'PATCH', url, headers: user.headers, payload });

  it('are ended when their holder leaves, with the change in the audit', async () => {
    const held = (
      await post(russiaSecretary, `/api/people/${sergeev}/posts`, {
        title: 'Adviser to the President',
        startsOn: '2001-03-28',
      })
    ).json();
    const ended = await patch(russiaSecretary, `/api/people/${sergeev}/posts/${held.id}`, {
      endsOn: '2004-03',
      delegationId: 'russia-mission',
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ endsOn: '2004-03', delegationId: 'russia-mission' });
    expect(names((await get('/api/people?at=2004-04-01', natoSecretary)).json())).not.toContain(
      'Igor Sergeev',
    );
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'post.update')
      .where('entityId', '=', held.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before ?? '{}')).toMatchObject({ endsOn: null });
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ endsOn: '2004-03' });
  });

  it('refuse an end before the start, naming endsOn, and a member', async () => {
    const held = (
      await post(natoSecretary, `/api/people/${robertson}/posts`, {
        title: 'Defence Secretary',
        startsOn: '1997-05',
      })
    ).json();
    const url = `/api/people/${robertson}/posts/${held.id}`;
    const early = await patch(natoSecretary, url, { endsOn: '1997-04' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].field).toBe('endsOn');
    const member = await addUser(ctx, 'nato', ['member']);
    expect((await patch(member, url, { endsOn: '1999-10' })).statusCode).toBe(403);
    expect((await patch(natoSecretary, url, { endsOn: '1999-10' })).json().endsOn).toBe('1999-10');
  });

  it("answer the other party's caucus post as absent and never grow wider than the person", async () => {
    const aide = (
      await post(natoSecretary, '/api/people', { name: 'Allied aide', visibility: 'caucus' })
    ).json();
    const held = (
      await post(natoSecretary, `/api/people/${aide.id}/posts`, { title: 'Aide' })
    ).json();
    const url = `/api/people/${aide.id}/posts/${held.id}`;
    expect((await patch(russiaSecretary, url, { title: 'X' })).statusCode).toBe(404);
    const wide = await patch(natoSecretary, url, { visibility: 'joint' });
    expect(wide.statusCode).toBe(422);
    const elsewhere = await patch(natoSecretary, `/api/people/${robertson}/posts/${held.id}`, {
      title: 'X',
    });
    expect(elsewhere.statusCode).toBe(404);
  });
});

describe('concurrent changes', () => {
  it('to a person keep both changes and audit each against the row it changed', async () => {
    const { id } = (await post(natoSecretary, '/api/people', { name: 'Klaus Naumann' })).json();
    await expectBothUpdatesKept(ctx.deps, {
      table: 'people',
      id,
      updates: [
        () => updatePerson(ctx.deps, natoSecretary.actor, id, { honorific: 'General' }),
        () => updatePerson(ctx.deps, natoSecretary.actor, id, { name: 'Klaus Dieter Naumann' }),
      ],
      expected: { honorific: 'General', name: 'Klaus Dieter Naumann' },
      auditedBefore: { action: 'person.update', field: 'honorific', value: 'General' },
    });
  });

  it('to a post keep both changes', async () => {
    const person = (await post(natoSecretary, '/api/people', { name: 'Javier Solana' })).json();
    const postId = (
      await post(natoSecretary, `/api/people/${person.id}/posts`, { title: 'Secretary General' })
    ).json().id;
    await expectBothUpdatesKept(ctx.deps, {
      table: 'posts',
      id: postId,
      updates: [
        () =>
          updatePost(ctx.deps, natoSecretary.actor, person.id, postId, { startsOn: '1995-12-05' }),
        () =>
          updatePost(ctx.deps, natoSecretary.actor, person.id, postId, { endsOn: '1999-10-06' }),
      ],
      expected: { startsOn: '1995-12-05', endsOn: '1999-10-06' },
    });
  });

  it('to a person are seen by a post added at that moment, which follows the widened person', async () => {
    const { id } = (
      await post(natoSecretary, '/api/people', { name: 'Allied envoy', visibility: 'caucus' })
    ).json();
    commitBeforeNextTransaction(ctx.deps, () =>
      updatePerson(ctx.deps, natoSecretary.actor, id, { visibility: 'joint' }),
    );
    const added = await addPost(ctx.deps, natoSecretary.actor, id, { title: 'Envoy' });
    expect(added.visibility).toBe('joint');
    const audit = await ctx.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('entityId', '=', added.id)
      .where('action', '=', 'post.create')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ visibility: 'joint', party: 'nato' });
  });
});
