import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  TEST_DIALECT,
  type TestDatabase,
} from '../../../tests/support/test-database.ts';
import { openDatabase } from './database.ts';
import { assertDurable } from './postgres.ts';

if (TEST_DIALECT !== 'postgres') {
  console.info(
    'skipped on sqlite: the PostgreSQL durability check (database.test.ts checks SQLite)',
  );
}

describe.runIf(TEST_DIALECT === 'postgres')('the durability check at start', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database.drop());

  it('accepts a server that syncs every commit', async () => {
    const warnings: string[] = [];
    await expect(
      assertDurable(database.db, { allowUnsafe: false, warn: (m) => warnings.push(m) }),
    ).resolves.toEqual({ fsync: 'on', synchronous_commit: 'on' });
    expect(warnings).toEqual([]);
  });

  it('refuses a server that may lose acknowledged commits, unless told to run anyway, loudly', async () => {
    // synchronous_commit is the one of the two a connection may turn off for itself.
    const url = new URL(database.url);
    url.searchParams.set('options', '-c synchronous_commit=off');
    const unsafe = openDatabase(url.toString());
    try {
      await expect(assertDurable(unsafe, { allowUnsafe: false, warn: () => {} })).rejects.toThrow(
        /synchronous_commit=off: a crash may lose commits .* COUNCIL_ALLOW_NON_DURABLE=1/,
      );
      const warnings: string[] = [];
      await assertDurable(unsafe, { allowUnsafe: true, warn: (m) => warnings.push(m) });
      expect(warnings).toEqual([
        '!!! PostgreSQL runs with synchronous_commit=off: a crash may lose commits the council acknowledged (COUNCIL_ALLOW_NON_DURABLE=1) !!!',
      ]);
    } finally {
      await unsafe.destroy();
    }
  });
});
