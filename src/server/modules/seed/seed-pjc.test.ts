import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';
import type { TableName } from '../../db/schema.ts';
import { OPERATOR } from '../access/actor.ts';
import { searchDocuments } from '../search/search-index.ts';
import { loadPjcRecord, PjcRecordError } from './pjc-record.ts';
import { type SeedCounts, seedPjc } from './seed-pjc.ts';

const RECORD_FOLDER = fileURLToPath(new URL('../../../../data/pjc/', import.meta.url));

const DISCLAIMER =
  'This text is not a formally agreed NATO document and, therefore, does not necessarily represent the official views of individual member governments on all policy issues discussed.';

const TABLES_WITH_SOURCE = [
  'council',
  'councilStatements',
  'councilPeriods',
  'recordCoverage',
  'parties',
  'delegations',
  'people',
  'posts',
  'topics',
  'meetings',
  'meetingCoChairs',
  'meetingAttendance',
  'agendaItems',
  'workProgrammes',
  'workProgrammeAreas',
  'activities',
  'decisions',
  'offices',
  'operations',
  'operationStrengths',
  'timelineEvents',
] as const satisfies readonly TableName[];

const TABLES_WITH_VISIBILITY = [
  ...TABLES_WITH_SOURCE,
  'decisionResponses',
  'auditEvents',
] as const satisfies readonly TableName[];

let ctx: TestContext;
let first: SeedCounts;
let progress: [number, number][] = [];

beforeAll(async () => {
  ctx = await createTestContext({ seed: 'none' });
  first = await seedPjc(ctx.deps, { onProgress: (done, total) => progress.push([done, total]) });
});
afterAll(async () => ctx.close());

const db = () => ctx.deps.db;

describe('seeding the PJC record', () => {
  it('creates every row on an empty database and reports progress up to the total', () => {
    expect(first.created).toBeGreaterThan(150);
    expect(first.updated).toBe(0);
    expect(first.unchanged).toBe(0);
    expect(progress.at(-1)).toEqual([first.created, first.created]);
  });

  it('creates nothing and audits nothing the second time', async () => {
    const auditBefore = await countRows('auditEvents');
    progress = [];
    const second = await seedPjc(ctx.deps);
    expect(second).toEqual({ created: 0, updated: 0, unchanged: first.created });
    expect(await countRows('auditEvents')).toBe(auditBefore);
  });

  it('audits each created row as <entity>.seed-create by the operator, with the row visibility', async () => {
    const events = await db()
      .selectFrom('auditEvents')
      .select(['action', 'actorId', 'visibility'])
      .where(sql<boolean>`"action" like '%.seed-create'`)
      .execute();
    expect(events).toHaveLength(first.created);
    // Everything is public but the adopted texts, which were never published (texts.yaml).
    const kind = (action: string) => (action.startsWith('text.') ? 'text' : 'other');
    expect(new Set(events.map((e) => `${kind(e.action)}:${e.actorId}/${e.visibility}`))).toEqual(
      new Set(['other:null/public', 'text:null/joint']),
    );
  });

  it('puts back a changed row, audits the update and keeps the agenda version', async () => {
    const id = 'pjc-2000-12-05-defence-ministers';
    await db()
      .updateTable('meetings')
      .set({ venue: 'Somewhere else', agendaVersion: 3 })
      .where('id', '=', id)
      .execute();
    const counts = await seedPjc(ctx.deps);
    expect(counts).toMatchObject({ created: 0, updated: 1 });
    const meeting = await db()
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(meeting).toMatchObject({ venue: 'NATO headquarters', agendaVersion: 3 });
    const event = await db()
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'meeting.seed-update')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ entityType: 'meeting', entityId: id, visibility: 'public' });
    expect(JSON.parse(event.before ?? '{}')).toMatchObject({ venue: 'Somewhere else' });
  });

  it('moves an agenda it changes to a new version and voids its agreements, audited', async () => {
    const link = await db()
      .selectFrom('agendaItemTopics')
      .innerJoin('agendaItems', 'agendaItems.id', 'agendaItemTopics.agendaItemId')
      .select(['agendaItemId', 'topicId', 'meetingId', 'title'])
      .executeTakeFirstOrThrow();
    const versionOf = async () =>
      (
        await db()
          .selectFrom('meetings')
          .select('agendaVersion')
          .where('id', '=', link.meetingId)
          .executeTakeFirstOrThrow()
      ).agendaVersion;
    const start = await versionOf();
    // An agreement on record for the current version, which the seed's change must void.
    await db()
      .insertInto('agendaAgreements')
      .values({
        meetingId: link.meetingId,
        party: 'nato',
        userId: 'someone',
        agendaVersion: start,
        agreedAt: '2001-01-01T00:00:00.000Z',
        visibility: 'public',
      })
      .execute();
    await db()
      .updateTable('agendaItems')
      .set({ title: 'A text no party agreed', position: 99 })
      .where('id', '=', link.agendaItemId)
      .execute();
    await seedPjc(ctx.deps);
    expect(await versionOf()).toBe(start + 1);
    const item = await db()
      .selectFrom('auditEvents')
      .selectAll()
      .where('entityId', '=', link.agendaItemId)
      .where('action', '=', 'agendaItem.seed-update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ actorId: null, visibility: 'public' });
    const voided = await db()
      .selectFrom('auditEvents')
      .selectAll()
      .where('entityId', '=', link.meetingId)
      .where('action', '=', 'meeting.void-agreements')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(voided.before ?? '{}')).toEqual({
      agreements: [{ party: 'nato', agendaVersion: start }],
    });
    expect(JSON.parse(voided.after ?? '{}')).toMatchObject({ agendaVersion: start + 1 });
    expect(
      await db()
        .selectFrom('agendaAgreements')
        .selectAll()
        .where('meetingId', '=', link.meetingId)
        .execute(),
    ).toEqual([]);

    await db()
      .deleteFrom('agendaItemTopics')
      .where('agendaItemId', '=', link.agendaItemId)
      .where('topicId', '=', link.topicId)
      .execute();
    await seedPjc(ctx.deps);
    expect(await versionOf()).toBe(start + 2);

    // The outcome is recorded after the meeting and is no part of the agreed agenda.
    await db()
      .updateTable('agendaItems')
      .set({ outcome: 'Noted later' })
      .where('id', '=', link.agendaItemId)
      .execute();
    await seedPjc(ctx.deps);
    expect(await versionOf()).toBe(start + 2);
  });

  it('seeds on top of the two parties that the default test seed creates', async () => {
    const other = await createTestContext({ seed: 'parties' });
    try {
      const counts = await seedPjc(other.deps);
      expect(counts.updated).toBe(2);
      expect(counts.created + counts.updated).toBe(first.created);
    } finally {
      await other.close();
    }
  });
});

describe('the seeded record', () => {
  it('holds the December 2000 ministerials with their levels, dates and venue', async () => {
    const meetings = await db()
      .selectFrom('meetings')
      .select(['id', 'level', 'date', 'venue', 'startsAt'])
      .where('date', 'like', '2000-12%')
      .orderBy('date')
      .execute();
    expect(meetings).toEqual([
      {
        id: 'pjc-2000-12-05-defence-ministers',
        level: 'defence-ministers',
        date: '2000-12-05',
        venue: 'NATO headquarters',
        startsAt: null,
      },
      {
        id: 'pjc-2000-12-15-foreign-ministers',
        level: 'foreign-ministers',
        date: '2000-12-15',
        venue: 'NATO headquarters',
        startsAt: null,
      },
    ]);
  });

  it('keeps the May and June 2000 ministerials at month precision with no level', async () => {
    const meetings = await db()
      .selectFrom('meetings')
      .select(['date', 'level'])
      .where('date', 'in', ['2000-05', '2000-06'])
      .orderBy('date')
      .execute();
    expect(meetings).toEqual([
      { date: '2000-05', level: null },
      { date: '2000-06', level: null },
    ]);
  });

  it("records SFOR and KFOR strengths with Russia's contribution and the source's qualifier", async () => {
    const strengths = await db()
      .selectFrom('operationStrengths')
      .select(['operationId', 'contributor', 'troops', 'qualifier'])
      .orderBy('operationId')
      .orderBy('troops', 'desc')
      .execute();
    expect(strengths).toEqual([
      { operationId: 'kfor', contributor: null, troops: 42500, qualifier: null },
      { operationId: 'kfor', contributor: 'russia', troops: 3150, qualifier: 'some' },
      { operationId: 'sfor', contributor: null, troops: 20000, qualifier: 'approximately' },
      { operationId: 'sfor', contributor: 'russia', troops: 1200, qualifier: 'about' },
    ]);
  });

  it('lists the 19 NATO delegations of 2000 with ISO codes, and Russia its mission', async () => {
    const delegations = await db()
      .selectFrom('delegations')
      .select(['id', 'party', 'countryCode', 'joinedOn'])
      .orderBy('id')
      .execute();
    const nato = delegations.filter((d) => d.party === 'nato');
    expect(nato).toHaveLength(19);
    for (const d of nato) {
      expect(d.countryCode).toMatch(/^[A-Z]{2}$/);
      expect(d.id).toBe(`nato-${d.countryCode?.toLowerCase()}`);
    }
    expect(nato.filter((d) => d.joinedOn === '1999-03-12').map((d) => d.countryCode)).toEqual([
      'CZ',
      'HU',
      'PL',
    ]);
    expect(nato.filter((d) => d.joinedOn === null)).toHaveLength(16);
    expect(delegations.filter((d) => d.party === 'russia').map((d) => d.id)).toEqual([
      'russia-mission',
    ]);
  });

  it('has every row of every sourced table reference a stored source', async () => {
    for (const table of TABLES_WITH_SOURCE) {
      // A null sourceId counts as an orphan too: every fact of the record names its source.
      const { rows } = await sql<{ sourceId: string | null }>`
        select t."sourceId" from ${sql.table(table)} t
        left join "sources" s on s."id" = t."sourceId" where s."id" is null`.execute(db());
      expect({ table, orphans: rows }).toEqual({ table, orphans: [] });
    }
  });

  it('lists only sources the record cites', async () => {
    const { rows } = await sql<{ id: string }>`
      select s."id" from "sources" s where not exists (
        ${sql.join(
          TABLES_WITH_SOURCE.map(
            (table) => sql`select 1 from ${sql.table(table)} t where t."sourceId" = s."id"`,
          ),
          sql` union all `,
        )})`.execute(db());
    expect(rows).toEqual([]);
  });

  it('cites RFE/RL for the co-chairs of the first meeting and the reference facts for its rules', async () => {
    const coChairs = await db()
      .selectFrom('meetingCoChairs')
      .select(['role', 'sourceId'])
      .where('meetingId', '=', 'pjc-1997-07-18')
      .orderBy('role')
      .execute();
    expect(coChairs).toEqual([
      { role: 'rotating', sourceId: 'rferl-1997-07' },
      { role: 'russia', sourceId: 'rferl-1997-07' },
      { role: 'secretary-general', sourceId: 'rferl-1997-07' },
    ]);
    const items = await db()
      .selectFrom('agendaItems')
      .select(['id', 'sourceId'])
      .where('meetingId', '=', 'pjc-1997-07-18')
      .execute();
    expect(items).toEqual([
      { id: 'pjc-1997-07-18-rules-of-procedure', sourceId: 'reference-facts' },
    ]);
    const meeting = await db()
      .selectFrom('meetings')
      .select('sourceId')
      .where('id', '=', 'pjc-1997-07-18')
      .executeTakeFirstOrThrow();
    expect(meeting.sourceId).toBe('fact-sheet');
  });

  it("keeps the fact sheet's words about the council apart from the Founding Act's", async () => {
    const council = await db()
      .selectFrom('council')
      .select(['sourceId', 'description'])
      .executeTakeFirstOrThrow();
    expect(council.sourceId).toBe('founding-act');
    // Two sentences of the fact sheet once sat in this description, cited to the Founding Act.
    expect(council.description).not.toMatch(/forum for consultation|independently/);
    const statements = await db()
      .selectFrom('councilStatements')
      .select(['id', 'sourceId', 'text'])
      .orderBy('position')
      .execute();
    expect(statements.find((s) => /independently of the other/.test(s.text))?.sourceId).toBe(
      'fact-sheet',
    );
    expect(statements.find((s) => /16\+1/.test(s.text))?.sourceId).toBe('nrc-website');
    const event = await db()
      .selectFrom('timelineEvents')
      .select(['description', 'sourceId'])
      .where('id', '=', '1997-07-18-first-meeting')
      .executeTakeFirstOrThrow();
    // The fact sheet gives only the date; rules and rotating chair are not its words.
    expect(event).toEqual({ description: null, sourceId: 'fact-sheet' });
  });

  it('holds nothing no source supports: no programme contents, attendance or KFOR agenda items', async () => {
    expect(await countRows('workProgrammeAreas')).toBe(0);
    expect(await countRows('activities')).toBe(0);
    expect(await countRows('meetingAttendance')).toBe(0);
    const kfor = await db()
      .selectFrom('agendaItems')
      .select('id')
      .where('title', 'like', '%KFOR%')
      .execute();
    expect(kfor).toEqual([]);
  });

  it('marks what the record composed itself: every agenda item, and the month Russia joined KFOR', async () => {
    const items = await db().selectFrom('agendaItems').select(['id', 'reconstructed']).execute();
    expect(items.length).toBeGreaterThan(10);
    expect(items.filter((i) => i.reconstructed !== 1)).toEqual([]);
    const reconstructed = await db()
      .selectFrom('timelineEvents')
      .select(['id', 'date'])
      .where('reconstructed', '=', 1)
      .execute();
    expect(reconstructed).toEqual([{ id: '1999-06-russia-joins-kfor', date: '1999-06' }]);
  });

  it('holds nothing caucus, and nothing joint but the adopted texts, never published', async () => {
    for (const table of TABLES_WITH_VISIBILITY) {
      const { count } = await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('visibility', '<>', 'public')
        .where(
          sql<boolean>`${sql.raw(table === 'auditEvents' ? `"action" not like 'text.%'` : '1 = 1')}`,
        )
        .executeTakeFirstOrThrow();
      expect({ table, count }).toEqual({ table, count: 0 });
    }
    // The fact sheet reports the texts' adoption, never that their wording was made public.
    const texts = await db()
      .selectFrom('texts')
      .select(['id', 'visibility', 'party', 'state', 'publishedAt'])
      .orderBy('id')
      .execute();
    expect(texts).toEqual(
      [
        'text-2000-12-15-letters-nato-information-office',
        'text-2000-12-15-work-programme-2001',
      ].map((id) => ({
        id,
        visibility: 'joint',
        party: null,
        state: 'adopted',
        publishedAt: null,
      })),
    );
    const { count } = await db()
      .selectFrom('meetings')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('format', '<>', 'joint')
      .executeTakeFirstOrThrow();
    expect(count).toBe(0);
  });

  it("stores the fact sheet's disclaimer verbatim with its publisher", async () => {
    const source = await db()
      .selectFrom('sources')
      .selectAll()
      .where('id', '=', 'fact-sheet')
      .executeTakeFirstOrThrow();
    expect(source.disclaimer).toBe(DISCLAIMER);
    expect(source.publisher).toBe('NATO Office of Information and Press');
  });

  it('stores the December 2000 decisions as agreed, with both parties concurring and no user', async () => {
    const decisions = await db()
      .selectFrom('decisions')
      .select(['id', 'status', 'approvesKind', 'approvesId', 'decidedOn'])
      .orderBy('id')
      .execute();
    expect(decisions.map((d) => d.approvesKind && `${d.approvesKind}:${d.approvesId}`)).toEqual([
      null,
      null,
      'office:nato-information-office-moscow',
      'workProgramme:wp-2001',
    ]);
    expect(new Set(decisions.map((d) => d.status))).toEqual(new Set(['agreed']));
    const responses = await db()
      .selectFrom('decisionResponses')
      .select(['decisionId', 'party', 'response', 'userId'])
      .orderBy('decisionId')
      .orderBy('party')
      .execute();
    expect(responses).toHaveLength(decisions.length * 2);
    for (const r of responses) expect(r).toMatchObject({ response: 'concur', userId: null });
    expect(new Set(responses.map((r) => r.party))).toEqual(new Set(['nato', 'russia']));
  });

  it('dates the offices in Moscow as the sources do', async () => {
    const offices = await db()
      .selectFrom('offices')
      .select(['id', 'agreedOn', 'proposedOn', 'openedOn'])
      .orderBy('id')
      .execute();
    expect(offices).toEqual([
      {
        id: 'military-liaison-mission-moscow',
        agreedOn: null,
        proposedOn: '2000-12',
        openedOn: '2002-05-27',
      },
      {
        id: 'nato-information-office-moscow',
        agreedOn: '2000-12-15',
        proposedOn: null,
        openedOn: '2001-02-20',
      },
    ]);
  });

  it('makes the record searchable for an anonymous reader', async () => {
    const hits = await searchDocuments(db(), { kind: 'anonymous' }, 'search and rescue at sea', {
      limit: 50,
      offset: 0,
    });
    expect(hits.map((h) => `${h.entityType}:${h.entityId}`)).toEqual(
      expect.arrayContaining([
        'topic:search-and-rescue-at-sea',
        'decision:decision-2000-12-05-search-and-rescue-at-sea',
        'agendaItem:pjc-2000-12-05-defence-ministers-search-and-rescue',
      ]),
    );
    const operatorHits = await searchDocuments(db(), OPERATOR, 'Sergeev', { limit: 5, offset: 0 });
    expect(operatorHits.map((h) => h.entityId)).toContain('sergeev');
  });
});

describe('loading a record with bad data', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'pjc-record-'));
    cpSync(RECORD_FOLDER, folder, { recursive: true });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function edit(file: string, from: string, to: string): () => void {
    const path = join(folder, file);
    const original = readFileSync(path, 'utf8');
    expect(original).toContain(from);
    writeFileSync(path, original.replace(from, to));
    return () => writeFileSync(path, original);
  }

  async function problemsOf(): Promise<string[]> {
    const error = await loadPjcRecord(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PjcRecordError);
    return (error as PjcRecordError).problems;
  }

  it('names the file, the item and the field of a value the schema refuses', async () => {
    const restore = edit(
      'meetings.yaml',
      'level: defence-ministers\n    date: "2000-12-05"',
      'level: generals\n    date: "2000-12-05"',
    );
    try {
      const problems = await problemsOf();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^meetings\.yaml: meetings\[pjc-2000-12-05-defence-ministers\]\.level: /,
      );
    } finally {
      restore();
    }
  });

  it('names the file and field of a reference to a source that does not exist', async () => {
    const restore = edit(
      'operations.yaml',
      'troops: 3150, qualifier: some, asOf: "2001", source: fact-sheet',
      'troops: 3150, qualifier: some, asOf: "2001", source: rumour',
    );
    try {
      expect(await problemsOf()).toEqual([
        "operations.yaml: operations[kfor].strengths[kfor-2001-russia].source: unknown source 'rumour'",
      ]);
    } finally {
      restore();
    }
  });

  it('refuses a caucus item and an agreed decision one party never concurred in', async () => {
    const restoreTopic = edit(
      'topics.yaml',
      'name: Arms control\n',
      'name: Arms control\n    visibility: caucus\n',
    );
    try {
      expect((await problemsOf())[0]).toMatch(
        /^topics\.yaml: topics\[arms-control\]\.visibility: /,
      );
    } finally {
      restoreTopic();
    }
    const restoreDecision = edit(
      'decisions.yaml',
      '{ party: russia, userId: null, response: concur, at: "2000-12-15" }\n\n  - id: decision-2000-12-15-nato',
      '{ party: russia, userId: null, response: decline, at: "2000-12-15" }\n\n  - id: decision-2000-12-15-nato',
    );
    try {
      expect((await problemsOf())[0]).toMatch(
        /^decisions\.yaml: decisions\[decision-2000-12-15-work-programme-2001\]\.status: agreed needs every party to concur; missing: russia/,
      );
    } finally {
      restoreDecision();
    }
  });

  it('leaves the database untouched when the record is invalid', async () => {
    const restore = edit('timeline.yaml', 'date: "1994"', 'date: "1994-13"');
    try {
      const before = await countRows('auditEvents');
      await expect(seedPjc(ctx.deps, { folder })).rejects.toThrow(
        /timeline\.yaml: events\[1994-partnership-for-peace\]\.date/,
      );
      expect(await countRows('auditEvents')).toBe(before);
    } finally {
      restore();
    }
  });
});

describe('a seed that fails half way', () => {
  it('rolls back every row it had written', async () => {
    const other = await createTestContext({ seed: 'parties' });
    try {
      const at = other.deps.clock().toISOString();
      // A programme for 2001 entered by hand makes the seed's own 2001 programme collide.
      await other.deps.db
        .insertInto('workProgrammes')
        .values({
          id: 'draft-2001',
          year: 2001,
          title: 'Draft',
          description: null,
          visibility: 'joint',
          party: null,
          sourceId: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      await expect(seedPjc(other.deps)).rejects.toThrow(
        // SQLite's words, or PostgreSQL's for the same key.
        /UNIQUE constraint failed: workProgrammes.year|"workProgrammes_year_key"/,
      );
      const meetings = await other.deps.db
        .selectFrom('meetings')
        .select(sql<number>`count(*)`.as('count'))
        .executeTakeFirstOrThrow();
      const audit = await other.deps.db
        .selectFrom('auditEvents')
        .select(sql<number>`count(*)`.as('count'))
        .executeTakeFirstOrThrow();
      expect([meetings.count, audit.count]).toEqual([0, 0]);
    } finally {
      await other.close();
    }
  });
});

async function countRows(table: TableName): Promise<number> {
  const { count } = await db()
    .selectFrom(table)
    .select(sql<number>`count(*)`.as('count'))
    .executeTakeFirstOrThrow();
  return count;
}
