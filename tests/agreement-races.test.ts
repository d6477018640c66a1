import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../src/server/modules/integrity/check-invariants.ts';
import {
  addUser,
  callApi,
  callOk,
  createTestContext,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';

/**
 * A change to agreed terms and an agreement racing each other, sent at once as two parties'
 * clients would: on PostgreSQL they run on two connections of the pool at the same time. Either
 * order may win, but never both halves of the wrong one: nothing counts as agreed on terms other
 * than those agreed, and every invariant holds after each race.
 */
const ROUNDS = 8;
let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let natoChair: TestUser;
let russiaChair: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
});
afterAll(async () => ctx.close());

describe('an agreement racing a change of its terms', () => {
  it('a decision: a concurrence holds only for the version that is current', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const { id } = await callOk(ctx, natoSecretary, 'POST', '/decisions', {
        subject: `Race ${round}`,
        text: 'The council agrees to cooperate.',
      });
      // The first concurrence races an edit of the text it names.
      const [edit, concur] = await Promise.all([
        callApi(ctx, natoSecretary, 'PATCH', `/decisions/${id}`, { text: `Rewritten ${round}.` }),
        callApi(ctx, russiaChair, 'POST', `/decisions/${id}/concur`, { version: 1 }),
      ]);
      outcomes.add(`${edit.statusCode}/${concur.statusCode}`);
      const decision = await callOk(ctx, natoChair, 'GET', `/decisions/${id}`);
      for (const response of decision.responses) {
        // A concurrence still standing names the text as it is now.
        expect(response.version, JSON.stringify(decision)).toBe(decision.version);
      }
      // Either the edit came first and the concurrence on version 1 was refused, or the
      // concurrence came first and the edit, which would change what was concurred in, was.
      if (edit.statusCode === 200) {
        expect(concur.statusCode).toBe(409);
        expect(decision.responses).toEqual([]);
      } else {
        expect([edit.statusCode, concur.statusCode]).toEqual([409, 200]);
        expect(decision.text).toBe('The council agrees to cooperate.');
      }
    }
    console.log(`decision races (edit/concur): ${[...outcomes].join(', ')}`);
    expect(await checkInvariants(ctx.deps.db)).toEqual([]);
  });

  it('an agenda: agreed only when every party agreed the version it now has', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const { id } = await callOk(ctx, natoSecretary, 'POST', '/meetings', {
        title: `Ambassadors ${round}`,
        level: 'ambassadors',
        format: 'joint',
        startsAt: '2001-04-18T10:00:00+02:00',
      });
      await callOk(ctx, natoSecretary, 'POST', `/meetings/${id}/agenda-items`, { title: 'Kosovo' });
      const read = await callOk(ctx, natoSecretary, 'GET', `/meetings/${id}`);
      const version = read.agenda.version;
      await callOk(ctx, natoSecretary, 'POST', `/meetings/${id}/agenda/agree`, {
        agendaVersion: version,
      });
      const [add, agree] = await Promise.all([
        callApi(ctx, natoSecretary, 'POST', `/meetings/${id}/agenda-items`, {
          title: `Added ${round}`,
        }),
        callApi(ctx, russiaSecretary, 'POST', `/meetings/${id}/agenda/agree`, {
          agendaVersion: version,
        }),
      ]);
      outcomes.add(`${add.statusCode}/${agree.statusCode}`);
      const meeting = await callOk(ctx, russiaSecretary, 'GET', `/meetings/${id}`);
      if (meeting.agenda.status === 'agreed') {
        expect(meeting.agenda.agreedBy.sort()).toEqual(['nato', 'russia']);
        expect(meeting.agendaItems.map((i: { title: string }) => i.title)).toEqual(['Kosovo']);
      }
    }
    console.log(`agenda races (add/agree): ${[...outcomes].join(', ')}`);
    expect(await checkInvariants(ctx.deps.db)).toEqual([]);
  });
});
