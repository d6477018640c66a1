import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { prepareDatabase } from '../prepare-database.ts';
import { runAsViewer } from './postgres.ts';
import { preparedQuery } from './prepared-query.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  await prepareDatabase(database.db);
  await database.db.deleteFrom('classifications').execute();
  await database.db
    .insertInto('classifications')
    .values([
      { id: 'a', name: 'A', rank: 1, description: null },
      { id: 'b', name: 'B', rank: 2, description: null },
    ])
    .execute();
});
afterAll(async () => database.drop());

describe('a prepared query', () => {
  const byId = preparedQuery((db, _shape: null, values: { id: string }) =>
    db.selectFrom('classifications').select(['id', 'rank']).where('id', '=', values.id),
  );

  it('answers each call with its own values, as a fresh query would', async () => {
    expect(await byId(database.db, null, { id: 'a' })).toEqual([{ id: 'a', rank: 1 }]);
    expect(await byId(database.db, null, { id: 'b' })).toEqual([{ id: 'b', rank: 2 }]);
    expect(await byId(database.db, null, { id: 'none' })).toEqual([]);
  });

  it('answers each shape with its own SQL, the values swapped in', async () => {
    const ordered = preparedQuery((db, shape: { descending: boolean }, values: { from: string }) =>
      db
        .selectFrom('classifications')
        .select('id')
        .where('id', '>=', values.from)
        .orderBy('id', shape.descending ? 'desc' : 'asc'),
    );
    const ids = async (descending: boolean) =>
      (await ordered(database.db, { descending }, { from: 'a' })).map((row) => row.id);
    expect(await ids(false)).toEqual(['a', 'b']);
    expect(await ids(true)).toEqual(['b', 'a']);
  });

  it('refuses a value written into the SQL text, which would be frozen for every caller', async () => {
    const literal = preparedQuery((db, _shape: null, values: { id: string }) =>
      db.selectFrom('classifications').select('id').where('id', '=', sql.lit(values.id)),
    );
    await expect(literal(database.db, null, { id: 'a' })).rejects.toThrow(/SQL text/);
  });

  it('refuses a value the build changed before binding it', async () => {
    const lowered = preparedQuery((db, _shape: null, values: { id: string }) =>
      db.selectFrom('classifications').select('id').where('id', '=', `${values.id}%`),
    );
    await expect(lowered(database.db, null, { id: 'a' })).rejects.toThrow(/changed its value/);
  });

  it('under the tests, catches a value that shapes the query but is not in the shape', async () => {
    const optional = preparedQuery((db, _shape: null, values: { id: string }) =>
      db
        .selectFrom('classifications')
        .select('id')
        .$if(values.id !== '', (q) => q.where('id', '=', values.id)),
    );
    expect(await optional(database.db, null, { id: 'a' })).toEqual([{ id: 'a' }]);
    await expect(optional(database.db, null, { id: '' })).rejects.toThrow(/fresh build/);
  });

  it('keeps answering right when more shapes are asked than it keeps', async () => {
    const limited = preparedQuery((db, shape: { limit: number }, values: { from: string }) =>
      db
        .selectFrom('classifications')
        .select('id')
        .where('id', '>=', values.from)
        .orderBy('id')
        .limit(shape.limit),
    );
    // 300 shapes, more than are kept; then the first ones again, compiled anew.
    for (let limit = 1; limit <= 300; limit++) {
      const rows = await limited(database.db, { limit }, { from: 'a' });
      expect(rows.map((row) => row.id)).toEqual(['a', 'b'].slice(0, limit));
    }
    expect(await limited(database.db, { limit: 1 }, { from: 'b' })).toEqual([{ id: 'b' }]);
    expect(await limited(database.db, { limit: 2 }, { from: 'a' })).toEqual([
      { id: 'a' },
      { id: 'b' },
    ]);
  });

  it("keeps each viewer's shapes apart: one party's sweep never evicts the other's", async () => {
    // A compilation builds with markers for the values; a call under the tests also builds
    // with the real ones (the check against a fresh build): only the first kind is counted.
    let compiled = 0;
    const limited = preparedQuery((db, shape: { limit: number }, values: { from: string }) => {
      if (values.from.startsWith('\u0000')) compiled += 1;
      return db
        .selectFrom('classifications')
        .select('id')
        .where('id', '>=', values.from)
        .orderBy('id')
        .limit(shape.limit);
    });
    const asNato = <T>(fn: () => T) => runAsViewer('party:nato', fn);
    const asRussia = <T>(fn: () => T) => runAsViewer('party:russia', fn);
    await asNato(() => limited(database.db, { limit: 1 }, { from: 'a' }));
    expect(compiled).toBe(1);
    for (let limit = 2; limit <= 300; limit++) {
      await asRussia(() => limited(database.db, { limit }, { from: 'a' }));
    }
    expect(compiled).toBe(300);
    // NATO's shape is still compiled: its read costs what it cost before Russia's sweep.
    await asNato(() => limited(database.db, { limit: 1 }, { from: 'a' }));
    expect(compiled).toBe(300);
    // Russia's own first shapes were evicted by its own sweep, and are compiled again.
    await asRussia(() => limited(database.db, { limit: 2 }, { from: 'a' }));
    expect(compiled).toBe(301);
  });
});
