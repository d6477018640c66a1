import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  callOk,
  createTestContext,
  type Method,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

/**
 * The silence procedure through the API, on a council with one language (English): a chair
 * puts a clean text under silence until a local deadline in a zone, a participant breaks it
 * before then, and a deadline that passes unbroken adopts the text at that instant, for every
 * reader at once. Each party is told in its inbox, and only of what it may read.
 */

let ctx: TestContext;
let natoSecretary: TestUser;
let natoChair: TestUser;
let natoMember: TestUser;
let russiaSecretary: TestUser;
let russiaChair: TestUser;
let russiaMember: TestUser;

const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callApi(ctx, user, method, url, payload);
const ok = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callOk(ctx, user, method, url, payload);

const DAY = 86_400_000;
/** Tomorrow evening in Brussels, seen from the test clock (2001-03-01T09:00Z). */
const TOMORROW = { deadline: '2001-03-02T18:00', timeZone: 'Europe/Brussels' };
const TOMORROW_UTC = '2001-03-02T17:00:00.000Z';

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  natoMember = await addUser(ctx, 'nato', ['member']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
});
afterAll(async () => ctx.close());

let serial = 0;
const jointText = (paragraph = 'The Council welcomes the exchange.') =>
  ok(natoSecretary, 'POST', '/texts', {
    kind: 'joint-statement',
    title: `Joint statement ${++serial}`,
    visibility: 'joint',
    paragraphs: [paragraph],
  });
// The notices every change so far left, handed out first (as the server does after commits).
const inbox = async (user: TestUser, query = '') => {
  await ctx.app.deliverNotifications();
  return ok(user, 'GET', `/notifications${query}`);
};
const kindsFor = async (user: TestUser, textId: string) =>
  ((await inbox(user)).items as { kind: string; entity: { id: string } }[])
    .filter((n) => n.entity.id === textId)
    .map((n) => n.kind);

describe('starting silence', () => {
  it('puts a clean joint text under silence until the exact instant of a local deadline', async () => {
    const text = await jointText();
    const started = await ok(natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      ...TOMORROW,
    });
    expect(started).toMatchObject({
      state: 'under-silence',
      version: text.version,
      silence: {
        deadline: TOMORROW_UTC,
        localDeadline: '2001-03-02T18:00:00',
        timeZone: 'Europe/Brussels',
        startedBy: 'nato',
        participants: ['nato', 'russia'],
      },
    });
    // Every participant's users are told, the chair who started it is not.
    for (const user of [russiaMember, russiaChair, natoSecretary]) {
      expect(await kindsFor(user, text.id)).toEqual(['silence-started']);
    }
    expect(await kindsFor(natoChair, text.id)).toEqual([]);
    const [notice] = (await inbox(russiaMember)).items;
    expect(notice.message).toContain('2001-03-02T18:00 Europe/Brussels');
    // The wording is agreed while silence runs: no alternative, no new paragraph.
    const edit = await call(natoSecretary, 'POST', `/texts/${text.id}/paragraphs`, {
      version: text.version,
      after: null,
      text: 'More.',
    });
    expect(edit.statusCode).toBe(409);
  });

  it('names the version read, as If-Match too', async () => {
    const text = await jointText();
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/texts/${text.id}/silence`,
      headers: { ...russiaChair.headers, 'if-match': `"${text.version}"` },
      payload: TOMORROW,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().silence.startedBy).toBe('russia');
  });

  it.each([
    ['no version', {}, 428, 'VersionRequired', 'version'],
    ['a stale version', { version: 9 }, 409, 'StaleVersion', 'version'],
    [
      'a zone that is none',
      { version: 1, deadline: '2001-03-02T18:00', timeZone: 'Mars/Base' },
      400,
      'ValidationFailed',
      'timeZone',
    ],
    [
      'a deadline with an offset',
      { version: 1, deadline: '2001-03-02T18:00+01:00' },
      400,
      'ValidationFailed',
      'deadline',
    ],
    [
      'a past deadline',
      { version: 1, deadline: '2001-03-01T09:30' },
      400,
      'ValidationFailed',
      'deadline',
    ],
    [
      'a time the clocks skip',
      { version: 1, deadline: '2001-03-25T02:30' },
      400,
      'ValidationFailed',
      'deadline',
    ],
    [
      'a time the clocks show twice',
      { version: 1, deadline: '2001-10-28T02:30' },
      400,
      'ValidationFailed',
      'deadline',
    ],
    [
      'an unknown field',
      { version: 1, participants: ['nato'] },
      400,
      'ValidationFailed',
      'participants',
    ],
  ])('refuses %s, naming the field', async (_name, body, status, code, field) => {
    const text = await jointText();
    const response = await call(natoChair, 'POST', `/texts/${text.id}/silence`, {
      ...TOMORROW,
      ...body,
    });
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code });
    expect(
      response
        .json()
        .errors.map((e: { field: string }) => e.field)
        .join(' '),
    ).toContain(field);
    expect((await ok(natoChair, 'GET', `/texts/${text.id}`)).state).toBe('tabled');
  });

  it('refuses a text with brackets left, naming the content, and a caller who is no chair', async () => {
    const bracketed = await jointText('The Council [NATO: welcomes | RUS: notes] the exchange.');
    const response = await call(natoChair, 'POST', `/texts/${bracketed.id}/silence`, {
      version: bracketed.version,
      ...TOMORROW,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors).toEqual([
      { field: 'content', pointer: '/content', message: 'brackets remain' },
    ]);
    const text = await jointText();
    for (const user of [natoSecretary, russiaMember]) {
      const refused = await call(user, 'POST', `/texts/${text.id}/silence`, {
        version: text.version,
        ...TOMORROW,
      });
      expect(refused.statusCode).toBe(403);
    }
    const anonymous = await call(null, 'POST', `/texts/${text.id}/silence`, TOMORROW);
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('a deadline that passes unbroken', () => {
  it('gives the other party a day at least: no shorter silence, no statement lodged in its last day', async () => {
    const text = await jointText();
    const short = await call(natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      deadline: '2001-03-01T18:00',
      timeZone: 'UTC',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([expect.objectContaining({ field: 'deadline' })]);
    await ok(natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      ...TOMORROW,
    });
    // Lodged with time to answer it: the other party is told at once.
    await ok(natoChair, 'POST', `/texts/${text.id}/statements`, {
      kind: 'reservation',
      text: 'NATO reserves its position on paragraph 1.',
    });
    expect(await kindsFor(russiaMember, text.id)).toContain('statement-lodged');
    // Within the last day of the silence: refused, the text unchanged.
    ctx.advance(DAY);
    const late = await call(natoChair, 'POST', `/texts/${text.id}/statements`, {
      kind: 'reservation',
      text: 'NATO does not consider itself bound.',
    });
    expect(late.statusCode).toBe(409);
    const seen = await ok(russiaMember, 'GET', `/texts/${text.id}`);
    expect(seen.statements.map((st: { text: string }) => st.text)).toEqual([
      'NATO reserves its position on paragraph 1.',
    ]);
    ctx.advance(-DAY);
  });

  it('refuses a statement once a chair has concurred in the text agreed ad referendum', async () => {
    const text = await jointText();
    for (const secretary of [natoSecretary, russiaSecretary]) {
      await ok(secretary, 'POST', `/texts/${text.id}/ad-referendum`, { version: text.version });
    }
    await ok(russiaChair, 'POST', `/texts/${text.id}/concur`, { version: text.version });
    const late = await call(natoChair, 'POST', `/texts/${text.id}/statements`, {
      kind: 'reservation',
      text: 'A reservation Russia never saw when it concurred.',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().errors).toEqual([expect.objectContaining({ field: 'state' })]);
  });

  // The review's race: the NATO chair read the text with no statement, Russia lodged a
  // reservation, and the chair's concurrence in the version it read still counted.
  it('makes a new version of a text agreed ad referendum: a concurrence names the statements it read', async () => {
    const text = await jointText();
    for (const secretary of [natoSecretary, russiaSecretary]) {
      await ok(secretary, 'POST', `/texts/${text.id}/ad-referendum`, { version: text.version });
    }
    const read = await ok(natoChair, 'GET', `/texts/${text.id}`);
    expect(read.statements).toEqual([]);
    const lodged = await ok(russiaSecretary, 'POST', `/texts/${text.id}/statements`, {
      kind: 'reservation',
      text: 'Russia does not consider itself bound by paragraph 1.',
    });
    expect(lodged).toMatchObject({ state: 'ad-ref', version: read.version + 1 });
    const stale = await call(natoChair, 'POST', `/texts/${text.id}/concur`, {
      version: read.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('StaleVersion');
    // Read again, the reservation in view, both chairs concur and the record holds it.
    const again = await ok(natoChair, 'GET', `/texts/${text.id}`);
    expect(again.statements).toMatchObject([{ kind: 'reservation', party: 'russia' }]);
    for (const chair of [natoChair, russiaChair]) {
      await ok(chair, 'POST', `/texts/${text.id}/concur`, { version: again.version });
    }
    const record = await ctx.deps.db
      .selectFrom('adoptionRecords')
      .select('canonical')
      .where('textId', '=', text.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(record.canonical).statements).toMatchObject([{ kind: 'reservation' }]);
  });

  it('adopts the text at the deadline instant, with the statements lodged, before any read shows it', async () => {
    const text = await jointText();
    await ok(natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      ...TOMORROW,
    });
    await ok(russiaChair, 'POST', `/texts/${text.id}/statements`, {
      kind: 'interpretative',
      text: 'Russia reads the exchange as one between equals.',
    });
    // Two days on: no timer fired in this test (the clock is the test's), yet the first read
    // already shows the text adopted, dated at its deadline.
    ctx.advance(2 * DAY);
    const adopted = await ok(russiaMember, 'GET', `/texts/${text.id}`);
    expect(adopted).toMatchObject({
      state: 'adopted',
      adoptedAt: TOMORROW_UTC,
      number: expect.stringMatching(/^COUNCIL\(2001\)\d{3}$/),
      silence: null,
    });
    const record = await ctx.deps.db
      .selectFrom('adoptionRecords')
      .selectAll()
      .where('textId', '=', text.id)
      .executeTakeFirstOrThrow();
    expect(record.at).toBe(TOMORROW_UTC);
    const canonical = JSON.parse(record.canonical);
    expect(canonical.procedure).toEqual({
      kind: 'silence',
      deadline: TOMORROW_UTC,
      timeZone: 'Europe/Brussels',
      startedBy: 'nato',
      participants: ['nato', 'russia'],
    });
    expect(canonical.statements).toMatchObject([{ kind: 'interpretative', party: 'russia' }]);
    for (const user of [natoChair, russiaMember]) {
      expect(await kindsFor(user, text.id)).toContain('adopted-by-silence');
    }
    // After the deadline silence can no longer be broken.
    const late = await call(russiaMember, 'POST', `/texts/${text.id}/silence/break`, {
      reason: 'Too late.',
    });
    expect(late.statusCode).toBe(409);
    ctx.advance(-2 * DAY);
  });
});

describe('breaking silence', () => {
  it('returns a joint text to tabled, on the record, with everyone concerned told', async () => {
    const text = await jointText();
    for (const user of [natoSecretary, russiaSecretary]) {
      await ok(user, 'POST', `/texts/${text.id}/ad-referendum`, { version: text.version });
    }
    await ok(natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      ...TOMORROW,
    });
    const broken = await ok(russiaMember, 'POST', `/texts/${text.id}/silence/break`, {
      reason: 'Moscow objects to the second sentence.',
      amendment: 'The Council notes the exchange.',
    });
    expect(broken).toMatchObject({
      state: 'tabled',
      silence: null,
      adReferendum: [],
      silenceBreaks: [
        {
          participant: 'russia',
          reason: 'Moscow objects to the second sentence.',
          amendment: 'The Council notes the exchange.',
          version: text.version,
        },
      ],
    });
    for (const user of [natoChair, natoMember, russiaChair]) {
      expect(await kindsFor(user, text.id)).toContain('silence-broken');
    }
    const notice = (await inbox(natoMember)).items.find(
      (n: { entity: { id: string } }) => n.entity.id === text.id,
    );
    expect(notice).toMatchObject({
      kind: 'silence-broken',
      message: `Russia broke silence on "${text.title}": Moscow objects to the second sentence.`,
    });
    const audit = await ok(natoMember, 'GET', '/audit');
    expect(
      audit.items.find(
        (e: { action: string; entity?: { id: string }; entityId?: string }) =>
          e.action === 'text.break-silence',
      ),
    ).toBeDefined();
    // Once broken, the deadline adopts nothing.
    ctx.advance(2 * DAY);
    expect((await ok(natoChair, 'GET', `/texts/${text.id}`)).state).toBe('tabled');
    ctx.advance(-2 * DAY);
  });

  it('brings an amendment that names its passage back into the text as a bracket', async () => {
    const text = await jointText('The Council welcomes the exchange.');
    await ok(natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      ...TOMORROW,
    });
    const paragraphId = text.languageVersions[0].paragraphs[0].id;
    // A passage without the wording that would replace it, or outside the paragraph's text,
    // is refused, and the silence still runs.
    const bare = await call(russiaSecretary, 'POST', `/texts/${text.id}/silence/break`, {
      reason: 'Too warm.',
      passage: { paragraphId, segment: 0, start: 12, end: 20 },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors[0].field).toBe('amendment');
    const outside = await call(russiaSecretary, 'POST', `/texts/${text.id}/silence/break`, {
      reason: 'Too warm.',
      amendment: 'notes',
      passage: { paragraphId, segment: 0, start: 12, end: 200 },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].field).toBe('end');
    expect((await ok(natoChair, 'GET', `/texts/${text.id}`)).state).toBe('under-silence');

    // Bracketing is negotiating: a member breaks silence for the record, a secretary brackets.
    const member = await call(russiaMember, 'POST', `/texts/${text.id}/silence/break`, {
      reason: 'Too warm.',
      amendment: 'notes',
      passage: { paragraphId, segment: 0, start: 12, end: 20 },
    });
    expect(member.statusCode).toBe(403);
    const broken = await ok(russiaSecretary, 'POST', `/texts/${text.id}/silence/break`, {
      reason: 'Too warm.',
      amendment: 'notes',
      passage: { paragraphId, segment: 0, start: 12, end: 20 },
    });
    expect(broken).toMatchObject({
      state: 'tabled',
      version: text.version + 1,
      clean: false,
      silenceBreaks: [{ participant: 'russia', amendment: 'notes', version: text.version }],
    });
    const bracket = broken.languageVersions[0].paragraphs[0].segments.find(
      (segment: { kind: string }) => segment.kind === 'bracket',
    );
    expect(
      bracket.alternatives.map((a: { holder: string; text: string; reason: string | null }) => [
        a.holder,
        a.text,
        a.reason,
      ]),
    ).toEqual([
      ['nato', 'welcomes', null],
      ['russia', 'notes', 'Too warm.'],
    ]);
  });

  it('gives the wording under silence to the other party when the tabling party amends it', async () => {
    const text = await jointText('The Council welcomes the exchange.');
    await ok(natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      ...TOMORROW,
    });
    const paragraphId = text.languageVersions[0].paragraphs[0].id;
    const broken = await ok(natoSecretary, 'POST', `/texts/${text.id}/silence/break`, {
      reason: 'Our capitals want it warmer.',
      amendment: 'warmly welcomes',
      passage: { paragraphId, segment: 0, start: 12, end: 20 },
    });
    const bracket = broken.languageVersions[0].paragraphs[0].segments.find(
      (segment: { kind: string }) => segment.kind === 'bracket',
    );
    // NATO cannot withdraw alone the wording both let go to silence: Russia holds it.
    expect(bracket.alternatives.map((a: { holder: string }) => a.holder)).toEqual([
      'russia',
      'nato',
    ]);
  });

  it('refuses a break without a reason, naming it, and a break when no silence runs', async () => {
    const text = await jointText();
    const none = await call(russiaMember, 'POST', `/texts/${text.id}/silence/break`, {
      reason: 'No silence.',
    });
    expect(none.statusCode).toBe(409);
    expect(none.json().errors[0].field).toBe('state');
    await ok(natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      ...TOMORROW,
    });
    const empty = await call(russiaMember, 'POST', `/texts/${text.id}/silence/break`, {
      reason: '  ',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('reason');
    const anonymous = await call(null, 'POST', `/texts/${text.id}/silence/break`, { reason: 'x' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe("a caucus text's silence", () => {
  it('runs among the delegations of its party, and the other party learns nothing of it', async () => {
    const at = ctx.deps.clock().toISOString();
    for (const [id, name] of [
      ['be', 'Belgium'],
      ['de', 'Germany'],
    ] as const) {
      await ctx.deps.db
        .insertInto('delegations')
        .values({
          id,
          name,
          countryCode: id.toUpperCase(),
          joinedOn: '1949-04-04',
          leftOn: null,
          sourceId: null,
          visibility: 'public',
          party: 'nato',
          createdAt: at,
          updatedAt: at,
        })
        .execute();
    }
    const belgian = await addUser(ctx, 'nato', ['member']);
    const german = await addUser(ctx, 'nato', ['member']);
    const natoAdmin = await addUser(ctx, 'nato', ['admin']);
    const russiaAdmin = await addUser(ctx, 'russia', ['admin']);
    // An admin places its own party's users in its own party's delegations only.
    const foreign = await call(russiaAdmin, 'PATCH', `/users/${russiaMember.actor.userId}`, {
      delegationId: 'be',
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe('delegationId');
    for (const [user, delegation] of [
      [belgian, 'be'],
      [german, 'de'],
    ] as const) {
      const placed = await ok(natoAdmin, 'PATCH', `/users/${user.actor.userId}`, {
        delegationId: delegation,
      });
      expect(placed.delegationId).toBe(delegation);
    }
    const before = {
      inbox: await inbox(russiaMember),
      audit: await ok(russiaMember, 'GET', '/audit'),
      texts: await ok(russiaMember, 'GET', '/texts'),
    };
    const draft = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'press-statement',
      title: 'Allied line on the exchange',
      paragraphs: ['The Allies welcome the exchange.'],
    });
    const started = await ok(natoChair, 'POST', `/texts/${draft.id}/silence`, {
      version: draft.version,
      ...TOMORROW,
    });
    expect(started.silence.participants).toEqual(['be', 'de']);
    expect(await kindsFor(belgian, draft.id)).toEqual(['silence-started']);
    expect(await kindsFor(natoMember, draft.id)).toEqual([]);

    // The other party: the same 404 as a text that does not exist, on every silence route.
    const missing = await call(russiaChair, 'POST', '/texts/no-such-text/silence', {
      version: 1,
      ...TOMORROW,
    });
    for (const [user, url, body] of [
      [russiaChair, `/texts/${draft.id}/silence`, { version: draft.version, ...TOMORROW }],
      [russiaMember, `/texts/${draft.id}/silence/break`, { reason: 'We object.' }],
    ] as const) {
      const response = await call(user, 'POST', url, body);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        ...missing.json(),
        instance: expect.any(String),
      });
    }

    // A caucus draft is edited, not bracketed: an amendment's passage is refused.
    const bracketed = await call(natoSecretary, 'POST', `/texts/${draft.id}/silence/break`, {
      reason: 'Our line.',
      amendment: 'notes',
      passage: {
        paragraphId: draft.languageVersions[0].paragraphs[0].id,
        segment: 0,
        start: 0,
        end: 3,
      },
    });
    expect(bracketed.statusCode).toBe(400);
    expect(bracketed.json().errors[0].field).toBe('passage');
    // Only a participating delegation breaks it; a NATO user of none is refused.
    const outsider = await call(natoMember, 'POST', `/texts/${draft.id}/silence/break`, {
      reason: 'I object.',
    });
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().errors[0].field).toBe('participant');
    const broken = await ok(german, 'POST', `/texts/${draft.id}/silence/break`, {
      reason: 'Berlin needs another day.',
    });
    expect(broken).toMatchObject({ state: 'draft', silenceBreaks: [{ participant: 'de' }] });
    const [notice] = (await inbox(belgian)).items;
    expect(notice.message).toBe(
      'Germany broke silence on "Allied line on the exchange": Berlin needs another day.',
    );

    expect(await inbox(russiaMember)).toEqual(before.inbox);
    expect(await ok(russiaMember, 'GET', '/audit')).toEqual(before.audit);
    expect(await ok(russiaMember, 'GET', '/texts')).toEqual(before.texts);
  });
});
