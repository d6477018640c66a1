import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, insertReferenceData } from '../../../../tests/support/meetings.fixtures.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  await insertReferenceData(ctx);
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
});
afterAll(async () => ctx.close());

describe('co-chairs and attendance', () => {
  it('records the three co-chairs of a joint meeting', async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    const response = await ctx.app.inject({
      method: 'PUT',
      url: `/api/meetings/${meeting.id}/co-chairs`,
      headers: natoSecretary.headers,
      payload: {
        secretaryGeneral: 'robertson',
        rotating: { delegationId: 'nato-be', personId: 'de-ruyt' },
        russia: 'ivanov',
      },
    });
    expect(response.statusCode).toBe(200);
    // Recorded by a secretary, not taken from a document: no source is cited.
    const unsourced = { sourceId: null, source: null };
    expect(response.json().coChairs).toEqual([
      { role: 'secretary-general', personId: 'robertson', delegationId: null, ...unsourced },
      { role: 'rotating', personId: 'de-ruyt', delegationId: 'nato-be', ...unsourced },
      { role: 'russia', personId: 'ivanov', delegationId: null, ...unsourced },
    ]);
  });

  it("refuses co-chairs that break the Founding Act's rule, naming the field", async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    const response = await ctx.app.inject({
      method: 'PUT',
      url: `/api/meetings/${meeting.id}/co-chairs`,
      headers: natoSecretary.headers,
      payload: { rotating: { delegationId: 'russia-mission' }, russia: 'de-ruyt' },
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['rotating.delegationId', 'russia']);
  });

  it('gives a caucus no co-chairs', async () => {
    const caucus = await createMeeting(ctx, russiaSecretary, { format: 'caucus' });
    const response = await ctx.app.inject({
      method: 'PUT',
      url: `/api/meetings/${caucus.id}/co-chairs`,
      headers: russiaSecretary.headers,
      payload: { russia: 'ivanov' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('JointMeetingOnly');
  });

  it('records attendance per delegation, and a caucus only of its own party', async () => {
    const meeting = await createMeeting(ctx, natoSecretary);
    const response = await ctx.app.inject({
      method: 'PUT',
      url: `/api/meetings/${meeting.id}/attendance`,
      headers: russiaSecretary.headers,
      payload: [
        { delegationId: 'russia-mission', personId: 'ivanov' },
        { delegationId: 'nato-be', representative: 'Deputy permanent representative' },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().attendance).toEqual([
      {
        delegationId: 'nato-be',
        personId: null,
        representative: 'Deputy permanent representative',
        sourceId: null,
        source: null,
      },
      {
        delegationId: 'russia-mission',
        personId: 'ivanov',
        representative: null,
        sourceId: null,
        source: null,
      },
    ]);
    const caucus = await createMeeting(ctx, natoSecretary, { format: 'caucus' });
    const mixed = await ctx.app.inject({
      method: 'PUT',
      url: `/api/meetings/${caucus.id}/attendance`,
      headers: natoSecretary.headers,
      payload: [{ delegationId: 'nato-it' }, { delegationId: 'russia-mission' }],
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors[0].field).toBe('1.delegationId');
  });
});
