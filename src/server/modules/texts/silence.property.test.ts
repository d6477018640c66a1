import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  callOk,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { settleDueSilences } from './settle-silences.ts';

/**
 * Random sequences of silence steps on one joint text (start with a deadline some hours
 * ahead, break by either party, time passing, settling by hand) against a small model: the
 * text is adopted exactly once, only by a silence that was never broken, at that silence's
 * deadline; a break is accepted exactly while a silence runs and its deadline is ahead.
 */

const HOUR = 3_600_000;

let ctx: TestContext;
let secretary: TestUser;
let chair: TestUser;
let natoMember: TestUser;
let russiaMember: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
});

/**
 * Users with tokens opened now: the runs move the clock on by days, and a token opened at the
 * start would expire (30 days) some runs later. One run moves it by at most 15 days.
 */
async function freshUsers(): Promise<void> {
  secretary = await addUser(ctx, 'nato', ['secretary']);
  chair = await addUser(ctx, 'nato', ['chair']);
  natoMember = await addUser(ctx, 'nato', ['member']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
}
afterAll(async () => ctx.close());

type Step =
  | { kind: 'start'; hours: number }
  | { kind: 'break'; byRussia: boolean }
  | { kind: 'advance'; minutes: number }
  | { kind: 'settle' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('start' as const), hours: fc.integer({ min: 20, max: 30 }) }),
  fc.record({ kind: fc.constant('break' as const), byRussia: fc.boolean() }),
  fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 1800 }) }),
  fc.record({ kind: fc.constant('settle' as const) }),
);

interface Model {
  state: 'tabled' | 'under-silence' | 'adopted';
  deadline: number | null;
  adoptedAt: number | null;
}

/** The model's view once time has reached `now`: a deadline passed unbroken has adopted. */
function settled(model: Model, now: number): Model {
  if (model.state === 'under-silence' && model.deadline !== null && model.deadline <= now) {
    return { state: 'adopted', deadline: null, adoptedAt: model.deadline };
  }
  return model;
}

/** A local date-time in UTC for an instant, as the API takes a deadline. */
const localUtc = (ms: number) => new Date(ms).toISOString().slice(0, 16);

let serial = 0;

describe('the silence procedure, driven at random', () => {
  it('adopts exactly once, at the deadline of a silence nobody broke', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        await freshUsers();
        const text = await callOk(ctx, secretary, 'POST', '/texts', {
          kind: 'communique',
          title: `Communiqué ${++serial}`,
          visibility: 'joint',
          paragraphs: ['The Council met.'],
        });
        let model: Model = { state: 'tabled', deadline: null, adoptedAt: null };
        for (const s of steps) {
          const now = ctx.deps.clock().getTime();
          model = settled(model, now);
          if (s.kind === 'start') {
            // Whole minutes: the API takes a deadline to the minute (or second).
            const deadline = Math.ceil((now + s.hours * HOUR) / 60_000) * 60_000;
            const response = await callApi(ctx, chair, 'POST', `/texts/${text.id}/silence`, {
              version: text.version,
              deadline: localUtc(deadline),
              timeZone: 'UTC',
            });
            // A joint text stays under silence a day at least: the other party must be able
            // to read it and break silence.
            if (model.state === 'tabled' && deadline - now < 24 * HOUR) {
              expect(response.statusCode, response.body).toBe(400);
              expect(response.json().errors[0].field).toBe('deadline');
            } else if (model.state === 'tabled') {
              expect(response.statusCode, response.body).toBe(200);
              model = { state: 'under-silence', deadline, adoptedAt: null };
            } else {
              expect(response.statusCode, response.body).toBe(409);
            }
          } else if (s.kind === 'break') {
            const response = await callApi(
              ctx,
              s.byRussia ? russiaMember : natoMember,
              'POST',
              `/texts/${text.id}/silence/break`,
              { reason: 'An objection.' },
            );
            if (model.state === 'under-silence') {
              expect(response.statusCode, response.body).toBe(200);
              model = { state: 'tabled', deadline: null, adoptedAt: null };
            } else {
              expect(response.statusCode, response.body).toBe(409);
            }
          } else if (s.kind === 'advance') {
            ctx.advance(s.minutes * 60_000);
          } else {
            await settleDueSilences(ctx.deps);
          }
        }
        // Whatever happened, one read at the end shows the model's truth.
        model = settled(model, ctx.deps.clock().getTime());
        const read = await callOk(ctx, russiaMember, 'GET', `/texts/${text.id}`);
        expect(read.state).toBe(model.state);
        expect(read.adoptedAt).toBe(
          model.adoptedAt === null ? null : new Date(model.adoptedAt).toISOString(),
        );
        const adoptions = await ctx.deps.db
          .selectFrom('auditEvents')
          .select('id')
          .where('entityId', '=', text.id)
          .where('action', '=', 'text.adopt')
          .execute();
        expect(adoptions).toHaveLength(model.state === 'adopted' ? 1 : 0);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
