import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  callOk,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../tests/support/test-context.ts';
import { TEST_DIALECT } from '../../../tests/support/test-database.ts';
import { turnVisibilityFilterOffForTest } from '../modules/access/visibility.policy.ts';
import { change } from '../modules/changes/unit-of-work.ts';
import { POOL_SIZE } from './postgres.ts';
import { preparedQuery } from './prepared-query.ts';

/**
 * The hot reads run as named prepared statements on PostgreSQL (named-statements.ts), which
 * the server plans once and then, after five executions, may run on a generic plan. One
 * connection serves every viewer in turn, and row-level security reads the viewer per
 * statement (current_setting('council.viewer')): a plan that kept one viewer's answer would
 * show it to the next. SQLite keeps its own statements and has no row-level security.
 */
let ctx: TestContext;
let natoMember: TestUser;
let russiaMember: TestUser;
let meetingId: string;
let secretary: TestUser;

/** The audit entries of the meeting: one per recorded change. */
async function auditEntriesOfMeeting(): Promise<number> {
  const row = await ctx.deps.db
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('entityId', '=', meetingId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

const ROUNDS = 8;

async function agendaSeenBy(reader: TestUser | null): Promise<string[]> {
  const response = await callApi(ctx, reader, 'GET', `/meetings/${meetingId}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().agendaItems as { title: string }[]).map((item) => item.title).sort();
}

if (TEST_DIALECT !== 'postgres') {
  console.info(
    'named-statements: skipped on SQLite, which keeps its own statements and has no row-level security (runs when TEST_DATABASE_URL is set)',
  );
}

describe.runIf(TEST_DIALECT === 'postgres')('named statements on PostgreSQL', () => {
  beforeAll(async () => {
    ctx = await createTestContext();
    secretary = await addUser(ctx, 'nato', ['secretary']);
    natoMember = await addUser(ctx, 'nato', ['member']);
    russiaMember = await addUser(ctx, 'russia', ['member']);
    const meeting = await callOk(ctx, secretary, 'POST', '/meetings', {
      title: 'Plenary',
      level: 'ambassadors',
      format: 'joint',
      startsAt: '2001-05-16T10:00:00+02:00',
    });
    meetingId = meeting.id;
    for (const title of ['Everyone', 'NATO only', 'Russia only']) {
      await callOk(ctx, secretary, 'POST', `/meetings/${meetingId}/agenda-items`, { title });
    }
    // Written as the system: the meeting public (as if both parties had published it), and
    // beside its public item a caucus item of each party, so that each viewer has its own view.
    await ctx.deps.db
      .updateTable('meetings')
      .set({ visibility: 'public' })
      .where('id', '=', meetingId)
      .execute();
    for (const [title, visibility, party] of [
      ['Everyone', 'public', null],
      ['NATO only', 'caucus', 'nato'],
      ['Russia only', 'caucus', 'russia'],
    ] as const) {
      await ctx.deps.db
        .updateTable('agendaItems')
        .set({ visibility, party })
        .where('meetingId', '=', meetingId)
        .where('title', '=', title)
        .execute();
    }
  });
  afterEach(() => turnVisibilityFilterOffForTest(false));
  afterAll(async () => ctx?.close());

  it('give each viewer its own view on one connection, past the switch to a generic plan', async () => {
    // Row-level security alone decides, as it would if the application's filter missed a row.
    turnVisibilityFilterOffForTest(true);
    for (let round = 0; round < ROUNDS; round++) {
      expect(await agendaSeenBy(natoMember)).toEqual(['Everyone', 'NATO only']);
      expect(await agendaSeenBy(russiaMember)).toEqual(['Everyone', 'Russia only']);
      expect(await agendaSeenBy(null)).toEqual(['Everyone']);
    }
    // Requests one at a time take the connection the last one gave back (pg's pool is last in,
    // first out): this query sees the statements of the connection that served them all.
    const { rows } = await sql<{ statement: string; generic: number; custom: number }>`
      select statement, generic_plans as generic, custom_plans as custom
      from pg_prepared_statements where name like 'council\\_%'`.execute(ctx.deps.db);
    const meetingRead = rows.filter((row) => row.statement.includes('"agendaItems"'));
    // One text for every signed-in caller (the party is a value) and one for the anonymous.
    expect(meetingRead.length).toBeGreaterThan(0);
    const runs = meetingRead.reduce((sum, row) => sum + row.generic + row.custom, 0);
    expect(runs).toBe(3 * ROUNDS);
    expect(meetingRead.some((row) => row.generic > 0)).toBe(true);
  });

  it('reads on after a migration changed the columns a named statement reads, in a transaction or not', async () => {
    // PostgreSQL fixes a named statement's result columns at its Parse: once another
    // connection adds a column to a table it reads with `*` (another instance migrating at its
    // start), each later run fails, 0A000 "cached plan must not change result type", for as
    // long as the connection keeps the name.
    const owner = new pg.Client({ connectionString: ctx.databaseUrl });
    await owner.connect();
    try {
      expect(await agendaSeenBy(natoMember)).toEqual(['Everyone', 'NATO only']);
      await owner.query('alter table "meetings" add column "probe" text');
      // Outside a transaction the pool deallocates and runs the statement again at once.
      expect(await agendaSeenBy(natoMember)).toEqual(['Everyone', 'NATO only']);
      expect(await agendaSeenBy(natoMember)).toEqual(['Everyone', 'NATO only']);

      // Inside one, the failure aborted the transaction: it fails, and the connection forgets
      // its statements before it serves again.
      const wholeMeeting = preparedQuery(
        (db, _shape: Record<string, never>, values: { id: string }) =>
          db.selectFrom('meetings').selectAll().where('id', '=', values.id),
      );
      const inTransaction = () =>
        ctx.deps.db.transaction().execute((trx) => wholeMeeting(trx, {}, { id: meetingId }));
      expect((await inTransaction())[0]?.id).toBe(meetingId);
      await owner.query('alter table "meetings" drop column "probe"');
      await expect(inTransaction()).rejects.toMatchObject({ code: '0A000' });
      expect((await inTransaction())[0]?.id).toBe(meetingId);
      expect(await agendaSeenBy(natoMember)).toEqual(['Everyone', 'NATO only']);

      // A change through the write path is run afresh instead, and recorded once.
      const entriesBefore = await auditEntriesOfMeeting();
      let runs = 0;
      const rename = (title: string) =>
        change(ctx.deps, secretary.actor, async (uow) => {
          runs += 1;
          const [before] = await wholeMeeting(uow.trx, {}, { id: meetingId });
          if (!before) throw new Error('no meeting');
          await uow.trx
            .updateTable('meetings')
            .set({ title })
            .where('id', '=', meetingId)
            .execute();
          uow.record({
            entity: 'meeting',
            id: meetingId,
            action: 'update',
            before,
            after: { ...before, title },
          });
          return before.title;
        });
      expect(await rename('Plenary')).toBe('Plenary');
      // Every connection of the pool parses the read, each in a transaction held open until
      // all are: whichever connection the change then gets holds the statement.
      let open = 0;
      let allOpen: () => void = () => undefined;
      const everyOneOpen = new Promise<void>((resolve) => {
        allOpen = resolve;
      });
      await Promise.all(
        Array.from({ length: POOL_SIZE }, () =>
          ctx.deps.db.transaction().execute(async (trx) => {
            await wholeMeeting(trx, {}, { id: meetingId });
            open += 1;
            if (open === POOL_SIZE) allOpen();
            await everyOneOpen;
          }),
        ),
      );
      await owner.query('alter table "meetings" add column "probe" text');
      runs = 0;
      expect(await rename('Plenary session')).toBe('Plenary');
      expect(runs).toBeGreaterThanOrEqual(2);
      expect(await auditEntriesOfMeeting()).toBe(entriesBefore + 2);
      const meeting = await callOk(ctx, natoMember, 'GET', `/meetings/${meetingId}`);
      expect(meeting.title).toBe('Plenary session');
    } finally {
      await owner.query('alter table "meetings" drop column if exists "probe"');
      await owner.end();
    }
  });

  it('keeps a bounded number on a connection, and parses a statement again once forgotten', async () => {
    // A shape of its own per number: a text of its own, as a caller sweeping filters makes.
    const numbered = preparedQuery((db, shape: { n: number }, values: { id: string }) =>
      db
        .selectFrom('parties')
        .select(['id', sql<number>`${sql.lit(shape.n)}`.as('n')])
        .where('id', '=', values.id),
    );
    const named = async () => {
      const { rows } = await sql<{ count: number }>`
        select count(*) as count from pg_prepared_statements
        where name like 'council\\_%'`.execute(ctx.deps.db);
      return rows[0]?.count;
    };
    for (let n = 0; n < 70; n++) {
      expect(await numbered(ctx.deps.db, { n }, { id: 'nato' })).toEqual([{ id: 'nato', n }]);
    }
    // Past 64 (NAMED_PER_CONNECTION), a checkout of the connection deallocated all it held.
    const held = await named();
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(64);
    // The first shapes were among them: pg must send their Parse again, or the server would
    // answer that no such statement exists.
    expect(await numbered(ctx.deps.db, { n: 0 }, { id: 'russia' })).toEqual([
      { id: 'russia', n: 0 },
    ]);
    expect(await named()).toBe((held ?? 0) + 1);
  });
});
