import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
let russiaMember: TestUser;
let natoSecretary: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
  russiaMember = await addUser(ctx, 'russia', ['member']);
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
});
afterAll(async () => ctx.close());

describe('the 2001 work programme on record', () => {
  it('is approved by the foreign ministers decision of 15 December 2000, for anyone', async () => {
    for (const headers of [{}, russiaMember.headers]) {
      const programme = (
        await ctx.app.inject({ url: '/api/work-programmes/2001', headers })
      ).json();
      expect(programme).toMatchObject({
        id: 'wp-2001',
        status: 'approved',
        approvedBy: 'decision-2000-12-15-work-programme-2001',
        approvedOn: '2000-12-15',
      });
    }
  });

  it('was agreed by a concurrence of each party, naming no official', async () => {
    const decision = (
      await ctx.app.inject({ url: '/api/decisions/decision-2000-12-15-work-programme-2001' })
    ).json();
    expect(decision.status).toBe('agreed');
    expect(decision.responses).toEqual([
      { party: 'nato', response: 'concur', version: 2, comment: null, at: '2000-12-15' },
      { party: 'russia', response: 'concur', version: 2, comment: null, at: '2000-12-15' },
    ]);
  });

  it('cannot be approved a second time', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/decisions',
      headers: natoSecretary.headers,
      payload: {
        subject: 'Again',
        text: 'Approve again.',
        approves: { kind: 'workProgramme', id: 'wp-2001' },
      },
    });
    expect(response.statusCode).toBe(409);
  });

  it('lists no areas or activities, since no source publishes its contents', async () => {
    const programme = (await ctx.app.inject({ url: '/api/work-programmes/2001' })).json();
    expect(programme).toMatchObject({ areas: [], activities: [], source: { id: 'fact-sheet' } });
    const report = (await ctx.app.inject({ url: '/api/work-programmes/2001/report' })).json();
    expect(report).toMatchObject({ total: 0, shareDone: null, areas: [], overdue: [] });
  });
});
