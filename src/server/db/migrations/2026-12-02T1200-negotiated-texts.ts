import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * Negotiated texts: bracketed drafts, language versions, agreements pinned to versions, the
 * silence procedure, statements lodged at adoption, adoption records, party keys, signatures,
 * the hash-chained record log, notifications, and the council's classification scheme.
 */
export async function up(db: Db): Promise<void> {
  // The label a party's alternatives carry in the plain-text form of a bracket: [NATO: ...].
  await db.schema
    .alterTable('parties')
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update "parties" set "label" = case "id" when 'russia' then 'RUS' else upper("shortName") end`.execute(
    db,
  );
  // The party's names in the council's languages, so that the alternat ("NATO and Russia" in
  // one party's version, "Russia and NATO" in the other's) is no difference in a comparison.
  await db.schema
    .alterTable('parties')
    .addColumn('names', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  for (const [id, names] of [
    ['nato', ['NATO', 'the Alliance', 'OTAN', "l'Alliance", 'НАТО', 'Альянс']],
    [
      'russia',
      [
        'Russia',
        'the Russian Federation',
        'Russie',
        'la Fédération de Russie',
        'Россия',
        'Российская Федерация',
      ],
    ],
  ] as const) {
    await db
      .updateTable('parties')
      .set({ names: JSON.stringify(names) })
      .where('id', '=', id)
      .execute();
  }

  await db.schema
    .createTable('classifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    .execute();
  // The council's scheme, lowest first: PUBLIC DISCLOSED may be read by anyone.
  await db
    .insertInto('classifications')
    .values([
      {
        id: 'public-disclosed',
        name: 'PUBLIC DISCLOSED',
        rank: 0,
        description: 'released to the public',
      },
      { id: 'nato-unclassified', name: 'NATO UNCLASSIFIED', rank: 1, description: null },
      { id: 'nato-restricted', name: 'NATO RESTRICTED', rank: 2, description: null },
      { id: 'nato-confidential', name: 'NATO CONFIDENTIAL', rank: 3, description: null },
      { id: 'nato-secret', name: 'NATO SECRET', rank: 4, description: null },
    ])
    .execute();
  // The marking a user may read up to; everyone starts at NATO UNCLASSIFIED.
  await db.schema
    .alterTable('users')
    .addColumn('clearance', 'text', (c) => c.notNull().defaultTo('nato-unclassified'))
    .execute();
  // SQLite adds no REFERENCES column with a default to a table with rows: triggers instead.
  for (const event of ['insert', 'update of "clearance"']) {
    await sql`create trigger ${sql.id(`usersClearance_${event.split(' ')[0]}`)} before ${sql.raw(event)} on "users"
      when not exists (select 1 from "classifications" where "id" = new."clearance")
      begin select raise(abort, 'users.clearance names no marking of the scheme'); end`.execute(db);
  }
  // The delegation a user belongs to within its party (who may break silence for it).
  await db.schema
    .alterTable('users')
    .addColumn('delegationId', 'text', (c) => c.references('delegations.id'))
    .execute();

  const item = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('visibility', 'text', (c) =>
        c.notNull().check(sql`visibility in ('public', 'joint', 'caucus')`),
      )
      .addColumn('party', 'text', (c) => c.references('parties.id'))
      .addCheckConstraint(
        `${name}_caucus_has_party`,
        sql`visibility <> 'caucus' or party is not null`,
      );

  await item('texts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('joint-statement', 'communique', 'press-statement', 'chair-statement', 'summary-record', 'work-programme', 'exchange-of-letters', 'decision-sheet')`,
        ),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('refKind', 'text', (c) => c.check(sql`"refKind" in ('meeting', 'decision')`))
    .addColumn('refId', 'text')
    .addColumn('classification', 'text', (c) => c.notNull().references('classifications.id'))
    .addColumn('releasableTo', 'text')
    .addColumn('originalLanguage', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`state in ('draft', 'tabled', 'ad-ref', 'under-silence', 'adopted', 'published', 'withdrawn')`,
        ),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('plain', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('number', 'text')
    .addColumn('chairParty', 'text', (c) => c.references('parties.id'))
    .addColumn('tabledAs', 'text')
    .addColumn('silenceDeadline', 'text')
    .addColumn('silenceTimeZone', 'text')
    .addColumn('silenceStartedBy', 'text')
    .addColumn('adoptedAt', 'text')
    .addColumn('publishedAt', 'text')
    .addColumn('sourceId', 'text', (c) => c.references('sources.id'))
    .addColumn('reconstructed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('textsByState')
    .on('texts')
    .columns(['state', 'updatedAt', 'id'])
    .execute();
  await db.schema.createIndex('textsByRef').on('texts').columns(['refKind', 'refId']).execute();
  await db.schema
    .createIndex('textsBySilence')
    .on('texts')
    .columns(['silenceDeadline'])
    .where(sql.ref('state'), '=', 'under-silence')
    .execute();
  await db.schema.createIndex('textsByNumber').on('texts').column('number').unique().execute();

  await item('textVersions')
    .addColumn('textId', 'text', (c) => c.notNull().references('texts.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('byParty', 'text', (c) => c.references('parties.id'))
    .addColumn('userId', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('textVersionsKey', ['textId', 'version'])
    .execute();

  // Agreements of one party to one version: ad referendum, concurrence, a language authentic.
  await item('textAgreements')
    .addColumn('textId', 'text', (c) => c.notNull().references('texts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('byParty', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('userId', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('textAgreementsKey', ['textId', 'kind', 'byParty'])
    .execute();

  await item('textStatements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('textId', 'text', (c) => c.notNull().references('texts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('interpretative', 'reservation')`),
    )
    .addColumn('byParty', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('userId', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await item('silenceParticipants')
    .addColumn('textId', 'text', (c) => c.notNull().references('texts.id').onDelete('cascade'))
    .addColumn('participant', 'text', (c) => c.notNull())
    .addColumn('participantKind', 'text', (c) =>
      c.notNull().check(sql`"participantKind" in ('party', 'delegation')`),
    )
    .addPrimaryKeyConstraint('silenceParticipantsKey', ['textId', 'participant'])
    .execute();

  await item('silenceBreaks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('textId', 'text', (c) => c.notNull().references('texts.id').onDelete('cascade'))
    .addColumn('participant', 'text', (c) => c.notNull())
    .addColumn('userId', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('amendment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  // The numbers of adopted texts, per audience: a caucus adoption never takes a joint number.
  await db.schema
    .createTable('textSeries')
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('textSeriesKey', ['audience', 'year'])
    .execute();

  await item('adoptionRecords')
    .addColumn('textId', 'text', (c) => c.primaryKey().references('texts.id'))
    .addColumn('canonical', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('partyKeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('party', 'text', (c) => c.references('parties.id'))
    .addColumn('publicKey', 'text', (c) => c.notNull())
    .addColumn('privateKey', 'text')
    .addColumn('note', 'text')
    .addColumn('registeredAt', 'text', (c) => c.notNull())
    .addColumn('retiredAt', 'text')
    .execute();

  await item('textSignatures')
    .addColumn('textId', 'text', (c) => c.notNull().references('texts.id'))
    .addColumn('byParty', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('keyId', 'text', (c) => c.notNull().references('partyKeys.id'))
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('textSignaturesKey', ['textId', 'byParty'])
    .execute();

  await db.schema
    .createTable('recordLog')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entityType', 'text', (c) => c.notNull())
    .addColumn('entityId', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prevHash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('signerKeyId', 'text', (c) => c.references('partyKeys.id'))
    .addColumn('signature', 'text')
    .addUniqueConstraint('recordLogKey', ['audience', 'seq'])
    .execute();
  // The record log is append only, like the audit trail.
  await sql`create trigger "recordLogNoUpdate" before update on "recordLog"
    begin select raise(abort, 'the record log is append only'); end`.execute(db);
  await sql`create trigger "recordLogNoDelete" before delete on "recordLog"
    begin select raise(abort, 'the record log is append only'); end`.execute(db);

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entityType', 'text', (c) => c.notNull())
    .addColumn('entityId', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('readAt', 'text')
    .execute();
  await db.schema
    .createIndex('notificationsByUser')
    .on('notifications')
    .columns(['userId', 'at', 'id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const name of [
    'notifications',
    'recordLog',
    'textSignatures',
    'partyKeys',
    'adoptionRecords',
    'textSeries',
    'silenceBreaks',
    'silenceParticipants',
    'textStatements',
    'textAgreements',
    'textVersions',
    'texts',
    'classifications',
  ]) {
    await db.schema.dropTable(name).ifExists().execute();
  }
}
