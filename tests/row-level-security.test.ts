import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAsViewer } from '../src/server/db/postgres.ts';
import { turnVisibilityFilterOffForTest } from '../src/server/modules/access/visibility.policy.ts';
import {
  addUser,
  callApi,
  createTestContext,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';
import { TEST_DIALECT } from './support/test-database.ts';

/**
 * Defence in depth on PostgreSQL: with the application's own visibility filter switched off,
 * row-level security alone keeps Russia's caucus from NATO and from the public, on every read
 * route of the API. On SQLite, which has no row-level security, the same crawl is the control:
 * it finds the caucus, which shows that the switch works and that the crawl would see a leak.
 */
const CANARY = 'ZEBRA-CANARY';

let ctx: TestContext;
let natoMember: TestUser;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
const ids: Record<string, string> = {};

async function created(user: TestUser, url: string, payload: object): Promise<string> {
  const response = await callApi(ctx, user, 'POST', url, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

beforeAll(async () => {
  ctx = await createTestContext();
  natoMember = await addUser(ctx, 'nato', ['member']);
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary', 'member']);
  ids.meeting = await created(russiaSecretary, '/meetings', {
    title: `Caucus ${CANARY}`,
    level: 'ambassadors',
    format: 'caucus',
    party: 'russia',
    startsAt: '2001-04-18T10:00:00+02:00',
  });
  ids.agendaItem = await created(russiaSecretary, `/meetings/${ids.meeting}/agenda-items`, {
    title: `Item ${CANARY}`,
  });
  ids.note = await created(russiaSecretary, '/notes', {
    text: `Line to take ${CANARY}`,
    visibility: 'caucus',
  });
  ids.text = await created(russiaSecretary, '/texts', {
    kind: 'press-statement',
    title: `Draft ${CANARY}`,
    visibility: 'caucus',
    paragraphs: [`We shall insist ${CANARY}.`],
  });
});
afterEach(() => turnVisibilityFilterOffForTest(false));
afterAll(async () => ctx.close());

/** Every GET of the OpenAPI document, its path parameters filled with the caucus's ids. */
async function readRoutes(): Promise<string[]> {
  const document = (await ctx.app.inject({ url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const fill: Record<string, string[]> = {
    '/api/meetings/{id}': [ids.meeting as string],
    '/api/meetings/{id}/agenda-items': [ids.meeting as string],
    '/api/notes/{id}': [ids.note as string],
    '/api/texts/{id}': [ids.text as string],
  };
  const urls: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!('get' in operations) || path.includes('/events')) continue;
    const values = fill[path] ?? Object.values(ids);
    for (const id of path.includes('{') ? values : ['']) {
      urls.push(
        path
          .replace(/\{id\}/, id)
          .replace(/\{meetingId\}/, ids.meeting as string)
          .replace(/\{itemId\}/, ids.agendaItem as string)
          .replace(/\{[a-zA-Z]+\}/g, id || 'x'),
      );
    }
  }
  // Lists and search, where a caucus row would show among others.
  urls.push(`/api/search?q=${CANARY}`, '/api/audit?limit=200', '/api/record-log?limit=200');
  return urls;
}

async function leaks(reader: TestUser | null): Promise<string[]> {
  const found: string[] = [];
  for (const url of await readRoutes()) {
    const response = await ctx.app.inject({ url, ...(reader ? { headers: reader.headers } : {}) });
    expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(500);
    if (response.body.includes(CANARY)) {
      found.push(url);
    }
  }
  return found;
}

// Each dialect skips the other's half, and says so.
console.info(
  TEST_DIALECT === 'postgres'
    ? 'row-level-security: the SQLite control is skipped on PostgreSQL (it runs in the SQLite project)'
    : 'row-level-security: the PostgreSQL checks are skipped on SQLite, which has no row-level security (they run when TEST_DATABASE_URL is set)',
);

describe.runIf(TEST_DIALECT === 'postgres')('row-level security on PostgreSQL', () => {
  it('keeps the caucus from the other party and the public with the filter off', async () => {
    turnVisibilityFilterOffForTest(true);
    expect(await leaks(natoMember)).toEqual([]);
    expect(await leaks(natoSecretary)).toEqual([]);
    expect(await leaks(null)).toEqual([]);
  });

  it("still shows the caucus to its own party, and refuses the other party's writes into it", async () => {
    turnVisibilityFilterOffForTest(true);
    const own = await callApi(ctx, russiaSecretary, 'GET', `/meetings/${ids.meeting}`);
    expect(own.statusCode).toBe(200);
    const foreign = await callApi(ctx, natoSecretary, 'PATCH', `/meetings/${ids.meeting}`, {
      title: 'Renamed by the other party',
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses the rows themselves to a connection that serves the other party', async () => {
    const count = (viewer: 'party:nato' | 'party:russia' | 'anonymous') =>
      runAsViewer(viewer, async () => {
        const { rows } = await sql<{ n: number }>`
          select count(*) as "n" from "meetings" where "party" = 'russia'`.execute(ctx.deps.db);
        return rows[0]?.n;
      });
    expect(await count('party:russia')).toBe(1);
    expect(await count('party:nato')).toBe(0);
    expect(await count('anonymous')).toBe(0);
    const role = await runAsViewer('party:nato', () =>
      sql<{ role: string; bypass: boolean; owns: number }>`
        select current_user as "role", r.rolbypassrls as "bypass",
          (select count(*) from pg_tables t where t.tableowner = current_user) as "owns"
        from pg_roles r where r.rolname = current_user`.execute(ctx.deps.db),
    );
    expect(role.rows[0]).toEqual({ role: 'council_app', bypass: false, owns: 0 });
  });
});

describe.runIf(TEST_DIALECT === 'sqlite')(
  'the control on SQLite, which has no row-level security',
  () => {
    it('finds the caucus once the filter is off, so the crawl above would see a leak', async () => {
      turnVisibilityFilterOffForTest(true);
      expect((await leaks(natoMember)).length).toBeGreaterThan(0);
    });
  },
);
