import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EntityType, QualifiedAction } from '../../shared/entities.ts';
import type {
  ActivityLead,
  ActivityStatus,
  ApprovableKind,
  CoChairRole,
  ConfirmedRole,
  CouncilStatus,
  DecisionStatus,
  MeetingFormat,
  MeetingLevel,
  MeetingStatus,
  OfficeKind,
  OfficeStatus,
  ResponseKind,
  RoleGrantKind,
  RoleGrantStatus,
  SessionKind,
  TextKind,
  TextState,
  Visibility,
} from '../../shared/vocabularies.ts';

/**
 * The database as Kysely sees it. Column names are camelCase and identical to the API's
 * field names, so no case-mapping plugin sits on the hot read path.
 *
 * Dates: instants are ISO 8601 strings in UTC (`2000-12-05T09:00:00.000Z`); calendar dates
 * are partial ISO dates (`2000`, `2000-05`, `2000-05-24`) so that a fact known only to the
 * month is kept at that precision. JSON columns hold serialised text (portable to PostgreSQL).
 */

/** Columns every stored item carries: who may see it is decided from these two alone. */
export interface VisibilityColumns {
  visibility: Visibility;
  /**
   * The party the item belongs to (a delegation's party, a note's author party, a caucus
   * meeting's party). For a `caucus` item it is required, and only that party may see it.
   */
  party: string | null;
}

interface Timestamps {
  createdAt: ColumnType<string, string, never>;
  updatedAt: string;
}

export interface SourcesTable {
  id: string;
  title: string;
  publisher: string | null;
  publishedOn: string | null;
  reference: string | null;
  /** A disclaimer the source itself carries, kept verbatim. */
  disclaimer: string | null;
  /** The publisher's postal address, contact numbers and web address, as the source prints them. */
  publisherAddress: string | null;
  publisherFax: string | null;
  publisherEmail: string | null;
  publisherWebsite: string | null;
}

/** 0 or 1, stored as an integer (portable); 0 unless the writer says otherwise. */
type Reconstructed = ColumnType<number, number | undefined, number>;

export interface CouncilTable extends VisibilityColumns, Timestamps {
  id: string;
  name: string;
  shortName: string;
  foundingInstrument: string;
  foundedOn: string;
  /** JSON array of language codes, e.g. `["en","fr","ru"]`. */
  languages: string;
  description: string | null;
  sourceId: string | null;
  /** Moves with every proposal of a new description: what a request to publish one names. */
  descriptionVersion: Generated<number>;
  /** The description one party proposes (joint), while `descriptionProposedBy` is set. */
  proposedDescription: string | null;
  /** The party whose proposal waits; null when none does. */
  descriptionProposedBy: string | null;
  descriptionProposedAt: string | null;
}

/** One thing a source says about the council as a whole, with that source. */
export interface CouncilStatementsTable extends VisibilityColumns, Timestamps {
  id: string;
  councilId: string;
  position: number;
  text: string;
  /** Where another source words or dates it differently, or what the statement leaves open. */
  note: string | null;
  sourceId: string | null;
}

/**
 * How complete the record of a period is. No row for a period means the secretariat keeps
 * its own record, which is complete; the reference record of 1997-2002 lists only what its
 * sources name.
 */
export interface RecordCoverageTable extends VisibilityColumns, Timestamps {
  id: string;
  startsOn: string;
  endsOn: string | null;
  /** The level the row speaks of; null for every level. */
  level: MeetingLevel | null;
  /** 1 or 0: whether every meeting of the period and level is on record. */
  complete: number;
  reason: string;
  sourceId: string | null;
}

export interface CouncilPeriodsTable extends VisibilityColumns, Timestamps {
  id: string;
  councilId: string;
  status: CouncilStatus;
  /** What the council may discuss in a restricted period (e.g. KFOR matters only). */
  scope: string | null;
  startsOn: string;
  endsOn: string | null;
  description: string | null;
  sourceId: string | null;
}

export interface PartiesTable extends VisibilityColumns, Timestamps {
  id: string;
  name: string;
  shortName: string;
  /** What a bracketed alternative of the party is labelled with in plain text: NATO, RUS. */
  label: ColumnType<string, string | undefined, string>;
  /** JSON array: the party's names in the council's languages (for the alternat). */
  names: ColumnType<string, string | undefined, string>;
  /** The order in which a party's name appears in its own versions of joint texts (alternat). */
  position: number;
  /**
   * The highest marking (a classification's id) the party accepts on the texts both parties
   * share, as its admin declared it: a joint text is marked at most the lowest of them.
   */
  jointMarkingCeiling: ColumnType<string, string | undefined, string>;
  sourceId: string | null;
}

export interface DelegationsTable extends VisibilityColumns, Timestamps {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2, upper case; null for a party's own mission. */
  countryCode: string | null;
  joinedOn: string | null;
  leftOn: string | null;
  sourceId: string | null;
}

export interface PeopleTable extends VisibilityColumns, Timestamps {
  id: string;
  name: string;
  /** Rank or title used before the name, e.g. `Marshal`, `Lord`. */
  honorific: string | null;
  delegationId: string | null;
  sourceId: string | null;
}

export interface PostsTable extends VisibilityColumns, Timestamps {
  id: string;
  personId: string;
  title: string;
  delegationId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  sourceId: string | null;
}

export interface TopicsTable extends VisibilityColumns, Timestamps {
  id: string;
  name: string;
  parentId: string | null;
  description: string | null;
  sourceId: string | null;
}

export interface MeetingsTable extends VisibilityColumns, Timestamps {
  id: string;
  title: string;
  /** null only on historical records whose level no source states. */
  level: MeetingLevel | null;
  format: MeetingFormat;
  startsAt: string | null;
  endsAt: string | null;
  /** Partial ISO date of the meeting; always set, derived from startsAt when that is known. */
  date: string;
  venue: string | null;
  status: MeetingStatus;
  summary: string | null;
  /**
   * Increments on every change to what the parties agree to when they agree an agenda: the
   * agenda itself and the meeting's terms (title, level, time, venue, co-chairs). An agreement
   * holds only for the version agreed.
   */
  agendaVersion: number;
  /** Groups meetings created together by a cadence (`POST /api/meetings/series`). */
  seriesId: string | null;
  sourceId: string | null;
  /**
   * The IANA time zone the meeting was set in (`Europe/Brussels`): its calendar event shows
   * that zone's wall-clock time (TZID). `UTC` when none was given.
   */
  timeZone: ColumnType<string, string | undefined, string>;
  /**
   * iCalendar's SEQUENCE: counts the changes of what the meeting's calendar event shows (title,
   * times, zone, venue, status, summary), so that a calendar client replaces its copy.
   */
  sequence: ColumnType<number, number | undefined, number>;
}

export interface MeetingCoChairsTable extends VisibilityColumns {
  meetingId: string;
  role: CoChairRole;
  personId: string | null;
  delegationId: string | null;
  sourceId: string | null;
}

export interface MeetingAttendanceTable extends VisibilityColumns {
  meetingId: string;
  delegationId: string;
  /** Who represented the delegation, free text when the person is not on record. */
  representative: string | null;
  personId: string | null;
  sourceId: string | null;
}

export interface AgendaAgreementsTable extends VisibilityColumns {
  meetingId: string;
  userId: string;
  agendaVersion: number;
  agreedAt: string;
}

export interface AgendaItemsTable extends VisibilityColumns, Timestamps {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  outcome: string | null;
  chairedBy: CoChairRole | null;
  sourceId: string | null;
  /**
   * 1 when the record composed the item itself from what a source reports (the sources publish
   * no agendas, only what was discussed or decided); 0 for an item entered as an agenda item.
   */
  reconstructed: Reconstructed;
}

export interface AgendaItemTopicsTable {
  agendaItemId: string;
  topicId: string;
  /**
   * The audience of the item (`public`, `joint`, `caucus:<party>`), kept by the database's
   * triggers (migration 2026-12-03T1500): the topic's index starts with it, so that a caller
   * seeks only the links it may see.
   */
  audience: Generated<string>;
}

export interface AgendaItemActivitiesTable {
  agendaItemId: string;
  activityId: string;
}

export interface WorkProgrammesTable extends VisibilityColumns, Timestamps {
  id: string;
  year: number;
  title: string;
  description: string | null;
  /**
   * Increments when the programme's joint text changes (its fields, areas, joint and public
   * activities); a party's own caucus activities never move it, so the other party cannot
   * count them.
   */
  version: Generated<number>;
  sourceId: string | null;
}

export interface WorkProgrammeAreasTable extends VisibilityColumns, Timestamps {
  id: string;
  programmeId: string;
  position: number;
  title: string;
  sourceId: string | null;
}

export interface ActivitiesTable extends VisibilityColumns, Timestamps {
  id: string;
  programmeId: string;
  areaId: string | null;
  title: string;
  topicId: string | null;
  lead: ActivityLead;
  level: MeetingLevel | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  status: ActivityStatus;
  sourceId: string | null;
}

export interface ActivityProgressTable extends VisibilityColumns {
  id: string;
  activityId: string;
  on: string;
  text: string;
  userId: string | null;
  createdAt: string;
}

export interface DecisionsTable extends VisibilityColumns, Timestamps {
  id: string;
  subject: string;
  text: string;
  /** What an agreed decision approves, as a typed reference (kind, id); both null for none. */
  approvesKind: ApprovableKind | null;
  approvesId: string | null;
  status: DecisionStatus;
  /**
   * Increments whenever what a party concurs in changes: the text, or the content of what it
   * approves. A response names the version it answered.
   */
  version: Generated<number>;
  meetingId: string | null;
  /** The user who proposed it; `party` is the proposing party. */
  proposedBy: string | null;
  decidedOn: string | null;
  sourceId: string | null;
}

export interface DecisionResponsesTable extends VisibilityColumns {
  decisionId: string;
  userId: string | null;
  response: ResponseKind;
  /** The decision's version the party answered. */
  version: number;
  comment: string | null;
  at: string;
}

export interface NotesTable extends VisibilityColumns, Timestamps {
  id: string;
  text: string;
  authorId: string | null;
  meetingId: string | null;
  agendaItemId: string | null;
  decisionId: string | null;
}

export interface OfficesTable extends VisibilityColumns, Timestamps {
  id: string;
  name: string;
  kind: OfficeKind;
  location: string | null;
  status: OfficeStatus;
  /** Increments when what the parties agree to changes (name, kind, location, instrument). */
  version: Generated<number>;
  proposedOn: string | null;
  agreedOn: string | null;
  openedOn: string | null;
  closedOn: string | null;
  /** The instrument that set the office up, e.g. an exchange of letters. */
  establishedBy: string | null;
  sourceId: string | null;
}

export interface OperationsTable extends VisibilityColumns, Timestamps {
  id: string;
  name: string;
  fullName: string;
  location: string | null;
  mandate: string | null;
  sourceId: string | null;
}

export interface OperationStrengthsTable extends VisibilityColumns {
  id: string;
  operationId: string;
  /** null for the operation's total strength; otherwise the contributing party or delegation. */
  contributor: string | null;
  troops: number;
  /** The source's own qualifier: `about`, `some`, `approximately`; null when exact. */
  qualifier: string | null;
  asOf: string;
  sourceId: string | null;
}

export interface TimelineEventsTable extends VisibilityColumns, Timestamps {
  id: string;
  date: string;
  title: string;
  description: string | null;
  kind: string;
  sourceId: string | null;
  /** 1 when the record worked part of the event out itself (e.g. its date); the description says how. */
  reconstructed: Reconstructed;
}

export interface UsersTable extends Timestamps {
  id: string;
  /** Unique within the party only: a name tells nothing about the other party's accounts. */
  username: string;
  displayName: string | null;
  party: string;
  /** JSON array of roles. */
  roles: string;
  passwordHash: string;
  disabledAt: string | null;
  /**
   * 1 when someone else chose the password (an admin's reset, an account an admin made): a
   * session of this user may do nothing but choose a new one.
   */
  mustChangePassword: ColumnType<number, number | undefined, number>;
  /** When an admin last reset the password, and who asked and who confirmed (null: the operator). */
  passwordResetAt: string | null;
  passwordResetBy: string | null;
  passwordResetConfirmedBy: string | null;
  /** The highest classification the user may read (classifications.id). */
  clearance: ColumnType<string, string | undefined, string>;
  /** The delegation of its party the user belongs to, if any (silence is broken per delegation). */
  delegationId: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * What one admin asked for that a second admin of the same party must confirm before it
 * applies: a `role` grant of chair or admin, or a `password-reset` of a user who holds one.
 */
export interface RoleGrantsTable {
  id: string;
  userId: string;
  party: string;
  kind: RoleGrantKind;
  /** The role to grant; null for a password reset. */
  role: ConfirmedRole | null;
  /** The new password's hash while a reset is pending; null once decided. */
  passwordHash: string | null;
  requestedBy: string;
  requestedAt: string;
  status: RoleGrantStatus;
  decidedBy: string | null;
  decidedAt: string | null;
}

/**
 * Sign-in attempts per account name (party and username, as typed, whether or not the
 * account exists) in the current window; a successful sign-in removes its own row only.
 */
export interface SignInAttemptsTable {
  party: string;
  username: string;
  count: number;
  windowStartedAt: string;
}

/** Sign-in attempts per client address and window, shared by every instance. */
export interface AddressAttemptsTable {
  address: string;
  count: number;
  windowStartedAt: string;
}

export interface SessionsTable {
  /** SHA-256 of the session secret: a stolen database holds no usable session. */
  id: string;
  userId: string;
  kind: SessionKind;
  csrfToken: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

/**
 * A user's private calendar feed: a secret URL a calendar app subscribes to, showing what that
 * user may see. Only the SHA-256 of the secret is stored, as for sessions.
 */
export interface CalendarFeedsTable {
  /** The feed's public id, to list and revoke it by; never the secret. */
  id: string;
  tokenHash: string;
  userId: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface AuditEventsTable extends VisibilityColumns {
  /** Commit order; never shown to a caller (its gaps would count what the caller cannot see). */
  id: Generated<number>;
  /** `public`, `joint` or `caucus:<party>`: who may read the entry. */
  audience: string;
  /** The entry's number within its audience: 1, 2, 3 ... with no gaps. */
  seq: number;
  at: string;
  actorId: string | null;
  actorParty: string | null;
  action: QualifiedAction;
  entityType: EntityType;
  entityId: string;
  before: string | null;
  after: string | null;
}

/** The outbox: one row per recorded change, in commit order, for live updates and the log. */
export interface ChangeEventsTable {
  id: Generated<number>;
  audience: string;
  seq: number;
  at: string;
  entityType: EntityType;
  entityId: string;
  action: QualifiedAction;
  auditEventId: number;
}

/** Where each searchable item's document lives: its audience's full-text table, by rowid. */
export interface SearchDocumentsTable {
  id: Generated<number>;
  entityType: EntityType;
  entityId: string;
  audience: string;
}

/** A party's request that an item both parties made become public, for one version of it. */
export interface PublicationRequestsTable {
  entityType: EntityType;
  entityId: string;
  party: string;
  version: number;
  userId: string | null;
  requestedAt: string;
}

export interface ClassificationsTable {
  id: string;
  name: string;
  /** Higher is more restricted; a user reads markings up to its clearance's rank. */
  rank: number;
  description: string | null;
}

export interface TextsTable extends VisibilityColumns {
  id: string;
  kind: TextKind;
  title: string;
  refKind: 'meeting' | 'decision' | null;
  refId: string | null;
  classification: string;
  /** JSON array of party ids the text may be released to; null for every party. */
  releasableTo: string | null;
  originalLanguage: string;
  /** JSON array of the language codes the text needs (the council's languages). */
  languages: string;
  state: TextState;
  /** The current version: every change makes a new one. */
  version: number;
  /** The current version's text in the original language, brackets as their first wording: what search reads. */
  plain: string;
  /** Its number in the council's series, given at adoption. */
  number: string | null;
  /** For a chair's statement: the party whose chair issued it alone. */
  chairParty: string | null;
  /** On a party's caucus draft: the joint text it was tabled as (seen by that party only). */
  tabledAs: string | null;
  silenceDeadline: string | null;
  silenceTimeZone: string | null;
  silenceStartedBy: string | null;
  adoptedAt: string | null;
  publishedAt: string | null;
  sourceId: string | null;
  reconstructed: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface TextVersionsTable extends VisibilityColumns {
  textId: string;
  version: number;
  /** The Content (src/shared/text-content.ts) as JSON. */
  content: string;
  at: string;
  byParty: string | null;
  userId: string | null;
  /** What changed, in a few words: "tabled", "NATO proposed an alternative in p2". */
  summary: string;
}

export interface TextAgreementsTable extends VisibilityColumns {
  textId: string;
  /** `ad-ref`, `concur`, or `authentic:<language>`. */
  kind: string;
  byParty: string;
  version: number;
  userId: string | null;
  at: string;
}

export interface TextStatementsTable extends VisibilityColumns {
  id: string;
  textId: string;
  kind: 'interpretative' | 'reservation';
  byParty: string;
  text: string;
  userId: string | null;
  at: string;
}

export interface SilenceParticipantsTable extends VisibilityColumns {
  textId: string;
  participant: string;
  participantKind: 'party' | 'delegation';
}

export interface SilenceBreaksTable extends VisibilityColumns {
  id: string;
  textId: string;
  participant: string;
  userId: string | null;
  reason: string;
  amendment: string | null;
  version: number;
  at: string;
}

export interface TextSeriesTable {
  audience: string;
  year: number;
  last: number;
}

export interface AdoptionRecordsTable extends VisibilityColumns {
  textId: string;
  /** RFC 8785 canonical JSON of the adopted text, its languages, metadata and procedure. */
  canonical: string;
  sha256: string;
  at: string;
}

export interface PartyKeysTable {
  id: string;
  /** null for the server's own key (system events). */
  party: string | null;
  /** Ed25519 public key, SPKI DER in base64. */
  publicKey: string;
  /** Set only for a key the server holds for a party (encrypted with COUNCIL_SECRET). */
  privateKey: string | null;
  note: string | null;
  registeredAt: string;
  retiredAt: string | null;
  /** party (registered by it), server-held, reference (reconstructed texts) or server. */
  kind: Generated<PartyKeyKind>;
}

export type PartyKeyKind = 'party' | 'server-held' | 'reference' | 'server';

export interface TextSignaturesTable extends VisibilityColumns {
  textId: string;
  byParty: string;
  keyId: string;
  /** Ed25519 signature of the adoption record's SHA-256, base64. */
  signature: string;
  at: string;
}

export interface RecordLogTable {
  id: Generated<number>;
  audience: string;
  seq: number;
  at: string;
  kind: string;
  entityType: string;
  entityId: string;
  payload: string;
  prevHash: string;
  hash: string;
  signerKeyId: string | null;
  signature: string | null;
}

export interface NotificationsTable {
  id: string;
  userId: string;
  kind: string;
  entityType: string;
  entityId: string;
  message: string;
  at: string;
  readAt: string | null;
}

/**
 * A notice a change left for the readers of a text, handed out after its commit
 * (modules/notifications/deliver-notifications.ts) and deleted as it is.
 */
export interface PendingNotificationsTable {
  id: string;
  textId: string;
  kind: string;
  message: string;
  /** JSON array of silence participants the notice is narrowed to; null for every reader. */
  narrowTo: string | null;
  /** The user who acted, who is not told of it. */
  actorUserId: string | null;
  /** The delivery key of the last reader told (see deliverNotifications); null before any. */
  deliveredThrough: string | null;
  at: string;
}

export interface Database {
  sources: SourcesTable;
  council: CouncilTable;
  councilStatements: CouncilStatementsTable;
  councilPeriods: CouncilPeriodsTable;
  recordCoverage: RecordCoverageTable;
  parties: PartiesTable;
  delegations: DelegationsTable;
  people: PeopleTable;
  posts: PostsTable;
  topics: TopicsTable;
  meetings: MeetingsTable;
  meetingCoChairs: MeetingCoChairsTable;
  meetingAttendance: MeetingAttendanceTable;
  agendaAgreements: AgendaAgreementsTable;
  agendaItems: AgendaItemsTable;
  agendaItemTopics: AgendaItemTopicsTable;
  agendaItemActivities: AgendaItemActivitiesTable;
  workProgrammes: WorkProgrammesTable;
  workProgrammeAreas: WorkProgrammeAreasTable;
  activities: ActivitiesTable;
  activityProgress: ActivityProgressTable;
  decisions: DecisionsTable;
  decisionResponses: DecisionResponsesTable;
  notes: NotesTable;
  offices: OfficesTable;
  operations: OperationsTable;
  operationStrengths: OperationStrengthsTable;
  timelineEvents: TimelineEventsTable;
  users: UsersTable;
  sessions: SessionsTable;
  roleGrants: RoleGrantsTable;
  signInAttempts: SignInAttemptsTable;
  addressAttempts: AddressAttemptsTable;
  calendarFeeds: CalendarFeedsTable;
  auditEvents: AuditEventsTable;
  changeEvents: ChangeEventsTable;
  searchDocuments: SearchDocumentsTable;
  publicationRequests: PublicationRequestsTable;
  classifications: ClassificationsTable;
  texts: TextsTable;
  textVersions: TextVersionsTable;
  textAgreements: TextAgreementsTable;
  textStatements: TextStatementsTable;
  silenceParticipants: SilenceParticipantsTable;
  silenceBreaks: SilenceBreaksTable;
  textSeries: TextSeriesTable;
  adoptionRecords: AdoptionRecordsTable;
  partyKeys: PartyKeysTable;
  textSignatures: TextSignaturesTable;
  recordLog: RecordLogTable;
  notifications: NotificationsTable;
  pendingNotifications: PendingNotificationsTable;
}

export type TableName = keyof Database;
export type Row<T extends TableName> = Selectable<Database[T]>;
export type NewRow<T extends TableName> = Insertable<Database[T]>;
export type RowUpdate<T extends TableName> = Updateable<Database[T]>;
