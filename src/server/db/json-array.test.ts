import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  TEST_DIALECT,
  type TestDatabase,
} from '../../../tests/support/test-database.ts';
import { prepareDatabase } from '../prepare-database.ts';
import { fromJson, jsonArrayFrom } from './dialect.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  await prepareDatabase(database.db);
  await database.db.deleteFrom('classifications').execute();
  await database.db
    .insertInto('classifications')
    .values([
      { id: 'c', name: 'same', rank: 2, description: null },
      { id: 'a', name: 'same', rank: 3, description: null },
      { id: 'b', name: 'other', rank: 1, description: null },
      { id: 'd', name: 'other', rank: 4, description: null },
    ])
    .execute();
});
afterAll(async () => database.drop());

/** The ids of the classifications as jsonArrayFrom collects them from `order`ed rows. */
async function collected(
  order: (q: ReturnType<typeof rows>) => ReturnType<typeof rows>,
): Promise<string[]> {
  const db = database.db;
  const row = await db
    .selectNoFrom(() => jsonArrayFrom(db, order(rows())).as('list'))
    .executeTakeFirstOrThrow();
  return fromJson(row.list as { id: string }[] | string).map((item) => item.id);
}

function rows() {
  return database.db.selectFrom('classifications as k').select(['k.id', 'k.name', 'k.rank as r']);
}

describe('a JSON array of ordered rows', () => {
  it('keeps the order of the subquery, by one or several columns, either way', async () => {
    expect(await collected((q) => q.orderBy('k.id'))).toEqual(['a', 'b', 'c', 'd']);
    expect(await collected((q) => q.orderBy('k.id', 'desc'))).toEqual(['d', 'c', 'b', 'a']);
    expect(await collected((q) => q.orderBy('k.name').orderBy('k.rank', 'desc'))).toEqual([
      'd',
      'b',
      'a',
      'c',
    ]);
  });

  it('orders by the aggregate on SQLite, where an ordered subquery costs a sorter', () => {
    const db = database.db;
    const compiled = db
      .selectNoFrom(() => jsonArrayFrom(db, rows().orderBy('k.name')).as('list'))
      .compile();
    const ordered = compiled.sql.includes('order by "agg"."name" asc)');
    expect(ordered).toBe(TEST_DIALECT === 'sqlite');
  });

  it('keeps a column selected twice, as itself and under another name', async () => {
    const db = database.db;
    const row = await db
      .selectNoFrom(() =>
        jsonArrayFrom(
          db,
          db
            .selectFrom('classifications as k')
            .select(['k.id', 'k.id as key'])
            .where('k.id', 'in', ['a', 'b'])
            .orderBy('k.id', 'desc'),
        ).as('list'),
      )
      .executeTakeFirstOrThrow();
    expect(fromJson(row.list as { id: string; key: string }[] | string)).toEqual([
      { id: 'b', key: 'b' },
      { id: 'a', key: 'a' },
    ]);
  });

  it('orders before it limits', async () => {
    expect(await collected((q) => q.orderBy('k.rank').limit(2))).toEqual(['b', 'c']);
  });
});
