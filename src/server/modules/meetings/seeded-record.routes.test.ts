import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';

// Against the PJC reference record (data/pjc): what the sources say happened in 2000.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
});
afterAll(async () => ctx.close());

describe('the PJC record', () => {
  it('does not count the gaps of the record of 2000 as meetings the council failed to hold', async () => {
    const report = (await ctx.app.inject({ url: '/api/council/cadence?year=2000' })).json();
    const line = (level: string) => report.levels.find((l: { level: string }) => l.level === level);
    // The May and June 2000 ministerials have no level on record, so they count for none.
    expect(line('foreign-ministers')).toMatchObject({ held: 1, notOnRecord: 1, shortfall: null });
    expect(line('defence-ministers')).toMatchObject({ held: 1, notOnRecord: 1, shortfall: null });
    expect(line('ambassadors')).toMatchObject({
      held: 1,
      planned: 0,
      recordComplete: false,
      notOnRecord: 11,
      shortfall: null,
    });
    expect(line('ambassadors').reason).toMatch(/lists only the meetings its sources name/);
    expect(report.recordComplete).toBe(false);
    expect(report.coverage).toEqual([
      expect.objectContaining({
        id: 'pjc-record-1997-2002',
        complete: false,
        source: { id: 'fact-sheet', url: '/api/sources/fact-sheet' },
      }),
    ]);
  });

  it("calls a gap a shortfall in a year the record's coverage does not speak of", async () => {
    const report = (await ctx.app.inject({ url: '/api/council/cadence?year=2003' })).json();
    expect(report).toMatchObject({ recordComplete: true, coverage: [] });
    expect(report.levels.find((l: { level: string }) => l.level === 'ambassadors')).toMatchObject({
      held: 0,
      notOnRecord: 12,
      shortfall: 12,
      reason: null,
    });
  });

  it('puts meetings known to the day in the calendar as all-day events, and no others', async () => {
    const ics = (await ctx.app.inject({ url: '/api/meetings.ics' })).body;
    expect(ics).toContain('UID:pjc-2000-12-05-defence-ministers@joint-council');
    expect(ics).toContain('DTSTART;VALUE=DATE:20001205');
    expect(ics).not.toContain('pjc-2000-05-ministerial');
    expect(ics).not.toContain('pjc-1997-12-defence-ministers');
  });

  it('lists the record in date order, month-only meetings before the days of that month', async () => {
    const response = await ctx.app.inject({ url: '/api/meetings?from=2000&to=2000' });
    expect(response.json().items.map((m: { id: string }) => m.id)).toEqual([
      'pjc-2000-03-15-ambassadors',
      'pjc-2000-05-ministerial',
      'pjc-2000-06-ministerial',
      'pjc-2000-12-05-defence-ministers',
      'pjc-2000-12-15-foreign-ministers',
    ]);
  });

  it('lists the December 2000 ministerials with their levels and dates, agendas not on record', async () => {
    const response = await ctx.app.inject({ url: '/api/meetings?from=2000-12&to=2000-12' });
    expect(response.statusCode).toBe(200);
    const meetings = response
      .json()
      .items.map(
        (m: { date: string; level: string; status: string; agenda: { status: string } }) => ({
          date: m.date,
          level: m.level,
          status: m.status,
          agenda: m.agenda.status,
        }),
      );
    expect(meetings).toEqual([
      { date: '2000-12-05', level: 'defence-ministers', status: 'held', agenda: 'not-recorded' },
      { date: '2000-12-15', level: 'foreign-ministers', status: 'held', agenda: 'not-recorded' },
    ]);
  });
});
