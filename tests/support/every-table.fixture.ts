import canonicalize from 'canonicalize';
import type { Kysely } from 'kysely';
import type { Deps } from '../../src/server/deps.ts';
import { OPERATOR, type UserActor } from '../../src/server/modules/access/actor.ts';
import { createUser } from '../../src/server/modules/auth/create-user.ts';
import { openSession } from '../../src/server/modules/auth/open-session.ts';
import { hashSecret } from '../../src/server/modules/auth/session-secrets.ts';
import { ENTITY_TABLES } from '../../src/server/modules/changes/entity-tables.ts';
import { change } from '../../src/server/modules/changes/unit-of-work.ts';
import {
  generateKeyPair,
  keyIdOf,
  sha256Hex,
  signDigest,
} from '../../src/server/modules/record/ed25519.ts';
import { chainEntry } from '../../src/server/modules/record/record-entry.ts';
import { keyPayload } from '../../src/server/modules/record/record-log.ts';
import {
  type ExportedTable,
  PRIMARY_KEYS,
} from '../../src/server/modules/transfer/export-tables.ts';
import type { EntityType } from '../../src/shared/entities.ts';

/**
 * Test data with at least one row in every table (sessions included), written straight
 * through Kysely so that the transfer tests do not depend on every feature's services. The
 * database must hold the two parties already (seedParties). Caucus notes of both parties are
 * there on purpose: an export must carry both, and search after an import must still hide
 * each from the other side.
 */
export async function fillEveryTable(
  deps: Deps,
): Promise<{ natoUser: UserActor; russiaUser: UserActor }> {
  const at = deps.clock().toISOString();
  const stamps = { createdAt: at, updatedAt: at };
  const pub = { visibility: 'public' as const, party: null };
  const joint = { visibility: 'joint' as const, party: null };
  const db = deps.db;

  await db
    .insertInto('sources')
    .values({
      id: 'fact-sheet',
      title: 'NATO-Russia relations: the facts',
      publisher: 'NATO',
      publishedOn: '2001',
      reference: null,
      disclaimer: 'Not a formal NATO document',
      publisherAddress: 'B-1110 Brussels',
      publisherFax: '32-(0)2-707 1252',
      publisherEmail: 'natodoc@hq.nato.int',
      publisherWebsite: 'http://www.nato.int/',
    })
    .execute();
  await db
    .insertInto('council')
    .values({
      id: 'pjc',
      name: 'NATO-Russia Permanent Joint Council',
      shortName: 'PJC',
      foundingInstrument: 'Founding Act',
      foundedOn: '1997-05-27',
      languages: '["en","fr","ru"]',
      description: null,
      sourceId: 'fact-sheet',
      // A new description Russia proposed, waiting for NATO.
      descriptionVersion: 2,
      proposedDescription: 'A forum for consultation and cooperation.',
      descriptionProposedBy: 'russia',
      descriptionProposedAt: at,
      ...pub,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('councilStatements')
    .values({
      id: 'pjc-main-role',
      councilId: 'pjc',
      position: 1,
      text: 'The main role of the PJC is to strengthen cooperation.',
      note: null,
      sourceId: 'fact-sheet',
      ...pub,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('recordCoverage')
    .values({
      id: 'pjc-record',
      startsOn: '1997-07-18',
      endsOn: '2002-05-28',
      level: null,
      complete: 0,
      reason: 'Only the meetings the sources name.',
      sourceId: 'fact-sheet',
      ...pub,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('councilPeriods')
    .values({
      id: 'pjc-active-1997',
      councilId: 'pjc',
      status: 'active',
      scope: null,
      startsOn: '1997-07',
      endsOn: '1999-03',
      description: null,
      sourceId: null,
      ...pub,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('delegations')
    .values([
      {
        id: 'nato-be',
        name: 'Belgium',
        countryCode: 'BE',
        joinedOn: null,
        leftOn: null,
        sourceId: null,
        ...pub,
        ...stamps,
      },
      {
        id: 'russia-mission',
        name: 'Mission of Russia',
        countryCode: null,
        joinedOn: null,
        leftOn: null,
        sourceId: null,
        ...pub,
        ...stamps,
      },
    ])
    .execute();
  await db
    .insertInto('people')
    .values({
      id: 'robertson',
      name: 'George Robertson',
      honorific: 'Lord',
      delegationId: null,
      sourceId: null,
      ...pub,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('posts')
    .values({
      id: 'robertson-sg',
      personId: 'robertson',
      title: 'Secretary General',
      delegationId: null,
      startsOn: '1999-10',
      endsOn: null,
      sourceId: null,
      ...pub,
      ...stamps,
    })
    .execute();
  // The child's id sorts before its parent's: the importer must not need parents first.
  await db
    .insertInto('topics')
    .values([
      {
        id: 'peacekeeping',
        name: 'Peacekeeping',
        parentId: null,
        description: null,
        sourceId: null,
        ...pub,
        ...stamps,
      },
      {
        id: 'kfor',
        name: 'KFOR co-operation',
        parentId: 'peacekeeping',
        description: 'Kosovo',
        sourceId: null,
        ...pub,
        ...stamps,
      },
    ])
    .execute();
  await db
    .insertInto('meetings')
    .values([
      {
        id: 'pjc-2000-12-05-defence-ministers',
        title: 'PJC defence ministers',
        level: 'defence-ministers',
        format: 'joint',
        startsAt: null,
        endsAt: null,
        date: '2000-12-05',
        venue: 'Brussels',
        status: 'held',
        summary: 'Search and rescue at sea',
        agendaVersion: 2,
        seriesId: null,
        sourceId: 'fact-sheet',
        ...joint,
        ...stamps,
      },
      {
        id: 'nato-caucus-1',
        title: 'NATO caucus before the PJC',
        level: 'ambassadors',
        format: 'caucus',
        startsAt: '2000-12-04T09:00:00.000Z',
        endsAt: null,
        date: '2000-12-04',
        venue: null,
        status: 'held',
        summary: null,
        agendaVersion: 0,
        seriesId: 'series-1',
        sourceId: null,
        visibility: 'caucus',
        party: 'nato',
        ...stamps,
      },
    ])
    .execute();
  const meetingId = 'pjc-2000-12-05-defence-ministers';
  await db
    .insertInto('meetingCoChairs')
    .values({
      meetingId,
      role: 'russia',
      personId: null,
      delegationId: 'russia-mission',
      sourceId: 'fact-sheet',
      ...joint,
    })
    .execute();
  await db
    .insertInto('meetingAttendance')
    .values({
      meetingId,
      delegationId: 'nato-be',
      representative: 'Minister',
      personId: null,
      sourceId: 'fact-sheet',
      ...joint,
    })
    .execute();

  const natoUser = await createUser(deps, OPERATOR, {
    username: 'nato-sec',
    password: 'a long nato passphrase',
    roles: ['secretary', 'chair'],
    party: 'nato',
  });
  const russiaUser = await createUser(deps, OPERATOR, {
    username: 'russia-sec',
    password: 'a long russian passphrase',
    roles: ['secretary'],
    party: 'russia',
    displayName: 'Russian secretary',
  });
  // Russia's chair, who concurs in the adopted text (a secretary never concurs).
  const russiaChair = await createUser(deps, OPERATOR, {
    username: 'russia-chair',
    password: 'a long russian chair passphrase',
    roles: ['chair'],
    party: 'russia',
  });

  // A chair grant waiting for a second Russian admin, and a NATO account with two failed
  // sign-ins in its window: the export carries both, so an import keeps every party's
  // pending decisions and does not hand an attacker a fresh budget of attempts.
  await db
    .insertInto('roleGrants')
    .values({
      id: 'grant-russia-chair',
      userId: russiaUser.id,
      party: 'russia',
      kind: 'role',
      role: 'chair',
      passwordHash: null,
      requestedBy: russiaUser.id,
      requestedAt: at,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
    })
    .execute();
  await db
    .insertInto('signInAttempts')
    .values({ party: 'nato', username: 'nato-sec', count: 2, windowStartedAt: at })
    .execute();

  await db
    .insertInto('calendarFeeds')
    .values({
      id: 'feed-nato-phone',
      tokenHash: hashSecret('a calendar feed secret of the fixture'),
      userId: natoUser.id,
      label: 'Phone',
      createdAt: at,
      lastUsedAt: null,
    })
    .execute();
  await db
    .insertInto('agendaAgreements')
    .values({
      meetingId,
      userId: natoUser.id,
      agendaVersion: 2,
      agreedAt: at,
      visibility: 'joint',
      party: 'nato',
    })
    .execute();
  await db
    .insertInto('agendaItems')
    .values({
      id: 'item-1',
      meetingId,
      position: 1,
      title: 'Search and rescue at sea',
      outcome: 'Agreed to co-operate',
      chairedBy: 'rotating',
      sourceId: 'fact-sheet',
      reconstructed: 1,
      ...joint,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('agendaItemTopics')
    .values({ agendaItemId: 'item-1', topicId: 'kfor' })
    .execute();
  await db
    .insertInto('workProgrammes')
    .values({
      id: 'wp-2001',
      year: 2001,
      title: 'Work programme 2001',
      description: null,
      sourceId: null,
      ...joint,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('workProgrammeAreas')
    .values({
      id: 'area-1',
      programmeId: 'wp-2001',
      position: 1,
      title: 'Crisis management',
      sourceId: null,
      ...joint,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('activities')
    .values({
      id: 'activity-1',
      programmeId: 'wp-2001',
      areaId: 'area-1',
      title: 'Submarine rescue exercise',
      topicId: 'peacekeeping',
      lead: 'joint',
      level: 'experts',
      plannedStart: '2001-06',
      plannedEnd: null,
      status: 'planned',
      sourceId: null,
      ...joint,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('agendaItemActivities')
    .values({ agendaItemId: 'item-1', activityId: 'activity-1' })
    .execute();
  await db
    .insertInto('activityProgress')
    .values({
      id: 'progress-1',
      activityId: 'activity-1',
      on: '2001-02',
      text: 'Experts met in Moscow',
      userId: russiaUser.id,
      createdAt: at,
      ...joint,
    })
    .execute();
  await db
    .insertInto('decisions')
    .values({
      id: 'decision-1',
      subject: 'Approve the 2001 work programme',
      text: 'The PJC approves the work programme for 2001.',
      approvesKind: 'workProgramme',
      approvesId: 'wp-2001',
      status: 'proposed',
      meetingId,
      proposedBy: natoUser.id,
      decidedOn: null,
      sourceId: null,
      visibility: 'joint',
      party: 'nato',
      ...stamps,
    })
    .execute();
  await db
    .insertInto('decisionResponses')
    .values({
      decisionId: 'decision-1',
      userId: natoUser.id,
      response: 'concur',
      version: 2,
      comment: null,
      at,
      visibility: 'joint',
      party: 'nato',
    })
    .execute();
  await db
    .insertInto('publicationRequests')
    .values({
      entityType: 'decision',
      entityId: 'decision-1',
      party: 'nato',
      version: 2,
      userId: natoUser.id,
      requestedAt: at,
    })
    .execute();
  await db
    .insertInto('publicationRequests')
    .values({
      entityType: 'council',
      entityId: 'pjc',
      party: 'russia',
      version: 2,
      userId: null,
      requestedAt: at,
    })
    .execute();
  await db
    .insertInto('notes')
    .values([
      {
        id: 'note-nato',
        text: 'NATO caucus line on the submarine exercise',
        authorId: natoUser.id,
        meetingId: 'nato-caucus-1',
        agendaItemId: null,
        decisionId: null,
        visibility: 'caucus',
        party: 'nato',
        ...stamps,
      },
      {
        id: 'note-russia',
        text: 'Russian caucus line on the submarine exercise',
        authorId: russiaUser.id,
        // A note hangs on one parent at most (CreateNoteSchema): this one on a joint agenda item.
        meetingId: null,
        agendaItemId: 'item-1',
        decisionId: null,
        visibility: 'caucus',
        party: 'russia',
        ...stamps,
      },
    ])
    .execute();
  await db
    .insertInto('offices')
    .values({
      id: 'nato-information-office-moscow',
      name: 'NATO Information Office',
      kind: 'information-office',
      location: 'Moscow',
      status: 'open',
      proposedOn: null,
      agreedOn: null,
      openedOn: '2001-02-19',
      closedOn: null,
      establishedBy: null,
      sourceId: null,
      ...pub,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('operations')
    .values({
      id: 'kfor',
      name: 'KFOR',
      fullName: 'Kosovo Force',
      location: 'Kosovo',
      mandate: null,
      sourceId: null,
      ...pub,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('operationStrengths')
    .values({
      id: 'kfor-russia-2001',
      operationId: 'kfor',
      contributor: 'russia',
      troops: 3250,
      qualifier: 'about',
      asOf: '2001',
      sourceId: 'fact-sheet',
      ...pub,
    })
    .execute();
  await db
    .insertInto('timelineEvents')
    .values({
      id: 'founding-act',
      date: '1997-05-27',
      title: 'Founding Act signed',
      description: 'In Paris',
      kind: 'milestone',
      sourceId: 'fact-sheet',
      reconstructed: 1,
      ...pub,
      ...stamps,
    })
    .execute();

  // A joint text, adopted, with its version, agreements, a statement, its number and record;
  // and the procedure and record tables beside it.
  const content = {
    en: [{ id: 'p1', segments: [{ kind: 'text', text: 'The Council welcomes the exchange.' }] }],
    fr: [{ id: 'p1', segments: [{ kind: 'text', text: 'Le Conseil se félicite de l’échange.' }] }],
    ru: [{ id: 'p1', segments: [{ kind: 'text', text: 'Совет приветствует обмен.' }] }],
  };
  await db
    .insertInto('texts')
    .values({
      id: 'text-1',
      kind: 'joint-statement',
      title: 'Joint statement',
      refKind: 'meeting',
      refId: meetingId,
      classification: 'nato-unclassified',
      releasableTo: null,
      originalLanguage: 'en',
      languages: '["en","fr","ru"]',
      state: 'adopted',
      version: 1,
      plain: 'The Council welcomes the exchange.',
      number: 'PJC(2000)001',
      chairParty: null,
      tabledAs: null,
      silenceDeadline: null,
      silenceTimeZone: null,
      silenceStartedBy: null,
      adoptedAt: at,
      publishedAt: null,
      sourceId: null,
      reconstructed: 0,
      ...joint,
      ...stamps,
    })
    .execute();
  await db
    .insertInto('textVersions')
    .values({
      textId: 'text-1',
      version: 1,
      content: JSON.stringify(content),
      at,
      byParty: 'nato',
      userId: natoUser.id,
      summary: 'tabled',
      ...joint,
    })
    .execute();
  await db
    .insertInto('textAgreements')
    .values(
      ['nato', 'russia'].map((party) => ({
        textId: 'text-1',
        kind: 'concur',
        byParty: party,
        version: 1,
        userId: party === 'nato' ? natoUser.id : russiaChair.id,
        at,
        ...joint,
      })),
    )
    .execute();
  await db
    .insertInto('textStatements')
    .values({
      id: 'statement-1',
      textId: 'text-1',
      kind: 'interpretative',
      byParty: 'russia',
      text: 'Россия понимает этот пункт так.',
      userId: russiaUser.id,
      at,
      ...joint,
    })
    .execute();
  await db
    .insertInto('silenceParticipants')
    .values([
      { textId: 'text-1', participant: 'nato', participantKind: 'party', ...joint },
      { textId: 'text-1', participant: 'russia', participantKind: 'party', ...joint },
    ])
    .execute();
  await db
    .insertInto('silenceBreaks')
    .values({
      id: 'break-1',
      textId: 'text-1',
      participant: 'russia',
      userId: russiaUser.id,
      reason: 'Paragraph 1 needs another word.',
      amendment: null,
      version: 1,
      at,
      ...joint,
    })
    .execute();
  await db.insertInto('textSeries').values({ audience: 'joint', year: 2000, last: 1 }).execute();
  // The record: a real Ed25519 key, a signature that verifies over the record's digest, and
  // a log whose entries chain and verify, as the record module would have written them.
  // What adoptText writes for a concurrence of both chairs, as much as the invariants read.
  const canonical = canonicalize({
    format: 'joint-council-adoption-record/1',
    text: { id: 'text-1', kind: 'joint-statement', title: 'Joint statement', version: 1 },
    languages: Object.fromEntries(
      Object.entries(content).map(([language, paragraphs]) => [
        language,
        { paragraphs: paragraphs.map((p) => ({ id: p.id, text: p.segments[0]?.text ?? '' })) },
      ]),
    ),
    procedure: {
      kind: 'concurrence',
      concurrences: ['nato', 'russia'].map((party) => ({ party, version: 1, at })),
    },
  }) as string;
  const sha256 = sha256Hex(canonical);
  await db
    .insertInto('adoptionRecords')
    .values({ textId: 'text-1', canonical, sha256, at, ...joint })
    .execute();
  const pair = generateKeyPair();
  const key = {
    id: keyIdOf(pair.publicKey),
    party: 'nato',
    kind: 'party' as const,
    publicKey: pair.publicKey,
    privateKey: null,
    note: null,
    registeredAt: at,
    retiredAt: null,
  };
  await db.insertInto('partyKeys').values(key).execute();
  const natoSignature = signDigest(pair.privateKey, sha256);
  await db
    .insertInto('textSignatures')
    .values({
      textId: 'text-1',
      byParty: 'nato',
      keyId: key.id,
      signature: natoSignature,
      at,
      ...joint,
    })
    .execute();
  const signer = { keyId: key.id, privateKey: pair.privateKey };
  const registration = chainEntry(
    null,
    {
      audience: 'public',
      at,
      kind: 'partyKey.register',
      entityType: 'partyKey',
      entityId: key.id,
      payload: keyPayload(key),
    },
    signer,
  );
  const adoption = chainEntry(
    null,
    {
      audience: 'joint',
      at,
      kind: 'text.adopt',
      entityType: 'text',
      entityId: 'text-1',
      payload: { text: null, record: { sha256, at } },
    },
    signer,
  );
  // The signature's own entry, which holds it (storeSignature).
  const signing = chainEntry(
    adoption,
    {
      audience: 'joint',
      at,
      kind: 'text.sign',
      entityType: 'text',
      entityId: 'text-1',
      payload: {
        text: 'text-1',
        party: 'nato',
        keyId: key.id,
        sha256,
        signature: natoSignature,
        at,
      },
    },
    signer,
  );
  await db.insertInto('recordLog').values([registration, adoption, signing]).execute();
  await db
    .insertInto('notifications')
    .values({
      id: 'notification-1',
      userId: natoUser.id,
      kind: 'silence-broken',
      entityType: 'text',
      entityId: 'text-1',
      message: 'Russia broke silence on Joint statement.',
      at,
      readAt: null,
    })
    .execute();
  // A notice a change left, which the server had not handed out yet when the export was taken.
  await db
    .insertInto('pendingNotifications')
    .values({
      id: 'notice-1',
      textId: 'text-1',
      kind: 'statement-lodged',
      message: 'nato lodged an interpretative statement on "Joint statement"',
      narrowTo: JSON.stringify([{ participantKind: 'party', participant: 'russia' }]),
      actorUserId: natoUser.id,
      // Handed out to NATO's readers already, Russia's waiting.
      deliveredThrough: JSON.stringify({ nato: '~done', russia: null }),
      at,
    })
    .execute();

  // The rows were written straight into their tables; the write path records them as the API
  // and the reference loader do (an audit entry each, numbered in its audience, and their
  // search documents): a database in use has an entry about every row, and an import refuses
  // a trail that lacks one. The users were recorded by createUser; the links between an agenda
  // item and its topics and activities are recorded with the item.
  await change(deps, OPERATOR, async ({ trx, record }) => {
    const loose = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    for (const [entity, table] of Object.entries(ENTITY_TABLES) as [EntityType, string][]) {
      if (entity === 'user' || entity === 'agendaItemTopic' || entity === 'agendaItemActivity') {
        continue;
      }
      const keys = PRIMARY_KEYS[table as ExportedTable];
      let query = loose.selectFrom(table).selectAll();
      for (const key of keys) query = query.orderBy(key);
      for (const row of await query.execute()) {
        record({
          entity,
          id: keys.map((key) => String(row[key])).join('/'),
          action: entity === 'note' ? 'create' : 'seed-create',
          after: row as never,
          // Sources carry no visibility: the reference record they belong to is public.
          ...('visibility' in row ? {} : { scope: { visibility: 'public', party: null } }),
        });
      }
    }
  });

  const natoRow = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', natoUser.id)
    .executeTakeFirstOrThrow();
  const opened = await openSession(deps, natoRow, 'token');
  const russiaRow = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', russiaUser.id)
    .executeTakeFirstOrThrow();
  const russian = await openSession(deps, russiaRow, 'session');
  return { natoUser: opened.actor, russiaUser: russian.actor };
}
