import type { EntityType } from '../../../shared/entities.ts';
import type { Audience } from '../access/audience.ts';

/**
 * Where a subscriber stands in its stream: for each audience it belongs to, the number (within
 * that audience) of the last event it received. The SSE event id is this position, written as
 * the numbers in the order of the caller's audiences (`public.joint.caucus`, or `public` for an
 * anonymous caller): it counts only what the caller may see, so an event of another audience
 * never leaves a gap, and resuming from it (Last-Event-ID) names exactly what was received.
 */
export type Position = ReadonlyMap<Audience, number>;

export function formatEventId(audiences: readonly Audience[], position: Position): string {
  return audiences.map((audience) => String(position.get(audience) ?? 0)).join('.');
}

const SEQ = /^(0|[1-9][0-9]{0,14})$/;

/** The position an event id names for these audiences; null for anything this stream never sent. */
export function parseEventId(audiences: readonly Audience[], text: string): Position | null {
  const parts = text.split('.');
  if (parts.length !== audiences.length || !parts.every((part) => SEQ.test(part))) return null;
  return new Map(audiences.map((audience, i) => [audience, Number(parts[i])]));
}

/** What an entity's parent is called in its stored row, for those read through their parent. */
const READ_THROUGH: Partial<
  Record<EntityType, { field: string; url: (parent: string) => string }>
> = {
  agendaItem: { field: 'meetingId', url: (id) => `/api/meetings/${id}` },
  agendaAgreement: { field: 'meetingId', url: (id) => `/api/meetings/${id}` },
  meetingCoChair: { field: 'meetingId', url: (id) => `/api/meetings/${id}` },
  meetingAttendance: { field: 'meetingId', url: (id) => `/api/meetings/${id}` },
  decisionResponse: { field: 'decisionId', url: (id) => `/api/decisions/${id}` },
  operationStrength: { field: 'operationId', url: (id) => `/api/operations/${id}` },
};

const OWN_URL: Partial<Record<EntityType, (id: string) => string>> = {
  source: (id) => `/api/sources/${id}`,
  party: (id) => `/api/parties/${id}`,
  council: () => '/api/council',
  councilPeriod: (id) => `/api/council/periods/${id}`,
  delegation: (id) => `/api/delegations/${id}`,
  person: (id) => `/api/people/${id}`,
  topic: (id) => `/api/topics/${id}`,
  meeting: (id) => `/api/meetings/${id}`,
  decision: (id) => `/api/decisions/${id}`,
  note: (id) => `/api/notes/${id}`,
  office: (id) => `/api/offices/${id}`,
  operation: (id) => `/api/operations/${id}`,
  timelineEvent: (id) => `/api/timeline/${id}`,
  text: (id) => `/api/texts/${id}`,
};

/**
 * The API address to re-read after a change: the entity's own, or its parent's for an entity
 * read through its parent (an agenda item through its meeting), from the stored row the change
 * recorded; null where no route reads the entity alone. An address only: what the caller then
 * reads is filtered by the read route itself.
 */
export function rereadUrl(
  entity: EntityType,
  id: string,
  row: Record<string, unknown> | null,
): string | null {
  const own = OWN_URL[entity];
  if (own) return own(encodeURIComponent(id));
  const through = READ_THROUGH[entity];
  const parent = row?.[through?.field ?? ''];
  if (through && typeof parent === 'string') return through.url(encodeURIComponent(parent));
  return null;
}
