import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';

/** Bad input gets a clear 4xx naming the field, never a 500, and loses nothing stored. */
let ctx: TestContext;
let secretary: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  secretary = await addUser(ctx, 'nato', ['secretary']);
});
afterAll(async () => ctx.close());

const createMeeting = (payload: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: { ...secretary.headers, ...headers },
    payload: payload as string,
  });
const valid = {
  title: 'PJC',
  level: 'ambassadors',
  format: 'joint',
  startsAt: '2001-04-18T10:00:00+02:00',
};

describe('bad input', () => {
  it.each([
    ['an unknown enum value', { ...valid, level: 'generals' }, 'level'],
    ['a wrong type', { ...valid, title: 42 }, 'title'],
    ['a date without an offset', { ...valid, startsAt: '2001-04-18T10:00:00' }, 'startsAt'],
    ['a missing field', { title: 'PJC', format: 'joint', startsAt: valid.startsAt }, 'level'],
  ])('names the field for %s', async (_what, payload, field) => {
    const response = await createMeeting(payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a field the route does not take, instead of dropping it (issue 5)', async () => {
    const meeting = (await createMeeting(valid)).json();
    const item = await ctx.app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/agenda-items`,
      headers: secretary.headers,
      payload: { title: 'Caucus line', visibility: 'caucus' },
    });
    expect(item.statusCode).toBe(400);
    expect(item.json().errors).toEqual([
      {
        field: 'visibility',
        in: 'body',
        pointer: '/visibility',
        message: 'is not a field of this request',
      },
    ]);
    const typo = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${meeting.id}`,
      headers: secretary.headers,
      payload: { endAt: '2001-04-18T12:00:00+02:00' },
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().errors.map((e: { field: string }) => e.field)).toEqual(['endAt']);
    const after = await ctx.app.inject({
      url: `/api/meetings/${meeting.id}`,
      headers: secretary.headers,
    });
    expect(after.json()).toMatchObject({ endsAt: null, agendaItems: [] });
  });

  it('refuses a caucus work programme: a programme is the council’s, never one party’s', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/work-programmes',
      headers: secretary.headers,
      payload: { year: 2002, title: 'Allied programme', visibility: 'caucus' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('visibility');
  });

  it('answers 413 for an oversized body', async () => {
    const response = await createMeeting({ ...valid, title: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('BodyTooLarge');
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await createMeeting('{"title": "PJC",', {
      'content-type': 'application/json',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('MalformedJson');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await createMeeting('title=PJC', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.statusCode).toBe(415);
  });

  it('names the query parameter for a bad limit', async () => {
    const response = await ctx.app.inject({ url: '/api/meetings?limit=0' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('limit');
  });

  it('keeps what was stored when a later request fails', async () => {
    const created = await createMeeting(valid);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const broken = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${id}`,
      headers: secretary.headers,
      payload: { endsAt: '2001-04-18T09:00:00+02:00' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0].field).toMatch(/endsAt/);
    const after = await ctx.app.inject({ url: `/api/meetings/${id}`, headers: secretary.headers });
    expect(after.json()).toMatchObject({ title: 'PJC', endsAt: null });
  });
});
