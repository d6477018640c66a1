import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { fillEveryTable } from '../../../../tests/support/every-table.fixture.ts';
import {
  addUser,
  answerDecision,
  callApi,
  createTestContext,
  publishAsBoth,
  type TestContext,
} from '../../../../tests/support/test-context.ts';
import { TEST_DIALECT } from '../../../../tests/support/test-database.ts';
import { liveTables } from '../../db/live-schema.ts';
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
    const derived = new Set([
      'sessions',
      'addressAttempts',
      'searchDocuments',
      'changeEvents',
      'classifications',
    ]);
    const live = (await liveTables(ctx.deps.db))
      .map((t) => t.name)
      .filter((name) => !name.startsWith('searchText') && !derived.has(name));
    expect([...EXPORT_ORDER].sort()).toEqual(live.sort());
    expect(new Set(EXPORT_ORDER).size).toBe(EXPORT_ORDER.length);
    expect(Object.keys(PRIMARY_KEYS).sort()).toEqual([...EXPORT_ORDER].sort());
  });

  it('come in foreign-key order: each after every other table it references', async () => {
    const ctx = await context('none');
    for (const [index, table] of EXPORT_ORDER.entries()) {
      const { rows } =
        TEST_DIALECT === 'postgres'
          ? await sql<{ table: string }>`
              select confrelid::regclass::text as "table" from pg_constraint
              where contype = 'f' and conrelid = ${`"${table}"`}::regclass`.execute(ctx.deps.db)
          : await sql<{ table: string }>`
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
      const { rows } =
        TEST_DIALECT === 'postgres'
          ? await sql<{ name: string }>`
              select a.attname as "name" from pg_index i
              join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
              where i.indrelid = ${`"${table}"`}::regclass and i.indisprimary
              order by array_position(i.indkey, a.attnum)`.execute(ctx.deps.db)
          : await sql<{ name: string }>`
              select name from pragma_table_info(${table}) where pk > 0 order by pk`.execute(
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

  it('round-trips a database used through the API, even after a chair lost the role it concurred with', async () => {
    const source = await context('parties');
    const natoSecretary = await addUser(source, 'nato', ['secretary']);
    const russiaSecretary = await addUser(source, 'russia', ['secretary']);
    const natoChair = await addUser(source, 'nato', ['chair']);
    const russiaChair = await addUser(source, 'russia', ['chair']);
    const natoAdmin = await addUser(source, 'nato', ['admin']);
    const ok = async (
      response: Promise<{ statusCode: number; body: string; json: () => never }>,
    ) => {
      const answered = await response;
      expect(answered.statusCode, answered.body).toBeLessThan(300);
      return answered.json() as { id: string; version: number; agenda: { version: number } };
    };
    const meeting = await ok(
      callApi(source, natoSecretary, 'POST', '/meetings', {
        title: 'PJC at ambassadors',
        level: 'ambassadors',
        format: 'joint',
        startsAt: '2001-04-18T10:00:00+02:00',
      }),
    );
    await ok(
      callApi(source, natoSecretary, 'POST', `/meetings/${meeting.id}/agenda-items`, {
        title: 'Balkans',
      }),
    );
    for (const secretary of [natoSecretary, russiaSecretary]) {
      const read = await ok(callApi(source, secretary, 'GET', `/meetings/${meeting.id}`));
      await ok(
        callApi(source, secretary, 'POST', `/meetings/${meeting.id}/agenda/agree`, {
          agendaVersion: read.agenda.version,
        }),
      );
    }
    await ok(
      callApi(source, russiaSecretary, 'POST', '/notes', {
        text: 'Russian caucus line',
        visibility: 'caucus',
        meetingId: meeting.id,
      }),
    );
    const office = await ok(
      callApi(source, natoSecretary, 'POST', '/offices', {
        name: 'NATO Information Office',
        kind: 'information-office',
        location: 'Moscow',
      }),
    );
    const approving = await ok(
      callApi(source, natoSecretary, 'POST', '/decisions', {
        subject: 'Open the office',
        text: 'The council agrees to open the office.',
        approves: { kind: 'office', id: office.id },
        meetingId: meeting.id,
      }),
    );
    await ok(answerDecision(source, natoChair, approving.id));
    await ok(answerDecision(source, russiaChair, approving.id));
    await ok(callApi(source, natoSecretary, 'PATCH', `/offices/${office.id}`, { status: 'open' }));
    const declined = await ok(
      callApi(source, russiaSecretary, 'POST', '/decisions', { subject: 'No', text: 'Declined.' }),
    );
    await ok(answerDecision(source, natoChair, declined.id, 'decline'));
    const withdrawn = await ok(
      callApi(source, russiaSecretary, 'POST', '/decisions', {
        subject: 'Later',
        text: 'Withdrawn.',
      }),
    );
    await ok(answerDecision(source, natoChair, withdrawn.id));
    await ok(callApi(source, russiaSecretary, 'POST', `/decisions/${withdrawn.id}/withdraw`, {}));
    await ok(
      callApi(source, natoSecretary, 'POST', '/work-programmes', { year: 2001, title: 'WP' }),
    );
    await publishAsBoth(source, [natoSecretary, russiaSecretary], '/work-programmes/2001');
    // The chair who concurred is a chair no longer; the concurrence stands.
    await ok(
      callApi(source, natoAdmin, 'PATCH', `/users/${natoChair.actor.userId}`, {
        roles: ['member'],
      }),
    );

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
      'text in an integer column',
      (f) => {
        (f.tables.meetings?.[0] as Record<string, unknown>).agendaVersion = 'two';
      },
      /tables\.meetings\[0\]\.agendaVersion: must be an integer/,
    ],
    [
      'a number in a text column',
      (f) => {
        (f.tables.notes?.[0] as Record<string, unknown>).text = 42;
      },
      /tables\.notes\[0\]\.text: must be a string/,
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

describe('import of a file breaking a rule the API keeps', () => {
  type Row = Record<string, unknown>;
  type File = { tables: Record<string, Row[]> };
  type Tamper = (file: File) => void;

  const JOINT_MEETING = 'pjc-2000-12-05-defence-ministers';
  const rowOf = (f: File, table: string, match: (row: Row) => boolean): Row => {
    const found = f.tables[table]?.find(match);
    if (!found) throw new Error(`no such row in ${table}`);
    return found;
  };
  const byId = (f: File, table: string, id: string) => rowOf(f, table, (r) => r.id === id);
  const userId = (f: File, username: string) =>
    String(rowOf(f, 'users', (u) => u.username === username).id);
  const response = (f: File) => rowOf(f, 'decisionResponses', (r) => r.decisionId === 'decision-1');
  const agreement = (f: File) =>
    rowOf(f, 'agendaAgreements', (a) => a.meetingId === JOINT_MEETING && a.party === 'nato');
  const audience = (f: File, name: string) =>
    (f.tables.auditEvents ?? []).filter((e) => e.audience === name);

  const tampered: [string, Tamper, RegExp][] = [
    [
      "an adopted text without Russia's concurrence",
      (f) => {
        f.tables.textAgreements = (f.tables.textAgreements ?? []).filter(
          (a) => !(a.textId === 'text-1' && a.byParty === 'russia'),
        );
      },
      /tables\.texts\[text-1\]: is adopted by concurrence, but russia did not concur in its version 1/,
    ],
    [
      "Russia's concurrence in a text given by a NATO user",
      (f) => {
        rowOf(f, 'textAgreements', (a) => a.textId === 'text-1' && a.byParty === 'russia').userId =
          rowOf(f, 'textAgreements', (a) => a.textId === 'text-1' && a.byParty === 'nato').userId;
      },
      /tables\.textAgreements\[text-1\/concur\]: names russia, but its user is of nato/,
    ],
    [
      'an adopted text reworded in a version after its adoption',
      (f) => {
        const adopted = rowOf(f, 'textVersions', (v) => v.textId === 'text-1');
        f.tables.textVersions?.push({ ...adopted, version: 2, summary: 'reworded' });
        byId(f, 'texts', 'text-1').version = 2;
      },
      /tables\.texts\[text-1\]: is at version 2, but version 1 was adopted/,
    ],
    [
      "NATO's caucus meeting moved into Russia's caucus",
      (f) => {
        byId(f, 'meetings', 'nato-caucus-1').party = 'russia';
      },
      /tables\.meetings\[nato-caucus-1\]: is russia's caucus, but the audit trail has it in caucus:nato: a caucus row never moves to another party/,
    ],
    [
      'an adopted text with no adoption record',
      (f) => {
        f.tables.adoptionRecords = [];
        f.tables.textSignatures = [];
      },
      /tables\.texts\[text-1\]: is adopted but has no adoption record/,
    ],
    [
      'an agreed decision no party concurred in, which showed its programme approved',
      (f) => {
        Object.assign(byId(f, 'decisions', 'decision-1'), {
          status: 'agreed',
          decidedOn: '2001-03-01',
        });
        f.tables.decisionResponses = [];
      },
      /tables\.decisions\[decision-1\]: is agreed, but nato and russia did not concur in its version 2/,
    ],
    [
      'a declined decision nobody declined',
      (f) => {
        Object.assign(byId(f, 'decisions', 'decision-1'), {
          status: 'declined',
          decidedOn: '2001-03-01',
        });
      },
      /tables\.decisions\[decision-1\]: is declined, but no party declined it/,
    ],
    [
      'a decision decided with no date',
      (f) => {
        byId(f, 'decisions', 'decision-1').status = 'declined';
        response(f).response = 'decline';
      },
      /tables\.decisions\[decision-1\]: is declined but has no decidedOn/,
    ],
    [
      'a Russian concurrence given by a NATO user',
      (f) => {
        response(f).party = 'russia';
      },
      /tables\.decisionResponses\[decision-1\/russia\]: names user [\w-]+ of nato, who cannot act for russia/,
    ],
    [
      'a concurrence by a user who was never a chair',
      (f) => {
        Object.assign(response(f), { party: 'russia', userId: userId(f, 'russia-sec') });
      },
      /tables\.decisionResponses\[decision-1\/russia\]: names user [\w-]+, who has never been a chair/,
    ],
    [
      'a response seen by more than its decision',
      (f) => {
        response(f).visibility = 'public';
      },
      /tables\.decisionResponses\[decision-1\/nato\]: is public, but its decision is joint/,
    ],
    [
      "a decision in one party's caucus",
      (f) => {
        Object.assign(byId(f, 'decisions', 'decision-1'), { visibility: 'caucus' });
      },
      /tables\.decisions\[decision-1\]: is nato's caucus: a decision is between the parties/,
    ],
    [
      'a decision approving a programme that does not exist',
      (f) => {
        byId(f, 'decisions', 'decision-1').approvesId = 'wp-1999';
      },
      /tables\.decisions\[decision-1\]: approves workProgramme wp-1999, which does not exist/,
    ],
    [
      'both agenda agreements given by one user',
      (f) => {
        f.tables.agendaAgreements?.push({ ...agreement(f), party: 'russia' });
      },
      /tables\.agendaAgreements\[pjc-2000-12-05-defence-ministers\/russia\]: names user [\w-]+ of nato, who cannot act for russia/,
    ],
    [
      'an agreement to an agenda version the meeting never reached',
      (f) => {
        agreement(f).agendaVersion = 3;
      },
      /tables\.agendaAgreements\[pjc-2000-12-05-defence-ministers\/nato\]: agrees agenda version 3, but the agenda of pjc-2000-12-05-defence-ministers is at version 2/,
    ],
    [
      "an agreement to a caucus meeting's agenda",
      (f) => {
        Object.assign(agreement(f), {
          meetingId: 'nato-caucus-1',
          agendaVersion: 0,
          visibility: 'caucus',
        });
      },
      /tables\.agendaAgreements\[nato-caucus-1\/nato\]: agrees the agenda of nato-caucus-1, a caucus meeting/,
    ],
    [
      "a joint meeting carrying an item of one party's caucus",
      (f) => {
        Object.assign(byId(f, 'agendaItems', 'item-1'), { visibility: 'caucus', party: 'russia' });
      },
      /tables\.agendaItems\[item-1\]: is russia's caucus under the joint meeting pjc-2000-12-05-defence-ministers/,
    ],
    [
      'a joint meeting that belongs to one party',
      (f) => {
        byId(f, 'meetings', JOINT_MEETING).party = 'nato';
      },
      /tables\.meetings\[pjc-2000-12-05-defence-ministers\]: a joint meeting belongs to no party, not nato/,
    ],
    [
      'a caucus meeting attended by a delegation of the other party',
      (f) => {
        byId(f, 'delegations', 'russia-mission').party = 'russia';
        f.tables.meetingAttendance?.push({
          meetingId: 'nato-caucus-1',
          delegationId: 'russia-mission',
          representative: null,
          personId: null,
          sourceId: null,
          visibility: 'caucus',
          party: 'nato',
        });
      },
      /tables\.meetingAttendance\[nato-caucus-1\/russia-mission\]: a nato caucus is attended by nato delegations only/,
    ],
    [
      'a co-chair of a joint meeting who is in a caucus',
      (f) => {
        Object.assign(byId(f, 'people', 'robertson'), { visibility: 'caucus', party: 'nato' });
        Object.assign(byId(f, 'posts', 'robertson-sg'), { visibility: 'caucus', party: 'nato' });
        rowOf(f, 'meetingCoChairs', (c) => c.meetingId === JOINT_MEETING).personId = 'robertson';
      },
      /tables\.meetingCoChairs\[pjc-2000-12-05-defence-ministers\/russia\]: names person robertson, which is nato's caucus: narrower than this joint row/,
    ],
    [
      'a caucus work programme',
      (f) => {
        Object.assign(byId(f, 'workProgrammes', 'wp-2001'), {
          visibility: 'caucus',
          party: 'nato',
        });
      },
      /tables\.workProgrammes\[wp-2001\]: is nato's caucus: a work programme is both parties' text/,
    ],
    [
      'an area wider than its programme',
      (f) => {
        byId(f, 'workProgrammeAreas', 'area-1').visibility = 'public';
      },
      /tables\.workProgrammeAreas\[area-1\]: is public, wider than its programme wp-2001 \(joint\)/,
    ],
    [
      'an activity wider than its topic',
      (f) => {
        Object.assign(byId(f, 'topics', 'peacekeeping'), { visibility: 'caucus', party: 'nato' });
        Object.assign(byId(f, 'topics', 'kfor'), { visibility: 'caucus', party: 'nato' });
      },
      /tables\.activities\[activity-1\]: is joint, wider than its topic peacekeeping \(nato's caucus\)/,
    ],
    [
      'a topic cycle',
      (f) => {
        byId(f, 'topics', 'peacekeeping').parentId = 'kfor';
      },
      /tables\.topics\[kfor\]: sits under itself/,
    ],
    [
      'a topic wider than its parent',
      (f) => {
        byId(f, 'topics', 'peacekeeping').visibility = 'joint';
      },
      /tables\.topics\[kfor\]: is public, wider than its parent peacekeeping \(joint\)/,
    ],
    [
      'a note wider than its meeting',
      (f) => {
        byId(f, 'notes', 'note-nato').visibility = 'joint';
      },
      /tables\.notes\[note-nato\]: is joint, wider than its meeting nato-caucus-1 \(nato's caucus\)/,
    ],
    [
      'a Russian note written by a NATO user',
      (f) => {
        byId(f, 'notes', 'note-russia').authorId = userId(f, 'nato-sec');
      },
      /tables\.notes\[note-russia\]: is russia's, but its author [\w-]+ is of nato/,
    ],
    [
      'a post wider than its person',
      (f) => {
        byId(f, 'people', 'robertson').visibility = 'joint';
      },
      /tables\.posts\[robertson-sg\]: is public, wider than its person robertson \(joint\)/,
    ],
    [
      "a person in another party's delegation",
      (f) => {
        byId(f, 'delegations', 'russia-mission').party = 'russia';
        Object.assign(byId(f, 'people', 'robertson'), {
          party: 'nato',
          delegationId: 'russia-mission',
        });
        byId(f, 'posts', 'robertson-sg').party = 'nato';
      },
      /tables\.people\[robertson\]: a nato person sits in russia-mission, a delegation of russia/,
    ],
    // The database's own vocabulary trigger refuses these two as the rows go in; the invariant
    // (users.roles) says the same of a database whose triggers did not run.
    [
      'a role god',
      (f) => {
        rowOf(f, 'users', (u) => u.username === 'nato-sec').roles = '["secretary","god"]';
      },
      /tables\.users\[\d+\]: CHECK constraint failed: users\.roles/,
    ],
    [
      'roles that are not JSON',
      (f) => {
        rowOf(f, 'users', (u) => u.username === 'nato-sec').roles = 'secretary,chair';
      },
      /tables\.users\[\d+\]: CHECK constraint failed: users\.roles/,
    ],
    [
      'a role given twice',
      (f) => {
        rowOf(f, 'users', (u) => u.username === 'russia-sec').roles = '["secretary","secretary"]';
      },
      /tables\.users\[[\w-]+\]: a role is listed twice/,
    ],
    [
      'a user with no role',
      (f) => {
        rowOf(f, 'users', (u) => u.username === 'russia-sec').roles = '[]';
      },
      /tables\.users\[[\w-]+\]: a user has at least one role/,
    ],
    [
      'an office whose dates do not fit its status',
      (f) => {
        byId(f, 'offices', 'nato-information-office-moscow').closedOn = '2002';
      },
      /tables\.offices\[nato-information-office-moscow\]: closedOn: an office that is open has no closedOn/,
    ],
    [
      'an office the council created and opened with no decision agreeing it',
      (f) => {
        rowOf(f, 'auditEvents', (e) => e.entityId === 'nato-information-office-moscow').action =
          'office.create';
      },
      /tables\.offices\[nato-information-office-moscow\]: is open, but no agreed decision approves it/,
    ],
    [
      'a strength figure wider than its operation',
      (f) => {
        byId(f, 'operations', 'kfor').visibility = 'joint';
      },
      /tables\.operationStrengths\[kfor-russia-2001\]: is public, wider than its operation kfor \(joint\)/,
    ],
    [
      'a publication request for an item that is already public',
      (f) => {
        byId(f, 'decisions', 'decision-1').visibility = 'public';
        response(f).visibility = 'public';
        byId(f, 'workProgrammes', 'wp-2001').visibility = 'public';
        byId(f, 'meetings', JOINT_MEETING).visibility = 'public';
      },
      /tables\.publicationRequests\[decision\/decision-1\/nato\]: names decision decision-1, which is public/,
    ],
    [
      'an audit trail cut to ten entries',
      (f) => {
        f.tables.auditEvents = f.tables.auditEvents?.slice(0, 10) ?? [];
      },
      /tables\.\w+\[[\w-]+\]: the audit trail has no entry about this \w+: entries have been removed from it/,
    ],
    [
      'an entry cut from the middle of an audience',
      (f) => {
        const removed = audience(f, 'public')[1];
        f.tables.auditEvents = f.tables.auditEvents?.filter((e) => e !== removed) ?? [];
      },
      /tables\.auditEvents\[\d+\]: is number 3 of audience public, where 2 comes next/,
    ],
    [
      'entries numbered out of the order they were written',
      (f) => {
        const [first, second] = audience(f, 'public');
        if (!first || !second) throw new Error('the fixture has two public entries');
        [first.seq, second.seq] = [second.seq, first.seq];
      },
      /tables\.auditEvents\[\d+\]: is number 2 of audience public, but was written before entry \d+, numbered earlier/,
    ],
    [
      'an entry filed under another audience',
      (f) => {
        const [entry] = audience(f, 'caucus:nato');
        if (!entry) throw new Error('the fixture has a NATO caucus entry');
        entry.visibility = 'joint';
        entry.party = null;
      },
      /tables\.auditEvents\[\d+\]: is in audience caucus:nato, but its visibility \(joint, party none\) makes it joint/,
    ],
    [
      'a shared text marked above what Russia accepts on shared texts',
      (f) => {
        byId(f, 'texts', 'text-1').classification = 'nato-secret';
      },
      /tables\.texts\[text-1\]: is marked nato-secret, above what russia accepts on shared texts \(nato-unclassified\)/,
    ],
    [
      'a party ceiling that is no marking',
      (f) => {
        byId(f, 'parties', 'nato').jointMarkingCeiling = 'cosmic-top-secret';
      },
      /tables\.parties\[nato\]: jointMarkingCeiling cosmic-top-secret is no marking/,
    ],
    [
      'an entry with an action the council does not know',
      (f) => {
        rowOf(f, 'auditEvents', (e) => e.entityType === 'note').action = 'note.forge';
      },
      /tables\.auditEvents\[\d+\]: unknown action note\.forge for a note/,
    ],
  ];

  it.each(tampered)(
    'a file with %s is refused, naming the problem, and nothing is written',
    async (_name, tamper, message) => {
      const { ctx } = await filled();
      const before = await exportText(ctx.deps);
      const file = JSON.parse(serializeExport(await exportData(ctx.deps, OPERATOR)));
      tamper(file);
      const error = await failure(importData(ctx.deps, OPERATOR, file, { replace: true }));
      expect(error.code).toBe('ValidationFailed');
      expect(error.message).toMatch(message);
      expect(await exportText(ctx.deps)).toBe(before);
      await expect(ctx.deps.db.deleteFrom('auditEvents').execute()).rejects.toThrow(/append only/);
    },
  );
});
