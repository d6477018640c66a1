import type { NewRow } from '../../src/server/db/schema.ts';
import type { Meeting } from '../../src/shared/meetings.schemas.ts';
import type { TestContext, TestUser } from './test-context.ts';

/** Factories for the meetings tests: they go through the API, as a client would. */
export async function createMeeting(
  ctx: TestContext,
  user: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<Meeting> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: user.headers,
    payload: {
      title: 'Permanent Joint Council at ambassadors level',
      level: 'ambassadors',
      format: 'joint',
      startsAt: '2001-04-18T10:00:00+02:00',
      ...overrides,
    },
  });
  if (response.statusCode !== 201) {
    throw new Error(`createMeeting: ${response.statusCode} ${response.body}`);
  }
  return response.json();
}

export async function addItem(
  ctx: TestContext,
  user: TestUser,
  meetingId: string,
  payload: Record<string, unknown>,
) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/meetings/${meetingId}/agenda-items`,
    headers: user.headers,
    payload,
  });
}

const stamp = { createdAt: '2001-01-01T00:00:00.000Z', updatedAt: '2001-01-01T00:00:00.000Z' };

/** Reference data the API does not create in this module: delegations, people, topics. */
export async function insertReferenceData(ctx: TestContext): Promise<void> {
  const delegation = (
    id: string,
    party: string,
    countryCode: string | null,
    joinedOn: string | null,
  ): NewRow<'delegations'> => ({
    id,
    name: id,
    countryCode,
    joinedOn,
    leftOn: null,
    sourceId: null,
    visibility: 'public',
    party,
    ...stamp,
  });
  await ctx.deps.db
    .insertInto('delegations')
    .values([
      delegation('nato-be', 'nato', 'BE', '1949-04-04'),
      delegation('nato-it', 'nato', 'IT', '1949-04-04'),
      delegation('russia-mission', 'russia', null, null),
    ])
    .execute();
  const person = (id: string, delegationId: string | null): NewRow<'people'> => ({
    id,
    name: id,
    honorific: null,
    delegationId,
    sourceId: null,
    visibility: 'public',
    party: null,
    ...stamp,
  });
  await ctx.deps.db
    .insertInto('people')
    .values([
      person('robertson', null),
      person('ivanov', 'russia-mission'),
      person('de-ruyt', 'nato-be'),
    ])
    .execute();
  await ctx.deps.db
    .insertInto('topics')
    .values({
      id: 'search-and-rescue-at-sea',
      name: 'Search and rescue at sea',
      parentId: null,
      description: null,
      sourceId: null,
      visibility: 'public',
      party: null,
      ...stamp,
    })
    .execute();
}

/**
 * Makes a joint meeting public the only way there is: each party's secretary asks to publish
 * the version it read. Answers the meeting as the last request left it.
 */
export async function publishMeeting(
  ctx: TestContext,
  secretaries: readonly TestUser[],
  meetingId: string,
): Promise<Meeting> {
  let last: Meeting | undefined;
  for (const secretary of secretaries) {
    const read = await ctx.app.inject({
      url: `/api/meetings/${meetingId}`,
      headers: secretary.headers,
    });
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/publish`,
      headers: secretary.headers,
      payload: { version: read.json().agenda.version },
    });
    if (response.statusCode !== 200) {
      throw new Error(`publishMeeting: ${response.statusCode} ${response.body}`);
    }
    last = response.json();
  }
  if (!last) throw new Error('publishMeeting: name at least one secretary');
  return last;
}
