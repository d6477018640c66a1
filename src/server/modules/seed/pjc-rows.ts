import type { EntityType } from '../../../shared/entities.ts';
import type { ApprovableKind } from '../../../shared/vocabularies.ts';
import type { NewRow, Row, TableName } from '../../db/schema.ts';
import type { PjcRecord } from './pjc-record.schemas.ts';

type Loose = Record<string, unknown>;

/** One table's worth of seed rows, in the form the generic upsert in seed-pjc.ts consumes. */
export interface SeedTable {
  table: TableName;
  /** The entity the table stores (`meeting`, `agendaItem` ...), as audit and search know it. */
  entityType: EntityType;
  /** The primary key columns: the row's identity across runs. */
  key: readonly string[];
  /** Whether the table carries createdAt/updatedAt. */
  stamped: boolean;
  rows: readonly Loose[];
  /** Set on insert, never compared or overwritten by a later run. */
  insertOnly: Loose;
}

type Desired<T extends TableName, Omitted extends string> = Omit<
  NewRow<T>,
  'createdAt' | 'updatedAt' | Omitted
>;

function seedTable<T extends TableName, Omitted extends string = never>(spec: {
  table: T;
  entityType: EntityType;
  key: readonly (keyof Row<T> & string)[];
  stamped: boolean;
  rows: Desired<T, Omitted>[];
  insertOnly?: Pick<NewRow<T>, Omitted & keyof NewRow<T>>;
}): SeedTable {
  return {
    table: spec.table,
    entityType: spec.entityType,
    key: spec.key,
    stamped: spec.stamped,
    rows: spec.rows as Loose[],
    insertOnly: (spec.insertOnly ?? {}) as Loose,
  };
}

const PUBLIC = { visibility: 'public' as const };

/**
 * The record as table rows, parents before children so that every foreign key resolves at
 * insert time. Child rows inherit their parent's visibility and party, so a child is never
 * wider than its parent.
 */
export function pjcSeedTables(record: PjcRecord): SeedTable[] {
  const { council } = record.council;
  const meetings = record.meetings.meetings;
  const agenda = meetings.flatMap((m) => m.agenda.map((item, i) => ({ meeting: m, item, i })));
  const programmes = record.workProgrammes.programmes;
  const areas = programmes.flatMap((p) => p.areas.map((area, i) => ({ programme: p, area, i })));
  const activities = areas.flatMap(({ programme, area }) =>
    area.activities.map((activity) => ({ programme, area, activity })),
  );
  const decisions = record.decisions.decisions;
  const operations = record.operations.operations;
  const scope = (x: { visibility: 'public'; party: string | null }) => ({
    visibility: x.visibility,
    party: x.party,
  });

  return [
    seedTable({
      table: 'sources',
      entityType: 'source',
      key: ['id'],
      stamped: false,
      rows: record.sources.sources,
    }),
    seedTable({
      table: 'parties',
      entityType: 'party',
      key: ['id'],
      stamped: true,
      rows: record.parties.parties.map(({ source, names, ...p }) => ({
        ...p,
        names: JSON.stringify(names),
        party: null,
        sourceId: source,
      })),
    }),
    seedTable({
      table: 'council',
      entityType: 'council',
      key: ['id'],
      stamped: true,
      rows: [{ ...withSource(council), languages: JSON.stringify(council.languages) }],
    }),
    seedTable({
      table: 'councilStatements',
      entityType: 'councilStatement',
      key: ['id'],
      stamped: true,
      rows: record.council.statements.map((s, i) => ({
        ...withSource(s),
        councilId: council.id,
        position: i + 1,
      })),
    }),
    seedTable({
      table: 'councilPeriods',
      entityType: 'councilPeriod',
      key: ['id'],
      stamped: true,
      rows: record.council.periods.map((p) => ({ ...withSource(p), councilId: council.id })),
    }),
    seedTable({
      table: 'recordCoverage',
      entityType: 'recordCoverage',
      key: ['id'],
      stamped: true,
      rows: record.council.coverage.map((c) => ({
        ...withSource(c),
        complete: c.complete ? 1 : 0,
      })),
    }),
    seedTable({
      table: 'delegations',
      entityType: 'delegation',
      key: ['id'],
      stamped: true,
      rows: record.parties.delegations.map(withSource),
    }),
    seedTable({
      table: 'people',
      entityType: 'person',
      key: ['id'],
      stamped: true,
      rows: record.people.people.map(({ posts: _, ...person }) => withSource(person)),
    }),
    seedTable({
      table: 'posts',
      entityType: 'post',
      key: ['id'],
      stamped: true,
      rows: record.people.people.flatMap((person) =>
        person.posts.map((post) => ({
          ...withSource(post),
          personId: person.id,
          party: post.party ?? person.party,
        })),
      ),
    }),
    seedTable({
      table: 'topics',
      entityType: 'topic',
      key: ['id'],
      stamped: true,
      rows: record.topics.topics.map(withSource),
    }),
    seedTable<'meetings', 'agendaVersion'>({
      table: 'meetings',
      entityType: 'meeting',
      key: ['id'],
      stamped: true,
      rows: meetings.map(({ coChairs: _c, attendance: _a, agenda: _g, ...meeting }) => ({
        ...withSource(meeting),
        seriesId: null,
      })),
      // A later run must not rewind the agenda version: agreements are tied to the version.
      insertOnly: { agendaVersion: 0 },
    }),
    seedTable({
      table: 'meetingCoChairs',
      entityType: 'meetingCoChair',
      key: ['meetingId', 'role'],
      stamped: false,
      rows: meetings.flatMap((m) =>
        m.coChairs.map(({ source, ...c }) => ({
          ...c,
          meetingId: m.id,
          sourceId: source ?? m.source,
          ...scope(m),
        })),
      ),
    }),
    seedTable({
      table: 'meetingAttendance',
      entityType: 'meetingAttendance',
      key: ['meetingId', 'delegationId'],
      stamped: false,
      rows: meetings.flatMap((m) =>
        m.attendance.map(({ source, ...a }) => ({
          ...a,
          meetingId: m.id,
          sourceId: source ?? m.source,
          ...scope(m),
        })),
      ),
    }),
    seedTable({
      table: 'agendaItems',
      entityType: 'agendaItem',
      key: ['id'],
      stamped: true,
      rows: agenda.map(({ meeting, item, i }) => ({
        id: item.id,
        meetingId: meeting.id,
        position: i + 1,
        title: item.title,
        outcome: item.outcome,
        chairedBy: item.chairedBy,
        sourceId: item.source ?? meeting.source,
        reconstructed: item.reconstructed ? 1 : 0,
        ...scope(meeting),
      })),
    }),
    seedTable({
      table: 'agendaItemTopics',
      entityType: 'agendaItemTopic',
      key: ['agendaItemId', 'topicId'],
      stamped: false,
      rows: agenda.flatMap(({ item }) =>
        item.topics.map((topicId) => ({ agendaItemId: item.id, topicId })),
      ),
    }),
    seedTable({
      table: 'workProgrammes',
      entityType: 'workProgramme',
      key: ['id'],
      stamped: true,
      rows: programmes.map(({ areas: _, ...programme }) => withSource(programme)),
    }),
    seedTable({
      table: 'workProgrammeAreas',
      entityType: 'workProgrammeArea',
      key: ['id'],
      stamped: true,
      rows: areas.map(({ programme, area, i }) => ({
        id: area.id,
        programmeId: programme.id,
        position: i + 1,
        title: area.title,
        sourceId: area.source ?? programme.source,
        ...scope(programme),
      })),
    }),
    seedTable({
      table: 'activities',
      entityType: 'activity',
      key: ['id'],
      stamped: true,
      rows: activities.map(({ programme, area, activity }) => ({
        ...withSource(activity),
        programmeId: programme.id,
        areaId: area.id,
      })),
    }),
    seedTable({
      table: 'agendaItemActivities',
      entityType: 'agendaItemActivity',
      key: ['agendaItemId', 'activityId'],
      stamped: false,
      rows: agenda.flatMap(({ item }) =>
        item.activities.map((activityId) => ({ agendaItemId: item.id, activityId })),
      ),
    }),
    seedTable({
      table: 'offices',
      entityType: 'office',
      key: ['id'],
      stamped: true,
      rows: record.offices.offices.map(withSource),
    }),
    seedTable({
      table: 'decisions',
      entityType: 'decision',
      key: ['id'],
      stamped: true,
      rows: decisions.map(({ responses: _, approves, ...decision }) => ({
        ...withSource(decision),
        ...approvesOf(approves, programmes),
      })),
    }),
    seedTable({
      table: 'decisionResponses',
      entityType: 'decisionResponse',
      key: ['decisionId', 'party'],
      stamped: false,
      rows: decisions.flatMap((d) =>
        d.responses.map((r) => ({
          ...r,
          decisionId: d.id,
          visibility: d.visibility,
          // The version a party concurs in counts the decision's text and what it approves
          // (decision.repository.ts): both start at 1 in the record.
          version: d.approves === null ? 1 : 2,
        })),
      ),
    }),
    seedTable({
      table: 'operations',
      entityType: 'operation',
      key: ['id'],
      stamped: true,
      rows: operations.map(({ strengths: _, ...operation }) => withSource(operation)),
    }),
    seedTable({
      table: 'operationStrengths',
      entityType: 'operationStrength',
      key: ['id'],
      stamped: false,
      rows: operations.flatMap((o) =>
        o.strengths.map((s) => ({ ...withSource(s), operationId: o.id })),
      ),
    }),
    seedTable({
      table: 'timelineEvents',
      entityType: 'timelineEvent',
      key: ['id'],
      stamped: true,
      rows: record.timeline.events.map((e) => ({
        ...withSource(e),
        reconstructed: e.reconstructed ? 1 : 0,
      })),
    }),
    seedTable({
      table: 'texts',
      entityType: 'text',
      key: ['id'],
      stamped: true,
      rows: record.texts.texts.map((t) => ({
        id: t.id,
        kind: t.kind,
        title: t.title,
        refKind: 'decision' as const,
        refId: t.decisionId,
        classification: t.classification,
        releasableTo: null,
        originalLanguage: t.originalLanguage,
        // The record holds the original language only (texts.yaml says why).
        languages: JSON.stringify([t.originalLanguage]),
        state: 'adopted' as const,
        version: 1,
        plain: t.paragraphs.map((p) => p.text).join('\n'),
        number: null,
        chairParty: null,
        tabledAs: null,
        silenceDeadline: null,
        silenceTimeZone: null,
        silenceStartedBy: null,
        adoptedAt: t.adoptedOn,
        publishedAt: null,
        sourceId: t.source,
        reconstructed: t.reconstructed ? 1 : 0,
        // Adopted, never published: read by both parties, not the public.
        visibility: 'joint' as const,
        party: null,
      })),
    }),
  ];
}

/** The files write what a decision approves as `work-programme:<year>` or `office:<id>`. */
function approvesOf(
  approves: string | null,
  programmes: readonly { id: string; year: number }[],
): { approvesKind: ApprovableKind | null; approvesId: string | null } {
  const [kind, target] = approves?.split(':') ?? [];
  const programme = programmes.find((p) => String(p.year) === target);
  if (kind === 'work-programme' && programme) {
    return { approvesKind: 'workProgramme', approvesId: programme.id };
  }
  if (kind === 'office' && target) return { approvesKind: 'office', approvesId: target };
  return { approvesKind: null, approvesId: null };
}

/** The files say `source:`; the tables say `sourceId`. */
function withSource<T extends { source: string }>({
  source,
  ...rest
}: T): Omit<T, 'source'> & { sourceId: string } {
  return { ...rest, sourceId: source };
}

/** Rows of tables without visibility columns are audited as public, like the record itself. */
export function auditScopeOf(row: Loose): {
  visibility: 'public' | 'joint' | 'caucus';
  party: string | null;
} {
  const visibility = row.visibility;
  const party = typeof row.party === 'string' ? row.party : null;
  if (visibility === 'joint' || visibility === 'caucus') return { visibility, party };
  return { ...PUBLIC, party };
}
