import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { SEARCHABLE_TYPES } from '../../../shared/entities.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaMember: TestUser;
let natoMember: TestUser;
let caucusOfficeId: string;

const post = (user: TestUser, url: string, payload: object) =>
  ctx.app.inject({ method: 'POST', url, headers: user.headers, payload });

const search = (query: string, user?: TestUser) =>
  ctx.app.inject({ url: `/api/search?${query}`, ...(user ? { headers: user.headers } : {}) });

const ids = (body: { items: { entityId: string }[] }) => body.items.map((i) => i.entityId);

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoMember = await addUser(ctx, 'nato', ['member']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  await post(natoSecretary, '/api/topics', {
    name: 'Search and rescue at sea',
    description: 'A work programme agreed by defence ministers on 5 December 2000.',
    visibility: 'public',
  });
  await post(natoSecretary, '/api/timeline', {
    date: '2000-12-05',
    kind: 'meeting',
    title: 'Defence ministers agree a work programme on search and rescue at sea',
  });
  const caucus = await post(natoSecretary, '/api/offices', {
    name: 'Search and rescue liaison cell',
    kind: 'other',
    location: 'Brussels',
    visibility: 'caucus',
  });
  caucusOfficeId = caucus.json().id;
  for (let n = 1; n <= 5; n++) {
    await post(natoSecretary, '/api/timeline', {
      date: `2001-0${n}`,
      kind: 'statement',
      title: `Press statement on peacekeeping number ${n}`,
    });
  }
});
afterAll(async () => ctx.close());

describe('search', () => {
  it('finds "search and rescue" across types, with snippets and urls', async () => {
    const response = await search('q=search%20and%20rescue', natoMember);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((i: { entityType: string }) => i.entityType).sort()).toEqual([
      'office',
      'timelineEvent',
      'topic',
    ]);
    const topic = body.items.find((i: { entityType: string }) => i.entityType === 'topic');
    expect(topic.url).toBe(`/api/topics/${topic.entityId}`);
    expect(body.items.some((i: { snippet: string }) => i.snippet.includes('['))).toBe(true);
  });

  it("never shows a party's caucus item to the other party or to anonymous callers", async () => {
    const russia = (await search('q=search%20and%20rescue', russiaMember)).json();
    const anonymous = (await search('q=search%20and%20rescue')).json();
    expect(ids(russia)).not.toContain(caucusOfficeId);
    expect(ids(russia)).toHaveLength(2);
    expect(ids(anonymous)).not.toContain(caucusOfficeId);
    expect(anonymous.items.map((i: { entityType: string }) => i.entityType)).toEqual(['topic']);
  });

  it('filters by type', async () => {
    const body = (await search('q=rescue&type=timelineEvent', natoMember)).json();
    expect(body.items.map((i: { entityType: string }) => i.entityType)).toEqual(['timelineEvent']);
  });

  it('pages with a cursor and refuses a forged one', async () => {
    const first = (await search('q=press%20statement&limit=2', russiaMember)).json();
    expect(first.items).toHaveLength(2);
    const seen = new Set(ids(first));
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = (
        await search(`q=press%20statement&limit=2&cursor=${cursor}`, russiaMember)
      ).json();
      for (const id of ids(page)) seen.add(id);
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(5);
    const forged = Buffer.from('[-5]').toString('base64url');
    expect((await search(`q=press&cursor=${forged}`, russiaMember)).statusCode).toBe(400);
    expect((await search('q=press&cursor=garbage!!', russiaMember)).statusCode).toBe(400);
  });

  it('names q when it is missing, empty or too long', async () => {
    for (const query of ['', 'q=', 'q=%20%20', `q=${'a'.repeat(201)}`]) {
      const response = await search(query, natoMember);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ field: 'q', in: 'query', pointer: '/q' });
    }
  });

  it('finds nothing, without failing, for a query made only of operators', async () => {
    for (const q of ['"', '***', 'NEAR(', '^:-()', '""']) {
      const response = await search(`q=${encodeURIComponent(q)}`, natoMember);
      expect(response.statusCode).toBe(200);
      if (!/[a-z]/i.test(q)) expect(response.json().items).toEqual([]);
    }
  });

  it('never answers with a server error, whatever the query', async () => {
    const ftsSyntax = fc
      .array(
        fc.constantFrom(
          '"',
          '*',
          'NEAR(',
          'AND',
          'OR',
          'NOT',
          '^',
          ':',
          '(',
          ')',
          '-',
          '+',
          'title:',
          ' ',
          'rescue',
          '{',
          '}',
        ),
        { minLength: 1, maxLength: 12 },
      )
      .map((parts) => parts.join(''));
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), ftsSyntax);
    await fc.assert(
      fc.asyncProperty(text, async (q) => {
        const response = await search(`q=${encodeURIComponent(q)}`, natoMember);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the url of a hit', () => {
  it('leads, for every type the search indexes, to a route that answers its finder', async () => {
    const word = 'Quokka';
    const made = async (url: string, payload: object) => {
      const response = await post(natoSecretary, url, payload);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(201);
      return response.json<{ id: string }>().id;
    };
    const meetingId = await made('/api/meetings', {
      title: `${word} plenary`,
      level: 'ambassadors',
      format: 'joint',
      startsAt: '2031-03-01T10:00:00+01:00',
    });
    const itemId = await made(`/api/meetings/${meetingId}/agenda-items`, { title: `${word} item` });
    await made('/api/work-programmes', { year: 2031, title: `${word} programme` });
    const activityId = await made('/api/work-programmes/2031/activities', {
      title: `${word} exercise`,
      lead: 'joint',
    });
    await made(`/api/work-programmes/2031/activities/${activityId}/progress`, {
      on: '2031-02',
      text: `${word} progress noted`,
    });
    await made('/api/decisions', { subject: `${word} decision`, text: `${word} decided.` });
    await made('/api/notes', { text: `${word} note`, visibility: 'joint', agendaItemId: itemId });
    await made('/api/offices', { name: `${word} office`, kind: 'other' });
    await made('/api/operations', { name: 'QKFOR', fullName: `${word} force` });
    await made('/api/timeline', { date: '2031-01', kind: 'statement', title: `${word} said` });
    await made('/api/topics', { name: `${word} topic` });
    await made('/api/people', { name: `${word} Person` });
    await made('/api/parties/nato/delegations', { id: 'nato-qq', name: `${word} delegation` });
    await made('/api/texts', {
      kind: 'press-statement',
      title: `${word} statement`,
      paragraphs: [`${word} paragraph.`],
    });

    const hits = (await search(`q=${word}&limit=100`, natoSecretary)).json<{
      items: { entityType: string; url: string }[];
    }>().items;
    expect(new Set(hits.map((h) => h.entityType))).toEqual(new Set(SEARCHABLE_TYPES));
    for (const hit of hits) {
      const response = await ctx.app.inject({ url: hit.url, headers: natoSecretary.headers });
      expect(response.statusCode, `${hit.entityType} at ${hit.url}`).toBe(200);
    }
  });
});
