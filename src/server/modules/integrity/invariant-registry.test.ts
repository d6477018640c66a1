import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillEveryTable } from '../../../../tests/support/every-table.fixture.ts';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';
import { TEST_DIALECT } from '../../../../tests/support/test-database.ts';
import { checkInvariants } from './check-invariants.ts';
import type { Invariant } from './invariant.ts';
import { INVARIANTS } from './invariant-registry.ts';

const MODULES = fileURLToPath(new URL('..', import.meta.url));

/** Every list of invariants some module's `<entity>.invariants.ts` exports. */
async function declaredInvariants(): Promise<{ file: string; invariant: Invariant }[]> {
  const declared = [];
  for (const module of readdirSync(MODULES)) {
    for (const name of readdirSync(`${MODULES}${module}`)) {
      if (!name.endsWith('.invariants.ts')) continue;
      const file = `${module}/${name}`;
      const exported: Record<string, unknown> = await import(`${MODULES}${file}`);
      for (const value of Object.values(exported)) {
        if (!Array.isArray(value)) continue;
        for (const invariant of value as Invariant[]) {
          if (typeof invariant?.check === 'function') declared.push({ file, invariant });
        }
      }
    }
  }
  return declared;
}

describe('the invariant registry', () => {
  it('holds every invariant a module declares, so none is left unchecked by the import', async () => {
    const declared = await declaredInvariants();
    expect(declared.length).toBeGreaterThan(0);
    const missing = declared
      .filter(({ invariant }) => !INVARIANTS.includes(invariant))
      .map(({ file, invariant }) => `${file}: ${invariant.name}`);
    expect(missing).toEqual([]);
  });

  it('names each invariant once', () => {
    const names = INVARIANTS.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('checking the invariants', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ seed: 'parties' });
    await fillEveryTable(ctx.deps);
  });
  afterAll(async () => ctx.close());

  it('finds nothing wrong in a database the API could have written', async () => {
    expect(await checkInvariants(ctx.deps.db)).toEqual([]);
  });

  it('only reads: every invariant runs on a connection that refuses any write', async () => {
    if (TEST_DIALECT === 'postgres') {
      // A pool has many connections: a read-only transaction is the one that refuses writes.
      await ctx.deps.db
        .transaction()
        .setAccessMode('read only')
        .execute(async (trx) => expect(await checkInvariants(trx)).toEqual([]));
      const write = ctx.deps.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => trx.updateTable('topics').set({ name: 'x' }).execute());
      await expect(write).rejects.toThrow(/read-only transaction/);
      return;
    }
    await sql`pragma query_only = on`.execute(ctx.deps.db);
    try {
      await expect(ctx.deps.db.updateTable('topics').set({ name: 'x' }).execute()).rejects.toThrow(
        /readonly/,
      );
      expect(await checkInvariants(ctx.deps.db)).toEqual([]);
    } finally {
      await sql`pragma query_only = off`.execute(ctx.deps.db);
    }
  });

  // An import is input from outside: the review carried in Russia's concurrence in a version
  // NATO alone would write next, which then counted.
  it('refuses an agreement to a version the text has not reached, or by a user who never held the role', async () => {
    const { db } = ctx.deps;
    const row = await db
      .selectFrom('textAgreements')
      .selectAll()
      .where('kind', '=', 'concur')
      .where('byParty', '=', 'russia')
      .executeTakeFirstOrThrow();
    const secretary = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'russia-sec')
      .executeTakeFirstOrThrow();
    const where = (q: ReturnType<typeof db.updateTable<'textAgreements'>>) =>
      q
        .where('textId', '=', row.textId)
        .where('kind', '=', 'concur')
        .where('byParty', '=', 'russia');
    await where(
      db.updateTable('textAgreements').set({ version: 3, userId: secretary.id }),
    ).execute();
    try {
      const found = (await checkInvariants(db)).filter(
        (f) => f.invariant === 'textAgreements.version-and-role',
      );
      expect(found.map((f) => f.message)).toEqual([
        `agrees to version 3, but text ${row.textId} is at version 1`,
        `names user ${secretary.id}, who has never been a chair`,
      ]);
    } finally {
      await where(
        db.updateTable('textAgreements').set({ version: row.version, userId: row.userId }),
      ).execute();
    }
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('names the invariant behind each finding', async () => {
    const found = await checkInvariants(ctx.deps.db, [
      { name: 'test.always', check: async () => [{ field: 'tables.x[1]', message: 'wrong' }] },
    ]);
    expect(found).toEqual([{ invariant: 'test.always', field: 'tables.x[1]', message: 'wrong' }]);
  });
});
