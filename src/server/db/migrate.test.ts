import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from './database.ts';
import { MIGRATION_NAMES, migrateTo, migrateToLatest } from './migrate.ts';
import * as createCouncilCore from './migrations/2026-11-27T2300-create-council-core.ts';

const opened: { db: Db; folder: string }[] = [];
afterEach(async () => {
  for (const { db, folder } of opened.splice(0)) {
    await db.destroy();
    rmSync(folder, { recursive: true, force: true });
  }
});

/** A database as an installation of the first release left it: the first migration only. */
async function firstReleaseDatabase(): Promise<Db> {
  const folder = mkdtempSync(join(tmpdir(), 'council-migrate-'));
  const db = openDatabase(join(folder, 'council.db'));
  opened.push({ db, folder });
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async () => ({ '2026-11-27T2300-create-council-core': createCouncilCore }),
    },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  return db;
}

describe('migrating a database of the first release', () => {
  it('keeps its agenda items, attendance and events, with no source and not reconstructed', async () => {
    const db = await firstReleaseDatabase();
    const at = '2001-03-01T09:00:00.000Z';
    const pub = { visibility: 'public', party: null } as const;
    await db
      .insertInto('sources')
      .values({ id: 'fact-sheet', title: 'Russia-NATO relations' })
      .execute();
    await db
      .insertInto('parties')
      .values({
        id: 'nato',
        name: 'NATO',
        shortName: 'NATO',
        position: 1,
        ...pub,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await db
      .insertInto('delegations')
      .values({
        id: 'nato-be',
        name: 'Belgium',
        party: 'nato',
        visibility: 'public',
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await db
      .insertInto('meetings')
      .values({
        id: 'm1',
        title: 'Ambassadors',
        format: 'joint',
        date: '2001-03-14',
        status: 'planned',
        agendaVersion: 0,
        ...pub,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    // Written as the first release wrote them: without the columns that came later.
    await db
      .insertInto('agendaItems')
      .values({
        id: 'i1',
        meetingId: 'm1',
        position: 1,
        title: 'Balkans',
        ...pub,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await db
      .insertInto('meetingAttendance')
      .values({ meetingId: 'm1', delegationId: 'nato-be', ...pub })
      .execute();
    await db
      .insertInto('timelineEvents')
      .values({
        id: 'e1',
        date: '2001',
        title: 'Event',
        kind: 'meeting',
        ...pub,
        createdAt: at,
        updatedAt: at,
      })
      .execute();

    expect(await migrateToLatest(db)).toEqual(MIGRATION_NAMES.slice(1));

    expect(
      await db
        .selectFrom('agendaItems')
        .select(['id', 'title', 'sourceId', 'reconstructed'])
        .execute(),
    ).toEqual([{ id: 'i1', title: 'Balkans', sourceId: null, reconstructed: 0 }]);
    expect(
      await db.selectFrom('meetingAttendance').select(['delegationId', 'sourceId']).execute(),
    ).toEqual([{ delegationId: 'nato-be', sourceId: null }]);
    expect(await db.selectFrom('timelineEvents').select(['id', 'reconstructed']).execute()).toEqual(
      [{ id: 'e1', reconstructed: 0 }],
    );
    expect(
      await db
        .selectFrom('sources')
        .select(['id', 'publisherAddress', 'publisherWebsite'])
        .execute(),
    ).toEqual([{ id: 'fact-sheet', publisherAddress: null, publisherWebsite: null }]);
  });

  it('refuses a source that does not exist on the new columns, like every other sourceId', async () => {
    const db = await firstReleaseDatabase();
    await migrateToLatest(db);
    await expect(
      db
        .insertInto('workProgrammeAreas')
        .values({
          id: 'a1',
          programmeId: 'nowhere',
          position: 1,
          title: 'Area',
          sourceId: 'rumour',
          visibility: 'public',
          party: null,
          createdAt: 'x',
          updatedAt: 'x',
        })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('keeps every user and session, makes usernames unique per party, and keeps foreign keys on', async () => {
    const db = await firstReleaseDatabase();
    const at = '2001-03-01T09:00:00.000Z';
    for (const [id, position] of [
      ['nato', 1],
      ['russia', 2],
    ] as const) {
      await db
        .insertInto('parties')
        .values({
          id,
          name: id,
          shortName: id,
          position,
          visibility: 'public',
          party: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
    }
    const user = (id: string, party: string, username: string) => ({
      id,
      username,
      displayName: null,
      party,
      roles: '["chair"]',
      passwordHash: 'hash',
      disabledAt: null,
      createdAt: at,
      updatedAt: at,
    });
    // Written as the first release wrote them: without the columns that came later.
    await db
      .insertInto('users')
      .values(user('u1', 'nato', 'robertson'))
      .execute();
    await db
      .insertInto('sessions')
      .values({ id: 's1', userId: 'u1', kind: 'token', createdAt: at, expiresAt: '2002-01-01' })
      .execute();

    await migrateToLatest(db);

    expect(
      await db
        .selectFrom('users')
        .select(['id', 'username', 'party', 'roles', 'mustChangePassword', 'passwordResetAt'])
        .execute(),
    ).toEqual([
      {
        id: 'u1',
        username: 'robertson',
        party: 'nato',
        roles: '["chair"]',
        mustChangePassword: 0,
        passwordResetAt: null,
      },
    ]);
    expect(await db.selectFrom('sessions').select(['id', 'userId']).execute()).toEqual([
      { id: 's1', userId: 'u1' },
    ]);
    await db
      .insertInto('users')
      .values(user('u2', 'russia', 'robertson'))
      .execute();
    await expect(
      db
        .insertInto('users')
        .values(user('u3', 'russia', 'robertson'))
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
    await expect(
      db
        .insertInto('users')
        .values({ ...user('u4', 'nato', 'x'), roles: '["boss"]' })
        .execute(),
    ).rejects.toThrow(/users.roles/);
    await expect(
      db
        .insertInto('sessions')
        .values({ id: 's2', userId: 'nobody', kind: 'token', createdAt: at, expiresAt: at })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});

describe('a database migrated while the notices table had no progress column', () => {
  it('gets the column, and a database that has it is left as it is', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'council-migrate-'));
    const db = openDatabase(join(folder, 'council.db'));
    opened.push({ db, folder });
    await migrateToLatest(db);
    // Back to the day of the migration under test, and to what 2026-12-07T1100 first left
    // (the column came into that file the same day).
    await migrateTo(db, '2026-12-07T1300-notice-progress');
    await sql`alter table "pendingNotifications" drop column "deliveredThrough"`.execute(db);
    await db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', '2026-12-07T1300-notice-progress' as never)
      .execute();
    const columns = async () =>
      (
        await sql<{
          name: string;
        }>`select "name" from pragma_table_info('pendingNotifications')`.execute(db)
      ).rows.map((c) => c.name);
    expect(await columns()).not.toContain('deliveredThrough');
    await migrateToLatest(db);
    expect(await columns()).toContain('deliveredThrough');
    // Run where the column already is, the migration changes nothing and fails at nothing.
    await migrateTo(db, '2026-12-07T1300-notice-progress');
    await db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', '2026-12-07T1300-notice-progress' as never)
      .execute();
    await migrateToLatest(db);
    expect((await columns()).filter((c) => c === 'deliveredThrough')).toHaveLength(1);
  });
});

describe('the meetings read per audience (2026-12-07T1400)', () => {
  it('goes back to the indexes before it and up again to the same', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'council-migrate-'));
    const db = openDatabase(join(folder, 'council.db'));
    opened.push({ db, folder });
    const indexes = async () =>
      (
        await sql<{ name: string; sql: string }>`select "name", "sql" from "sqlite_master"
          where "type" = 'index' and "tbl_name" = 'meetings' and "sql" is not null
          order by "name"`.execute(db)
      ).rows;
    await migrateToLatest(db);
    const after = await indexes();
    expect(after.find((i) => i.name === 'meetingsByParty')?.sql).toMatch(
      /\("party", "date", "id"\)\s+where "visibility" = 'caucus'/,
    );
    expect(after.map((i) => i.name)).toContain('meetingsByLevelParty');
    await migrateTo(db, '2026-12-07T1300-notice-progress');
    const before = await indexes();
    expect(before.map((i) => i.name)).not.toContain('meetingsByLevelParty');
    expect(before.find((i) => i.name === 'meetingsByLevel')?.sql).toMatch(
      /\("level", "date", "id"\)$/,
    );
    await migrateToLatest(db);
    expect(await indexes()).toEqual(after);
  });
});
