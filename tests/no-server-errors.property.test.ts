import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';

/**
 * Bad input gets a clear 4xx, never a 500: every route of the OpenAPI document receives
 * arbitrary JSON bodies, query strings and path parameters from a user holding every role, and
 * must answer below 500 each time. Path parameters are drawn from real ids too, so that the
 * bodies reach the services and not only the 404 path.
 */
let ctx: TestContext;
let everyone: TestUser;
let routes: { method: string; path: string; hasBody: boolean; streams: boolean }[] = [];
const realIds = ['robertson', 'nato', 'russia', 'nato-be', 'pjc', '2001', 'wp-2001', 'sfor'];

beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
  everyone = await addUser(ctx, 'nato', ['member', 'secretary', 'chair', 'admin']);
  const document = (await ctx.app.inject({ url: '/openapi.json' })).json() as {
    paths: Record<
      string,
      Record<string, { requestBody?: unknown; responses?: Record<string, { content?: object }> }>
    >;
  };
  routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      hasBody: operation.requestBody !== undefined,
      // An event stream never ends: its status is read, then the stream is closed.
      streams: 'text/event-stream' in (operation.responses?.['200']?.content ?? {}),
    })),
  );
  // Ids the services will find, so that random bodies get past the lookup.
  const meeting = await ctx.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: everyone.headers,
    payload: {
      title: 'Target',
      level: 'experts',
      format: 'joint',
      startsAt: '2001-06-01T09:00:00Z',
    },
  });
  realIds.push(meeting.json().id);
}, 60_000);
afterAll(async () => ctx.close());

const segment = fc.oneof(
  fc.constantFrom(...realIds),
  fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s) || 'x'),
  fc.integer({ min: -5, max: 3000 }).map(String),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer().map(String),
  fc.constantFrom('', 'true', '2001-13-40', '1999-07'),
);
const query = fc.dictionary(
  fc.constantFrom(
    'limit',
    'cursor',
    'q',
    'at',
    'year',
    'from',
    'to',
    'level',
    'status',
    'type',
    'party',
    'meetingId',
  ),
  queryValue,
  { maxKeys: 3 },
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'title',
      'level',
      'format',
      'startsAt',
      'visibility',
      'text',
      'year',
      'status',
      'party',
      'date',
      'troops',
      'itemIds',
      'secretaryGeneral',
      'approves',
      'username',
      'password',
      'roles',
      'rrule',
      'timeZone',
      'label',
    ),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 6 },
  ),
);

describe('any input', () => {
  it('never makes any route answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(segment, { minLength: 2, maxLength: 2 }),
        query,
        body,
        async (pick, [first, second], parameters, payload) => {
          const route = routes[pick % routes.length];
          if (!route) return;
          const path = route.path
            .replace(/\{[^}]+\}/, first ?? 'x')
            .replace(/\{[^}]+\}/, second ?? 'x');
          const search = new URLSearchParams(parameters).toString();
          const response = await ctx.app.inject({
            method: route.method as 'GET',
            url: search ? `${path}?${search}` : path,
            headers: everyone.headers,
            ...(route.hasBody
              ? {
                  payload: JSON.stringify(payload),
                  headers: { ...everyone.headers, 'content-type': 'application/json' },
                }
              : {}),
            ...(route.streams ? { payloadAsStream: true } : {}),
          });
          if (route.streams) response.stream().destroy();
          expect(
            response.statusCode,
            `${route.method} ${path}?${search} ${JSON.stringify(payload)}: ${response.body}`,
          ).toBeLessThan(500);
        },
      ),
      { numRuns: 1500 },
    );
  }, 240_000);
});

/**
 * Valid requests with one field replaced by a plausible but arbitrary value (another id, a date
 * far away, a huge number, an empty list, null...) or removed: these get past validation and
 * exercise the services' own rules, which must answer 4xx too.
 */
const isoInstant = fc
  .date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  .chain((d) =>
    fc
      .constantFrom('Z', '+02:00', '-11:30', '+14:00')
      .map((offset) => d.toISOString().replace('Z', offset)),
  );
const plausible = fc.oneof(
  fc.constantFrom(...realIds),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.constantFrom(0, -1, 2001, 1e9, 2 ** 53),
  isoInstant,
  fc.constantFrom(
    '2001',
    '2001-02',
    '2001-02-29',
    '2000-02-29',
    '1999-07',
    '0000-01-01',
    '9999-12',
  ),
  fc.array(fc.constantFrom(...realIds), { maxLength: 3 }),
  fc.constantFrom(null, true, false, [], {}, 'caucus', 'joint', 'public', 'russia', 'nato'),
);

type Template = [
  method: 'POST' | 'PATCH' | 'PUT',
  path: string,
  body: Record<string, unknown> | unknown[],
];
const templates = (meetingId: string, itemId: string): Template[] => [
  [
    'POST',
    '/api/meetings',
    {
      title: 'T',
      level: 'experts',
      format: 'joint',
      startsAt: '2001-06-01T09:00:00Z',
      endsAt: '2001-06-01T11:00:00Z',
      timeZone: 'Europe/Moscow',
      venue: 'V',
      visibility: 'joint',
    },
  ],
  [
    'POST',
    '/api/meetings',
    {
      title: 'T',
      level: 'experts',
      format: 'caucus',
      party: 'nato',
      startsAt: '2001-06-01T09:00:00Z',
    },
  ],
  [
    'PATCH',
    `/api/meetings/${meetingId}`,
    {
      title: 'T',
      venue: 'V',
      startsAt: '2001-06-01T09:00:00Z',
      endsAt: '2001-06-01T11:00:00Z',
      timeZone: 'Asia/Tokyo',
      status: 'held',
      summary: 'S',
      visibility: 'public',
    },
  ],
  [
    'POST',
    '/api/meetings/series',
    {
      title: 'S',
      level: 'ambassadors',
      format: 'joint',
      startsAt: '2001-01-17T10:00:00+01:00',
      until: '2001-12-31',
      cadence: 'monthly',
      timeZone: 'Europe/Brussels',
    },
  ],
  [
    'POST',
    '/api/meetings/series',
    {
      title: 'S',
      level: 'experts',
      format: 'joint',
      startsAt: '2001-01-01T10:00:00+01:00',
      until: '2001-12-31',
      rrule: 'FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3',
      skipWeekends: true,
      durationMinutes: 90,
      timeZone: 'Europe/Brussels',
    },
  ],
  [
    'POST',
    `/api/meetings/${meetingId}/agenda-items`,
    { title: 'I', topicIds: ['arms-control'], activityIds: [], chairedBy: 'rotating' },
  ],
  [
    'PATCH',
    `/api/meetings/${meetingId}/agenda-items/${itemId}`,
    { title: 'I', topicIds: ['balkans'], chairedBy: 'russia', outcome: 'O' },
  ],
  ['POST', `/api/meetings/${meetingId}/agenda-items/order`, { itemIds: [itemId] }],
  ['POST', `/api/meetings/${meetingId}/agenda/agree`, { agendaVersion: 1 }],
  [
    'PUT',
    `/api/meetings/${meetingId}/co-chairs`,
    { secretaryGeneral: 'robertson', rotating: { delegationId: 'nato-be' }, russia: 'ivanov' },
  ],
  [
    'PUT',
    `/api/meetings/${meetingId}/attendance`,
    [{ delegationId: 'nato-be', representative: 'R' }],
  ],
  [
    'POST',
    '/api/decisions',
    {
      subject: 'S',
      text: 'T',
      approves: 'office:military-liaison-mission-moscow',
      meetingId,
      visibility: 'joint',
    },
  ],
  ['POST', '/api/notes', { text: 'N', visibility: 'caucus', meetingId }],
  ['POST', '/api/work-programmes', { year: 2002, title: 'P', visibility: 'joint' }],
  [
    'POST',
    '/api/work-programmes/2001/activities',
    {
      title: 'A',
      lead: 'joint',
      level: 'experts',
      plannedStart: '2001-01',
      plannedEnd: '2001-06',
      status: 'planned',
      topicId: 'arms-control',
    },
  ],
  ['POST', '/api/offices', { name: 'O', kind: 'other', status: 'proposed', proposedOn: '2001-01' }],
  ['PATCH', '/api/offices/military-liaison-mission-moscow', { status: 'open', on: '2002-05-27' }],
  ['POST', '/api/operations/sfor/strengths', { contributor: 'russia', troops: 10, asOf: '2002' }],
  ['POST', '/api/timeline', { date: '2001-03', title: 'E', kind: 'meeting', visibility: 'joint' }],
  ['POST', '/api/people', { name: 'P', honorific: 'H', delegationId: 'nato-be' }],
  ['POST', '/api/topics', { name: 'T', parentId: 'balkans', visibility: 'joint' }],
  [
    'POST',
    '/api/council/periods',
    { status: 'restricted', scope: 'S', startsOn: '2003-01', endsOn: '2003-02' },
  ],
  [
    'POST',
    '/api/parties/nato/delegations',
    { id: 'nato-zz', name: 'D', countryCode: 'ZZ', joinedOn: '2004' },
  ],
];

describe('valid requests with one field changed', () => {
  it('never make a service answer 5xx', async () => {
    const meeting = await ctx.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: everyone.headers,
      payload: {
        title: 'Mutated',
        level: 'experts',
        format: 'joint',
        startsAt: '2001-07-01T09:00:00Z',
      },
    });
    const meetingId = meeting.json().id as string;
    const item = await ctx.app.inject({
      method: 'POST',
      url: `/api/meetings/${meetingId}/agenda-items`,
      headers: everyone.headers,
      payload: { title: 'Item' },
    });
    const all = templates(meetingId, item.json().id as string);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.nat(),
        plausible,
        fc.boolean(),
        async (which, field, value, remove) => {
          const [method, url, template] = all[which % all.length] as Template;
          let body: unknown;
          if (Array.isArray(template)) {
            body = [{ ...(template[0] as object), delegationId: value }];
          } else {
            const keys = Object.keys(template);
            const key = keys[field % keys.length] as string;
            const { [key]: _dropped, ...rest } = template;
            body = remove ? rest : { ...template, [key]: value };
          }
          const response = await ctx.app.inject({
            method,
            url,
            headers: everyone.headers,
            payload: body as object,
          });
          expect(
            response.statusCode,
            `${method} ${url} ${JSON.stringify(body)}: ${response.body}`,
          ).toBeLessThan(500);
        },
      ),
      { numRuns: 800 },
    );
  }, 240_000);
});
