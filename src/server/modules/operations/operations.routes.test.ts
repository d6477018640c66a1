import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitBeforeNextTransaction } from '../../../../tests/support/commit-before-transaction.ts';
import { expectBothUpdatesKept } from '../../../../tests/support/concurrent-updates.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import type { QualifiedAction } from '../../../shared/entities.ts';
import { addStrength } from './add-strength.ts';
import { updateOperation } from './update-operation.ts';

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

const patch = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'PATCH', url, headers: user.headers, payload });
const detail = async (id: string, user: TestUser) =>
  (await ctx.app.inject({ url: `/api/operations/${id}`, headers: user.headers })).json();
const auditOf = (entityId: string, action: QualifiedAction) =>
  ctx.deps.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('entityId', '=', entityId)
    .where('action', '=', action)
    .executeTakeFirstOrThrow();

describe('correcting a figure', () => {
  it("moves Russia's share of KFOR with the corrected troops, with an audit entry", async () => {
    const figure = (await detail(kforId, russiaSecretary)).strengths.find(
      (s: { contributor: string | null }) => s.contributor === 'russia',
    );
    const corrected = await patch(
      russiaSecretary,
      `/api/operations/${kforId}/strengths/${figure.id}`,
      { troops: 3_200, qualifier: null },
    );
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({
      contributorName: 'Russian Federation',
      troops: 3_200,
      qualifier: null,
    });
    expect((await detail(kforId, natoSecretary)).strength.contributors[0]).toMatchObject({
      troops: 3_200,
      share: 0.0753,
    });
    const audit = await auditOf(figure.id, 'operationStrength.update');
    expect(JSON.parse(audit.before ?? '{}')).toMatchObject({ troops: 3_150 });
  });

  it('refuses negative troops naming the field, a member, and a date already reported', async () => {
    const { strengths } = await detail(sforId, russiaSecretary);
    const byContributor = (c: string | null) =>
      strengths.find((s: { contributor: string | null }) => s.contributor === c);
    const [total, russia] = [byContributor(null), byContributor('russia')];
    const url = `/api/operations/${sforId}/strengths/${russia.id}`;
    const negative = await patch(natoSecretary, url, { troops: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].field).toBe('troops');
    const member = await addUser(ctx, 'russia', ['member']);
    expect((await patch(member, url, { troops: 1 })).statusCode).toBe(403);
    await post(natoSecretary, `/api/operations/${sforId}/strengths`, {
      contributor: null,
      troops: 19_000,
      asOf: '2001-06',
    });
    const clash = await patch(natoSecretary, `/api/operations/${sforId}/strengths/${total.id}`, {
      asOf: '2001-06',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().errors[0].field).toBe('asOf');
  });

  it("answers the other party's caucus figure as absent", async () => {
    const caucus = (await detail(sforId, natoSecretary)).strengths.find(
      (s: { visibility: string }) => s.visibility === 'caucus',
    );
    const url = `/api/operations/${sforId}/strengths/${caucus.id}`;
    expect((await patch(russiaSecretary, url, { troops: 1 })).statusCode).toBe(404);
    expect((await patch(natoSecretary, url, { troops: 17_500 })).json().troops).toBe(17_500);
  });
});

describe('changing an operation', () => {
  it('renames it for a secretary, keeping search current, with an audit entry', async () => {
    const changed = await patch(russiaSecretary, `/api/operations/${kforId}`, {
      fullName: 'Kosovo Force',
      mandate: 'UN Security Council Resolution 1244',
      location: 'Kosovo',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ mandate: 'UN Security Council Resolution 1244' });
    expect(changed.json().strength.total.troops).toBe(42_500);
    const found = await ctx.app.inject({
      url: '/api/search?q=1244',
      headers: natoSecretary.headers,
    });
    expect(found.json().items.map((i: { entityId: string }) => i.entityId)).toEqual([kforId]);
    const audit = await auditOf(kforId, 'operation.update');
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ location: 'Kosovo' });
  });

  it('refuses an empty name naming the field, and a member', async () => {
    const empty = await patch(natoSecretary, `/api/operations/${kforId}`, { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('name');
    const member = await addUser(ctx, 'nato', ['member']);
    expect((await patch(member, `/api/operations/${kforId}`, { name: 'K' })).statusCode).toBe(403);
  });

  it('widens a caucus operation but never narrows it; the other party finds no caucus one', async () => {
    const hidden = (
      await post(natoSecretary, '/api/operations', {
        name: 'Y',
        fullName: 'Allied exercise',
        visibility: 'caucus',
      })
    ).json();
    const url = `/api/operations/${hidden.id}`;
    expect((await patch(russiaSecretary, url, { name: 'Z' })).statusCode).toBe(404);
    const widened = await patch(natoSecretary, url, { visibility: 'joint' });
    expect(widened.json()).toMatchObject({ visibility: 'joint', party: 'nato' });
    expect((await auditOf(hidden.id, 'operation.update')).visibility).toBe('caucus');
    expect((await patch(russiaSecretary, url, { visibility: 'caucus' })).statusCode).toBe(409);
  });
});

describe('concurrent changes to an operation', () => {
  it('keep both changes and audit each against the row it changed', async () => {
    await expectBothUpdatesKept(ctx.deps, {
      table: 'operations',
      id: kforId,
      updates: [
        () => updateOperation(ctx.deps, natoSecretary.actor, kforId, { location: 'Pristina' }),
        () =>
          updateOperation(ctx.deps, natoSecretary.actor, kforId, { mandate: 'UNSCR 1244 (1999)' }),
      ],
      expected: { location: 'Pristina', mandate: 'UNSCR 1244 (1999)' },
      auditedBefore: { action: 'operation.update', field: 'location', value: 'Pristina' },
    });
  });

  it('are seen by a figure added at that moment, which may be as wide as the widened operation', async () => {
    const { id } = (
      await post(natoSecretary, '/api/operations', {
        name: 'W',
        fullName: 'Allied exercise',
        visibility: 'caucus',
      })
    ).json();
    commitBeforeNextTransaction(ctx.deps, () =>
      updateOperation(ctx.deps, natoSecretary.actor, id, { visibility: 'joint' }),
    );
    const figure = await addStrength(ctx.deps, natoSecretary.actor, id, {
      contributor: null,
      troops: 500,
      asOf: '2001-02',
      visibility: 'joint',
    });
    expect(figure.visibility).toBe('joint');
    expect((await auditOf(figure.id, 'operationStrength.create')).visibility).toBe('joint');
    expect((await detail(id, russiaSecretary)).strengths).toHaveLength(1);
  });
});
