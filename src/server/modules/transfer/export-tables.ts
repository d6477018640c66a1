import type { Kysely, Transaction } from 'kysely';
import type { Database, TableName } from '../../db/schema.ts';

/**
 * What an export holds: every table but `sessions` (a session is a live credential; moving
 * it to another server would let a copied cookie in), `addressAttempts` (clients' addresses,
 * kept a minute) and what is derived from the rest: the
 * search index and the outbox of change events, which the importer rebuilds, and the
 * classification scheme, which the migrations write.
 */
export type ExportedTable = Exclude<
  TableName,
  'sessions' | 'addressAttempts' | 'searchDocuments' | 'changeEvents' | 'classifications'
>;

/**
 * The primary key of every exported table; rows are written sorted by it so that two exports
 * of the same data are byte-identical. A Record over ExportedTable, so a table added to
 * schema.ts and not here fails to compile.
 */
export const PRIMARY_KEYS: Record<ExportedTable, readonly string[]> = {
  sources: ['id'],
  parties: ['id'],
  users: ['id'],
  roleGrants: ['id'],
  signInAttempts: ['party', 'username'],
  calendarFeeds: ['id'],
  council: ['id'],
  councilStatements: ['id'],
  councilPeriods: ['id'],
  recordCoverage: ['id'],
  delegations: ['id'],
  people: ['id'],
  posts: ['id'],
  topics: ['id'],
  meetings: ['id'],
  meetingCoChairs: ['meetingId', 'role'],
  meetingAttendance: ['meetingId', 'delegationId'],
  agendaAgreements: ['meetingId', 'party'],
  agendaItems: ['id'],
  agendaItemTopics: ['agendaItemId', 'topicId'],
  workProgrammes: ['id'],
  workProgrammeAreas: ['id'],
  activities: ['id'],
  agendaItemActivities: ['agendaItemId', 'activityId'],
  activityProgress: ['id'],
  decisions: ['id'],
  decisionResponses: ['decisionId', 'party'],
  notes: ['id'],
  offices: ['id'],
  operations: ['id'],
  operationStrengths: ['id'],
  timelineEvents: ['id'],
  publicationRequests: ['entityType', 'entityId', 'party'],
  texts: ['id'],
  textVersions: ['textId', 'version'],
  textAgreements: ['textId', 'kind', 'byParty'],
  textStatements: ['id'],
  silenceParticipants: ['textId', 'participant'],
  silenceBreaks: ['id'],
  textSeries: ['audience', 'year'],
  adoptionRecords: ['textId'],
  partyKeys: ['id'],
  textSignatures: ['textId', 'byParty'],
  recordLog: ['id'],
  notifications: ['id'],
  pendingNotifications: ['id'],
  auditEvents: ['id'],
};

/**
 * Foreign-key order: every table comes after the tables it references, so a file can be
 * loaded front to back. (Topics reference topics; the importer defers foreign-key checks to
 * the end of its transaction for that.)
 */
export const EXPORT_ORDER: readonly ExportedTable[] = [
  'sources',
  'parties',
  'council',
  'councilStatements',
  'councilPeriods',
  'recordCoverage',
  'delegations',
  'users',
  'roleGrants',
  'signInAttempts',
  'calendarFeeds',
  'people',
  'posts',
  'topics',
  'meetings',
  'meetingCoChairs',
  'meetingAttendance',
  'agendaAgreements',
  'agendaItems',
  'agendaItemTopics',
  'workProgrammes',
  'workProgrammeAreas',
  'activities',
  'agendaItemActivities',
  'activityProgress',
  'decisions',
  'decisionResponses',
  'notes',
  'offices',
  'operations',
  'operationStrengths',
  'timelineEvents',
  'publicationRequests',
  'texts',
  'textVersions',
  'textAgreements',
  'textStatements',
  'silenceParticipants',
  'silenceBreaks',
  'textSeries',
  'adoptionRecords',
  'partyKeys',
  'textSignatures',
  'recordLog',
  'notifications',
  'pendingNotifications',
  'auditEvents',
];

export type CellValue = string | number | null;
export type ExportRow = Record<string, CellValue>;

/**
 * The transfer code walks tables by name, which Kysely's typed builder cannot follow through
 * a union of 30 names. Table names only ever come from EXPORT_ORDER and column names from
 * the live schema, so this loosened view stays within what the database really has.
 */
type LooseDatabase = Record<string, ExportRow>;

export function looseDb(db: Kysely<Database> | Transaction<Database>): Kysely<LooseDatabase> {
  return db as unknown as Kysely<LooseDatabase>;
}

/**
 * How many rows the database holds across every exported table and `sessions`: zero means a
 * database nobody has used yet (the `start` command seeds only then; import needs it).
 */
export async function countStoredRows(
  db: Kysely<Database> | Transaction<Database>,
): Promise<number> {
  const loose = looseDb(db);
  let total = 0;
  for (const table of [...EXPORT_ORDER, 'sessions', 'changeEvents']) {
    const { count } = await loose
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    total += Number(count);
  }
  return total;
}
