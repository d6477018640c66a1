/**
 * Every closed vocabulary of the council, declared once. The zod schemas (and so the API and
 * the OpenAPI document), the database types in src/server/db/schema.ts and the CLI's choices
 * are derived from these lists; the database's own CHECK constraints and triggers are frozen
 * copies in the migrations, and src/server/db/vocabularies.test.ts fails when a copy and its
 * list disagree.
 */

/** Who may see an item: anyone, both parties, or one party only (its caucus). */
export const VISIBILITIES = ['public', 'joint', 'caucus'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** What a user may do; roles are not ranked (see access/roles.policy.ts). */
export const ROLES = ['member', 'secretary', 'chair', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that speak or decide for a whole party: granting one needs a second admin. */
export const CONFIRMED_ROLES = ['chair', 'admin'] as const satisfies readonly Role[];
export type ConfirmedRole = (typeof CONFIRMED_ROLES)[number];

/**
 * What a second admin confirms: granting a confirmed role, or resetting the password of a
 * user who holds one (whoever knows the new password holds the role's powers).
 */
export const ROLE_GRANT_KINDS = ['role', 'password-reset'] as const;
export type RoleGrantKind = (typeof ROLE_GRANT_KINDS)[number];

/** `withdrawn`: no longer asked for (superseded by a later change of the same user). */
export const ROLE_GRANT_STATUSES = ['pending', 'confirmed', 'rejected', 'withdrawn'] as const;
export type RoleGrantStatus = (typeof ROLE_GRANT_STATUSES)[number];

/** The levels the Founding Act names for the council's meetings. */
export const LEVELS = [
  'summit',
  'foreign-ministers',
  'defence-ministers',
  'ambassadors',
  'chiefs-of-defence',
  'military-representatives',
  'experts',
] as const;
export type MeetingLevel = (typeof LEVELS)[number];

export const COUNCIL_STATUSES = ['active', 'suspended', 'restricted'] as const;
export type CouncilStatus = (typeof COUNCIL_STATUSES)[number];

export const MEETING_FORMATS = ['joint', 'caucus'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const CO_CHAIR_ROLES = ['secretary-general', 'rotating', 'russia'] as const;
export type CoChairRole = (typeof CO_CHAIR_ROLES)[number];

export const AGENDA_STATUSES = ['draft', 'agreed', 'not-recorded', 'not-required'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

export const ACTIVITY_STATUSES = ['planned', 'under-way', 'done', 'dropped'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ACTIVITY_LEADS = ['nato', 'russia', 'joint'] as const;
export type ActivityLead = (typeof ACTIVITY_LEADS)[number];

export const DECISION_STATUSES = ['proposed', 'agreed', 'declined', 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const RESPONSE_KINDS = ['concur', 'decline'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export const OFFICE_STATUSES = ['proposed', 'agreed', 'open', 'closed'] as const;
export type OfficeStatus = (typeof OFFICE_STATUSES)[number];

export const OFFICE_KINDS = [
  'information-office',
  'military-liaison-mission',
  'mission',
  'other',
] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const SESSION_KINDS = ['session', 'token'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** What a decision can approve: the kinds of a typed reference in `approves`. */
export const APPROVABLE_KINDS = ['workProgramme', 'office'] as const;
export type ApprovableKind = (typeof APPROVABLE_KINDS)[number];

/** The kinds of text a joint council negotiates and issues. */
export const TEXT_KINDS = [
  'joint-statement',
  'communique',
  'press-statement',
  'chair-statement',
  'summary-record',
  'work-programme',
  'exchange-of-letters',
  'decision-sheet',
] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

/**
 * A text's life: a party's caucus `draft`, `tabled` for negotiation, agreed `ad-ref` by the
 * negotiators, `under-silence`, `adopted`, `published`; or `withdrawn`.
 */
export const TEXT_STATES = [
  'draft',
  'tabled',
  'ad-ref',
  'under-silence',
  'adopted',
  'published',
  'withdrawn',
] as const;
export type TextState = (typeof TEXT_STATES)[number];

export const STATEMENT_KINDS = ['interpretative', 'reservation'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/**
 * The classification marking that restricts no reader: a published text carries it. Every
 * other marking of the council's scheme (the classifications table, lowest rank first) is
 * read only by users cleared for it.
 */
export const PUBLIC_MARKING = 'public-disclosed';
