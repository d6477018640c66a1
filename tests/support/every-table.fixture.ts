import type { Deps } from '../../src/server/deps.ts';
import { OPERATOR, type UserActor } from '../../src/server/modules/access/actor.ts';
import { hashSecret, openSession } from '../../src/server/modules/auth/sessions.service.ts';
import { createUser } from '../../src/server/modules/auth/users.service.ts';
import { change } from '../../src/server/modules/changes/unit-of-work.ts';

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
        meetingId,
        agendaItemId: 'item-1',
        decisionId: 'decision-1',
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

  // The notes were written straight into their table; the write path records them (an audit
  // entry each, numbered in its audience, and their search documents).
  await change(deps, OPERATOR, async ({ trx, record }) => {
    for (const note of await trx.selectFrom('notes').selectAll().orderBy('id').execute()) {
      record({ entity: 'note', id: note.id, action: 'create', after: note });
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
