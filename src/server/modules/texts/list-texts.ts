import type { TextListQuery, TextSummary } from '../../../shared/texts.schemas.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { markingNames, toSummary } from './text.view.ts';
import { readableTexts } from './texts.repository.ts';

/** The texts the caller may read (visibility and marking), newest first, by state, kind or ref. */
export async function listTexts(
  deps: Deps,
  actor: Actor,
  query: TextListQuery,
): Promise<{ items: TextSummary[]; nextCursor: string | null }> {
  let q = deps.db
    .selectFrom('texts')
    .selectAll()
    .where(readableTexts(actor, 'texts'))
    .orderBy('texts.createdAt', 'desc')
    .orderBy('texts.id', 'desc')
    .limit(query.limit + 1);
  if (query.state) q = q.where('texts.state', '=', query.state);
  if (query.kind) q = q.where('texts.kind', '=', query.kind);
  if (query.refKind) q = q.where('texts.refKind', '=', query.refKind);
  if (query.refId) q = q.where('texts.refId', '=', query.refId);
  if (query.cursor) q = q.where(afterCursor(['texts.createdAt', 'texts.id'], query.cursor, 'desc'));
  const rows = await q.execute();
  const markings = await markingNames(deps.db);
  return toPage(
    rows,
    query.limit,
    (r) => [r.createdAt, r.id],
    (r) => toSummary(r, markings),
  );
}
