import type { EntityType } from '../../../shared/entities.ts';
import type { Visibility } from '../../../shared/vocabularies.ts';
import { DomainError } from '../../domain/errors.ts';

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
    [{ field: 'body.visibility', message: `publish through ${PUBLISH_ROUTE[entity]}` }],
  );
}
