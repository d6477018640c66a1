import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';

// Read against the PJC record as seeded from data/pjc, by a caller who is not signed in.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
});
afterAll(async () => ctx.close());

const get = (url: string) => ctx.app.inject({ url });

const DISCLAIMER =
  'This text is not a formally agreed NATO document and, therefore, does not necessarily represent the official views of individual member governments on all policy issues discussed.';

describe('the sources', () => {
  it("give the fact sheet's publisher, its address and contacts, and its disclaimer verbatim", async () => {
    const response = await get('/api/sources/fact-sheet');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: 'fact-sheet',
      title: 'Russia-NATO relations',
      publisher: 'NATO Office of Information and Press',
      publisherAddress: 'OFFICE OF INFORMATION AND PRESS\nNATO\nB-1110 Brussels\nBelgium',
      publisherFax: '32-(0)2-707 1252',
      publisherEmail: 'natodoc@hq.nato.int',
      publisherWebsite: 'http://WWW.NATO.INT/',
      publishedOn: '2001',
      reference: null,
      disclaimer: DISCLAIMER,
      url: '/api/sources/fact-sheet',
    });
  });

  it('list every source by id, a page at a time', async () => {
    const first = (await get('/api/sources?limit=4')).json();
    expect(first.items).toHaveLength(4);
    const rest = (await get(`/api/sources?limit=200&cursor=${first.nextCursor}`)).json();
    const ids = [...first.items, ...rest.items].map((s: { id: string }) => s.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['fact-sheet', 'founding-act', 'reference-facts']));
    expect(rest.nextCursor).toBeNull();
  });

  it('answer an unknown source with a 404 problem, like everything else', async () => {
    const response = await get('/api/sources/rumour');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, code: 'NotFound' });
  });
});

/** Every object in a response that carries a sourceId, however deeply nested. */
function citingObjects(value: unknown, found: Record<string, unknown>[] = []) {
  if (Array.isArray(value)) for (const v of value) citingObjects(v, found);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if ('sourceId' in record) found.push(record);
    for (const v of Object.values(record)) citingObjects(v, found);
  }
  return found;
}

describe('every item that cites a source', () => {
  it.each([
    '/api/council',
    '/api/council/periods',
    '/api/parties',
    '/api/people/robertson',
    '/api/topics?limit=200',
    '/api/meetings?limit=200',
    '/api/meetings/pjc-1997-07-18',
    '/api/meetings/pjc-2000-12-15-foreign-ministers',
    '/api/work-programmes/2001',
    '/api/decisions',
    '/api/offices',
    '/api/operations/kfor',
    '/api/timeline?limit=200',
    '/api/council/cadence?year=2000',
  ])('in %s links to a source that answers', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    const items = citingObjects(response.json());
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.sourceId, JSON.stringify(item)).not.toBeNull();
      expect(item.source).toMatchObject({
        id: item.sourceId,
        url: `/api/sources/${item.sourceId}`,
      });
      const url = (item.source as { url: string }).url;
      expect((await get(url)).statusCode, url).toBe(200);
    }
  });
});
