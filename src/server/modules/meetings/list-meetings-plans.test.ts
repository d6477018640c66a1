import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';
import { itOnlyOn } from '../../../../tests/support/test-database.ts';
import type { UserActor } from '../access/actor.ts';
import { selectMeetingsPage } from './list-meetings.ts';

/**
 * A council where one party keeps almost every meeting to itself, with the planner's
 * statistics gathered: the skew under which whole indexes made SQLite read the smaller party's
 * caucus on an index holding the larger party's too. Each audience must still be read on an
 * index of its own meetings only (migration 2026-12-07T1400), for either party's caller.
 */
const NATO_CAUCUS = 3_000;
const JOINT = 150;
const RUSSIA_CAUCUS = 30;

let ctx: TestContext;
const member = (party: string): UserActor => ({
  kind: 'user',
  userId: `${party}-member`,
  username: `${party}-member`,
  party,
  roles: ['member'],
});

beforeAll(async () => {
  ctx = await createTestContext({ seed: 'parties' });
  const at = '2001-01-01T00:00:00.000Z';
  const rows = [];
  for (let i = 0; i < NATO_CAUCUS + JOINT + RUSSIA_CAUCUS; i++) {
    const party = i < NATO_CAUCUS ? 'nato' : i < NATO_CAUCUS + JOINT ? null : 'russia';
    const date = new Date(Date.UTC(1998, 0, 1) + ((i * 7919) % 3_650) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    rows.push(
      sql`(${`m-${i}`}, 'A meeting', 'ambassadors', ${party ? 'caucus' : 'joint'}, 'held',
        ${date}, ${party ? 'caucus' : i % 10 === 0 ? 'public' : 'joint'}, ${party}, ${at}, ${at})`,
    );
  }
  for (let i = 0; i < rows.length; i += 400) {
    await sql`insert into "meetings" ("id", "title", "level", "format", "status", "date",
      "visibility", "party", "createdAt", "updatedAt") values ${sql.join(rows.slice(i, i + 400))}`.execute(
      ctx.deps.db,
    );
  }
  await sql`analyze`.execute(ctx.deps.db);
});
afterAll(async () => ctx.close());

const FILTERS = [
  {},
  { level: 'ambassadors' as const },
  { status: 'held' as const },
  { format: 'caucus' as const },
  { from: '1999', to: '2004' },
  { level: 'ambassadors' as const, status: 'held' as const },
];

describe("a page of meetings on a council of one party's caucus meetings", () => {
  itOnlyOn(
    'sqlite',
    "it reads SQLite's query plans; tests/query-plans.test.ts checks PostgreSQL's",
  )('reads each audience on an index of its own meetings, for either party', async () => {
    for (const party of ['nato', 'russia']) {
      for (const filters of FILTERS) {
        for (const after of [null, ['2001-06-01', 'm-1'] as const]) {
          const query = selectMeetingsPage(ctx.deps.db, member(party), filters, {
            topicIsCommon: false,
            after,
            limit: 50,
          }).compile();
          const plan = await ctx.deps.db.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
          );
          const steps = plan.rows
            .map((r) => r.detail.replace('USING COVERING INDEX', 'USING INDEX'))
            .filter((d) => /^(SEARCH|SCAN) meetings\b/.test(d) && !d.includes('(id=?)'));
          const where = `${party} ${JSON.stringify(filters)} after ${after}`;
          expect(steps, where).toHaveLength(3);
          expect(
            steps.filter((d) => /USING INDEX meetingsBy(Level|Status|Format)?Party \(/.test(d)),
            where,
          ).toHaveLength(1);
          expect(
            steps.filter((d) =>
              /USING INDEX meetingsBy(Visibility|Level|Status|Format) \(/.test(d),
            ),
            where,
          ).toHaveLength(2);
        }
      }
    }
  });
});
