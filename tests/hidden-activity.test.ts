import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  createTestContext,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';

/**
 * The attacks of the adversarial review, played as a user of the other party would play them:
 * read, let the other party act in its caucus, read again. Whatever the caller receives (the
 * order of its search results, the numbers of audit entries, cursors, versions, counts) must
 * be the same both times.
 */
let ctx: TestContext;
let natoMember: TestUser;
let natoSecretary: TestUser;
let russiaMember: TestUser;
let russiaSecretary: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  natoMember = await addUser(ctx, 'nato', ['member']);
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
});
afterAll(async () => ctx.close());

const note = (user: TestUser, text: string) =>
  callApi(ctx, user, 'POST', '/notes', { text, visibility: 'caucus' });

describe('search ranking', () => {
  it("orders a caller's results the same with and without the other party's hidden documents", async () => {
    // Two probes of Russia's own, one richer in "sigma", one in "kappa". Their order depends
    // only on how rare each word is; with one index over everything, NATO's hidden notes full of
    // "sigma" made "sigma" common and put the kappa-rich probe first (played against the
    // single index of the first release, the order flipped).
    await note(russiaMember, 'sigma sigma kappa');
    await note(russiaMember, 'kappa kappa sigma');
    const order = async () =>
      (await callApi(ctx, russiaMember, 'GET', '/search?q=kappa%20sigma')).body;
    const before = await order();
    expect(JSON.parse(before).items).toHaveLength(2);
    for (let i = 0; i < 25; i++) await note(natoMember, `sigma codeword ${i}`);
    expect(await order()).toBe(before);
    // And the other way round: NATO's own view of its notes is its own business.
    const natoHits = (await callApi(ctx, natoMember, 'GET', '/search?q=sigma&limit=100')).json();
    expect(natoHits.items).toHaveLength(25);
  });

  it('cannot recover a hidden codeword letter by letter from prefixes', async () => {
    await note(natoMember, 'the operation is called nightjar');
    const probe = async (prefix: string) =>
      (await callApi(ctx, russiaMember, 'GET', `/search?q=${prefix}`)).body;
    const answers = await Promise.all(['nig', 'nigh', 'night', 'nightj'].map(probe));
    const empty = await probe('zzzz');
    expect(answers.map((a) => JSON.parse(a).items)).toEqual([[], [], [], []]);
    expect(JSON.parse(empty).items).toEqual([]);
  });
});

describe('audit entry numbers', () => {
  it('leave no gap where the other party acted in its caucus or signed in', async () => {
    const trail = async () => (await callApi(ctx, russiaMember, 'GET', '/audit?limit=5')).body;
    await note(russiaMember, 'first Russian entry');
    const before = await trail();
    for (let i = 0; i < 3; i++) await note(natoMember, `hidden ${i}`);
    await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: {
        party: natoMember.party,
        username: natoMember.username,
        password: 'correct horse battery staple',
      },
    });
    expect(await trail()).toBe(before);
    await note(russiaMember, 'second Russian entry');
    const [latest, previous] = JSON.parse(await trail()).items as { id: string }[];
    const number = (id: string | undefined) => Number(id?.split('/')[1]);
    expect(latest?.id.startsWith('caucus:russia/')).toBe(true);
    expect(number(latest?.id)).toBe(number(previous?.id) + 1);
  });
});

describe('versions and counts', () => {
  it("of a joint programme never move with a party's own caucus activities", async () => {
    await callApi(ctx, natoSecretary, 'POST', '/work-programmes', {
      year: 2002,
      title: 'Work programme 2002',
    });
    const area = (
      await callApi(ctx, natoSecretary, 'POST', '/work-programmes/2002/areas', {
        title: 'Joint area',
      })
    ).json();
    const seen = async () => {
      const programme = await callApi(ctx, russiaMember, 'GET', '/work-programmes/2002');
      const report = await callApi(ctx, russiaMember, 'GET', '/work-programmes/2002/report');
      return { programme: programme.body, etag: programme.headers.etag, report: report.body };
    };
    const before = await seen();
    await callApi(ctx, natoSecretary, 'POST', '/work-programmes/2002/areas', {
      title: 'Allied coordination',
      visibility: 'caucus',
    });
    await callApi(ctx, natoSecretary, 'POST', '/work-programmes/2002/activities', {
      title: 'Allied line',
      lead: 'nato',
      areaId: area.id,
      visibility: 'caucus',
    });
    expect(await seen()).toEqual(before);
    // A joint activity is part of the text both parties agree to: its version moves.
    await callApi(ctx, russiaSecretary, 'POST', '/work-programmes/2002/activities', {
      title: 'Joint seminar',
      lead: 'joint',
      areaId: area.id,
    });
    expect((await seen()).etag).not.toBe(before.etag);
  });

  it("of the council's cadence never count the other party's caucus meetings", async () => {
    const cadence = async () =>
      (await callApi(ctx, russiaMember, 'GET', '/council/cadence?year=2001')).body;
    const before = await cadence();
    await callApi(ctx, natoSecretary, 'POST', '/meetings', {
      title: 'Allied ambassadors',
      level: 'ambassadors',
      format: 'caucus',
      startsAt: '2001-06-13T10:00:00+02:00',
    });
    expect(await cadence()).toBe(before);
  });
});
