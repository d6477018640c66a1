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
let sforId: string;
let kforId: string;

const post = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: user.headers, payload });

async function operation(
  name: string,
  fullName: string,
  total: number,
  russia: number,
  qualifier: string,
) {
  const created = await post(natoSecretary, '/api/operations', {
    name,
    fullName,
    visibility: 'public',
  });
  expect(created.statusCode).toBe(201);
  const id: string = created.json().id;
  const strengths = [
    { contributor: null, troops: total, asOf: '2001-01', qualifier: 'approximately' },
    { contributor: 'russia', troops: russia, asOf: '2001-01', qualifier },
  ];
  for (const strength of strengths) {
    expect(
      (await post(natoSecretary, `/api/operations/${id}/strengths`, strength)).statusCode,
    ).toBe(201);
  }
  return id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  sforId = await operation('SFOR', 'Stabilisation Force', 20_000, 1_200, 'about');
  kforId = await operation('KFOR', 'Kosovo Force', 42_500, 3_150, 'some');
});
afterAll(async () => ctx.close());

describe('operation strengths', () => {
  it("gives Russia's share of SFOR as 6 % of the total, with the source's qualifiers", async () => {
    const sfor = (
      await ctx.app.inject({ url: `/api/operations/${sforId}`, headers: russiaSecretary.headers })
    ).json();
    expect(sfor.strength).toEqual({
      asOf: '2001-01',
      total: { troops: 20_000, qualifier: 'approximately' },
      contributors: [
        {
          contributor: 'russia',
          contributorName: 'Russian Federation',
          troops: 1_200,
          qualifier: 'about',
          share: 0.06,
        },
      ],
    });
    expect(sfor.strengths).toHaveLength(2);
  });

  it("gives Russia's share of KFOR as about 7.41 % in the list", async () => {
    const list = (
      await ctx.app.inject({ url: '/api/operations', headers: russiaSecretary.headers })
    ).json();
    const kfor = list.items.find((o: { id: string }) => o.id === kforId);
    expect(kfor.strength.contributors[0]).toMatchObject({
      troops: 3_150,
      qualifier: 'some',
      share: 0.0741,
    });
  });

  it('shows anonymous callers no figure that is not public', async () => {
    const sfor = (await ctx.app.inject({ url: `/api/operations/${sforId}` })).json();
    expect(sfor).toMatchObject({ name: 'SFOR', strength: null, strengths: [] });
  });

  it('knows no strength before the first report', async () => {
    const sfor = (
      await ctx.app.inject({
        url: `/api/operations/${sforId}?at=2000-12-31`,
        headers: russiaSecretary.headers,
      })
    ).json();
    expect(sfor.strength).toBeNull();
  });

  it("keeps one party's caucus figures out of the other's answer", async () => {
    const caucus = await post(natoSecretary, `/api/operations/${sforId}/strengths`, {
      contributor: 'nato',
      troops: 18_000,
      asOf: '2001-01',
      visibility: 'caucus',
    });
    expect(caucus.statusCode).toBe(201);
    const forNato = (
      await ctx.app.inject({ url: `/api/operations/${sforId}`, headers: natoSecretary.headers })
    ).json();
    const forRussia = (
      await ctx.app.inject({ url: `/api/operations/${sforId}`, headers: russiaSecretary.headers })
    ).json();
    expect(forNato.strength.contributors).toHaveLength(2);
    expect(forRussia.strength.contributors).toHaveLength(1);
    expect(forRussia.strengths).toHaveLength(2);
  });

  it('refuses an unknown contributor and a second figure for the same contributor and date', async () => {
    const unknown = await post(natoSecretary, `/api/operations/${kforId}/strengths`, {
      contributor: 'atlantis',
      troops: 1,
      asOf: '2001-01',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('contributor');
    const again = await post(russiaSecretary, `/api/operations/${kforId}/strengths`, {
      contributor: 'russia',
      troops: 3_000,
      asOf: '2001-01',
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a figure wider than its operation', async () => {
    const hidden = await post(natoSecretary, '/api/operations', {
      name: 'X',
      fullName: 'Exercise',
      visibility: 'caucus',
    });
    const wide = await post(natoSecretary, `/api/operations/${hidden.json().id}/strengths`, {
      contributor: null,
      troops: 10,
      asOf: '2001',
      visibility: 'public',
    });
    expect(wide.statusCode).toBe(422);
    const russiaSees = await ctx.app.inject({
      url: `/api/operations/${hidden.json().id}`,
      headers: russiaSecretary.headers,
    });
    expect(russiaSees.statusCode).toBe(404);
  });
});
