import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import type { Deps } from '../src/server/deps.ts';
import { OPERATOR } from '../src/server/modules/access/actor.ts';
import { createUser } from '../src/server/modules/auth/create-user.ts';
import { checkInvariants } from '../src/server/modules/integrity/check-invariants.ts';
import { createTopic } from '../src/server/modules/topics/create-topic.ts';
import {
  contentOf,
  council,
  drillSecretary,
  type Scratch,
  scratch,
  withParties,
} from './support/cli.ts';
import { fillEveryTable } from './support/every-table.fixture.ts';
import { openTestDatabase, TEST_DIALECT, type TestDatabase } from './support/test-database.ts';

/**
 * The restore drill on PostgreSQL (src/cli/commands/backup.test.ts is SQLite's): a backup taken
 * while writes go on, restored into a fresh database, holds exactly the writes acknowledged
 * before its snapshot and verifies; a backup of a database with every table filled restores to
 * identical content.
 */
if (TEST_DIALECT !== 'postgres') {
  console.info(
    "skipped on sqlite: PostgreSQL's restore drill (SQLite's is src/cli/commands/backup.test.ts)",
  );
}

const opened: { s: Scratch; database: TestDatabase }[] = [];
async function fresh(): Promise<Scratch> {
  const database = await openTestDatabase();
  await database.db.destroy();
  const s = scratch(database.url);
  opened.push({ s, database });
  return s;
}
afterEach(async () => {
  for (const { s, database } of opened.splice(0)) {
    s.remove();
    await database.drop();
  }
});

async function filled(): Promise<Scratch> {
  const s = await fresh();
  await withParties(s);
  await s.withDeps(fillEveryTable);
  return s;
}

describe.runIf(TEST_DIALECT === 'postgres')('council backup and restore on PostgreSQL', () => {
  it('backs up under concurrent writes; the restore holds a whole prefix of them and verifies', async () => {
    const source = await filled();
    const db = openDatabase(source.databaseFile);
    let n = 0;
    const deps: Deps = {
      db,
      clock: () => new Date('2001-03-02T09:00:00Z'),
      ids: () => `drill-${++n}`,
    };
    const actor = await drillSecretary(deps);
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing || i < 20; i++) {
        const topic = await createTopic(deps, actor, { name: `Drill ${i}`, visibility: 'joint' });
        acknowledged.push(topic.id);
      }
    })();
    const file = join(source.folder, 'backup.json');
    const backedUp = await council(source.env, ['backup', file]);
    writing = false;
    await writer;
    await db.destroy();
    expect(backedUp.stderr).toBe('');
    expect(backedUp.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const target = await fresh();
    const restored = await council(target.env, ['restore', file]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('every invariant holds');
    const ids = (
      await target.withDeps((d) =>
        d.db.selectFrom('topics').select('id').where('name', 'like', 'Drill %').execute(),
      )
    ).map((row) => row.id);
    console.log(`drill: ${ids.length} of ${acknowledged.length} writes in the snapshot`);
    // One snapshot: the writes acknowledged before it, and none after.
    expect(acknowledged.slice(0, ids.length).sort()).toEqual(ids.sort());
    expect(await target.withDeps((d) => checkInvariants(d.db))).toEqual([]);
    // And the restored council goes on: its next writes take new numbers.
    const written = await target.withDeps((d) =>
      createUser(d, OPERATOR, {
        username: 'after-the-restore',
        password: 'correct horse battery staple',
        roles: ['member'],
        party: 'russia',
      }),
    );
    expect(written.username).toBe('after-the-restore');
    expect(await target.withDeps((d) => checkInvariants(d.db))).toEqual([]);
  });

  it('restores content identical to the source, and refuses to replace a council without --force', async () => {
    const source = await filled();
    const file = join(source.folder, 'backup.json');
    expect((await council(source.env, ['backup', file])).code).toBe(0);
    const target = await fresh();
    expect((await council(target.env, ['restore', file])).code).toBe(0);
    expect(await contentOf(target)).toBe(await contentOf(source));
    const again = await council(target.env, ['restore', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    expect((await council(target.env, ['restore', file, '--force'])).code).toBe(0);
    expect(await contentOf(target)).toBe(await contentOf(source));
  });
});
