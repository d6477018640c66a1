import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addItem,
  createMeeting,
  insertReferenceData,
} from '../../../../tests/support/meetings.fixtures.ts';
import {
  addUser,
  callApi,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

/**
 * A meeting whose agenda both parties agreed: the adversarial review deleted it, moved it by
 * eight months and stripped it of its co-chairs, each by one party, and the agenda still said
 * agreed. Each such change now voids the agreements, visibly, or is refused.
 */
let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let russiaMember: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  await insertReferenceData(ctx);
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
});
afterAll(async () => ctx.close());

async function agreedMeeting(): Promise<string> {
  const meeting = await createMeeting(ctx, natoSecretary);
  await addItem(ctx, natoSecretary, meeting.id, { title: 'Situation in the Balkans' });
  await callApi(ctx, natoSecretary, 'PUT', `/meetings/${meeting.id}/co-chairs`, {
    secretaryGeneral: 'robertson',
    russia: 'ivanov',
  });
  for (const secretary of [natoSecretary, russiaSecretary]) {
    const read = await callApi(ctx, secretary, 'GET', `/meetings/${meeting.id}`);
    await callApi(ctx, secretary, 'POST', `/meetings/${meeting.id}/agenda/agree`, {
      agendaVersion: read.json().agenda.version,
    });
  }
  const agenda = (await callApi(ctx, russiaMember, 'GET', `/meetings/${meeting.id}`)).json().agenda;
  expect(agenda.status).toBe('agreed');
  return meeting.id;
}

const auditActions = async (id: string) =>
  (
    await ctx.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityId', '=', id)
      .orderBy('id')
      .execute()
  ).map((e) => e.action);

describe('a meeting both parties agreed', () => {
  it('cannot be deleted by one party: it is cancelled instead, on the record', async () => {
    const id = await agreedMeeting();
    const deleted = await callApi(ctx, natoSecretary, 'DELETE', `/meetings/${id}`);
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json().code).toBe('AlreadyAgreed');
    expect((await callApi(ctx, russiaMember, 'GET', `/meetings/${id}`)).statusCode).toBe(200);
  });

  it.each([
    ['moved by eight months', 'PATCH', '', { startsAt: '2001-12-18T10:00:00+01:00' }],
    ['moved to another venue', 'PATCH', '', { venue: 'Moscow' }],
    ['renamed', 'PATCH', '', { title: 'Another meeting' }],
    ['stripped of its co-chairs', 'PUT', '/co-chairs', {}],
  ] as const)('is no longer agreed once %s, and says so', async (_change, method, path, body) => {
    const id = await agreedMeeting();
    const changed = await callApi(ctx, natoSecretary, method, `/meetings/${id}${path}`, body);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().voidedAgreements).toEqual([
      { party: 'nato', agendaVersion: expect.any(Number) },
      { party: 'russia', agendaVersion: expect.any(Number) },
    ]);
    const seen = (await callApi(ctx, russiaMember, 'GET', `/meetings/${id}`)).json();
    expect(seen.agenda).toMatchObject({ status: 'draft', agreedBy: [] });
    expect(await auditActions(id)).toContain('meeting.void-agreements');
  });

  it('keeps its agreements when only the summary record is written', async () => {
    const id = await agreedMeeting();
    const changed = await callApi(ctx, natoSecretary, 'PATCH', `/meetings/${id}`, {
      summary: 'Ambassadors exchanged views.',
    });
    expect(changed.json().voidedAgreements).toEqual([]);
    const seen = (await callApi(ctx, russiaMember, 'GET', `/meetings/${id}`)).json();
    expect(seen.agenda.status).toBe('agreed');
  });
});

describe('what a joint meeting names', () => {
  const caucus = (table: 'delegations' | 'people', id: string) => {
    const at = '2001-01-01T00:00:00.000Z';
    const base = { visibility: 'caucus' as const, party: 'nato', sourceId: null };
    return table === 'delegations'
      ? ctx.deps.db
          .insertInto('delegations')
          .values({
            id,
            name: id,
            countryCode: null,
            joinedOn: null,
            leftOn: null,
            ...base,
            createdAt: at,
            updatedAt: at,
          })
          .execute()
      : ctx.deps.db
          .insertInto('people')
          .values({
            id,
            name: id,
            honorific: null,
            delegationId: null,
            ...base,
            createdAt: at,
            updatedAt: at,
          })
          .execute();
  };

  beforeAll(async () => {
    await caucus('delegations', 'nato-covert-cell');
    await caucus('people', 'allied-liaison');
  });

  it("never names a party's caucus delegation or person, which the other party would read", async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    const attendance = await callApi(
      ctx,
      natoSecretary,
      'PUT',
      `/meetings/${meeting.id}/attendance`,
      [{ delegationId: 'nato-covert-cell' }],
    );
    expect(attendance.statusCode).toBe(422);
    expect(attendance.json()).toMatchObject({
      code: 'VisibilityTooWide',
      errors: [{ field: '0.delegationId' }],
    });
    const attendee = await callApi(
      ctx,
      natoSecretary,
      'PUT',
      `/meetings/${meeting.id}/attendance`,
      [{ delegationId: 'nato-be', personId: 'allied-liaison' }],
    );
    expect(attendee.json().errors).toEqual([expect.objectContaining({ field: '0.personId' })]);
    const coChair = await callApi(ctx, natoSecretary, 'PUT', `/meetings/${meeting.id}/co-chairs`, {
      secretaryGeneral: 'allied-liaison',
    });
    expect(coChair.json()).toMatchObject({
      code: 'VisibilityTooWide',
      errors: [{ field: 'secretaryGeneral' }],
    });
    const seen = JSON.stringify(
      (await callApi(ctx, russiaMember, 'GET', `/meetings/${meeting.id}`)).json(),
    );
    expect(seen).not.toContain('nato-covert-cell');
    expect(seen).not.toContain('allied-liaison');
  });

  it('may name its own party caucus items on a caucus meeting', async () => {
    const meeting = await createMeeting(ctx, natoSecretary, { format: 'caucus' });
    const attendance = await callApi(
      ctx,
      natoSecretary,
      'PUT',
      `/meetings/${meeting.id}/attendance`,
      [{ delegationId: 'nato-covert-cell' }],
    );
    expect(attendance.statusCode).toBe(200);
  });
});
