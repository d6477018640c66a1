import type { Decision, DecisionListQuery } from '../../../shared/decisions.schemas.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { selectDecisions, toDecision } from './decision.repository.ts';

/** Decisions the caller may see, newest first, by status, meeting or what they approve. */
export async function listDecisions(
  deps: Deps,
  actor: Actor,
  query: DecisionListQuery,
): Promise<{ items: Decision[]; nextCursor: string | null }> {
  let q = selectDecisions(deps.db, actor)
    .orderBy('decisions.createdAt', 'desc')
    .orderBy('decisions.id', 'desc')
    .limit(query.limit + 1);
  if (query.status) q = q.where('decisions.status', '=', query.status);
  if (query.meetingId) q = q.where('decisions.meetingId', '=', query.meetingId);
  if (query.approvesKind) q = q.where('decisions.approvesKind', '=', query.approvesKind);
  if (query.approvesId) q = q.where('decisions.approvesId', '=', query.approvesId);
  if (query.cursor) {
    q = q.where(afterCursor(['decisions.createdAt', 'decisions.id'], query.cursor, 'desc'));
  }
  const rows = await q.execute();
  return toPage(
    rows,
    query.limit,
    (r) => [r.createdAt, r.id],
    (r) => toDecision(actor, r),
  );
}
