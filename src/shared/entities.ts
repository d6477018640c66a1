/**
 * The one registry of what the council stores and what can happen to it. The audit trail,
 * the change events, the search index, the export and the result URLs all name entities and
 * actions from here, so an action written in one place and spelled differently in another
 * (`agenda-item.create` beside `agendaItem`) cannot compile.
 *
 * An audit entry's `action` is `<entity>.<verb>`, e.g. `decision.concur`.
 */

/** Verbs every entity has: the reference loader creates and corrects rows of any kind. */
const LOADED = ['seed-create', 'seed-update'] as const;

export const ENTITY_ACTIONS = {
  source: [...LOADED],
  party: ['set-joint-marking-ceiling', ...LOADED],
  council: [
    'update',
    'propose-description',
    'withdraw-description',
    'request-publication',
    ...LOADED,
  ],
  councilPeriod: ['create', 'update', ...LOADED],
  councilStatement: [...LOADED],
  recordCoverage: [...LOADED],
  delegation: ['create', 'update', ...LOADED],
  person: ['create', 'update', ...LOADED],
  post: ['create', 'update', ...LOADED],
  topic: ['create', 'update', ...LOADED],
  meeting: [
    'create',
    'update',
    'delete',
    'set-co-chairs',
    'set-attendance',
    'reorder-agenda',
    'agree-agenda',
    'void-agreements',
    'request-publication',
    'publish',
    ...LOADED,
  ],
  meetingCoChair: [...LOADED],
  meetingAttendance: [...LOADED],
  agendaAgreement: [...LOADED],
  agendaItem: ['create', 'update', 'record-outcome', 'delete', ...LOADED],
  agendaItemTopic: [...LOADED],
  agendaItemActivity: [...LOADED],
  workProgramme: ['create', 'update', 'request-publication', 'publish', ...LOADED],
  workProgrammeArea: ['create', 'update', ...LOADED],
  activity: ['create', 'update', ...LOADED],
  activityProgress: ['create', 'update', ...LOADED],
  decision: [
    'create',
    'update',
    'withdraw',
    'concur',
    'decline',
    'agree',
    'reject',
    'request-publication',
    'publish',
    ...LOADED,
  ],
  decisionResponse: [...LOADED],
  note: ['create', 'update', 'delete', 'detach'],
  office: [
    'create',
    'update',
    'agree',
    'open',
    'close',
    'request-publication',
    'publish',
    ...LOADED,
  ],
  operation: ['create', 'update', ...LOADED],
  operationStrength: ['create', 'update', ...LOADED],
  timelineEvent: ['create', 'update', ...LOADED],
  text: [
    'create',
    'edit',
    'table',
    'propose-alternative',
    'withdraw-alternative',
    'accept-alternative',
    'translate',
    'authenticate-language',
    'agree-ad-ref',
    'reopen',
    'concur',
    'start-silence',
    'break-silence',
    'lodge-statement',
    'adopt',
    'request-publication',
    'publish',
    'issue',
    'withdraw',
    'change-marking',
    'sign',
    ...LOADED,
  ],
  partyKey: ['register', 'retire', ...LOADED],
  user: [
    'create',
    'update',
    'disable',
    'enable',
    'sign-in',
    'create-token',
    'revoke-token',
    'request-role',
    'confirm-role',
    'reject-role',
    'request-password-reset',
    'reject-password-reset',
    'withdraw-request',
    'reset-password',
    'change-password',
    'create-calendar-feed',
    'revoke-calendar-feed',
  ],
} as const satisfies Record<string, readonly string[]>;

export type EntityType = keyof typeof ENTITY_ACTIONS;
export type ActionOf<E extends EntityType> = (typeof ENTITY_ACTIONS)[E][number];

/** `<entity>.<verb>`, as the audit trail and the change events spell an action. */
export type QualifiedAction = {
  [E in EntityType]: `${E}.${ActionOf<E>}`;
}[EntityType];

export const ENTITY_TYPES = Object.keys(ENTITY_ACTIONS) as EntityType[];

export const QUALIFIED_ACTIONS = ENTITY_TYPES.flatMap((entity) =>
  ENTITY_ACTIONS[entity].map((verb) => `${entity}.${verb}`),
) as QualifiedAction[];

export function qualify<E extends EntityType>(entity: E, action: ActionOf<E>): QualifiedAction {
  return `${entity}.${action}` as QualifiedAction;
}

/** The entities the full-text search indexes (search-documents.ts builds their text). */
export const SEARCHABLE_TYPES = [
  'meeting',
  'agendaItem',
  'workProgramme',
  'activity',
  'activityProgress',
  'decision',
  'note',
  'office',
  'operation',
  'timelineEvent',
  'topic',
  'person',
  'delegation',
  'text',
] as const satisfies readonly EntityType[];
export type SearchableType = (typeof SEARCHABLE_TYPES)[number];

/**
 * A typed reference from one item to another (what a decision approves, what a text belongs
 * to): the kind is an entity type, checked against the registry, and the id that entity's key.
 */
export interface EntityRef<K extends EntityType = EntityType> {
  kind: K;
  id: string;
}

/** One (entity, action) pair, checked against the registry. */
export type EntityAction = { [E in EntityType]: readonly [E, ActionOf<E>] }[EntityType];

/**
 * The record events: what the hash-chained record log keeps (modules/record). The unit of work
 * appends an entry for each of these, in the transaction of the change, and for nothing else.
 */
export const RECORD_EVENTS = [
  ['text', 'adopt'],
  ['text', 'issue'],
  ['text', 'publish'],
  ['text', 'change-marking'],
  ['text', 'break-silence'],
  ['text', 'sign'],
  ['partyKey', 'register'],
  ['partyKey', 'retire'],
] as const satisfies readonly EntityAction[];

const RECORD_EVENT_NAMES = new Set<string>(RECORD_EVENTS.map(([e, a]) => `${e}.${a}`));

/** Whether a change of `entity` by `action` is a record event. */
export function isRecordEvent(entity: EntityType, action: string): boolean {
  return RECORD_EVENT_NAMES.has(`${entity}.${action}`);
}
