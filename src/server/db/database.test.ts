import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

const folder = mkdtempSync(join(tmpdir(), 'council-db-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('runs in WAL with a sync at every commit, foreign keys on', async () => {
    const db = openDatabase(join(folder, 'council.db'));
    try {
      const pragma = async (name: string) =>
        Object.values(
          (await sql.raw(`pragma ${name}`).execute(db)).rows[0] as Record<string, unknown>,
        )[0];
      expect(await pragma('journal_mode')).toBe('wal');
      // 2 is FULL: an acknowledged commit is on disk, not only in the page cache.
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    } finally {
      await db.destroy();
    }
  });
});
