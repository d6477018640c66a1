import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addUser,
  callOk,
  createTestContext,
  seedParties,
  TEST_START,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { buildApp } from '../../app.ts';
import { type Db, openDatabase } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { prepareDatabase } from '../../prepare-database.ts';
import { settleDueSilences, settleSilence } from './settle-silences.ts';

/**
 * Deadlines survive restarts, and settling adopts each text once: a server that was down at
 * the deadline adopts on its return, dated at the deadline, and a second server (or a second
 * settle) finds nothing left to do.
 */

const DAY = 86_400_000;
const SECRET = 'test-secret-test-secret-test-secret-0123';
const DEADLINE = { deadline: '2001-03-02T18:00', timeZone: 'Europe/Brussels' };
const DEADLINE_UTC = '2001-03-02T17:00:00.000Z';

let serial = 0;

/** One server process: its own connection to the database file, its own clock. */
async function startServer(file: string, at: Date): Promise<TestContext & { db: Db }> {
  const db = openDatabase(file);
  let now = at.getTime();
  const deps: Deps = {
    db,
    clock: () => new Date(now),
    ids: () => `restart-${++serial}`,
  };
  const app: FastifyInstance = await buildApp({
    deps,
    secret: SECRET,
    loginAttemptsPerMinute: 1000,
  });
  await app.ready();
  return {
    db,
    deps,
    databaseUrl: file,
    app,
    advance: (ms) => {
      now += ms;
    },
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

async function adoptionsOf(db: Db, textId: string) {
  return {
    audit: await db
      .selectFrom('auditEvents')
      .select(['at', 'action'])
      .where('entityId', '=', textId)
      .where('action', '=', 'text.adopt')
      .execute(),
    records: await db
      .selectFrom('adoptionRecords')
      .select(['at'])
      .where('textId', '=', textId)
      .execute(),
    notices: await db
      .selectFrom('notifications')
      .select('userId')
      .where('entityId', '=', textId)
      .where('kind', '=', 'adopted-by-silence')
      .execute(),
    series: await db.selectFrom('textSeries').selectAll().execute(),
  };
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A council file of its own, migrated, with the parties: for servers started on it in turn. */
async function councilFile(prefix: string): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  const file = join(folder, 'council.db');
  const db = openDatabase(file);
  await prepareDatabase(db);
  await seedParties({ db, clock: () => TEST_START, ids: () => `seed-${++serial}` });
  await db.destroy();
  return file;
}

describe('a deadline that passes while the server is down', () => {
  let file: string;
  beforeAll(async () => {
    file = await councilFile('council-silence-');
  });

  it('is adopted once, at the deadline instant, when the server comes back', async () => {
    const first = await startServer(file, TEST_START);
    const secretary = await addUser(first, 'nato', ['secretary']);
    const chair = await addUser(first, 'nato', ['chair']);
    const russian = await addUser(first, 'russia', ['member']);
    const text = await callOk(first, secretary, 'POST', '/texts', {
      kind: 'joint-statement',
      title: 'Statement across a restart',
      visibility: 'joint',
      paragraphs: ['The Council met.'],
    });
    await callOk(first, chair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      ...DEADLINE,
    });
    // The server stops before the deadline: its timer goes with it.
    await first.close();

    // It comes back three days later; starting it settles what fell due meanwhile.
    const second = await startServer(file, new Date(TEST_START.getTime() + 3 * DAY));
    const stored = await second.db
      .selectFrom('texts')
      .selectAll()
      .where('id', '=', text.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      state: 'adopted',
      adoptedAt: DEADLINE_UTC,
      number: 'COUNCIL(2001)001',
      silenceDeadline: null,
    });
    const once = await adoptionsOf(second.db, text.id);
    expect(once.audit).toHaveLength(1);
    expect(once.records).toEqual([{ at: DEADLINE_UTC }]);
    expect(once.series).toEqual([{ audience: 'joint', year: 2001, last: 1 }]);
    // Every reader but nobody twice: the secretary, the chair and the Russian member.
    expect(once.notices.map((n) => n.userId).sort()).toEqual(
      [secretary, chair, russian].map((u: TestUser) => u.actor.userId).sort(),
    );
    const read = await callOk(second, russian, 'GET', `/texts/${text.id}`);
    expect(read).toMatchObject({ state: 'adopted', adoptedAt: DEADLINE_UTC });
    await second.close();

    // A third start, later still, and a settle by hand change nothing.
    const third = await startServer(file, new Date(TEST_START.getTime() + 4 * DAY));
    expect(await settleDueSilences(third.deps)).toBe(0);
    expect(await settleSilence(third.deps, text.id)).toBe(false);
    expect(await adoptionsOf(third.db, text.id)).toEqual(once);
    await third.close();
  });
});

describe('a deadline that cannot be settled', () => {
  let file: string;
  beforeAll(async () => {
    file = await councilFile('council-silence-stuck-');
  });

  it('holds up no other text, is left out of the deadlines a request looks at, and is tried again later', async () => {
    const first = await startServer(file, TEST_START);
    const russianSecretary = await addUser(first, 'russia', ['secretary']);
    const russianChair = await addUser(first, 'russia', ['chair']);
    const natoSecretary = await addUser(first, 'nato', ['secretary']);
    const natoChair = await addUser(first, 'nato', ['chair']);
    const natoMember = await addUser(first, 'nato', ['member']);
    const stuck = await callOk(first, russianSecretary, 'POST', '/texts', {
      kind: 'joint-statement',
      title: 'A caucus position that cannot be adopted',
      visibility: 'caucus',
      paragraphs: ['Our line.'],
    });
    await callOk(first, russianChair, 'POST', `/texts/${stuck.id}/silence`, {
      version: stuck.version,
      ...DEADLINE,
    });
    // NATO's own caucus text, due a day after the Russian one.
    const own = await callOk(first, natoSecretary, 'POST', '/texts', {
      kind: 'joint-statement',
      title: 'Our position',
      visibility: 'caucus',
      paragraphs: ['Our position.'],
    });
    await callOk(first, natoChair, 'POST', `/texts/${own.id}/silence`, {
      version: own.version,
      deadline: '2001-03-03T18:00',
      timeZone: 'Europe/Brussels',
    });
    await first.close();
    // The Russian text's stored wording is damaged: adopting it fails, every time.
    const db = openDatabase(file);
    await db
      .updateTable('textVersions')
      .set({ content: 'not json' })
      .where('textId', '=', stuck.id)
      .execute();
    await db.destroy();

    // Back after both deadlines: the settling at start fails for the Russian text and adopts
    // NATO's all the same; the failed one is not kept as due, so no request settles (and
    // fails) on its way in, and the timer tries it again later.
    const second = await startServer(file, new Date(TEST_START.getTime() + 3 * DAY));
    try {
      expect(second.app.silenceDeadlineKnown()).toBeNull();
      const read = await callOk(second, natoMember, 'GET', `/texts/${own.id}`);
      expect(read).toMatchObject({ state: 'adopted', adoptedAt: '2001-03-03T17:00:00.000Z' });
      const stored = await second.db
        .selectFrom('texts')
        .select(['state', 'silenceDeadline'])
        .where('id', '=', stuck.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ state: 'under-silence', silenceDeadline: DEADLINE_UTC });
    } finally {
      await second.close();
    }
  });
});

describe('a silence started by another process on the same file', () => {
  let file: string;
  beforeAll(async () => {
    file = await councilFile('council-silence-beside-');
  });

  // The CLI beside a running server writes through its own connection: the server hears of
  // the commit by the file's data version and arms its timer, not at its next text write.
  it("arms the running server's timer within a second or two", async () => {
    const running = await startServer(file, TEST_START);
    const beside = await startServer(file, TEST_START);
    try {
      const secretary = await addUser(beside, 'nato', ['secretary']);
      const chair = await addUser(beside, 'nato', ['chair']);
      const text = await callOk(beside, secretary, 'POST', '/texts', {
        kind: 'joint-statement',
        title: 'Statement started beside the server',
        visibility: 'joint',
        paragraphs: ['The Council met.'],
      });
      expect(running.app.silenceDeadlineKnown()).toBeNull();
      await callOk(beside, chair, 'POST', `/texts/${text.id}/silence`, {
        version: text.version,
        ...DEADLINE,
      });
      await vi.waitFor(() => expect(running.app.silenceDeadlineKnown()).toBe(DEADLINE_UTC), {
        timeout: 5_000,
      });
    } finally {
      await beside.close();
      await running.close();
    }
  });
});

describe('settling', () => {
  let ctx: TestContext;
  let secretary: TestUser;
  let chair: TestUser;
  beforeAll(async () => {
    ctx = await createTestContext();
    secretary = await addUser(ctx, 'nato', ['secretary']);
    chair = await addUser(ctx, 'nato', ['chair']);
  });
  afterAll(async () => ctx.close());

  const underSilence = async (deadline: string) => {
    const text = await callOk(ctx, secretary, 'POST', '/texts', {
      kind: 'communique',
      title: `Communiqué ${++serial}`,
      visibility: 'joint',
      paragraphs: ['The Council met.'],
    });
    await callOk(ctx, chair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      deadline,
      timeZone: 'UTC',
    });
    // The timer is armed after the answer; the clock must not move before it is.
    await ctx.app.silenceTimerArmed();
    return text as { id: string };
  };

  it('adopts once when two settles run at the same time', async () => {
    const text = await underSilence('2001-03-05T12:00');
    ctx.advance(5 * DAY);
    const settled = await Promise.all([settleDueSilences(ctx.deps), settleDueSilences(ctx.deps)]);
    expect(settled.sort()).toEqual([0, 1]);
    const after = await adoptionsOf(ctx.deps.db, text.id);
    expect(after.audit).toHaveLength(1);
    expect(after.records).toEqual([{ at: '2001-03-05T12:00:00.000Z' }]);
    expect(await settleSilence(ctx.deps, text.id)).toBe(false);
  });

  it('numbers texts in the order of their deadlines, not the order they were started', async () => {
    const later = await underSilence('2001-03-12T12:00');
    const sooner = await underSilence('2001-03-11T12:00');
    ctx.advance(10 * DAY);
    expect(await settleDueSilences(ctx.deps)).toBe(2);
    const numbers = await ctx.deps.db
      .selectFrom('texts')
      .select(['id', 'number'])
      .where('id', 'in', [sooner.id, later.id])
      .execute();
    const numberOf = (id: string) => numbers.find((n) => n.id === id)?.number ?? '';
    expect(numberOf(sooner.id) < numberOf(later.id)).toBe(true);
  });
});

describe("the scheduler's timer", () => {
  let ctx: TestContext;
  afterAll(async () => {
    vi.useRealTimers();
    await ctx?.close();
  });

  it('adopts at the deadline with no request at all, and is cleared when the app closes', async () => {
    ctx = await createTestContext();
    const secretary = await addUser(ctx, 'nato', ['secretary']);
    const chair = await addUser(ctx, 'nato', ['chair']);
    const text = await callOk(ctx, secretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Communiqué on a timer',
      visibility: 'joint',
      paragraphs: ['The Council met.'],
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // The deadline is a day and an hour away on the test clock.
    await callOk(ctx, chair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      deadline: '2001-03-02T10:00',
      timeZone: 'UTC',
    });
    // The write re-arms the timer once it has been answered.
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1));
    const stateOf = async () =>
      (
        await ctx.deps.db
          .selectFrom('texts')
          .select(['state', 'adoptedAt'])
          .where('id', '=', text.id)
          .executeTakeFirstOrThrow()
      ).state;
    await vi.advanceTimersByTimeAsync((25 * 60 - 1) * 60_000);
    expect(await stateOf()).toBe('under-silence');
    ctx.advance(25 * 60 * 60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(async () => expect(await stateOf()).toBe('adopted'));
    const adopted = await ctx.deps.db
      .selectFrom('texts')
      .select('adoptedAt')
      .where('id', '=', text.id)
      .executeTakeFirstOrThrow();
    expect(adopted.adoptedAt).toBe('2001-03-02T10:00:00.000Z');

    // A later silence arms the timer again; closing the app clears it.
    const next = await callOk(ctx, secretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Communiqué left running',
      visibility: 'joint',
      paragraphs: ['The Council met again.'],
    });
    await callOk(ctx, chair, 'POST', `/texts/${next.id}/silence`, {
      version: next.version,
      deadline: '2001-03-09T10:00',
      timeZone: 'UTC',
    });
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1));
    await ctx.app.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("the timer, re-armed by the other party's request", () => {
  let ctx: TestContext;
  afterAll(async () => {
    vi.useRealTimers();
    await ctx?.close();
  });

  it('stays armed for a caucus deadline the requesting party may not see', async () => {
    ctx = await createTestContext();
    const secretary = await addUser(ctx, 'nato', ['secretary']);
    const chair = await addUser(ctx, 'nato', ['chair']);
    const russianSecretary = await addUser(ctx, 'russia', ['secretary']);
    const russianChair = await addUser(ctx, 'russia', ['chair']);
    const draft = async (by: TestUser, title: string) =>
      callOk(ctx, by, 'POST', '/texts', {
        kind: 'press-statement',
        title,
        paragraphs: ['We agree.'],
      });
    const allied = await draft(secretary, 'Allied line');
    const russian = await draft(russianSecretary, 'Russian line');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await callOk(ctx, chair, 'POST', `/texts/${allied.id}/silence`, {
      version: allied.version,
      deadline: '2001-03-02T10:00',
      timeZone: 'UTC',
    });
    await ctx.app.silenceTimerArmed();
    // Russia's own silence, ending later, re-arms the timer from a Russian request.
    await callOk(ctx, russianChair, 'POST', `/texts/${russian.id}/silence`, {
      version: russian.version,
      deadline: '2001-03-05T10:00',
      timeZone: 'UTC',
    });
    await ctx.app.silenceTimerArmed();
    // NATO's deadline passes: the timer, still armed for it, adopts NATO's text.
    ctx.advance(25 * 60 * 60_000 + 60_000);
    await vi.advanceTimersByTimeAsync(25 * 60 * 60_000 + 60_000);
    const stateOf = async (id: string) =>
      (
        await ctx.deps.db
          .selectFrom('texts')
          .select('state')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).state;
    await vi.waitFor(async () => expect(await stateOf(allied.id)).toBe('adopted'));
    expect(await stateOf(russian.id)).toBe('under-silence');
  });
});

describe('a request after a deadline', () => {
  let ctx: TestContext;
  afterAll(async () => ctx?.close());

  it("settles only the texts its caller may read, never the other party's caucus", async () => {
    ctx = await createTestContext();
    const secretary = await addUser(ctx, 'nato', ['secretary']);
    const chair = await addUser(ctx, 'nato', ['chair']);
    const natoMember = await addUser(ctx, 'nato', ['member']);
    const russiaMember = await addUser(ctx, 'russia', ['member']);
    const draft = await callOk(ctx, secretary, 'POST', '/texts', {
      kind: 'press-statement',
      title: 'Allied position',
      paragraphs: ['The Allies agree their position.'],
    });
    await callOk(ctx, chair, 'POST', `/texts/${draft.id}/silence`, {
      version: draft.version,
      deadline: '2001-03-01T11:00',
      timeZone: 'UTC',
    });
    await ctx.app.silenceTimerArmed();
    ctx.advance(3 * 3_600_000);
    const stateOf = async () =>
      (
        await ctx.deps.db
          .selectFrom('texts')
          .select('state')
          .where('id', '=', draft.id)
          .executeTakeFirstOrThrow()
      ).state;
    // The other party's request does no work for NATO's caucus: its answer, and its timing,
    // owe nothing to NATO's deadlines.
    await callOk(ctx, russiaMember, 'GET', '/texts');
    expect(await stateOf()).toBe('under-silence');
    const seen = await callOk(ctx, natoMember, 'GET', `/texts/${draft.id}`);
    expect(seen).toMatchObject({ state: 'adopted', adoptedAt: '2001-03-01T11:00:00.000Z' });
  });
});
