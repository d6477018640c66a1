import type { EntityType } from '../../../shared/entities.ts';
import type { Visibility } from '../../../shared/vocabularies.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Visible } from '../access/visibility.policy.ts';

/**
 * What both parties make together: the council's own description, a joint meeting with its
 * agenda and record, a decision, a work programme, an office. Making one of them public is a decision of both, so it happens only
 * when each party has asked (POST .../publish) for the same version. Everything else (a
 * party's own reference records: people, delegations, topics, timeline events, operations) is
 * a party's own contribution, which it may publish alone.
 */
export const MADE_BY_BOTH = [
  'council',
  'meeting',
  'decision',
  'workProgramme',
  'office',
  'text',
] as const satisfies readonly EntityType[];
export type MadeByBoth = (typeof MADE_BY_BOTH)[number];

const PUBLISH_ROUTE: Record<MadeByBoth, string> = {
  council: 'POST /api/council/description-proposal/publish',
  meeting: 'POST /api/meetings/{id}/publish',
  decision: 'POST /api/decisions/{id}/publish',
  workProgramme: 'POST /api/work-programmes/{year}/publish',
  office: 'POST /api/offices/{id}/publish',
  text: 'POST /api/texts/{id}/publish',
};

/**
 * Refuses to make public, by one party's hand, something both parties made: at creation or by
 * widening. NeedsBothParties, naming the route through which each party asks instead.
 */
export function assertNotPublishedAlone(
  entity: MadeByBoth,
  requested: Visibility | undefined,
  current: Visibility | null = null,
): void {
  if (requested !== 'public' || current === 'public') return;
  throw new DomainError(
    'NeedsBothParties',
    `a ${entity} is made by both parties and becomes public only when both publish it: each asks with ${PUBLISH_ROUTE[entity]}`,
    [{ field: 'visibility', message: `publish through ${PUBLISH_ROUTE[entity]}` }],
  );
}

/** What a party does instead of changing a public item alone. */
const ONCE_PUBLIC: Record<MadeByBoth, string> = {
  council: 'propose a new description (PUT /api/council/description-proposal) instead',
  meeting: 'add to its record with a text both adopt and publish (a summary record)',
  decision: 'propose a new decision instead',
  workProgramme: "report its execution (activities' status, progress notes) instead",
  office: 'record its opening or closing instead',
  text: 'an adopted text has no later version',
};

/**
 * A public item made by both shows everyone what both parties published. One party changing it
 * would show the public, under both names, what the other never agreed to publish, and a public
 * item never becomes joint again to be agreed anew: it stays as published (AlreadyAgreed,
 * naming each field the caller tried to change, when there are fields to name). What records
 * what happened rather than what was said (a meeting's status, an office opening, an
 * activity's progress) is no such change and stays open.
 */
export function assertPublishedKept(
  entity: MadeByBoth,
  item: { visibility: Visibility },
  changed?: readonly string[],
): void {
  if (item.visibility !== 'public' || changed?.length === 0) return;
  throw new DomainError(
    'AlreadyAgreed',
    `this ${entity} is public: it shows what both parties published, which one party cannot change; ${ONCE_PUBLIC[entity]}`,
    changed?.map((field) => ({ field, message: 'published by both parties' })),
  );
}

/** Something an item shows once public: `what` it names, through which `field`. */
export interface NamedItem {
  field: string;
  what: string;
  item: Visible;
}

/**
 * Publishing shows an item, and the record published with it, to everyone, with everything
 * they name: a public decision names its meeting and what it approves, a public agenda item its
 * topics. An item never names one narrower than itself (assertReferenceFits), so publication
 * waits until everything named is public: VisibilityTooWide naming each that is not, to be
 * published (or widened by its party) first. Nothing else is widened on the way: what a party
 * keeps to itself, or both keep from the public, stays so until they say otherwise.
 */
export function assertNamesOnlyPublic(entity: MadeByBoth, named: readonly NamedItem[]): void {
  const narrower = named.filter((n) => n.item.visibility !== 'public');
  if (narrower.length === 0) return;
  throw new DomainError(
    'VisibilityTooWide',
    `a public ${entity} cannot name what is not public: publish ${narrower.map((n) => n.what).join(', ')} first`,
    narrower.map((n) => ({
      field: n.field,
      message: `names ${n.what}, which is ${n.item.visibility}: make it public first`,
    })),
  );
}
