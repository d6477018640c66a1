import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// Every column type here is one that both SQLite and PostgreSQL accept.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/** Every stored item carries its visibility and the party it belongs to. */
function item(db: Db, name: string) {
  return db.schema
    .createTable(name)
    .addColumn('visibility', 'text', (c) =>
      c.notNull().check(sql`visibility in ('public', 'joint', 'caucus')`),
    )
    .addColumn('party', 'text', (c) => c.references('parties.id'))
    .addCheckConstraint(
      `${name}_caucus_has_party`,
      sql`visibility <> 'caucus' or party is not null`,
    );
}

function stamped<C extends string>(builder: CreateTableBuilder<string, C>) {
  return builder
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull());
}

const source = (c: ColumnDefinitionBuilder) => c.references('sources.id');

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text')
    .addColumn('publishedOn', 'text')
    .addColumn('reference', 'text')
    .addColumn('disclaimer', 'text')
    .execute();

  // Parties come before every item table because `party` references them.
  await stamped(
    db.schema
      .createTable('parties')
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('party', 'text')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('shortName', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('sourceId', 'text', source),
  ).execute();

  await stamped(
    item(db, 'council')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('shortName', 'text', (c) => c.notNull())
      .addColumn('foundingInstrument', 'text', (c) => c.notNull())
      .addColumn('foundedOn', 'text', (c) => c.notNull())
      .addColumn('languages', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('sourceId', 'text', source),
  ).execute();

  await stamped(
    item(db, 'councilPeriods')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('councilId', 'text', (c) => c.notNull().references('council.id'))
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('active', 'suspended', 'restricted')`),
      )
      .addColumn('scope', 'text')
      .addColumn('startsOn', 'text', (c) => c.notNull())
      .addColumn('endsOn', 'text')
      .addColumn('description', 'text')
      .addColumn('sourceId', 'text', source),
  ).execute();

  await stamped(
    item(db, 'delegations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('countryCode', 'text')
      .addColumn('joinedOn', 'text')
      .addColumn('leftOn', 'text')
      .addColumn('sourceId', 'text', source),
  ).execute();

  await stamped(
    item(db, 'people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('honorific', 'text')
      .addColumn('delegationId', 'text', (c) => c.references('delegations.id'))
      .addColumn('sourceId', 'text', source),
  ).execute();

  await stamped(
    item(db, 'posts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('personId', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('delegationId', 'text', (c) => c.references('delegations.id'))
      .addColumn('startsOn', 'text')
      .addColumn('endsOn', 'text')
      .addColumn('sourceId', 'text', source),
  ).execute();

  await stamped(
    item(db, 'topics')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parentId', 'text', (c) => c.references('topics.id'))
      .addColumn('description', 'text')
      .addColumn('sourceId', 'text', source),
  ).execute();

  await stamped(
    item(db, 'meetings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('level', 'text')
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('joint', 'caucus')`))
      .addColumn('startsAt', 'text')
      .addColumn('endsAt', 'text')
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('venue', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('planned', 'held', 'cancelled')`),
      )
      .addColumn('summary', 'text')
      .addColumn('agendaVersion', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('seriesId', 'text')
      .addColumn('sourceId', 'text', source),
  ).execute();
  await db.schema.createIndex('meetingsByDate').on('meetings').columns(['date', 'id']).execute();
  await db.schema
    .createIndex('meetingsBySeries')
    .on('meetings')
    .columns(['seriesId', 'startsAt'])
    .execute();

  await item(db, 'meetingCoChairs')
    .addColumn('meetingId', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('secretary-general', 'rotating', 'russia')`),
    )
    .addColumn('personId', 'text', (c) => c.references('people.id'))
    .addColumn('delegationId', 'text', (c) => c.references('delegations.id'))
    .addPrimaryKeyConstraint('meetingCoChairsKey', ['meetingId', 'role'])
    .execute();

  await item(db, 'meetingAttendance')
    .addColumn('meetingId', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('delegationId', 'text', (c) => c.notNull().references('delegations.id'))
    .addColumn('representative', 'text')
    .addColumn('personId', 'text', (c) => c.references('people.id'))
    .addPrimaryKeyConstraint('meetingAttendanceKey', ['meetingId', 'delegationId'])
    .execute();

  await item(db, 'agendaAgreements')
    .addColumn('meetingId', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('userId', 'text', (c) => c.notNull())
    .addColumn('agendaVersion', 'integer', (c) => c.notNull())
    .addColumn('agreedAt', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agendaAgreementsKey', ['meetingId', 'party'])
    .execute();

  await stamped(
    item(db, 'agendaItems')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meetingId', 'text', (c) =>
        c.notNull().references('meetings.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('chairedBy', 'text'),
  ).execute();
  await db.schema
    .createIndex('agendaItemsByMeeting')
    .on('agendaItems')
    .columns(['meetingId', 'position'])
    .execute();

  await db.schema
    .createTable('agendaItemTopics')
    .addColumn('agendaItemId', 'text', (c) =>
      c.notNull().references('agendaItems.id').onDelete('cascade'),
    )
    .addColumn('topicId', 'text', (c) => c.notNull().references('topics.id'))
    .addPrimaryKeyConstraint('agendaItemTopicsKey', ['agendaItemId', 'topicId'])
    .execute();

  await stamped(
    item(db, 'workProgrammes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('year', 'integer', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('sourceId', 'text', source),
  ).execute();

  await stamped(
    item(db, 'workProgrammeAreas')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('programmeId', 'text', (c) =>
        c.notNull().references('workProgrammes.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull()),
  ).execute();

  await stamped(
    item(db, 'activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('programmeId', 'text', (c) =>
        c.notNull().references('workProgrammes.id').onDelete('cascade'),
      )
      .addColumn('areaId', 'text', (c) => c.references('workProgrammeAreas.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('topicId', 'text', (c) => c.references('topics.id'))
      .addColumn('lead', 'text', (c) => c.notNull().check(sql`lead in ('nato', 'russia', 'joint')`))
      .addColumn('level', 'text')
      .addColumn('plannedStart', 'text')
      .addColumn('plannedEnd', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('planned', 'under-way', 'done', 'dropped')`),
      )
      .addColumn('sourceId', 'text', source),
  ).execute();
  await db.schema
    .createIndex('activitiesByProgramme')
    .on('activities')
    .columns(['programmeId', 'id'])
    .execute();

  await db.schema
    .createTable('agendaItemActivities')
    .addColumn('agendaItemId', 'text', (c) =>
      c.notNull().references('agendaItems.id').onDelete('cascade'),
    )
    .addColumn('activityId', 'text', (c) => c.notNull().references('activities.id'))
    .addPrimaryKeyConstraint('agendaItemActivitiesKey', ['agendaItemId', 'activityId'])
    .execute();

  await item(db, 'activityProgress')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activityId', 'text', (c) =>
      c.notNull().references('activities.id').onDelete('cascade'),
    )
    .addColumn('on', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('userId', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();

  await stamped(
    item(db, 'decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('approves', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('proposed', 'agreed', 'declined', 'withdrawn')`),
      )
      .addColumn('meetingId', 'text', (c) => c.references('meetings.id'))
      .addColumn('proposedBy', 'text')
      .addColumn('decidedOn', 'text')
      .addColumn('sourceId', 'text', source),
  ).execute();
  await db.schema.createIndex('decisionsByApproves').on('decisions').column('approves').execute();

  await item(db, 'decisionResponses')
    .addColumn('decisionId', 'text', (c) =>
      c.notNull().references('decisions.id').onDelete('cascade'),
    )
    .addColumn('userId', 'text')
    .addColumn('response', 'text', (c) => c.notNull().check(sql`response in ('concur', 'decline')`))
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    // One answer per party: the key itself makes a second concurrence impossible.
    .addPrimaryKeyConstraint('decisionResponsesKey', ['decisionId', 'party'])
    .execute();

  await stamped(
    item(db, 'notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('authorId', 'text')
      .addColumn('meetingId', 'text', (c) => c.references('meetings.id').onDelete('cascade'))
      .addColumn('agendaItemId', 'text', (c) => c.references('agendaItems.id').onDelete('cascade'))
      .addColumn('decisionId', 'text', (c) => c.references('decisions.id').onDelete('cascade')),
  ).execute();

  await stamped(
    item(db, 'offices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('location', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('proposed', 'agreed', 'open', 'closed')`),
      )
      .addColumn('proposedOn', 'text')
      .addColumn('agreedOn', 'text')
      .addColumn('openedOn', 'text')
      .addColumn('closedOn', 'text')
      .addColumn('establishedBy', 'text')
      .addColumn('sourceId', 'text', source),
  ).execute();

  await stamped(
    item(db, 'operations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('fullName', 'text', (c) => c.notNull())
      .addColumn('location', 'text')
      .addColumn('mandate', 'text')
      .addColumn('sourceId', 'text', source),
  ).execute();

  await item(db, 'operationStrengths')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('operationId', 'text', (c) =>
      c.notNull().references('operations.id').onDelete('cascade'),
    )
    .addColumn('contributor', 'text')
    .addColumn('troops', 'integer', (c) => c.notNull().check(sql`troops >= 0`))
    .addColumn('qualifier', 'text')
    .addColumn('asOf', 'text', (c) => c.notNull())
    .addColumn('sourceId', 'text', source)
    .execute();

  await stamped(
    item(db, 'timelineEvents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('sourceId', 'text', source),
  ).execute();
  await db.schema
    .createIndex('timelineEventsByDate')
    .on('timelineEvents')
    .columns(['date', 'id'])
    .execute();

  await stamped(
    db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('displayName', 'text')
      .addColumn('party', 'text', (c) => c.notNull().references('parties.id'))
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('passwordHash', 'text', (c) => c.notNull())
      .addColumn('disabledAt', 'text'),
  ).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('session', 'token')`))
    .addColumn('csrfToken', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('expiresAt', 'text', (c) => c.notNull())
    .addColumn('lastUsedAt', 'text')
    .execute();
  await db.schema.createIndex('sessionsByUser').on('sessions').column('userId').execute();

  await item(db, 'auditEvents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actorId', 'text')
    .addColumn('actorParty', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entityType', 'text', (c) => c.notNull())
    .addColumn('entityId', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema
    .createIndex('auditEventsByEntity')
    .on('auditEvents')
    .columns(['entityType', 'entityId', 'id'])
    .execute();

  // The audit trail is append only: the database itself refuses to change or remove an entry.
  await sql`create trigger auditEventsNoUpdate before update on "auditEvents"
    begin select raise(abort, 'audit events are append only'); end`.execute(db);
  await sql`create trigger auditEventsNoDelete before delete on "auditEvents"
    begin select raise(abort, 'audit events are append only'); end`.execute(db);

  // Full-text search (SQLite FTS5; the PostgreSQL branch arrives with the PostgreSQL dialect): one table over every searchable item. The visibility columns are
  // stored unindexed beside the text so that the visibility rule filters inside the same query.
  await sql`create virtual table "searchIndex" using fts5(
    "entityType" unindexed, "entityId" unindexed, "visibility" unindexed, "party" unindexed,
    "title", "body", tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
}

export async function down(db: Db): Promise<void> {
  for (const name of [
    'searchIndex',
    'auditEvents',
    'sessions',
    'users',
    'timelineEvents',
    'operationStrengths',
    'operations',
    'offices',
    'notes',
    'decisionResponses',
    'decisions',
    'activityProgress',
    'agendaItemActivities',
    'activities',
    'workProgrammeAreas',
    'workProgrammes',
    'agendaItemTopics',
    'agendaItems',
    'agendaAgreements',
    'meetingAttendance',
    'meetingCoChairs',
    'meetings',
    'topics',
    'posts',
    'people',
    'delegations',
    'councilPeriods',
    'council',
    'parties',
    'sources',
  ]) {
    await db.schema.dropTable(name).ifExists().execute();
  }
}
