import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { fillEveryTable } from '../../../../tests/support/every-table.fixture.ts';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { OPERATOR, type UserActor } from '../access/actor.ts';
import { searchDocuments } from '../search/search-index.ts';
import { EXPORT_VERSION, exportData, serializeExport } from './export-data.ts';
import { EXPORT_ORDER, PRIMARY_KEYS } from './export-tables.ts';
import { importData } from './import-data.ts';

const contexts: TestContext[] = [];
async function context(seed: 'none' | 'parties'): Promise<TestContext> {
  const ctx = await createTestContext({ seed });
  contexts.push(ctx);
  return ctx;
}
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.close();
});

/** The file's text with its one moving part, the export instant, blanked out. */
async function exportText(deps: Deps): Promise<string> {
  return serializeExport({ ...(await exportData(deps, OPERATOR)), exportedAt: '' });
}

async function filled(): Promise<{ ctx: TestContext; natoUser: UserActor; russiaUser: UserActor }> {
  const ctx = await context('parties');
  return { ctx, ...(await fillEveryTable(ctx.deps)) };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function titlesFound(deps: Deps, actor: UserActor | typeof OPERATOR, text: string) {
  const hits = await searchDocuments(deps.db, actor, text, { limit: 50, offset: 0 });
  return hits.map((h) => h.entityId).sort();
}

describe('the export tables', () => {
  it('are every table of the migrated database except sessions and derived ones, each once', async () => {
    const ctx = await context('none');
    // Sessions are live credentials; the search index (its documents and full-text tables)
    // and the outbox of change events are rebuilt on import from the rows, never exported.
    const derived = new Set(['sessions', 'searchDocuments', 'changeEvents', 'classifications']);
    const live = (await ctx.deps.db.introspection.getTables())
      .map((t) => t.name)
      .filter((name) => !name.startsWith('searchText:') && !derived.has(name));
    expect([...EXPORT_ORDER].sort()).toEqual(live.sort());
    expect(new Set(EXPORT_ORDER).size).toBe(EXPORT_ORDER.length);
    expect(Object.keys(PRIMARY_KEYS).sort()).toEqual([...EXPORT_ORDER].sort());
  });

  it('come in foreign-key order: each after every other table it references', async () => {
    const ctx = await context('none');
    for (const [index, table] of EXPORT_ORDER.entries()) {
      const { rows } = await sql<{ table: string }>`
        select "table" from pragma_foreign_key_list(${table})`.execute(ctx.deps.db);
      for (const { table: parent } of rows) {
        if (parent === table) continue;
        expect(EXPORT_ORDER.indexOf(parent as never), `${table} -> ${parent}`).toBeLessThan(index);
      }
    }
  });

  it('name the real primary key of each table', async () => {
    const ctx = await context('none');
    for (const table of EXPORT_ORDER) {
      const { rows } = await sql<{ name: string; pk: number }>`
        select name, pk from pragma_table_info(${table}) where pk > 0 order by pk`.execute(
        ctx.deps.db,
      );
      expect(
        rows.map((r) => r.name),
        table,
      ).toEqual(PRIMARY_KEYS[table]);
    }
  });
});

describe('export and import', () => {
  it('round-trips every table exactly: export, import into an empty database, export again', async () => {
    const { ctx } = await filled();
    const first = await exportData(ctx.deps, OPERATOR);
    for (const table of EXPORT_ORDER) {
      expect(first.tables[table].length, `fixture fills ${table}`).toBeGreaterThan(0);
    }
    expect(first.tables.users[0]).toHaveProperty('passwordHash');
    expect(first.tables.notes.map((n) => n.party).sort()).toEqual(['nato', 'russia']);

    const target = await context('none');
    const summary = await importData(target.deps, OPERATOR, JSON.parse(serializeExport(first)));
    expect(summary.rows).toBe(Object.values(first.tables).flat().length);
    expect(summary.removed).toBe(0);

    expect(await exportText(target.deps)).toBe(await exportText(ctx.deps));
  });

  it('round-trips the PJC reference record exactly', async () => {
    const source = await createTestContext({ seed: 'pjc' });
    contexts.push(source);
    const target = await context('none');
    await importData(target.deps, OPERATOR, await exportData(source.deps, OPERATOR));
    expect(await exportText(target.deps)).toBe(await exportText(source.deps));
  });

  it('writes rows sorted by primary key, whatever order they were stored in', async () => {
    const { ctx } = await filled();
    const { tables } = await exportData(ctx.deps, OPERATOR);
    expect(tables.topics.map((t) => t.id)).toEqual(['kfor', 'peacekeeping']);
    const ids = tables.auditEvents.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('rebuilds the search index, which still hides each caucus from the other party', async () => {
    const { ctx, natoUser, russiaUser } = await filled();
    const file = await exportData(ctx.deps, OPERATOR);
    const target = await context('none');
    await importData(target.deps, OPERATOR, file);
    // Users keep their ids, so the actors of the source database are valid in the target.
    expect(await titlesFound(target.deps, OPERATOR, 'caucus line')).toEqual([
      'note-nato',
      'note-russia',
    ]);
    expect(await titlesFound(target.deps, natoUser, 'caucus line')).toEqual(['note-nato']);
    expect(await titlesFound(target.deps, russiaUser, 'caucus line')).toEqual(['note-russia']);
    expect(await titlesFound(target.deps, OPERATOR, 'Belgium')).toEqual(['nato-be']);
  });

  it('refuses a database that already holds data, and changes nothing', async () => {
    const { ctx } = await filled();
    const before = await exportText(ctx.deps);
    const file = await exportData(ctx.deps, OPERATOR);
    const error = await failure(importData(ctx.deps, OPERATOR, file));
    expect(error.code).toBe('Conflict');
    expect(error.message).toContain('--replace');
    expect(await exportText(ctx.deps)).toBe(before);
  });

  it('replaces everything with --replace, audit trail included, and keeps the trail append-only', async () => {
    const source = await filled();
    const file = await exportData(source.ctx.deps, OPERATOR);
    const target = await context('parties');
    await fillEveryTable(target.deps);
    await target.deps.db
      .insertInto('timelineEvents')
      .values({
        id: 'only-in-target',
        date: '2002',
        title: 'Not in the file',
        description: null,
        kind: 'milestone',
        sourceId: null,
        visibility: 'public',
        party: null,
        createdAt: 'x',
        updatedAt: 'x',
      })
      .execute();

    const summary = await importData(target.deps, OPERATOR, file, { replace: true });
    expect(summary.removed).toBeGreaterThan(0);
    expect(await exportText(target.deps)).toBe(await exportText(source.ctx.deps));
    const sessions = await target.deps.db.selectFrom('sessions').select('id').execute();
    expect(sessions).toEqual([]);
    await expect(
      target.deps.db
        .updateTable('auditEvents')
        .set({ action: 'note.create', entityId: 'forged' })
        .execute(),
    ).rejects.toThrow(/append only/);
    await expect(target.deps.db.deleteFrom('auditEvents').execute()).rejects.toThrow(/append only/);
  });

  it('reports progress up to the total number of rows', async () => {
    const { ctx } = await filled();
    const file = await exportData(ctx.deps, OPERATOR);
    const target = await context('none');
    const seen: number[] = [];
    const summary = await importData(target.deps, OPERATOR, file, {
      onProgress: ({ done, total }) => {
        expect(total).toBe(rowsIn(file.tables));
        seen.push(done);
      },
    });
    expect(seen.at(-1)).toBe(summary.rows);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});

function rowsIn(tables: Record<string, unknown[]>): number {
  return Object.values(tables).reduce((sum, rows) => sum + rows.length, 0);
}

describe('import of a bad file', () => {
  type Mutation = (file: Record<string, unknown> & { tables: Record<string, unknown[]> }) => void;
  const badFiles: [string, Mutation, RegExp][] = [
    [
      'another format',
      (f) => {
        f.format = 'something-else';
      },
      /format: must be "joint-council-export"/,
    ],
    [
      'a later version',
      (f) => {
        f.version = EXPORT_VERSION + 1;
      },
      new RegExp(`version: must be ${EXPORT_VERSION}`),
    ],
    [
      'an unknown table',
      (f) => {
        f.tables.secrets = [];
      },
      /tables\.secrets: no such table/,
    ],
    [
      'sessions',
      (f) => {
        f.tables.sessions = [];
      },
      /tables\.sessions: sessions are never exported/,
    ],
    [
      'an unknown column',
      (f) => {
        (f.tables.notes?.[1] as Record<string, unknown>).txt = 'x';
      },
      /tables\.notes\[1\]\.txt: no such column/,
    ],
    [
      'a value of the wrong kind',
      (f) => {
        (f.tables.notes?.[0] as Record<string, unknown>).text = { nested: true };
      },
      /tables\.notes\[0\]\.text: must be a string, a number or null/,
    ],
    [
      'a row breaking a check',
      (f) => {
        (f.tables.notes?.[0] as Record<string, unknown>).visibility = 'secret';
      },
      /tables\.notes\[0\]: CHECK constraint failed/,
    ],
    [
      'a duplicate key',
      (f) => {
        f.tables.topics?.push({ ...(f.tables.topics[0] as object) });
      },
      /tables\.topics\[2\]: UNIQUE constraint failed/,
    ],
    [
      'a broken reference',
      (f) => {
        (f.tables.notes?.[0] as Record<string, unknown>).meetingId = 'no-such-meeting';
      },
      /tables\.notes: the row with id=note-nato refers to a meetings row that is not in the file/,
    ],
  ];

  it.each(badFiles)(
    'a file with %s is refused, and nothing is written',
    async (_name, mutate, message) => {
      const { ctx } = await filled();
      const before = await exportText(ctx.deps);
      const file = JSON.parse(serializeExport(await exportData(ctx.deps, OPERATOR)));
      mutate(file);
      const error = await failure(importData(ctx.deps, OPERATOR, file, { replace: true }));
      expect(error.code).toBe('ValidationFailed');
      expect(error.message).toMatch(message);
      expect(await exportText(ctx.deps)).toBe(before);
      await expect(ctx.deps.db.deleteFrom('auditEvents').execute()).rejects.toThrow(/append only/);
      expect(await titlesFound(ctx.deps, OPERATOR, 'caucus line')).toEqual([
        'note-nato',
        'note-russia',
      ]);
    },
  );
});
