import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// It needs SQLite 3.35 or later (ALTER TABLE ... DROP COLUMN), which better-sqlite3 bundles.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * The write path's own tables, agreements pinned to versions, audiences that leak nothing:
 *
 * - Audit entries get an audience (`public`, `joint` or `caucus:<party>`) and a number that
 *   counts within that audience only, so nobody can read the other party's activity from gaps
 *   in a global counter. Existing entries are numbered in their order.
 * - `changeEvents`: the outbox every change appends to, in commit order, for live updates and
 *   the record log.
 * - The one full-text table, whose ranking statistics counted every party's caucus, is replaced
 *   by `searchDocuments` (where each document lives) and one FTS5 table per audience, created
 *   by the application as audiences appear. The application rebuilds the index after this
 *   migration (it cannot build documents itself: that is application code).
 * - Decisions name what they approve by a typed reference (kind and id) instead of a string,
 *   and carry a version that a concurrence names; offices and programmes carry versions too.
 * - Publication requests: what both parties made becomes public only when both ask.
 * - Indexes for every list filter.
 */
export async function up(db: Db): Promise<void> {
  // Audit audiences. The append-only triggers are lifted for the renumbering and restored.
  await sql`drop trigger "auditEventsNoUpdate"`.execute(db);
  await db.schema.alterTable('auditEvents').addColumn('audience', 'text').execute();
  await db.schema.alterTable('auditEvents').addColumn('seq', 'integer').execute();
  await sql`update "auditEvents" set "audience" = case
      when "visibility" = 'caucus' then 'caucus:' || "party" else "visibility" end`.execute(db);
  await sql`update "auditEvents" set "seq" = (
      select count(*) from "auditEvents" as "earlier"
      where "earlier"."audience" = "auditEvents"."audience" and "earlier"."id" <= "auditEvents"."id")`.execute(
    db,
  );
  await sql`create trigger "auditEventsNoUpdate" before update on "auditEvents"
    begin select raise(abort, 'audit events are append only'); end`.execute(db);
  await db.schema
    .createIndex('auditEventsByAudience')
    .on('auditEvents')
    .columns(['audience', 'seq'])
    .unique()
    .execute();
  await db.schema
    .createIndex('auditEventsByActor')
    .on('auditEvents')
    .columns(['actorId', 'id'])
    .execute();
  await db.schema.createIndex('auditEventsByAt').on('auditEvents').columns(['at', 'id']).execute();

  await db.schema
    .createTable('changeEvents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('entityType', 'text', (c) => c.notNull())
    .addColumn('entityId', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('auditEventId', 'integer', (c) => c.notNull().references('auditEvents.id'))
    .execute();
  await db.schema
    .createIndex('changeEventsByAudience')
    .on('changeEvents')
    .columns(['audience', 'seq'])
    .unique()
    .execute();

  await sql`drop table "searchIndex"`.execute(db);
  await db.schema
    .createTable('searchDocuments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('entityType', 'text', (c) => c.notNull())
    .addColumn('entityId', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addUniqueConstraint('searchDocumentsKey', ['entityType', 'entityId'])
    .execute();

  // What a decision approves, as a typed reference.
  await db.schema
    .alterTable('decisions')
    .addColumn('approvesKind', 'text', (c) =>
      c.check(sql`"approvesKind" in ('workProgramme', 'office')`),
    )
    .execute();
  await db.schema.alterTable('decisions').addColumn('approvesId', 'text').execute();
  await sql`update "decisions" set "approvesKind" = 'workProgramme',
      "approvesId" = (select "id" from "workProgrammes" where 'work-programme:' || "year" = "decisions"."approves")
    where "approves" like 'work-programme:%'`.execute(db);
  await sql`update "decisions" set "approvesKind" = 'office', "approvesId" = substr("approves", 8)
    where "approves" like 'office:%'`.execute(db);
  await db.schema.dropIndex('decisionsByApproves').execute();
  await db.schema.alterTable('decisions').dropColumn('approves').execute();
  await db.schema
    .createIndex('decisionsByApproves')
    .on('decisions')
    .columns(['approvesKind', 'approvesId'])
    .execute();

  // Versions of what the parties agree to; a response names the version it answered.
  await db.schema
    .alterTable('decisions')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('decisionResponses')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('workProgrammes')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('offices')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('publicationRequests')
    .addColumn('entityType', 'text', (c) => c.notNull())
    .addColumn('entityId', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('userId', 'text')
    .addColumn('requestedAt', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('publicationRequestsKey', ['entityType', 'entityId', 'party'])
    .execute();

  // Vocabularies the first migration left unchecked (SQLite cannot add a CHECK to a table, so
  // triggers refuse what a CHECK would). Copies of src/shared/vocabularies.ts on this day; a
  // test keeps the lists in step.
  const levels = `'summit', 'foreign-ministers', 'defence-ministers', 'ambassadors', 'chiefs-of-defence', 'military-representatives', 'experts'`;
  const vocabularies: [string, string, string][] = [
    ['meetings', 'level', `new."level" is not null and new."level" not in (${levels})`],
    ['activities', 'level', `new."level" is not null and new."level" not in (${levels})`],
    [
      'offices',
      'kind',
      `new."kind" not in ('information-office', 'military-liaison-mission', 'mission', 'other')`,
    ],
    [
      'agendaItems',
      'chairedBy',
      `new."chairedBy" is not null and new."chairedBy" not in ('secretary-general', 'rotating', 'russia')`,
    ],
    [
      'users',
      'roles',
      `not json_valid(new."roles") or json_type(new."roles") <> 'array' or exists (select 1 from json_each(new."roles") where "value" not in ('member', 'secretary', 'chair', 'admin'))`,
    ],
  ];
  for (const [table, column, refused] of vocabularies) {
    for (const event of ['insert', 'update']) {
      await sql
        .raw(
          `create trigger "${table}_${column}_vocabulary_${event}" before ${event} on "${table}"
           when ${refused}
           begin select raise(abort, 'CHECK constraint failed: ${table}.${column}'); end`,
        )
        .execute(db);
    }
  }

  // Every list filter has an index, so no filter scans its table.
  const indexes: [string, string, string[]][] = [
    ['meetingsByLevel', 'meetings', ['level', 'date', 'id']],
    ['meetingsByStatus', 'meetings', ['status', 'date', 'id']],
    ['meetingsByFormat', 'meetings', ['format', 'date', 'id']],
    ['agendaItemTopicsByTopic', 'agendaItemTopics', ['topicId', 'agendaItemId']],
    ['agendaItemActivitiesByActivity', 'agendaItemActivities', ['activityId', 'agendaItemId']],
    ['decisionsByCreated', 'decisions', ['createdAt', 'id']],
    ['decisionsByStatus', 'decisions', ['status', 'createdAt', 'id']],
    ['decisionsByMeeting', 'decisions', ['meetingId', 'createdAt', 'id']],
    ['notesByCreated', 'notes', ['createdAt', 'id']],
    ['notesByMeeting', 'notes', ['meetingId', 'createdAt', 'id']],
    ['notesByAgendaItem', 'notes', ['agendaItemId', 'createdAt', 'id']],
    ['notesByDecision', 'notes', ['decisionId', 'createdAt', 'id']],
    ['peopleByDelegation', 'people', ['delegationId']],
    ['peopleByParty', 'people', ['party', 'name', 'id']],
    ['peopleByName', 'people', ['name', 'id']],
    ['postsByPerson', 'posts', ['personId']],
    ['topicsByParent', 'topics', ['parentId']],
    ['activitiesByArea', 'activities', ['areaId']],
    ['activityProgressByActivity', 'activityProgress', ['activityId', 'on', 'id']],
    ['operationStrengthsByOperation', 'operationStrengths', ['operationId', 'asOf']],
    ['councilPeriodsByStart', 'councilPeriods', ['startsOn', 'id']],
    ['timelineEventsByKind', 'timelineEvents', ['kind', 'date', 'id']],
    ['workProgrammeAreasByProgramme', 'workProgrammeAreas', ['programmeId', 'position']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

export async function down(db: Db): Promise<void> {
  for (const [name] of [['publicationRequests'], ['changeEvents'], ['searchDocuments']]) {
    await db.schema
      .dropTable(name as string)
      .ifExists()
      .execute();
  }
}
