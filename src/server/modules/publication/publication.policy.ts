import type { EntityType } from '../../../shared/entities.ts';
import type { Visibility } from '../../../shared/vocabularies.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Visible } from '../access/visibility.policy.ts';

/**
 * What both parties make together: a joint meeting with its agenda and record, a decision, a
 * work programme, an office. Making one of them public is a decision of both, so it happens only
 * when each party has asked (POST .../publish) for the same version. Everything else (a
 * party's own reference records: people, delegations, topics, timeline events, operations) is
 * a party's own contribution, which it may publish alone.
 */
export const MADE_BY_BOTH = [
  'meeting',
  'decision',
  'workProgramme',
  'office',
  'text',
] as const satisfies readonly EntityType[];
export type MadeByBoth = (typeof MADE_BY_BOTH)[number];

const PUBLISH_ROUTE: Record<MadeByBoth, string> = {
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
