import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../src/server/app.ts';
import type { Deps } from '../../src/server/deps.ts';
import { OPERATOR, type UserActor } from '../../src/server/modules/access/actor.ts';
import { createUser } from '../../src/server/modules/auth/create-user.ts';
import { openSession } from '../../src/server/modules/auth/open-session.ts';
import { prepareDatabase } from '../../src/server/prepare-database.ts';
import type { Role } from '../../src/shared/vocabularies.ts';
import { openTestDatabase } from './test-database.ts';

export interface TestContext {
  deps: Deps;
  /** What DATABASE_URL would say to open the same database again (a second process). */
  databaseUrl: string;
  app: FastifyInstance;
  /** Moves the test clock forward. */
  advance: (ms: number) => void;
  close: () => Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** The instant every test context starts at; the clock only moves when a test moves it. */
export const TEST_START = new Date('2001-03-01T09:00:00.000Z');

let counter = 0;

/**
 * A fresh application on its own database of the suite's dialect (test-database.ts), migrated. `seed: 'parties'` adds the
 * two parties only; `seed: 'pjc'` loads the whole reference record.
 */
export async function createTestContext(
  options: {
    seed?: 'none' | 'parties' | 'pjc';
    loginAttemptsPerMinute?: number;
    /** The per-account sign-in limit (by default the production one, 10 per 15 minutes). */
    accountSignInLimit?: AppOptions['accountSignInLimit'];
    /** More options for buildApp (a PUBLIC_URL, the proxies to trust). */
    app?: Pick<
      AppOptions,
      'publicUrl' | 'trustProxy' | 'webRoot' | 'eventsHeartbeatMs' | 'notifications'
    >;
  } = {},
): Promise<TestContext> {
  const { db, drop, url } = await openTestDatabase();
  await prepareDatabase(db);
  let now = TEST_START.getTime();
  const deps: Deps = {
    db,
    clock: () => new Date(now),
    ids: () => `id-${(++counter).toString().padStart(6, '0')}`,
  };
  const seed = options.seed ?? 'parties';
  if (seed === 'parties') await seedParties(deps);
  if (seed === 'pjc') {
    const { seedPjc } = await import('../../src/server/modules/seed/seed-pjc.ts');
    await seedPjc(deps);
  }
  const app = await buildApp({
    deps,
    secret: 'test-secret-test-secret-test-secret-0123',
    loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 1000,
    ...(options.accountSignInLimit ? { accountSignInLimit: options.accountSignInLimit } : {}),
    // Notifications appear when a test asks for them (ctx.app.deliverNotifications()), not
    // some milliseconds after a commit, in the middle of what the test looks at.
    notifications: 'on-demand',
    ...options.app,
  });
  await app.ready();
  return {
    deps,
    databaseUrl: url,
    app,
    advance: (ms) => {
      now += ms;
    },
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

export async function seedParties(deps: Deps): Promise<void> {
  const at = deps.clock().toISOString();
  await deps.db
    .insertInto('parties')
    .values(
      [
        {
          id: 'nato',
          name: 'North Atlantic Treaty Organization',
          shortName: 'NATO',
          label: 'NATO',
          names: JSON.stringify(['NATO', 'OTAN', 'НАТО']),
          position: 1,
        },
        {
          id: 'russia',
          name: 'Russian Federation',
          shortName: 'Russia',
          label: 'RUS',
          names: JSON.stringify(['Russia', 'Russie', 'Россия']),
          position: 2,
        },
      ].map((p) => ({
        ...p,
        visibility: 'public' as const,
        party: null,
        sourceId: null,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .execute();
}

export interface TestUser {
  actor: UserActor;
  username: string;
  party: string;
  /** Headers that authenticate a request as this user. */
  headers: { authorization: string };
}

/** Adds a user with a bearer token; the password is TEST_PASSWORD. */
export async function addUser(
  ctx: TestContext,
  party: string,
  roles: Role[],
  username = `${party}-${roles.join('-')}-${++counter}`,
): Promise<TestUser> {
  const user = await createUser(ctx.deps, OPERATOR, {
    username,
    password: TEST_PASSWORD,
    roles,
    party,
  });
  const row = await ctx.deps.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  const opened = await openSession(ctx.deps, row, 'token');
  return {
    actor: opened.actor,
    username,
    party,
    headers: { authorization: `Bearer ${opened.secret}` },
  };
}

let address = 0;

/**
 * Signs in through the API for a bearer token, naming the party as a client must; each call
 * from its own address unless one is given, so that only a test of the per-address limit
 * meets it. Answers the raw response and, when it succeeded, the headers that use the token.
 */
export async function signInForToken(
  ctx: TestContext,
  credentials: { party: string; username: string; password?: string },
  remoteAddress = `198.51.100.${(++address % 250) + 1}`,
) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/tokens',
    remoteAddress,
    payload: { password: TEST_PASSWORD, ...credentials },
  });
  const headers =
    response.statusCode === 201 ? { authorization: `Bearer ${response.json().token}` } : null;
  return { response, headers };
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One API request as `user` (anonymously with null); `url` is relative to /api. */
/**
 * Calls the API as `user` and answers the JSON body, failing with the problem it got when the
 * call did not succeed: for the steps of a test that are setup, not what is tested.
 */
// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever shape the route answers.
export async function callOk(...args: Parameters<typeof callApi>): Promise<any> {
  const response = await callApi(...args);
  if (response.statusCode >= 300) {
    throw new Error(`${args[2]} ${args[3]}: ${response.statusCode} ${response.body}`);
  }
  return response.json();
}

export function callApi(
  ctx: TestContext,
  user: TestUser | null,
  method: Method,
  url: string,
  payload?: object,
) {
  return ctx.app.inject({
    method,
    url: `/api${url}`,
    ...(user ? { headers: user.headers } : {}),
    ...(payload ? { payload } : {}),
  });
}

/**
 * A chair answers a decision for its party, naming the version it read first, as a chair's
 * client does.
 */
export async function answerDecision(
  ctx: TestContext,
  chair: TestUser,
  decisionId: string,
  response: 'concur' | 'decline' = 'concur',
  body: object = {},
) {
  const read = await callApi(ctx, chair, 'GET', `/decisions/${decisionId}`);
  return callApi(ctx, chair, 'POST', `/decisions/${decisionId}/${response}`, {
    version: read.json().version,
    ...body,
  });
}

/**
 * Makes an item both parties made public the only way there is: each secretary asks to
 * publish the version it read (the ETag of `url`, the item's GET, relative to /api).
 */
export async function publishAsBoth(
  ctx: TestContext,
  secretaries: readonly TestUser[],
  url: string,
): Promise<void> {
  for (const secretary of secretaries) {
    const read = await callApi(ctx, secretary, 'GET', url);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api${url}/publish`,
      headers: { ...secretary.headers, 'if-match': String(read.headers.etag) },
      payload: {},
    });
    if (response.statusCode !== 200) {
      throw new Error(`publishAsBoth ${url}: ${response.statusCode} ${response.body}`);
    }
  }
}
