import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  contentOf,
  council,
  drillSecretary,
  type Scratch,
  scratch,
  withParties,
} from '../../../tests/support/cli.ts';
import { fillEveryTable } from '../../../tests/support/every-table.fixture.ts';
import { openDatabase } from '../../server/db/database.ts';
import type { Deps } from '../../server/deps.ts';
import { checkInvariants } from '../../server/modules/integrity/check-invariants.ts';
import { createTopic } from '../../server/modules/topics/create-topic.ts';
import { inUseByAnotherConnection } from '../database-copy.ts';

const scratches: Scratch[] = [];
function fresh(): Scratch {
  const s = scratch();
  scratches.push(s);
  return s;
}
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

async function filled(): Promise<Scratch> {
  const s = fresh();
  await withParties(s);
  await s.withDeps(fillEveryTable);
  return s;
}

describe('council backup and restore', () => {
  it('backs up under concurrent writes; the restore holds a whole prefix of them, identical, and verifies', async () => {
    const source = await filled();
    const db = openDatabase(source.databaseFile);
    let n = 0;
    const deps: Deps = {
      db,
      clock: () => new Date('2001-03-02T09:00:00Z'),
      ids: () => `drill-${++n}`,
    };
    const actor = await drillSecretary(deps);
    const idsBeforeWrites = n;
    // A quiet backup first: the reference the concurrent one is compared with.
    const quiet = join(source.folder, 'quiet.db');
    expect((await council(source.env, ['backup', quiet])).code).toBe(0);
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      // Writes through the one write path on another connection, for as long as the backup runs.
      for (let i = 0; writing || i < 20; i++) {
        const topic = await createTopic(deps, actor, { name: `Drill ${i}`, visibility: 'joint' });
        acknowledged.push(topic.id);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    })();
    const file = join(source.folder, 'backup.db');
    const backedUp = await council(source.env, ['backup', file]);
    writing = false;
    await writer;
    await db.destroy();
    expect(backedUp.stderr).toBe('');
    expect(backedUp.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const target = fresh();
    const restored = await council(target.env, ['restore', file]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('every invariant holds');
    // A snapshot of one commit: the writes acknowledged before it, in order, and none after.
    const drill = await target.withDeps((d) =>
      d.db
        .selectFrom('topics')
        .select('id')
        .where('name', 'like', 'Drill %')
        .orderBy('id')
        .execute(),
    );
    const ids = drill.map((row) => row.id);
    console.log(`drill: ${ids.length} of ${acknowledged.length} writes in the snapshot`);
    expect(acknowledged.slice(0, ids.length).sort()).toEqual(ids.sort());
    expect(await target.withDeps((d) => checkInvariants(d.db))).toEqual([]);

    // Identical content: the quiet backup with the same writes replayed (same ids, same clock)
    // up to the snapshot exports exactly as the concurrent backup restored does.
    const reference = fresh();
    expect((await council(reference.env, ['restore', quiet])).code).toBe(0);
    await reference.withDeps(async (d) => {
      let m = idsBeforeWrites;
      const replay: Deps = { ...deps, db: d.db, ids: () => `drill-${++m}` };
      for (let i = 0; i < ids.length; i++) {
        await createTopic(replay, actor, { name: `Drill ${i}`, visibility: 'joint' });
      }
    });
    expect(await contentOf(target)).toBe(await contentOf(reference));
  });

  it('restores content identical to the source, as the export shows', async () => {
    const source = await filled();
    const file = join(source.folder, 'backup.db');
    expect((await council(source.env, ['backup', file])).code).toBe(0);
    const target = fresh();
    expect((await council(target.env, ['restore', file])).code).toBe(0);
    expect(await contentOf(target)).toBe(await contentOf(source));
  });

  it('refuses to overwrite a file without --force, and a link even with it', async () => {
    const source = await filled();
    const taken = join(source.folder, 'taken.db');
    writeFileSync(taken, 'keep me');
    const refused = await council(source.env, ['backup', taken]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(taken, 'utf8')).toBe('keep me');
    expect((await council(source.env, ['backup', taken, '--force'])).code).toBe(0);
    expect(readFileSync(taken).subarray(0, 15).toString()).toBe('SQLite format 3');

    const elsewhere = join(source.folder, 'elsewhere');
    writeFileSync(elsewhere, 'the link points here');
    chmodSync(elsewhere, 0o644);
    const link = join(source.folder, 'link.db');
    symlinkSync(elsewhere, link);
    const linked = await council(source.env, ['backup', link, '--force']);
    expect(linked.code).toBe(1);
    expect(linked.stderr).toContain('symbolic link');
    expect(readFileSync(elsewhere, 'utf8')).toBe('the link points here');
  });

  it('refuses to restore over a database without --force, and anything but a backup', async () => {
    const source = await filled();
    const file = join(source.folder, 'backup.db');
    expect((await council(source.env, ['backup', file])).code).toBe(0);
    const target = await filled();
    const before = await contentOf(target);
    const refused = await council(target.env, ['restore', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(await contentOf(target)).toBe(before);

    const notABackup = join(source.folder, 'notes.txt');
    writeFileSync(notABackup, 'not a database at all, just text');
    const wrong = await council(fresh().env, ['restore', notABackup]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('not a database backup');

    const itself = await council(target.env, ['restore', target.databaseFile, '--force']);
    expect(itself.code).toBe(1);
    expect(itself.stderr).toContain('the database itself');

    // A server on the database (another process holding it open) would keep the old file.
    const server = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]); db.prepare('select 1').get();
         process.stdout.write('open\\n'); process.stdin.resume();`,
        target.databaseFile,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await once(server.stdout, 'data');
    const underServer = await council(target.env, ['restore', file, '--force']);
    expect(underServer.code).toBe(1);
    expect(underServer.stderr).toContain(`is open in process ${server.pid}`);
    expect(await contentOf(target)).toBe(before);
    // SQLite's own locks tell as much, where /proc cannot see the holder.
    expect(inUseByAnotherConnection(target.databaseFile)).toBe(true);
    server.stdin.end();
    await once(server, 'exit');
    expect(inUseByAnotherConnection(target.databaseFile)).toBe(false);

    const forced = await council(target.env, ['restore', file, '--force']);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(await contentOf(target)).toBe(await contentOf(source));
    expect(existsSync(`${target.databaseFile}.partial`)).toBe(false);
  });
});
