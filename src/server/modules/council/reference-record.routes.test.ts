import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';

// The reference modules read against the PJC record as seeded from data/pjc.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
});
afterAll(async () => ctx.close());

const get = async (url: string) => (await ctx.app.inject({ url })).json();

describe('the PJC record as anyone reads it', () => {
  it('describes the council with its founding act as source', async () => {
    const council = await get('/api/council');
    expect(council).toMatchObject({
      shortName: 'PJC',
      foundedOn: '1997-05-27',
      languages: ['en', 'fr', 'ru'],
    });
    expect(council.source?.id).toBe('founding-act');
  });

  it('gives each statement about the council its own source, and says the record is incomplete', async () => {
    const council = await get('/api/council');
    const sourceOf = (words: RegExp) =>
      council.statements.find((s: { text: string }) => words.test(s.text))?.source?.id;
    expect(sourceOf(/main role of the PJC/)).toBe('fact-sheet');
    expect(sourceOf(/established jointly/)).toBe('founding-act');
    expect(sourceOf(/"19\+1"/)).toBe('nrc-website');
    expect(council.recordCoverage).toMatchObject([
      { startsOn: '1997-07-18', endsOn: '2002-05-28', level: null, complete: false },
    ]);
  });

  it('marks the agenda items of the record as its own reconstruction, each citing its source', async () => {
    const meeting = await get('/api/meetings/pjc-1997-07-18');
    expect(meeting.coChairs.map((c: { source: { id: string } }) => c.source.id)).toEqual([
      'rferl-1997-07',
      'rferl-1997-07',
      'rferl-1997-07',
    ]);
    expect(meeting.agendaItems).toMatchObject([
      {
        title: 'Rules of procedure',
        reconstructed: true,
        source: { id: 'reference-facts', url: '/api/sources/reference-facts' },
      },
    ]);
    const kfor = await get('/api/timeline/1999-06-russia-joins-kfor');
    expect(kfor).toMatchObject({ date: '1999-06', reconstructed: true, sourceId: 'fact-sheet' });
  });

  it.each([
    ['1999-05-01', 'suspended', null],
    ['1999-09-01', 'restricted', 'KFOR matters only'],
    ['2000-12-15', 'active', null],
  ])('gives the council status on %s as %s', async (at, status, scope) => {
    expect(await get(`/api/council/status?at=${at}`)).toMatchObject({ status, scope });
  });

  it("gives Russia's shares of SFOR and KFOR", async () => {
    const sfor = await get('/api/operations/sfor');
    const kfor = await get('/api/operations/kfor');
    expect(sfor.strength.contributors[0]).toMatchObject({
      contributor: 'russia',
      troops: 1200,
      qualifier: 'about',
      share: 0.06,
    });
    expect(kfor.strength.total.troops).toBe(42500);
    expect(kfor.strength.contributors[0]).toMatchObject({
      troops: 3150,
      qualifier: 'some',
      share: 0.0741,
    });
  });

  it('finds search and rescue at sea', async () => {
    const found = await get('/api/search?q=search%20and%20rescue');
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.map((i: { entityId: string }) => i.entityId)).toContain(
      'search-and-rescue-at-sea',
    );
  });

  it('lists the timeline in date order', async () => {
    const page = await get('/api/timeline?limit=200');
    const dates = page.items.map((e: { date: string }) => e.date);
    expect(dates.length).toBeGreaterThan(3);
    expect([...dates].sort()).toEqual(dates);
  });
});
