import type { EntityType } from '../../../shared/entities.ts';
import type { Row, TableName } from '../../db/schema.ts';

/**
 * The table that stores each entity, for the write path, the export and the import. A Record
 * over EntityType: an entity added to the shared registry fails to compile until it is placed.
 */
export const ENTITY_TABLES = {
  source: 'sources',
  party: 'parties',
  council: 'council',
  councilPeriod: 'councilPeriods',
  councilStatement: 'councilStatements',
  recordCoverage: 'recordCoverage',
  delegation: 'delegations',
  person: 'people',
  post: 'posts',
  topic: 'topics',
  meeting: 'meetings',
  meetingCoChair: 'meetingCoChairs',
  meetingAttendance: 'meetingAttendance',
  agendaAgreement: 'agendaAgreements',
  agendaItem: 'agendaItems',
  agendaItemTopic: 'agendaItemTopics',
  agendaItemActivity: 'agendaItemActivities',
  workProgramme: 'workProgrammes',
  workProgrammeArea: 'workProgrammeAreas',
  activity: 'activities',
  activityProgress: 'activityProgress',
  decision: 'decisions',
  decisionResponse: 'decisionResponses',
  note: 'notes',
  office: 'offices',
  operation: 'operations',
  operationStrength: 'operationStrengths',
  timelineEvent: 'timelineEvents',
  text: 'texts',
  partyKey: 'partyKeys',
  user: 'users',
} as const satisfies Record<EntityType, TableName>;

export type TableOf<E extends EntityType> = (typeof ENTITY_TABLES)[E];
export type RowOf<E extends EntityType> = Row<TableOf<E>>;

/** The entity a table stores, for the loaders (seed, import) that walk tables by name. */
export const ENTITY_OF_TABLE = Object.fromEntries(
  Object.entries(ENTITY_TABLES).map(([entity, table]) => [table, entity]),
) as {
  [T in TableOf<EntityType>]: { [E in EntityType]: TableOf<E> extends T ? E : never }[EntityType];
};
