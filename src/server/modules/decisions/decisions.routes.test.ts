import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  createTestContext,
  type Method,
  publishAsBoth,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { itOnlyOn } from '../../../../tests/support/test-database.ts';
import { isUniqueViolation } from './decision.repository.ts';
import { respondToDecision } from './respond-to-decision.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let natoChair: TestUser;
let natoMember: TestUser;
let russiaChair: TestUser;
let russiaSecretary: TestUser;

const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callApi(ctx, user, method, url, payload);

async function propose(body: object = {}) {
  const response = await call(natoSecretary, 'POST', '/decisions', {
    subject: 'Search and rescue at sea',
    text: 'The council agrees to cooperate on search and rescue at sea.',
    ...body,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

/** A chair answers for its party, naming the version it read (as a chair's client does). */
async function answer(
  user: TestUser | null,
  id: string,
  response: 'concur' | 'decline',
  body: object = {},
) {
  const read = await call(user ?? natoMember, 'GET', `/decisions/${id}`);
  return call(user, 'POST', `/decisions/${id}/${response}`, {
    version: read.json().version,
    ...body,
  });
}

/** A secretary asks to publish the version it read. */
async function publish(user: TestUser, id: string) {
  const read = await call(user, 'GET', `/decisions/${id}`);
  return call(user, 'POST', `/decisions/${id}/publish`, { version: read.json().version });
}

const auditOf = (id: string) =>
  ctx.deps.db
    .selectFrom('auditEvents')
    .select(['action', 'actorParty'])
    .where('entityId', '=', id)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  natoMember = await addUser(ctx, 'nato', ['member']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
});
afterAll(async () => ctx.close());

describe('agreeing a joint decision', () => {
  it('is agreed only after both chairs concur, each for its own party', async () => {
    const id = await propose();
    const first = await answer(natoChair, id, 'concur', {});
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'proposed', decidedOn: null });
    expect(first.json().responses).toEqual([
      { party: 'nato', response: 'concur', version: 1, comment: null, at: expect.any(String) },
    ]);

    const second = await answer(russiaChair, id, 'concur');
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ status: 'agreed', decidedOn: '2001-03-01' });
    expect(
      second
        .json()
        .responses.map((r: { party: string }) => r.party)
        .sort(),
    ).toEqual(['nato', 'russia']);
    expect((await auditOf(id)).map((e) => e.action)).toEqual([
      'decision.create',
      'decision.concur',
      'decision.concur',
      'decision.agree',
    ]);
  });

  it('never lets a member or a secretary concur', async () => {
    const id = await propose();
    for (const user of [natoMember, natoSecretary, russiaSecretary]) {
      const response = await answer(user, id, 'concur', {});
      expect(response.statusCode).toBe(403);
    }
    expect((await answer(null, id, 'concur', {})).statusCode).toBe(401);
    const decision = (await call(natoMember, 'GET', `/decisions/${id}`)).json();
    expect(decision).toMatchObject({ status: 'proposed', responses: [] });
  });

  it("records the other party's chair for its own party, and refuses a party named in the body", async () => {
    const id = await propose();
    const named = await answer(russiaChair, id, 'concur', { party: 'nato' });
    expect(named.statusCode).toBe(400);
    expect(named.json().errors).toEqual([
      { field: 'party', in: 'body', pointer: '/party', message: expect.any(String) },
    ]);
    const response = await answer(russiaChair, id, 'concur');
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('proposed');
    expect(response.json().responses).toEqual([expect.objectContaining({ party: 'russia' })]);
    // NATO has still to answer for itself.
    const nato = await answer(natoChair, id, 'concur');
    expect(nato.json().status).toBe('agreed');
  });

  it('refuses a second response of the same party, also when it arrives at the same time', async () => {
    const id = await propose();
    const secondNatoChair = await addUser(ctx, 'nato', ['chair']);
    const answers = await Promise.all([
      answer(natoChair, id, 'concur'),
      answer(secondNatoChair, id, 'concur'),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json().code).toBe('AlreadyResponded');
    const later = await answer(natoChair, id, 'decline');
    expect(later.json().code).toBe('AlreadyResponded');
  });

  it('cannot store two responses of one party even past the service (the key refuses it)', async () => {
    const id = await propose();
    const row = {
      decisionId: id,
      party: 'nato',
      userId: null,
      response: 'concur' as const,
      version: 1,
      comment: null,
      at: '2001-03-01T09:00:00.000Z',
      visibility: 'joint' as const,
    };
    await ctx.deps.db.insertInto('decisionResponses').values(row).execute();
    const second = ctx.deps.db
      .insertInto('decisionResponses')
      .values({ ...row, response: 'decline' })
      .execute();
    const error = await second.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
  });

  itOnlyOn(
    'sqlite',
    "the fault is planted with a trigger, DDL that the application's role may not run on PostgreSQL (it owns no table); the test above covers PostgreSQL's key-violation code",
  )('reports a key violation of a later step as what it is, not as a second response', async () => {
    const id = await propose();
    await answer(natoChair, id, 'concur');
    // A fault planted in the step after the response: agreeing writes a duplicate party.
    await sql`create trigger "fault" after insert on "auditEvents"
      when new."action" = 'decision.agree'
      begin insert into "parties" select * from "parties" where "id" = 'nato'; end`.execute(
      ctx.deps.db,
    );
    try {
      const error = await respondToDecision(ctx.deps, russiaChair.actor, id, 'concur', {
        version: 1,
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUniqueViolation(error)).toBe(true);
    } finally {
      await sql`drop trigger "fault"`.execute(ctx.deps.db);
    }
    const decision = (await call(natoMember, 'GET', `/decisions/${id}`)).json();
    expect(decision).toMatchObject({ status: 'proposed', responses: [{ party: 'nato' }] });
  });

  it('is declined as soon as one party declines, and then closed to responses', async () => {
    const id = await propose();
    await answer(natoChair, id, 'concur');
    const declined = await answer(russiaChair, id, 'decline', {
      comment: 'Not on these terms.',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', decidedOn: '2001-03-01' });
    expect(declined.json().responses).toContainEqual(
      expect.objectContaining({
        party: 'russia',
        response: 'decline',
        comment: 'Not on these terms.',
      }),
    );
    const after = await answer(natoChair, id, 'decline');
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('DecisionClosed');
  });

  it('shows responses without the user id of the responding chair', async () => {
    const id = await propose();
    await answer(russiaChair, id, 'concur');
    const seen = (await call(natoMember, 'GET', `/decisions/${id}`)).json();
    expect(JSON.stringify(seen)).not.toContain(russiaChair.actor.userId);
    // The proposer's id is shown to its own party only.
    expect(seen.proposedBy).toBe(natoSecretary.actor.userId);
    const russian = (await call(russiaChair, 'GET', `/decisions/${id}`)).json();
    expect(russian.proposedBy).toBeNull();
  });
});

describe('proposing and changing a decision', () => {
  it('refuses a caucus decision', async () => {
    const response = await call(natoSecretary, 'POST', '/decisions', {
      subject: 'Internal',
      text: 'Allies only',
      visibility: 'caucus',
    });
    expect(response.statusCode).toBe(400);
  });

  it('refuses a chair or a member proposing', async () => {
    for (const user of [natoChair, natoMember]) {
      const response = await call(user, 'POST', '/decisions', { subject: 's', text: 't' });
      expect(response.statusCode).toBe(403);
    }
  });

  it('refuses to approve something that does not exist or that the proposer cannot see', async () => {
    const at = new Date().toISOString();
    await ctx.deps.db
      .insertInto('workProgrammes')
      .values({
        id: 'wp-2030',
        year: 2030,
        title: 'NATO internal plan',
        description: null,
        visibility: 'caucus',
        party: 'nato',
        sourceId: null,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    for (const approves of [
      { kind: 'workProgramme', id: 'wp-1999' },
      { kind: 'office', id: 'nowhere' },
      { kind: 'workProgramme', id: 'wp-2030' },
    ]) {
      const response = await call(russiaSecretary, 'POST', '/decisions', {
        subject: 's',
        text: 't',
        approves,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'approves.id' })]);
    }
    // NATO sees its own caucus programme, but a joint decision on it would reveal it.
    const tooWide = await call(natoSecretary, 'POST', '/decisions', {
      subject: 's',
      text: 't',
      approves: { kind: 'workProgramme', id: 'wp-2030' },
    });
    expect(tooWide.json().code).toBe('VisibilityTooWide');
  });

  it('lets the proposing party change the text until a party has responded, then refuses', async () => {
    const id = await propose();
    const other = await call(russiaSecretary, 'PATCH', `/decisions/${id}`, {
      text: 'Russian text',
    });
    expect(other.json().code).toBe('NotYourParty');
    const changed = await call(natoSecretary, 'PATCH', `/decisions/${id}`, { text: 'New text' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().text).toBe('New text');
    await answer(russiaChair, id, 'concur');
    const frozen = await call(natoSecretary, 'PATCH', `/decisions/${id}`, { text: 'Sneaky' });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().code).toBe('AlreadyAgreed');
    expect((await call(natoMember, 'GET', `/decisions/${id}`)).json().text).toBe('New text');
  });

  it('lets only a secretary of the proposing party withdraw a proposal, which then closes', async () => {
    const id = await propose();
    await answer(russiaChair, id, 'concur');
    const other = await call(russiaSecretary, 'POST', `/decisions/${id}/withdraw`);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('NotYourParty');
    expect((await call(natoChair, 'POST', `/decisions/${id}/withdraw`)).statusCode).toBe(403);
    expect((await call(null, 'POST', `/decisions/${id}/withdraw`)).statusCode).toBe(401);
    const withdrawn = await call(natoSecretary, 'POST', `/decisions/${id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', decidedOn: null });
    expect((await auditOf(id)).map((e) => e.action)).toEqual([
      'decision.create',
      'decision.concur',
      'decision.withdraw',
    ]);
    for (const [user, action] of [
      [natoChair, 'concur'],
      [natoSecretary, 'withdraw'],
    ] as const) {
      const closed = await call(user, 'POST', `/decisions/${id}/${action}`);
      expect(closed.json().code).toBe('DecisionClosed');
    }
    const listed = (await call(natoMember, 'GET', '/decisions?status=withdrawn')).json().items;
    expect(listed.map((d: { id: string }) => d.id)).toEqual([id]);
  });

  it('cannot withdraw an agreed decision', async () => {
    const id = await propose();
    await answer(natoChair, id, 'concur');
    await answer(russiaChair, id, 'concur');
    const response = await call(natoSecretary, 'POST', `/decisions/${id}/withdraw`);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('DecisionClosed');
  });

  it('agrees a proposed office in the same step as the decision approving it', async () => {
    const at = new Date().toISOString();
    await ctx.deps.db
      .insertInto('offices')
      .values({
        id: 'nio-moscow',
        name: 'NATO Information Office',
        kind: 'information-office',
        location: 'Moscow',
        status: 'proposed',
        proposedOn: '2000-12',
        agreedOn: null,
        openedOn: null,
        closedOn: null,
        establishedBy: null,
        visibility: 'public',
        party: null,
        sourceId: null,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    const id = await propose({ approves: { kind: 'office', id: 'nio-moscow' } });
    await publish(natoSecretary, id);
    await publish(russiaSecretary, id);
    await answer(natoChair, id, 'concur');
    const office = () =>
      ctx.deps.db
        .selectFrom('offices')
        .select(['status', 'agreedOn'])
        .where('id', '=', 'nio-moscow')
        .executeTakeFirstOrThrow();
    expect(await office()).toEqual({ status: 'proposed', agreedOn: null });
    await answer(russiaChair, id, 'concur');
    expect(await office()).toEqual({ status: 'agreed', agreedOn: '2001-03-01' });
    expect(await auditOf('nio-moscow')).toEqual([{ action: 'office.agree', actorParty: 'russia' }]);
  });

  it('lists decisions by status and hides them all from anonymous callers unless public', async () => {
    const agreed = await call(natoMember, 'GET', '/decisions?status=agreed&limit=1');
    expect(agreed.json().items).toHaveLength(1);
    expect(agreed.json().items[0].status).toBe('agreed');
    const next = await call(
      natoMember,
      'GET',
      `/decisions?status=agreed&limit=1&cursor=${agreed.json().nextCursor}`,
    );
    expect(next.json().items[0].id).not.toBe(agreed.json().items[0].id);
    const anonymous = (await call(null, 'GET', '/decisions')).json().items;
    expect(anonymous.every((d: { visibility: string }) => d.visibility === 'public')).toBe(true);
    expect(anonymous).toHaveLength(1);
  });
});

describe('publishing a decision', () => {
  // The review's case: NATO asked to publish its proposal, Russia's chair declined it with a
  // comment (the version stays), and Russia's request then made public a decline and a comment
  // NATO never asked to publish.
  it('voids the requests waiting when a chair answers: each party asks again for what it now reads', async () => {
    const id = await propose();
    expect((await publish(natoSecretary, id)).statusCode).toBe(200);
    const declined = await answer(russiaChair, id, 'decline', { comment: 'Only for propaganda.' });
    expect(declined.statusCode).toBe(200);
    expect(declined.json().publication.requestedBy).toEqual([]);
    const alone = await publish(russiaSecretary, id);
    expect(alone.statusCode).toBe(200);
    expect(alone.json()).toMatchObject({
      visibility: 'joint',
      publication: { requestedBy: ['russia'] },
    });
    expect((await call(null, 'GET', `/decisions/${id}`)).statusCode).toBe(404);
  });

  it('waits until its meeting and what it approves are public, naming each, and asks nothing meanwhile', async () => {
    const programme = await call(natoSecretary, 'POST', '/work-programmes', {
      year: 2040,
      title: 'Programme 2040',
    });
    const meeting = await call(natoSecretary, 'POST', '/meetings', {
      title: 'PJC at ambassadors',
      level: 'ambassadors',
      format: 'joint',
      startsAt: '2001-04-18T10:00:00+02:00',
    });
    const id = await propose({
      approves: { kind: 'workProgramme', id: programme.json().id },
      meetingId: meeting.json().id,
    });
    await answer(natoChair, id, 'concur');
    await answer(russiaChair, id, 'concur');

    const refused = await publish(natoSecretary, id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'VisibilityTooWide',
      errors: [
        { field: 'meetingId', message: expect.stringContaining('which is joint') },
        {
          field: 'approves',
          message: 'names work programme wp-2040, which is joint: make it public first',
        },
      ],
    });
    expect((await auditOf(id)).map((e) => e.action)).not.toContain('decision.request-publication');

    await publishAsBoth(ctx, [natoSecretary, russiaSecretary], '/work-programmes/2040');
    await publishAsBoth(ctx, [natoSecretary, russiaSecretary], `/meetings/${meeting.json().id}`);
    expect((await publish(natoSecretary, id)).statusCode).toBe(200);
    const published = await publish(russiaSecretary, id);
    expect(published.json()).toMatchObject({ visibility: 'public', status: 'agreed' });
  });
});

describe('a public proposal', () => {
  it('stays as both parties published it: its own party changes neither subject nor text', async () => {
    const id = await propose({ subject: 'Published proposal' });
    await publishAsBoth(ctx, [natoSecretary, russiaSecretary], `/decisions/${id}`);
    const published = (await ctx.app.inject({ url: `/api/decisions/${id}` })).json();
    expect(published).toMatchObject({ visibility: 'public', status: 'proposed' });
    const refused = await call(natoSecretary, 'PATCH', `/decisions/${id}`, {
      text: 'The council agrees to what NATO now says.',
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'AlreadyAgreed',
      errors: [{ field: 'text', message: 'published by both parties' }],
    });
    expect((await ctx.app.inject({ url: `/api/decisions/${id}` })).json()).toEqual(published);
    // The same subject sent again changes nothing, not even the version a chair names.
    const same = await call(natoSecretary, 'PATCH', `/decisions/${id}`, {
      subject: 'Published proposal',
    });
    expect(same.statusCode).toBe(200);
    expect((await ctx.app.inject({ url: `/api/decisions/${id}` })).json()).toEqual(published);
  });
});
