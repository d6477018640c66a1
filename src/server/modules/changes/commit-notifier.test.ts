import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';
import { TEST_DIALECT } from '../../../../tests/support/test-database.ts';
import { type Db, openDatabase } from '../../db/database.ts';
import { OTHER_CONNECTIONS_POLL_MS, onCommitted, onCommittedElsewhere } from './commit-notifier.ts';

if (TEST_DIALECT !== 'sqlite') {
  console.info(
    'skipped on postgres: these watch a SQLite file; two-instances.test.ts covers NOTIFY',
  );
}

// The CLI beside a running server commits through a connection of its own: the server's live
// streams and its silence timer must hear of it without a request or a restart.
describe.runIf(TEST_DIALECT === 'sqlite')('commits by another process on the SQLite file', () => {
  let ctx: TestContext;
  // The server's connection (a fresh one: the app's own is already watched, on real timers)
  // and the connection of the process beside it.
  let server: Db;
  let beside: Db;
  const write = (db: Db, n: number) =>
    sql`insert into "probe" ("n") values (${n})`.execute(db).then(() => undefined);

  beforeAll(async () => {
    ctx = await createTestContext({ seed: 'none' });
    await sql`create table "probe" ("n" integer)`.execute(ctx.deps.db);
    server = openDatabase(ctx.databaseUrl);
    beside = openDatabase(ctx.databaseUrl);
  });
  afterAll(async () => {
    await server.destroy();
    await beside.destroy();
    await ctx.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const [name, subscribe] of [
    ['onCommittedElsewhere', onCommittedElsewhere],
    ['onCommitted', onCommitted],
  ] as const) {
    it(`wake ${name} within a poll, and never after the unsubscribe`, async () => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      let heard = 0;
      const stop = subscribe(server, () => {
        heard += 1;
      });
      // The server's own write is no news from elsewhere (the unit of work signals it).
      await write(server, 1);
      vi.advanceTimersByTime(OTHER_CONNECTIONS_POLL_MS);
      expect(heard).toBe(0);
      await write(beside, 2);
      vi.advanceTimersByTime(OTHER_CONNECTIONS_POLL_MS);
      expect(heard).toBe(1);
      // Nothing new: nothing heard.
      vi.advanceTimersByTime(OTHER_CONNECTIONS_POLL_MS);
      expect(heard).toBe(1);
      stop();
      await write(beside, 3);
      vi.advanceTimersByTime(OTHER_CONNECTIONS_POLL_MS);
      expect(heard).toBe(1);
    });
  }

  it('keeps watching for a later subscriber when an earlier one unsubscribes twice, and past a listener that throws', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const warnings: string[] = [];
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation((w) => {
      warnings.push(String(w));
    });
    try {
      const first = onCommittedElsewhere(server, () => undefined);
      // A stream unsubscribes on its finish and again on its close.
      first();
      let heard = 0;
      const second = onCommittedElsewhere(server, () => {
        heard += 1;
      });
      first();
      const failing = onCommittedElsewhere(server, () => {
        throw new Error('listener broke');
      });
      await write(beside, 4);
      vi.advanceTimersByTime(OTHER_CONNECTIONS_POLL_MS);
      expect(heard).toBe(1);
      expect(warnings).toEqual([expect.stringContaining('listener broke')]);
      await write(beside, 5);
      vi.advanceTimersByTime(OTHER_CONNECTIONS_POLL_MS);
      expect(heard).toBe(2);
      second();
      failing();
    } finally {
      warn.mockRestore();
    }
  });
});
