import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission } from '../src/server/modules/access/roles.policy.ts';
import { generateKeyPair } from '../src/server/modules/record/ed25519.ts';
import type { Role } from '../src/shared/vocabularies.ts';
import {
  addUser,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';

/**
 * Every route of the OpenAPI document, called by an anonymous caller and by a user of each role
 * in each party. Each case names the permission the route needs and how far its target is
 * visible; the expected status follows from those alone:
 *   anonymous -> 401 on writes, 404 on reads of anything not public;
 *   a user without the permission -> 403;
 *   a user of the other party on a NATO caucus target -> 404, as if it did not exist;
 *   everyone else -> the route's success status.
 * A route missing from the table fails the first test, so a new route cannot ship untested.
 */

type Party = 'nato' | 'russia';
interface Caller {
  name: string;
  party: Party | null;
  role: Role | null;
  headers: Record<string, string>;
  /** Signs the same user in again, for routes that end the credential they are called with. */
  freshHeaders: () => Promise<Record<string, string>>;
}

/** How far the route's target is visible. */
type Scope = 'public' | 'joint' | 'nato-caucus';

interface Case {
  /** A permission, 'signed-in' for any user, or null for anyone at all. */
  needs: Permission | 'signed-in' | null;
  scope: Scope;
  success: number;
  /** Builds a fresh target for one caller and returns the request to make. */
  request: (caller: Caller) => Promise<{ url: string; payload?: unknown }>;
  /** For the few routes whose rule is not the general one. */
  expected?: (caller: Caller) => number;
  /** The route ends the credential it is called with: call it with a fresh one each time. */
  consumesCredential?: true;
  /** The route changes the caller itself (its password): call it as a new user of each kind. */
  freshUser?: true;
  /** The route answers an endless stream: only its status is read, then the stream is closed. */
  stream?: true;
}

const ROLES: Role[] = ['member', 'secretary', 'chair', 'admin'];

let ctx: TestContext;
const callers: Caller[] = [];
// Fixture makers: users that build targets, separate from the callers under test.
let natoSecretary: TestUser;
let natoMember: TestUser;
let russiaSecretary: TestUser;
let natoChair: TestUser;
let russiaChair: TestUser;
// Two NATO admins: one asks for the grants the callers confirm or reject, and neither is a
// caller, so every NATO admin caller is the second admin the two-person rule needs.
let natoAdmin: TestUser;
let serial = 0;

beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoMember = await addUser(ctx, 'nato', ['member']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
  natoAdmin = await addUser(ctx, 'nato', ['admin']);
  callers.push({
    name: 'anonymous',
    party: null,
    role: null,
    headers: {},
    freshHeaders: async () => ({}),
  });
  for (const party of ['nato', 'russia'] as const) {
    for (const role of ROLES) {
      const user = await addUser(ctx, party, [role]);
      callers.push({
        name: `${party} ${role}`,
        party,
        role,
        headers: user.headers,
        freshHeaders: async () => {
          const response = await ctx.app.inject({
            method: 'POST',
            url: '/api/tokens',
            payload: { party, username: user.username, password: TEST_PASSWORD },
          });
          return { authorization: `Bearer ${response.json().token}` };
        },
      });
    }
  }
}, 60_000);
afterAll(async () => ctx.close());

async function make(
  user: TestUser,
  url: string,
  payload: unknown,
  method = 'POST',
): Promise<{ id: string } & Record<string, unknown>> {
  const response = await ctx.app.inject({
    method: method as 'POST',
    url,
    headers: user.headers,
    payload: payload as object,
  });
  if (response.statusCode >= 300)
    throw new Error(`fixture ${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

const next = () => ++serial;

/** A new description proposed by NATO, waiting for Russia. */
const proposeDescription = async (): Promise<{ version: number }> =>
  (
    await make(
      natoSecretary,
      '/api/council/description-proposal',
      { description: `Proposed ${next()}.` },
      'PUT',
    )
  ).descriptionProposal as { version: number };

const meeting = (format: 'joint' | 'caucus', visibility: 'joint' | 'public' = 'joint') =>
  make(natoSecretary, '/api/meetings', {
    title: `Meeting ${next()}`,
    level: 'ambassadors',
    format,
    ...(format === 'caucus' ? { party: 'nato' } : { visibility }),
    startsAt: '2001-05-16T10:00:00+02:00',
  });
const natoCaucusMeeting = () => meeting('caucus');
const agendaItem = async (meetingId: string) =>
  make(natoSecretary, `/api/meetings/${meetingId}/agenda-items`, { title: `Item ${next()}` });
const jointDecision = () =>
  make(natoSecretary, '/api/decisions', {
    subject: `Decision ${next()}`,
    text: 'The council agrees.',
  });
const natoCaucusNote = () =>
  make(natoMember, '/api/notes', { text: `Caucus note ${next()}`, visibility: 'caucus' });
// A programme is always joint or public; a party's own work inside it is a caucus activity.
const jointProgramme = () =>
  make(natoSecretary, '/api/work-programmes', { year: 2100 + next(), title: 'Programme' });
const natoCaucusActivityOf = (year: number) =>
  make(natoSecretary, `/api/work-programmes/${year}/activities`, {
    title: `Activity ${next()}`,
    lead: 'nato',
    visibility: 'caucus',
  });
const natoCaucus = (url: string, payload: object) => () =>
  make(natoSecretary, url, { ...payload, visibility: 'caucus' });
const natoCaucusPerson = natoCaucus('/api/people', { name: 'Allied adviser' });
const natoCaucusTopic = natoCaucus('/api/topics', { name: 'Allied position paper' });
const natoCaucusOffice = natoCaucus('/api/offices', { name: 'Allied liaison cell', kind: 'other' });
const natoCaucusOperation = natoCaucus('/api/operations', {
  name: 'EX',
  fullName: 'Allied exercise',
});
const natoCaucusEvent = natoCaucus('/api/timeline', {
  date: '2001-03',
  title: 'Allied consultation',
  kind: 'meeting',
});
const natoCaucusPeriod = natoCaucus('/api/council/periods', {
  status: 'suspended',
  startsOn: '2001-02',
});
const natoCaucusPostOf = async () => {
  const person = await natoCaucusPerson();
  const held = await make(natoSecretary, `/api/people/${person.id}/posts`, { title: 'Adviser' });
  return `/api/people/${person.id}/posts/${held.id}`;
};
const natoCaucusStrengthOf = async () => {
  const operation = await natoCaucusOperation();
  const figure = await make(natoSecretary, `/api/operations/${operation.id}/strengths`, {
    contributor: null,
    troops: 100,
    asOf: '2001-01',
  });
  return `/api/operations/${operation.id}/strengths/${figure.id}`;
};
/** A NATO member's chair grant, asked for by a NATO admin and waiting for a second one. */
const pendingNatoGrant = async () => {
  const member = await addUser(ctx, 'nato', ['member']);
  await make(
    natoAdmin,
    `/api/users/${member.actor.userId}`,
    { roles: ['member', 'chair'] },
    'PATCH',
  );
  const grants = await ctx.app.inject({ url: '/api/role-grants', headers: natoAdmin.headers });
  const grant = (grants.json().items as { id: string; user: { id: string } }[]).find(
    (g) => g.user.id === member.actor.userId,
  );
  if (!grant) throw new Error('fixture: no pending grant');
  return grant.id;
};
const natoCaucusDelegation = () =>
  make(natoSecretary, '/api/parties/nato/delegations', {
    id: `nato-x${next()}`,
    name: 'Allied cell',
    visibility: 'caucus',
  });

// Texts: a NATO caucus draft, a joint text tabled with every language version complete (the
// PJC works in English, French and Russian), agreed ad referendum, or adopted by both chairs.
const natoCaucusText = (
  kind = 'press-statement',
  paragraph = 'The Council [NATO: welcomes | RUS: notes] the exchange.',
) => make(natoSecretary, '/api/texts', { kind, title: `Draft ${next()}`, paragraphs: [paragraph] });
const translated = async (text: { id: string } & Record<string, unknown>, by = natoSecretary) => {
  const versions = text.languageVersions as { paragraphs: { id: string }[] }[];
  const paragraphId = versions[0]?.paragraphs[0]?.id as string;
  let current = text;
  for (const [language, wording] of [
    ['fr', 'Le Conseil se félicite de l’échange.'],
    ['ru', 'Совет приветствует обмен.'],
  ] as const) {
    current = await make(
      by,
      `/api/texts/${text.id}/languages/${language}/paragraphs/${paragraphId}`,
      { version: current.version, text: wording },
      'PUT',
    );
  }
  return current;
};
const jointText = async () =>
  translated(
    await make(natoSecretary, '/api/texts', {
      kind: 'joint-statement',
      title: `Joint statement ${next()}`,
      visibility: 'joint',
      paragraphs: ['The Council welcomes the exchange.'],
    }),
  );
const adRefText = async () => {
  const text = await jointText();
  for (const user of [natoSecretary, russiaSecretary]) {
    await make(user, `/api/texts/${text.id}/ad-referendum`, { version: text.version });
  }
  return text;
};
const adoptedText = async () => {
  const text = await jointText();
  for (const user of [natoChair, russiaChair]) {
    await make(user, `/api/texts/${text.id}/concur`, { version: text.version });
  }
  return text;
};
const bracketedText = async () =>
  make(natoSecretary, '/api/texts', {
    kind: 'joint-statement',
    title: `Bracketed ${next()}`,
    visibility: 'joint',
    paragraphs: ['The Council [NATO: welcomes | RUS: notes] the exchange.'],
  });
const alternativeOf = (text: Record<string, unknown>, holder: string) => {
  const versions = text.languageVersions as {
    paragraphs: { segments: { kind: string; alternatives?: { id: string; holder: string }[] }[] }[];
  }[];
  const bracket = versions[0]?.paragraphs[0]?.segments.find((x) => x.kind === 'bracket');
  return bracket?.alternatives?.find((a) => a.holder === holder)?.id as string;
};
const SILENCE = { deadline: '2001-03-02T18:00', timeZone: 'Europe/Brussels' };
/** A joint text under silence, started by a chair who is not a caller: every caller is told. */
const silentText = async () => {
  const text = await jointText();
  await make(natoChair, `/api/texts/${text.id}/silence`, { version: text.version, ...SILENCE });
  return text;
};
/** The id of a fresh notification of whoever `headers` sign in. */
const notificationOf = async (headers: Record<string, string>) => {
  const text = await silentText();
  await ctx.app.deliverNotifications();
  const inbox = await ctx.app.inject({ url: '/api/notifications', headers });
  const notice = (inbox.json().items as { id: string; entity: { id: string } }[]).find(
    (n) => n.entity.id === text.id,
  );
  if (!notice) throw new Error(`fixture: no notification: ${inbox.body}`);
  return notice.id;
};
// Keys the server holds for both parties, so that any chair can sign with serverHeld: true.
let heldKeys: Promise<unknown> | undefined;
const serverHeldKeys = () => {
  heldKeys ??= (async () => {
    const russiaAdmin = await addUser(ctx, 'russia', ['admin']);
    await make(natoAdmin, '/api/parties/nato/keys', { serverHeld: true });
    await make(russiaAdmin, '/api/parties/russia/keys', { serverHeld: true });
  })();
  return heldKeys;
};
/**
 * A NATO caucus position with its adoption record, as the allies' own adoption of a common
 * position leaves it: the record a Russian caller must not learn of.
 */
const natoCaucusRecord = async () => {
  const draft = await natoCaucusText('press-statement', 'The Allies welcome the exchange.');
  const canonical = `{"text":"${draft.id}"}`;
  await ctx.deps.db
    .insertInto('adoptionRecords')
    .values({
      textId: draft.id,
      canonical,
      sha256: createHash('sha256').update(canonical).digest('hex'),
      at: '2001-03-01T09:00:00.000Z',
      visibility: 'caucus',
      party: 'nato',
    })
    .execute();
  return draft;
};
const natoKey = () =>
  make(natoAdmin, '/api/parties/nato/keys', { publicKey: generateKeyPair().publicKey });
/** Keys are NATO's admins' to register and retire: any other user is refused, 403. */
const natoAdminOnly = (success: number) => (c: Caller) =>
  c.party === null ? 401 : c.role === 'admin' && c.party === 'nato' ? success : 403;
const textUrl = async (make: () => Promise<{ id: string }>, rest = '') =>
  `/api/texts/${(await make()).id}${rest}`;
/** A calendar feed of whoever `headers` sign in, as the path of its URL, and its id. */
async function makeFeed(headers: Record<string, string>): Promise<{ id: string; path: string }> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/me/calendar-feeds',
    headers,
    payload: { label: `Feed ${next()}` },
  });
  if (response.statusCode !== 201) throw new Error(`fixture feed: ${response.body}`);
  const feed = response.json() as { id: string; url: string };
  return { id: feed.id, path: new URL(feed.url).pathname };
}
let memberFeed: Promise<{ id: string; path: string }> | undefined;

const read = (
  scope: Scope,
  url: string | (() => Promise<string>),
  needs: Case['needs'] = null,
): Case => ({
  needs,
  scope,
  success: 200,
  request: async () => ({ url: typeof url === 'string' ? url : await url() }),
});
const write = (
  needs: Permission,
  scope: Scope,
  success: number,
  request: Case['request'],
  expected?: Case['expected'],
): Case => ({ needs, scope, success, request, ...(expected ? { expected } : {}) });

const CASES: Record<string, Case> = {
  // Signing in and out is open to anyone; the rest of auth needs a user.
  'POST /api/session': {
    needs: null,
    scope: 'public',
    success: 200,
    request: async () => ({
      url: '/api/session',
      payload: { party: 'nato', username: natoMember.username, password: TEST_PASSWORD },
    }),
  },
  'DELETE /api/session': {
    needs: null,
    scope: 'public',
    success: 204,
    request: async () => ({ url: '/api/session' }),
  },
  'POST /api/tokens': {
    needs: null,
    scope: 'public',
    success: 201,
    request: async () => ({
      url: '/api/tokens',
      payload: { party: 'nato', username: natoMember.username, password: TEST_PASSWORD },
    }),
  },
  'DELETE /api/tokens/current': {
    needs: 'signed-in',
    scope: 'public',
    success: 204,
    consumesCredential: true,
    request: async () => ({ url: '/api/tokens/current' }),
  },
  'GET /api/me': read('public', '/api/me', 'signed-in'),
  'POST /api/me/password': {
    needs: 'signed-in',
    scope: 'public',
    success: 200,
    freshUser: true,
    request: async () => ({
      url: '/api/me/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: `a new passphrase ${next()}` },
    }),
  },
  // A user's own feeds: every user may make, list and revoke its own.
  'GET /api/me/calendar-feeds': read('public', '/api/me/calendar-feeds', 'signed-in'),
  'POST /api/me/calendar-feeds': {
    needs: 'signed-in',
    scope: 'public',
    success: 201,
    request: async () => ({ url: '/api/me/calendar-feeds', payload: { label: 'Phone' } }),
  },
  'DELETE /api/me/calendar-feeds/{id}': {
    needs: 'signed-in',
    scope: 'public',
    success: 204,
    // The caller's own feed (another's answers 404: calendar-feeds.routes.test.ts).
    request: async (caller) => {
      const feed = await makeFeed(caller.party === null ? natoMember.headers : caller.headers);
      return { url: `/api/me/calendar-feeds/${feed.id}` };
    },
  },
  // The feed's secret is the credential: anyone holding the URL reads its user's view.
  'GET /api/calendar/{token}.ics': read('public', async () => {
    memberFeed ??= makeFeed(natoMember.headers);
    return (await memberFeed).path;
  }),
  'GET /api/users': read('public', '/api/users', 'manage-users'),
  'POST /api/users': write('manage-users', 'public', 201, async () => ({
    url: '/api/users',
    payload: { username: `user-${next()}`, password: TEST_PASSWORD, roles: ['member'] },
  })),
  'PATCH /api/users/{id}': write('manage-users', 'nato-caucus', 200, async () => {
    const target = await addUser(ctx, 'nato', ['member']);
    return { url: `/api/users/${target.actor.userId}`, payload: { displayName: 'Renamed' } };
  }),

  'GET /api/role-grants': read('public', '/api/role-grants', 'manage-users'),
  'POST /api/role-grants/{id}/confirm': write('manage-users', 'nato-caucus', 200, async () => ({
    url: `/api/role-grants/${await pendingNatoGrant()}/confirm`,
  })),
  'POST /api/role-grants/{id}/reject': write('manage-users', 'nato-caucus', 200, async () => ({
    url: `/api/role-grants/${await pendingNatoGrant()}/reject`,
  })),

  'GET /api/council': read('public', '/api/council'),
  'PUT /api/council/description-proposal': write('manage-council', 'joint', 200, async () => ({
    url: '/api/council/description-proposal',
    payload: { description: `Described ${next()}.` },
  })),
  'POST /api/council/description-proposal/publish': write(
    'manage-council',
    'joint',
    200,
    async () => ({
      url: '/api/council/description-proposal/publish',
      payload: { version: (await proposeDescription()).version },
    }),
  ),
  'DELETE /api/council/description-proposal': write('manage-council', 'joint', 204, async () => {
    await proposeDescription();
    return { url: '/api/council/description-proposal' };
  }),
  'GET /api/council/status': read('public', '/api/council/status?at=1999-09-01'),
  'GET /api/council/periods': read('public', '/api/council/periods'),
  'POST /api/council/periods': write('manage-council', 'public', 201, async () => ({
    url: '/api/council/periods',
    payload: { status: 'active', startsOn: `${2200 + next()}-01-01` },
  })),
  'GET /api/council/periods/{id}': read(
    'nato-caucus',
    async () => `/api/council/periods/${(await natoCaucusPeriod()).id}`,
  ),
  'PATCH /api/council/periods/{id}': write('manage-council', 'nato-caucus', 200, async () => ({
    url: `/api/council/periods/${(await natoCaucusPeriod()).id}`,
    payload: { endsOn: '2001-03' },
  })),
  'GET /api/council/cadence': read('public', '/api/council/cadence?year=2001'),

  'GET /api/parties': read('public', '/api/parties'),
  'GET /api/parties/{id}': read('public', '/api/parties/nato'),
  'GET /api/parties/{id}/delegations': read('public', '/api/parties/nato/delegations'),
  // A party manages its own delegations: the other party's secretary is refused.
  'POST /api/parties/{id}/delegations': write(
    'manage-council',
    'public',
    201,
    async () => ({
      url: '/api/parties/nato/delegations',
      payload: { id: `nato-y${next()}`, name: 'New delegation' },
    }),
    (c) =>
      c.party === 'russia' && c.role === 'secretary'
        ? 403
        : general(CASES['POST /api/parties/{id}/delegations'] as Case, c),
  ),
  'GET /api/delegations/{id}': read(
    'nato-caucus',
    async () => `/api/delegations/${(await natoCaucusDelegation()).id}`,
  ),
  'PATCH /api/delegations/{id}': write('manage-council', 'nato-caucus', 200, async () => ({
    url: `/api/delegations/${(await natoCaucusDelegation()).id}`,
    payload: { name: 'Renamed cell' },
  })),

  'GET /api/people': read('public', '/api/people'),
  'POST /api/people': write('manage-council', 'public', 201, async () => ({
    url: '/api/people',
    payload: { name: `Person ${next()}` },
  })),
  'GET /api/people/{id}': read(
    'nato-caucus',
    async () => `/api/people/${(await natoCaucusPerson()).id}`,
  ),
  'PATCH /api/people/{id}': write('manage-council', 'nato-caucus', 200, async () => ({
    url: `/api/people/${(await natoCaucusPerson()).id}`,
    payload: { honorific: 'Dr' },
  })),
  'POST /api/people/{id}/posts': write('manage-council', 'nato-caucus', 201, async () => ({
    url: `/api/people/${(await natoCaucusPerson()).id}/posts`,
    payload: { title: 'Adviser' },
  })),
  'PATCH /api/people/{id}/posts/{postId}': write(
    'manage-council',
    'nato-caucus',
    200,
    async () => ({ url: await natoCaucusPostOf(), payload: { endsOn: '2001-06' } }),
  ),

  'GET /api/topics': read('public', '/api/topics'),
  'GET /api/topics/tree': read('public', '/api/topics/tree'),
  'POST /api/topics': write('manage-council', 'public', 201, async () => ({
    url: '/api/topics',
    payload: { name: `Topic ${next()}` },
  })),
  'GET /api/topics/{id}': read(
    'nato-caucus',
    async () => `/api/topics/${(await natoCaucusTopic()).id}`,
  ),
  'PATCH /api/topics/{id}': write('manage-council', 'nato-caucus', 200, async () => ({
    url: `/api/topics/${(await natoCaucusTopic()).id}`,
    payload: { description: 'Changed.' },
  })),

  'GET /api/meetings': read('public', '/api/meetings'),
  'POST /api/meetings': write('manage-council', 'public', 201, async () => ({
    url: '/api/meetings',
    payload: { title: 'New', level: 'experts', format: 'joint', startsAt: '2001-06-01T09:00:00Z' },
  })),
  'GET /api/meetings.ics': read('public', '/api/meetings.ics'),
  'POST /api/meetings/series': write('manage-council', 'public', 201, async () => {
    const year = 2300 + next();
    return {
      url: '/api/meetings/series',
      payload: {
        title: `Series ${year}`,
        level: 'experts',
        format: 'joint',
        startsAt: `${year}-01-10T10:00:00Z`,
        until: `${year}-12-31`,
        cadence: 'quarterly',
      },
    };
  }),
  'GET /api/meetings/{id}': read(
    'nato-caucus',
    async () => `/api/meetings/${(await natoCaucusMeeting()).id}`,
  ),
  'PATCH /api/meetings/{id}': write('manage-council', 'nato-caucus', 200, async () => ({
    url: `/api/meetings/${(await natoCaucusMeeting()).id}`,
    payload: { venue: 'NATO headquarters' },
  })),
  'DELETE /api/meetings/{id}': write('manage-council', 'nato-caucus', 204, async () => ({
    url: `/api/meetings/${(await natoCaucusMeeting()).id}`,
  })),
  'GET /api/meetings/{id}/agenda-items': read(
    'nato-caucus',
    async () => `/api/meetings/${(await natoCaucusMeeting()).id}/agenda-items`,
  ),
  'POST /api/meetings/{id}/agenda-items': write('manage-council', 'nato-caucus', 201, async () => ({
    url: `/api/meetings/${(await natoCaucusMeeting()).id}/agenda-items`,
    payload: { title: 'Common position' },
  })),
  'GET /api/meetings/{id}/agenda-items/{itemId}': read('nato-caucus', async () => {
    const target = await natoCaucusMeeting();
    return `/api/meetings/${target.id}/agenda-items/${(await agendaItem(target.id)).id}`;
  }),
  'POST /api/meetings/{id}/agenda-items/order': write(
    'manage-council',
    'nato-caucus',
    200,
    async () => {
      const target = await natoCaucusMeeting();
      const first = await agendaItem(target.id);
      const second = await agendaItem(target.id);
      return {
        url: `/api/meetings/${target.id}/agenda-items/order`,
        payload: { itemIds: [second.id, first.id] },
      };
    },
  ),
  'PATCH /api/meetings/{id}/agenda-items/{itemId}': write(
    'manage-council',
    'nato-caucus',
    200,
    async () => {
      const target = await natoCaucusMeeting();
      const item = await agendaItem(target.id);
      return {
        url: `/api/meetings/${target.id}/agenda-items/${item.id}`,
        payload: { title: 'Retitled' },
      };
    },
  ),
  'DELETE /api/meetings/{id}/agenda-items/{itemId}': write(
    'manage-council',
    'nato-caucus',
    200,
    async () => {
      const target = await natoCaucusMeeting();
      const item = await agendaItem(target.id);
      return { url: `/api/meetings/${target.id}/agenda-items/${item.id}` };
    },
  ),
  // Joint by nature: each party's secretary agrees for its own party.
  'POST /api/meetings/{id}/agenda/agree': write('agree-agenda', 'joint', 200, async () => {
    const target = await meeting('joint');
    await agendaItem(target.id);
    return { url: `/api/meetings/${target.id}/agenda/agree`, payload: { agendaVersion: 1 } };
  }),
  // Joint by nature: each party's secretary asks to publish for its own party.
  'POST /api/meetings/{id}/publish': write('manage-council', 'joint', 200, async () => ({
    url: `/api/meetings/${(await meeting('joint')).id}/publish`,
    payload: { version: 0 },
  })),
  'PUT /api/meetings/{id}/co-chairs': write('manage-council', 'joint', 200, async () => ({
    url: `/api/meetings/${(await meeting('joint')).id}/co-chairs`,
    payload: { secretaryGeneral: 'robertson' },
  })),
  'PUT /api/meetings/{id}/attendance': write('manage-council', 'nato-caucus', 200, async () => ({
    url: `/api/meetings/${(await natoCaucusMeeting()).id}/attendance`,
    payload: [{ delegationId: 'nato-be' }],
  })),

  'GET /api/work-programmes': read('public', '/api/work-programmes'),
  'POST /api/work-programmes': write('manage-council', 'public', 201, async () => ({
    url: '/api/work-programmes',
    payload: { year: 2100 + next(), title: 'Programme' },
  })),
  'GET /api/work-programmes/{year}': read(
    'joint',
    async () => `/api/work-programmes/${(await jointProgramme()).year}`,
  ),
  'POST /api/work-programmes/{year}/publish': write('manage-council', 'joint', 200, async () => ({
    url: `/api/work-programmes/${(await jointProgramme()).year}/publish`,
    payload: { version: 1 },
  })),
  'PATCH /api/work-programmes/{year}': write('manage-council', 'joint', 200, async () => ({
    url: `/api/work-programmes/${(await jointProgramme()).year}`,
    payload: { title: 'Renamed' },
  })),
  'POST /api/work-programmes/{year}/areas': write('manage-council', 'joint', 201, async () => ({
    url: `/api/work-programmes/${(await jointProgramme()).year}/areas`,
    payload: { title: 'Area' },
  })),
  'PATCH /api/work-programmes/{year}/areas/{areaId}': write(
    'manage-council',
    'nato-caucus',
    200,
    async () => {
      const programme = await jointProgramme();
      const area = await make(natoSecretary, `/api/work-programmes/${programme.year}/areas`, {
        title: `Area ${next()}`,
        visibility: 'caucus',
      });
      return {
        url: `/api/work-programmes/${programme.year}/areas/${area.id}`,
        payload: { title: 'Retitled', position: 2 },
      };
    },
  ),
  'GET /api/work-programmes/{year}/activities': read(
    'joint',
    async () => `/api/work-programmes/${(await jointProgramme()).year}/activities`,
  ),
  'POST /api/work-programmes/{year}/activities': write(
    'manage-council',
    'joint',
    201,
    async () => ({
      url: `/api/work-programmes/${(await jointProgramme()).year}/activities`,
      payload: { title: 'Activity', lead: 'nato' },
    }),
  ),
  'GET /api/work-programmes/{year}/activities/{activityId}': read('nato-caucus', async () => {
    const programme = await jointProgramme();
    const activity = await natoCaucusActivityOf(programme.year as number);
    return `/api/work-programmes/${programme.year}/activities/${activity.id}`;
  }),
  'PATCH /api/work-programmes/{year}/activities/{activityId}': write(
    'manage-council',
    'nato-caucus',
    200,
    async () => {
      const programme = await jointProgramme();
      const activity = await natoCaucusActivityOf(programme.year as number);
      return {
        url: `/api/work-programmes/${programme.year}/activities/${activity.id}`,
        payload: { status: 'under-way' },
      };
    },
  ),
  'POST /api/work-programmes/{year}/activities/{activityId}/progress': write(
    'manage-council',
    'nato-caucus',
    201,
    async () => {
      const programme = await jointProgramme();
      const activity = await natoCaucusActivityOf(programme.year as number);
      return {
        url: `/api/work-programmes/${programme.year}/activities/${activity.id}/progress`,
        payload: { on: '2001-02-01', text: 'Progress.' },
      };
    },
  ),
  'GET /api/work-programmes/{year}/report': read(
    'joint',
    async () => `/api/work-programmes/${(await jointProgramme()).year}/report`,
  ),

  'GET /api/decisions': read('public', '/api/decisions'),
  'POST /api/decisions': write('manage-council', 'public', 201, async () => ({
    url: '/api/decisions',
    payload: { subject: 'Proposal', text: 'The council agrees.' },
  })),
  'GET /api/decisions/{id}': read(
    'joint',
    async () => `/api/decisions/${(await jointDecision()).id}`,
  ),
  'PATCH /api/decisions/{id}': write(
    'manage-council',
    'joint',
    200,
    async () => ({
      url: `/api/decisions/${(await jointDecision()).id}`,
      payload: { text: 'Amended.' },
    }),
    // Only the proposing party's secretaries may edit a proposal.
    (c) =>
      c.party === 'russia' && c.role === 'secretary'
        ? 403
        : general(CASES['PATCH /api/decisions/{id}'] as Case, c),
  ),
  'POST /api/decisions/{id}/withdraw': write(
    'manage-council',
    'joint',
    200,
    async () => ({ url: `/api/decisions/${(await jointDecision()).id}/withdraw` }),
    // Only the proposing party's secretaries may withdraw a proposal.
    (c) =>
      c.party === 'russia' && c.role === 'secretary'
        ? 403
        : general(CASES['POST /api/decisions/{id}/withdraw'] as Case, c),
  ),
  'POST /api/decisions/{id}/publish': write('manage-council', 'joint', 200, async () => ({
    url: `/api/decisions/${(await jointDecision()).id}/publish`,
    payload: { version: 1 },
  })),
  'POST /api/decisions/{id}/concur': write('respond-to-decisions', 'joint', 200, async () => ({
    url: `/api/decisions/${(await jointDecision()).id}/concur`,
    payload: { version: 1 },
  })),
  'POST /api/decisions/{id}/decline': write('respond-to-decisions', 'joint', 200, async () => ({
    url: `/api/decisions/${(await jointDecision()).id}/decline`,
    payload: { version: 1 },
  })),

  'GET /api/notes': read('public', '/api/notes'),
  'POST /api/notes': write('write-notes', 'public', 201, async () => ({
    url: '/api/notes',
    payload: { text: 'A note', visibility: 'caucus' },
  })),
  'GET /api/notes/{id}': read(
    'nato-caucus',
    async () => `/api/notes/${(await natoCaucusNote()).id}`,
  ),
  // The author or a secretary of the author's party may change a note; here the author is
  // another NATO member, so of the callers only NATO's secretary may.
  'PATCH /api/notes/{id}': write(
    'write-notes',
    'nato-caucus',
    200,
    async () => ({
      url: `/api/notes/${(await natoCaucusNote()).id}`,
      payload: { text: 'Changed' },
    }),
    (c) => noteEditor(c, 200),
  ),
  'DELETE /api/notes/{id}': write(
    'write-notes',
    'nato-caucus',
    204,
    async () => ({ url: `/api/notes/${(await natoCaucusNote()).id}` }),
    (c) => noteEditor(c, 204),
  ),

  'GET /api/offices': read('public', '/api/offices'),
  'POST /api/offices': write('manage-council', 'public', 201, async () => ({
    url: '/api/offices',
    payload: { name: 'Office', kind: 'other' },
  })),
  'GET /api/offices/{id}': read(
    'nato-caucus',
    async () => `/api/offices/${(await natoCaucusOffice()).id}`,
  ),
  'POST /api/offices/{id}/publish': write('manage-council', 'joint', 200, async () => ({
    url: `/api/offices/${(await make(natoSecretary, '/api/offices', { name: `Office ${next()}`, kind: 'other' })).id}/publish`,
    payload: { version: 1 },
  })),
  'PATCH /api/offices/{id}': write('manage-council', 'nato-caucus', 200, async () => ({
    url: `/api/offices/${(await natoCaucusOffice()).id}`,
    payload: { location: 'Moscow' },
  })),

  'GET /api/operations': read('public', '/api/operations'),
  'POST /api/operations': write('manage-council', 'public', 201, async () => ({
    url: '/api/operations',
    payload: { name: `OP${next()}`, fullName: 'Operation' },
  })),
  'GET /api/operations/{id}': read(
    'nato-caucus',
    async () => `/api/operations/${(await natoCaucusOperation()).id}`,
  ),
  'POST /api/operations/{id}/strengths': write('manage-council', 'nato-caucus', 201, async () => ({
    url: `/api/operations/${(await natoCaucusOperation()).id}/strengths`,
    payload: { contributor: null, troops: 100, asOf: '2001-01' },
  })),
  'PATCH /api/operations/{id}': write('manage-council', 'nato-caucus', 200, async () => ({
    url: `/api/operations/${(await natoCaucusOperation()).id}`,
    payload: { location: 'Brussels' },
  })),
  'PATCH /api/operations/{id}/strengths/{strengthId}': write(
    'manage-council',
    'nato-caucus',
    200,
    async () => ({ url: await natoCaucusStrengthOf(), payload: { troops: 120 } }),
  ),

  'GET /api/sources': read('public', '/api/sources'),
  'GET /api/sources/{id}': read('public', '/api/sources/fact-sheet'),

  'GET /api/timeline': read('public', '/api/timeline'),
  'POST /api/timeline': write('manage-council', 'public', 201, async () => ({
    url: '/api/timeline',
    payload: { date: '2001-01', title: 'Event', kind: 'meeting' },
  })),
  'GET /api/timeline/{id}': read(
    'nato-caucus',
    async () => `/api/timeline/${(await natoCaucusEvent()).id}`,
  ),
  'PATCH /api/timeline/{id}': write('manage-council', 'nato-caucus', 200, async () => ({
    url: `/api/timeline/${(await natoCaucusEvent()).id}`,
    payload: { title: 'Renamed' },
  })),

  'GET /api/texts': read('public', '/api/texts'),
  'POST /api/texts': write('manage-council', 'public', 201, async () => ({
    url: '/api/texts',
    payload: { kind: 'communique', title: 'Communiqué', paragraphs: ['The Council met.'] },
  })),
  'GET /api/texts/{id}': read('nato-caucus', () => textUrl(() => natoCaucusText())),
  'PATCH /api/texts/{id}': write('manage-council', 'nato-caucus', 200, async () => ({
    url: await textUrl(() => natoCaucusText()),
    payload: { version: 1, title: 'Renamed draft' },
  })),
  'POST /api/texts/{id}/table': write('manage-council', 'nato-caucus', 200, async () => ({
    url: await textUrl(() => natoCaucusText(), '/table'),
    payload: { version: 1 },
  })),
  'POST /api/texts/{id}/withdraw': write('manage-council', 'nato-caucus', 200, async () => ({
    url: await textUrl(() => natoCaucusText(), '/withdraw'),
    payload: { version: 1 },
  })),
  'PUT /api/texts/{id}/marking': write('manage-council', 'nato-caucus', 200, async () => ({
    url: await textUrl(() => natoCaucusText(), '/marking'),
    payload: { version: 1, releasableTo: ['nato'] },
  })),
  'POST /api/texts/{id}/issue': write('respond-to-decisions', 'nato-caucus', 200, async () => {
    const draft = await translated(
      await natoCaucusText('chair-statement', 'The Chair welcomes the exchange.'),
    );
    return { url: `/api/texts/${draft.id}/issue`, payload: { version: draft.version } };
  }),
  'POST /api/texts/{id}/ad-referendum': write('manage-council', 'joint', 200, async () => {
    const text = await jointText();
    return { url: `/api/texts/${text.id}/ad-referendum`, payload: { version: text.version } };
  }),
  'POST /api/texts/{id}/reopen': write('manage-council', 'joint', 200, async () => {
    const text = await adRefText();
    return { url: `/api/texts/${text.id}/reopen`, payload: { version: text.version } };
  }),
  'POST /api/texts/{id}/concur': write('respond-to-decisions', 'joint', 200, async () => {
    const text = await jointText();
    return { url: `/api/texts/${text.id}/concur`, payload: { version: text.version } };
  }),
  'POST /api/texts/{id}/publish': write('manage-council', 'joint', 200, async () => {
    const text = await adoptedText();
    return { url: `/api/texts/${text.id}/publish`, payload: { version: text.version } };
  }),
  'POST /api/texts/{id}/statements': write(
    'manage-council',
    'joint',
    200,
    async () => ({
      url: await textUrl(adRefText, '/statements'),
      payload: { kind: 'interpretative', text: 'We read paragraph 1 as follows.' },
    }),
    // A party speaks through its secretariat or its chair.
    (c) => (c.party === null ? 401 : c.role === 'secretary' || c.role === 'chair' ? 200 : 403),
  ),
  'POST /api/texts/{id}/alternatives': write('manage-council', 'joint', 200, async () => {
    const text = await jointText();
    return {
      url: `/api/texts/${text.id}/alternatives`,
      payload: {
        version: text.version,
        paragraphId: (text.languageVersions as { paragraphs: { id: string }[] }[])[0]?.paragraphs[0]
          ?.id,
        segment: 0,
        start: 4,
        end: 11,
        text: 'Permanent Joint Council',
      },
    };
  }),
  'POST /api/texts/{id}/alternatives/{alternativeId}/withdraw': write(
    'manage-council',
    'joint',
    200,
    async () => {
      const text = await bracketedText();
      return {
        url: `/api/texts/${text.id}/alternatives/${alternativeOf(text, 'nato')}/withdraw`,
        payload: { version: text.version },
      };
    },
    // Only the holding party withdraws its alternative.
    (c) => (c.party === null ? 401 : c.role !== 'secretary' ? 403 : c.party === 'nato' ? 200 : 403),
  ),
  'POST /api/texts/{id}/alternatives/{alternativeId}/accept': write(
    'manage-council',
    'joint',
    200,
    async () => {
      const text = await bracketedText();
      return {
        url: `/api/texts/${text.id}/alternatives/${alternativeOf(text, 'nato')}/accept`,
        payload: { version: text.version },
      };
    },
    // A party accepts the other party's alternative, never its own.
    (c) =>
      c.party === null ? 401 : c.role !== 'secretary' ? 403 : c.party === 'russia' ? 200 : 409,
  ),
  'POST /api/texts/{id}/paragraphs': write('manage-council', 'joint', 200, async () => {
    const text = await jointText();
    return {
      url: `/api/texts/${text.id}/paragraphs`,
      payload: { version: text.version, after: null, text: 'A new first paragraph.' },
    };
  }),
  'PUT /api/texts/{id}/languages/{language}/paragraphs/{paragraphId}': write(
    'manage-council',
    'nato-caucus',
    200,
    async () => {
      const text = await natoCaucusText();
      const versions = text.languageVersions as { paragraphs: { id: string }[] }[];
      return {
        url: `/api/texts/${text.id}/languages/fr/paragraphs/${versions[0]?.paragraphs[0]?.id}`,
        payload: { version: 1, text: 'Le Conseil se félicite de l’échange.' },
      };
    },
  ),
  'POST /api/texts/{id}/languages/{language}/authenticate': write(
    'manage-council',
    'joint',
    200,
    async () => {
      const text = await jointText();
      return {
        url: `/api/texts/${text.id}/languages/ru/authenticate`,
        payload: { version: text.version },
      };
    },
  ),
  'GET /api/texts/{id}/versions': read('nato-caucus', () =>
    textUrl(() => natoCaucusText(), '/versions'),
  ),
  'GET /api/texts/{id}/versions/{version}': read('nato-caucus', () =>
    textUrl(() => natoCaucusText(), '/versions/1'),
  ),
  'GET /api/texts/{id}/diff': read('nato-caucus', () =>
    textUrl(() => natoCaucusText(), '/diff?from=1&to=1'),
  ),
  'GET /api/texts/{id}/akn': read('nato-caucus', () => textUrl(() => natoCaucusText(), '/akn')),
  'GET /api/texts/{id}/pdf': read('nato-caucus', () =>
    textUrl(() => natoCaucusText(), '/pdf?lang=en'),
  ),

  // Silence on a joint text: a chair starts it, any user of either party breaks it.
  'POST /api/texts/{id}/silence': write('respond-to-decisions', 'joint', 200, async () => {
    const text = await jointText();
    return { url: `/api/texts/${text.id}/silence`, payload: { version: text.version, ...SILENCE } };
  }),
  'POST /api/texts/{id}/silence/break': {
    needs: 'signed-in',
    scope: 'joint',
    success: 200,
    request: async () => ({
      url: `/api/texts/${(await silentText()).id}/silence/break`,
      payload: { reason: 'We object.' },
    }),
  },
  // A user's own inbox: every user reads and marks its own notifications.
  'GET /api/notifications': read('public', '/api/notifications?unread=true', 'signed-in'),
  'POST /api/notifications/{id}/read': {
    needs: 'signed-in',
    scope: 'public',
    success: 200,
    request: async (caller) => ({
      url: `/api/notifications/${await notificationOf(caller.party === null ? natoMember.headers : caller.headers)}/read`,
    }),
  },
  'POST /api/notifications/read-all': {
    needs: 'signed-in',
    scope: 'public',
    success: 200,
    request: async () => ({ url: '/api/notifications/read-all' }),
  },

  'GET /api/parties/{party}/keys': read('public', '/api/parties/nato/keys'),
  'GET /api/classifications': read('public', '/api/classifications'),
  'PUT /api/parties/{id}/joint-marking-ceiling': write(
    'manage-users',
    'public',
    200,
    async () => ({
      url: '/api/parties/nato/joint-marking-ceiling',
      payload: { classification: 'nato-unclassified' },
    }),
    natoAdminOnly(200),
  ),
  'POST /api/parties/{party}/keys': write(
    'manage-users',
    'public',
    201,
    async () => ({
      url: '/api/parties/nato/keys',
      payload: { publicKey: generateKeyPair().publicKey },
    }),
    natoAdminOnly(201),
  ),
  'POST /api/parties/{party}/keys/{keyId}/retire': write(
    'manage-users',
    'public',
    200,
    async () => ({
      url: `/api/parties/nato/keys/${encodeURIComponent((await natoKey()).id)}/retire`,
      payload: {},
    }),
    natoAdminOnly(200),
  ),
  // Every caller reads the public chain; the NATO caucus chain is NATO's alone.
  'GET /api/record-log': read('public', '/api/record-log?audience=public'),
  'GET /api/texts/{id}/adoption-record': read('nato-caucus', () =>
    textUrl(natoCaucusRecord, '/adoption-record'),
  ),
  'POST /api/texts/{id}/signatures': write('respond-to-decisions', 'nato-caucus', 201, async () => {
    await serverHeldKeys();
    const draft = await natoCaucusRecord();
    const { sha256 } = await ctx.deps.db
      .selectFrom('adoptionRecords')
      .select('sha256')
      .where('textId', '=', draft.id)
      .executeTakeFirstOrThrow();
    return { url: `/api/texts/${draft.id}/signatures`, payload: { serverHeld: true, sha256 } };
  }),

  'GET /api/search': read('public', '/api/search?q=rescue'),
  'GET /api/audit': read('public', '/api/audit', 'signed-in'),
  // Anyone may listen; what each caller receives is its own audiences' (events.routes.test.ts).
  'GET /api/events': { ...read('public', '/api/events'), stream: true },
};

function noteEditor(c: Caller, success: number): number {
  if (c.party === null) return 401;
  if (c.role === 'admin') return 403;
  if (c.party === 'russia') return 404;
  return c.role === 'secretary' ? success : 403;
}

/** The general rule, from the permission and the target's scope. */
function general(route: Case, c: Caller): number {
  const isWrite = route.needs !== null && route.needs !== 'signed-in' && route.needs !== 'read';
  if (c.party === null || c.role === null) {
    if (route.needs !== null) return 401;
    return route.scope === 'public' ? route.success : 404;
  }
  if (isWrite || route.needs === 'manage-users') {
    const actor = {
      kind: 'user' as const,
      userId: 'x',
      username: 'x',
      party: c.party,
      roles: [c.role],
    };
    if (!can(actor, route.needs as Permission)) return 403;
  }
  if (route.scope === 'nato-caucus' && c.party !== 'nato') return 404;
  return route.success;
}

describe('the authorization matrix', () => {
  it('covers every route of the OpenAPI document, and no route that is not there', async () => {
    const document = (await ctx.app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...routes].sort()).toEqual(Object.keys(CASES).sort());
  });

  const methodOf = (key: string) =>
    key.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  const pathOf = (key: string) => key.split(' ')[1] as string;

  describe.each(Object.keys(CASES))('%s', (key) => {
    it('answers each caller as its party and roles allow', async () => {
      const route = CASES[key] as Case;
      const outcomes: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const caller of callers) {
        const { url, payload } = await route.request(caller);
        const headers = route.consumesCredential
          ? await caller.freshHeaders()
          : route.freshUser && caller.party !== null && caller.role !== null
            ? (await addUser(ctx, caller.party, [caller.role])).headers
            : caller.headers;
        const response = await ctx.app.inject({
          method: methodOf(key),
          url,
          headers,
          ...(payload === undefined ? {} : { payload: payload as object }),
          ...(route.stream ? { payloadAsStream: true } : {}),
        });
        if (route.stream) response.stream().destroy();
        outcomes[caller.name] = response.statusCode;
        expected[caller.name] = route.expected ? route.expected(caller) : general(route, caller);
        if (response.statusCode >= 500)
          throw new Error(`${key} as ${caller.name}: ${response.body}`);
      }
      expect(outcomes, `${pathOf(key)}`).toEqual(expected);
    });
  });
});
