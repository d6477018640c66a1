import type { TextListQuery, TextSummary } from '../../../shared/texts.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import { unionAllOf } from '../../db/union-all.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { audienceConditions } from '../access/visibility.policy.ts';
import { markingNames, toSummary } from './text.view.ts';
import { readableTexts } from './texts.repository.ts';

/** The texts the caller may read (visibility and marking), newest first, by state, kind or ref. */
export async function listTexts(
  deps: Deps,
  actor: Actor,
  query: TextListQuery,
): Promise<{ items: TextSummary[]; nextCursor: string | null }> {
  const rows = await textsPage(deps.db, actor, query).execute();
  const markings = await markingNames(deps.db);
  return toPage(
    rows,
    query.limit,
    (r) => [r.createdAt, r.id],
    (r) => toSummary(r, markings),
  );
}

/**
 * One page of the list, one more text than asked for. Each audience the caller may see
 * (public, joint, its party's caucus) is read on an index of that audience's texts only,
 * newest first (migration 2026-12-07T1500), and the pages merged: the other party's caucus
 * drafts are never walked, so however many it writes, the list takes the same time
 * (bench/hidden-texts.ts). The marking is tested on each text of the caller's audiences.
 */
export function textsPage(db: Executor, actor: Actor, query: TextListQuery) {
  const pageOf = audienceConditions(actor, 'texts', { sharedApart: true }).map((audience) => {
    let q = db
      .selectFrom('texts')
      .selectAll()
      .where(audience)
      .where(readableTexts(actor, 'texts'))
      .orderBy('texts.createdAt', 'desc')
      .orderBy('texts.id', 'desc')
      .limit(query.limit + 1);
    if (query.state) q = q.where('texts.state', '=', query.state);
    if (query.kind) q = q.where('texts.kind', '=', query.kind);
    if (query.refKind) q = q.where('texts.refKind', '=', query.refKind);
    if (query.refId) q = q.where('texts.refId', '=', query.refId);
    if (query.cursor) {
      q = q.where(afterCursor(['texts.createdAt', 'texts.id'], query.cursor, 'desc'));
    }
    return db.selectFrom(q.as('audience')).selectAll();
  });
  return db
    .selectFrom(unionAllOf(pageOf).as('merged'))
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
}
